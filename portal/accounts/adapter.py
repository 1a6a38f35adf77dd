"""The portal's allauth adapter: invitation-only accounts, role-aware landing page."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from portal.accounts.roles import user_has_admin_access


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # No public sign-up: accounts come from invitations only (portal.accounts.services).
        return False

    def get_login_redirect_url(self, request):
        """Without a `next`, staff land in the admin, everyone else on LOGIN_REDIRECT_URL."""
        if user_has_admin_access(request.user):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)
