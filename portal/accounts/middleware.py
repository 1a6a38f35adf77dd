"""Who may enter the Wagtail admin, decided before Wagtail sees the request.

- Anonymous visitors go to allauth's sign-in, with `next` back to where they were going.
- Signed-in users without admin access (network partners, steering group, plain users) get
  a clear 403 page. Wagtail alone would send them back to the sign-in page: a login loop.
- Project staff and superusers must use two-factor authentication: without an authenticator
  they are sent to allauth's authenticator-app activation; with one, the session must have
  proved it (MFA at sign-in, or the authenticator was set up in this session), otherwise
  they confirm a code first (allauth's MFA reauthentication).
"""

from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.accounts.roles import user_has_admin_access

ADMIN_PREFIX = "/admin/"
# Wagtail's own sign-in and password-reset URLs only redirect to allauth (portal.urls).
OPEN_ADMIN_PATHS = ("/admin/login/", "/admin/password_reset/")
MFA_TYPES = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
# Set in the session when an authenticator is added in it (see portal.accounts.signals).
MFA_SESSION_KEY = "keko_mfa_verified_user"


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}"


def session_passed_mfa(request) -> bool:
    """True when this session has proved the user's second factor."""
    user = request.user
    if request.session.get(MFA_SESSION_KEY) == str(user.pk):
        return True
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


class AdminAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if not path.startswith(ADMIN_PREFIX) or path.startswith(OPEN_ADMIN_PATHS):
            return self.get_response(request)
        user = request.user
        next_url = request.get_full_path()
        if not user.is_authenticated:
            return HttpResponseRedirect(_with_next(reverse("account_login"), next_url))
        if not user_has_admin_access(user):
            from portal.accounts.views import admin_forbidden

            return admin_forbidden(request)
        if not is_mfa_enabled(user, MFA_TYPES):
            messages.warning(
                request,
                _(
                    "The admin is protected by two-factor authentication. "
                    "Set up an authenticator app to continue."
                ),
            )
            return HttpResponseRedirect(_with_next(reverse("mfa_activate_totp"), next_url))
        if not session_passed_mfa(request):
            messages.info(request, _("Confirm it is you with a code from your authenticator app."))
            return HttpResponseRedirect(_with_next(reverse("mfa_reauthenticate"), next_url))
        return self.get_response(request)
