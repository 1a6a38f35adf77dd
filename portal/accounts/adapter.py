"""The portal's allauth adapter: invitation-only accounts, role-aware landing page, and links
in account emails built from BASE_URL (never from the request's Host header)."""

import time
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from django.conf import settings
from django.urls import reverse

from portal.accounts.access import is_steward, sees_partner_content, sees_steering_area
from portal.accounts.roles import user_has_admin_access

SIGNED_IN_MESSAGE = "account/messages/logged_in.txt"


def _from_base_url(url: str) -> str:
    """The same address on the configured BASE_URL: the request's host and port are whatever
    the client sent (a forged Host header must not steer a password-reset link elsewhere)."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return settings.BASE_URL.rstrip("/") + path


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # No public sign-up: accounts come from invitations only (portal.accounts.services).
        return False

    def get_login_redirect_url(self, request):
        """Without a `next`, staff land in the admin, everyone else on LOGIN_REDIRECT_URL."""
        if user_has_admin_access(request.user):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)

    def add_message(self, request, level, message_template=None, message_context=None, **kwargs):
        """The "signed in" message also says what the user can now see that a visitor cannot
        (partner-only services, their organisations, the steering area): a partner who signs
        in on a public page would otherwise find it unchanged."""
        if message_template == SIGNED_IN_MESSAGE and message_context:
            user = message_context.get("user")
            message_context = {
                **message_context,
                "has_admin_access": user_has_admin_access(user),
                "sees_partner_content": sees_partner_content(user),
                "is_steward": is_steward(user),
                "sees_steering_area": sees_steering_area(user),
            }
        return super().add_message(request, level, message_template, message_context, **kwargs)

    def get_reset_password_from_key_url(self, key):
        return _from_base_url(super().get_reset_password_from_key_url(key))

    def get_email_confirmation_url(self, request, emailconfirmation):
        return _from_base_url(super().get_email_confirmation_url(request, emailconfirmation))

    def send_mail(self, template_prefix, email, context):
        base_url = settings.BASE_URL.rstrip("/")
        site = SimpleNamespace(name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(base_url).netloc)
        return super().send_mail(
            template_prefix, email, {"current_site": site, "base_url": base_url, **context}
        )

    def is_reauthentication_required(self, *, app, **kwargs):
        """Not right after signing in: a password (or code) typed at sign-in within the
        reauthentication timeout proves it is the user as well as a "confirm it is you"
        would. allauth counts only explicit reauthentications, so a new staff member was
        asked for the password again on the way to the authenticator setup."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = context.request
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return True
        now = time.time()
        return not any(
            record.get("method") in account_settings.REAUTHENTICATION_METHODS
            and now - record.get("at", 0) < account_settings.REAUTHENTICATION_TIMEOUT
            for record in get_authentication_records(request, user)
        )
