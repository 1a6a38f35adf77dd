"""Public views of the accounts app: accepting an invitation, the "My account" page."""

from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress
from allauth.account.utils import perform_login
from allauth.core import ratelimit
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from portal.accounts.access import is_steward
from portal.accounts.forms import InvitationAcceptForm
from portal.accounts.models import Invitation
from portal.accounts.roles import role_labels, user_has_admin_access
from portal.accounts.selectors import invitation_by_token
from portal.accounts.services import InvitationNotUsable, invitation_accept

UNUSABLE_STATUS = {
    Invitation.Status.ACCEPTED: "used",
    Invitation.Status.REVOKED: "revoked",
    Invitation.Status.EXPIRED: "expired",
    "taken": "used",
}


def _unusable(request, reason: str):
    """The page for a link that cannot be used: reason is invalid, used, revoked or expired."""
    status = 404 if reason == "invalid" else 410
    return render(request, "accounts/invitation_unusable.html", {"reason": reason}, status=status)


@method_decorator(never_cache, name="dispatch")
class InvitationAcceptView(View):
    """The invitee sets name and password; the account is created and signed in."""

    template_name = "accounts/invitation_accept.html"

    def dispatch(self, request, token):
        self.invitation = invitation_by_token(token)
        if self.invitation is None:
            return _unusable(request, "invalid")
        if self.invitation.status != Invitation.Status.PENDING:
            return _unusable(request, UNUSABLE_STATUS[self.invitation.status])
        if request.user.is_authenticated:
            return render(request, "accounts/invitation_signed_in.html")
        return super().dispatch(request, token)

    def get(self, request, token):
        return self._render(InvitationAcceptForm(email=self.invitation.email))

    def post(self, request, token):
        limited = ratelimit.consume_or_429(request, action="signup")
        if limited:
            return limited
        form = InvitationAcceptForm(request.POST, email=self.invitation.email)
        if not form.is_valid():
            return self._render(form)
        try:
            user = invitation_accept(
                invitation=self.invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except InvitationNotUsable as error:
            return _unusable(request, UNUSABLE_STATUS.get(error.reason, "invalid"))
        messages.success(request, _("Welcome! Your account is ready."))
        redirect_url = "/admin/" if user_has_admin_access(user) else reverse("account_overview")
        # The invitee has just chosen the password: that counts as having typed it, so the
        # authenticator setup that follows for staff does not ask for it again.
        record_authentication(request, user, method="password", email=user.email)
        return perform_login(
            request, user, email_verification="mandatory", redirect_url=redirect_url
        )

    def _render(self, form):
        context = {"form": form, "invitation": self.invitation}
        return render(self.request, self.template_name, context)


@method_decorator(never_cache, name="dispatch")
class AccountOverviewView(LoginRequiredMixin, TemplateView):
    """ "My account": email addresses, two-factor status and links to manage them."""

    template_name = "accounts/account_overview.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(**kwargs)
        context.update(
            email_addresses=EmailAddress.objects.filter(user=user).order_by("-primary", "email"),
            mfa_enabled=is_mfa_enabled(user, [Authenticator.Type.TOTP]),
            has_admin_access=user_has_admin_access(user),
            roles=role_labels(user),
            is_steward=is_steward(user),
        )
        return context


def admin_forbidden(request):
    """403 for signed-in users who have no business in the Wagtail admin (no login loop)."""
    return render(request, "accounts/admin_forbidden.html", status=403)
