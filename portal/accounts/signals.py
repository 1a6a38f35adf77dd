"""Signal handlers of the accounts app (connected in AccountsConfig.ready)."""

from allauth.mfa.models import Authenticator

from portal.accounts.middleware import MFA_SESSION_KEY


def remember_mfa_setup(sender, request, user, authenticator, **kwargs):
    """Setting up an authenticator proves the second factor for this session: the user just
    typed a code from it, so the admin need not ask for another one right away."""
    if request is None or authenticator.type == Authenticator.Type.RECOVERY_CODES:
        return
    request.session[MFA_SESSION_KEY] = str(user.pk)
