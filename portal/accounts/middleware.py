"""Who may enter the Wagtail admin, decided before Wagtail sees the request.

- Anonymous visitors go to allauth's sign-in, with `next` back to where they were going.
- Signed-in users without admin access (network partners, steering group, plain users) get
  a clear 403 page. Wagtail alone would send them back to the sign-in page: a login loop.
- Project staff and superusers must use two-factor authentication: without an authenticator
  they are sent to allauth's authenticator-app activation; with one, the session must have
  proved it (MFA at sign-in, or the authenticator was set up in this session), otherwise
  they confirm a code first (allauth's MFA reauthentication).

- Steering-group members and network partners are offered two-factor authentication (their
  account page links to it). KEKO_MFA_REQUIRED_ROLES (default: staff only) may require it
  for them too: a member of a listed role without an authenticator is sent to set one up
  before any page but the account pages. The admin requires it of staff whatever the list.

Setting up an authenticator proves the second factor for the session it happens in (the user
just typed a code from it), so this middleware also notes, after allauth's MFA views answer a
POST, whether an authenticator was created during that request.
"""

from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.roles import ROLE_GROUPS, ROLE_STAFF, user_has_admin_access
from portal.accounts.views import admin_forbidden

ADMIN_PREFIX = "/admin/"
# Wagtail's own sign-in and password-reset URLs only redirect to allauth (portal.urls).
OPEN_ADMIN_PATHS = ("/admin/login/", "/admin/password_reset/")
MFA_TYPES = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
# Pages open to a user who must still set up an authenticator (sign-in, sign-out, setup).
MFA_SETUP_PATHS = ("/accounts/",)
MFA_FREE_PREFIXES = ("/static/", "/media/", "/healthz", "/favicon.ico")
# Set in the session when an authenticator is added in it.
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
        if path.startswith(ADMIN_PREFIX) and not path.startswith(OPEN_ADMIN_PATHS):
            return self._guard_admin(request) or self.get_response(request)
        required = self._required_mfa_setup(request)
        if required is not None:
            return required
        if request.method == "POST" and request.user.is_authenticated:
            started = timezone.now()
            response = self.get_response(request)
            self._remember_new_authenticator(request, started)
            return response
        return self.get_response(request)

    @staticmethod
    def _remember_new_authenticator(request, started):
        match = getattr(request, "resolver_match", None)
        if match is None or not (match.url_name or "").startswith("mfa_"):
            return
        user = request.user
        if (
            user.is_authenticated
            and Authenticator.objects.filter(
                user=user, type__in=MFA_TYPES, created_at__gte=started
            ).exists()
        ):
            request.session[MFA_SESSION_KEY] = str(user.pk)

    @staticmethod
    def _required_mfa_setup(request):
        """A redirect to the authenticator setup for roles that must use it, else None."""
        groups = [
            ROLE_GROUPS[role]
            for role in settings.KEKO_MFA_REQUIRED_ROLES
            if role != ROLE_STAFF and role in ROLE_GROUPS
        ]
        user = request.user
        if not groups or not user.is_authenticated:
            return None
        path = request.path
        if any(part in path for part in MFA_SETUP_PATHS) or path.startswith(MFA_FREE_PREFIXES):
            return None
        if not user.groups.filter(name__in=groups).exists() or is_mfa_enabled(user, MFA_TYPES):
            return None
        messages.warning(
            request,
            _(
                "Your role requires two-factor authentication. "
                "Set up an authenticator app to go on."
            ),
        )
        return HttpResponseRedirect(
            _with_next(reverse("mfa_activate_totp"), request.get_full_path())
        )

    def _guard_admin(self, request):
        """A response that keeps the user out of the admin, or None to let them in."""
        user = request.user
        next_url = request.get_full_path()
        if not user.is_authenticated:
            return HttpResponseRedirect(_with_next(reverse("account_login"), next_url))
        if not user_has_admin_access(user):
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
        return None
