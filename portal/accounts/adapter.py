"""The portal's allauth adapter: invitation-only accounts, role-aware landing page, and links
in account emails built from BASE_URL (never from the request's Host header)."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse

from portal.accounts.roles import user_has_admin_access


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
