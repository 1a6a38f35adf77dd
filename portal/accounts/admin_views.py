"""Invitations in the Wagtail admin: list, invite (sends the email), resend, revoke.

Invitations are not edited or deleted: a mistaken one is revoked and a new one sent, so the
list keeps a record of who invited whom.
"""

import smtplib

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from portal.accounts.forms import InvitationForm, StewardshipForm
from portal.accounts.models import Invitation, Stewardship
from portal.accounts.services import (
    InvitationNotUsable,
    invitation_create,
    invitation_resend,
    invitation_revoke,
)
from portal.kernel.failures import error_fields, log_failure

MAIL_ERRORS = (smtplib.SMTPException, OSError)


class InvitationIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("invited_by")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not self.user_has_permission("change"):
            return buttons
        if instance.can_resend:
            buttons.append(
                MenuItem(
                    _("Resend"),
                    url=reverse(self.resend_url_name, args=[instance.pk]),
                    icon_name="mail",
                    priority=40,
                )
            )
        if instance.accepted_at is None and instance.revoked_at is None:
            buttons.append(
                MenuItem(
                    _("Revoke"),
                    url=reverse(self.revoke_url_name, args=[instance.pk]),
                    icon_name="cross",
                    priority=50,
                )
            )
        return buttons

    resend_url_name = None
    revoke_url_name = None


class InvitationCreateView(generic.CreateView):
    page_title = gettext_lazy("Invite")
    submit_button_label = gettext_lazy("Send invitation")
    submit_button_active_label = gettext_lazy("Sending…")

    def form_valid(self, form):
        self.form = form
        data = form.cleaned_data
        try:
            self.object = invitation_create(
                email=data["email"],
                role=data["role"],
                language=data["language"],
                invited_by=self.request.user,
                organisations=data.get("organisations") or (),
            )
        except MAIL_ERRORS as error:
            log_failure(
                "send", "Invitation email failed", email="invitation", **error_fields(error)
            )
            messages.error(
                self.request,
                _(
                    "The invitation to %(email)s was saved but the email could not be sent. "
                    "Try “Resend” later."
                )
                % {"email": data["email"]},
            )
            return redirect(self.get_success_url())
        messages.success(
            self.request, _("Invitation sent to %(email)s.") % {"email": self.object.email}
        )
        return redirect(self.get_success_url())

    def get_success_buttons(self):
        return []


class InvitationInspectView(generic.InspectView):
    resend_url_name = None
    revoke_url_name = None

    def get_fields(self):
        return [
            "email",
            "status",
            "role",
            "language",
            "invited_by",
            "created",
            "sent_at",
            "expires_at",
            "accepted_at",
            "accepted_user",
            "revoked_at",
            "organisations",
        ]

    def get_field_label(self, field_name, field):
        if field_name == "status":
            return _("Status")
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "–" if value is None else value

    @cached_property
    def header_more_buttons(self):
        buttons = []
        if not self.user_has_permission("change"):
            return buttons
        if self.object.can_resend:
            url = reverse(self.resend_url_name, args=[self.object.pk])
            buttons.append(Button(_("Resend"), url=url, icon_name="mail", priority=10))
        if self.object.accepted_at is None and self.object.revoked_at is None:
            url = reverse(self.revoke_url_name, args=[self.object.pk])
            buttons.append(Button(_("Revoke"), url=url, icon_name="cross", priority=20))
        return buttons


class InvitationActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A confirmation page (GET) and the action itself (POST) for one invitation."""

    model = Invitation
    permission_required = "change"
    template_name = "accounts/admin/invitation_confirm.html"
    header_icon = "mail"
    index_url_name = None
    action_url_name = None
    confirm_label = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Invitation, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return self.object.email

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Invitations")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.object.email},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            invitation=self.object,
            action_url=reverse(self.action_url_name, args=[self.object.pk]),
            index_url=reverse(self.index_url_name),
            confirm_label=self.confirm_label,
            confirmation_message=self.get_confirmation_message(),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            self.perform()
        except InvitationNotUsable:
            messages.error(request, _("This invitation can no longer be changed."))
        except MAIL_ERRORS as error:
            log_failure(
                "send", "Invitation email failed", email="invitation", **error_fields(error)
            )
            messages.error(request, _("The email could not be sent. Try again later."))
        return redirect(reverse(self.index_url_name))


class InvitationResendView(InvitationActionView):
    page_title = gettext_lazy("Resend invitation")
    confirm_label = gettext_lazy("Yes, send a new link")

    def get_confirmation_message(self):
        return _(
            "A new link is emailed to %(email)s and the previous link stops working. "
            "The new link is valid for %(days)s days."
        ) % {"email": self.object.email, "days": settings.KEKO_INVITATION_DAYS}

    def perform(self):
        invitation_resend(invitation=self.object)
        messages.success(
            self.request, _("Invitation sent again to %(email)s.") % {"email": self.object.email}
        )


class InvitationRevokeView(InvitationActionView):
    page_title = gettext_lazy("Revoke invitation")
    confirm_label = gettext_lazy("Yes, revoke")

    def get_confirmation_message(self):
        return _("The link sent to %(email)s stops working. This cannot be undone.") % {
            "email": self.object.email
        }

    def perform(self):
        invitation_revoke(invitation=self.object)
        messages.success(
            self.request, _("Invitation to %(email)s revoked.") % {"email": self.object.email}
        )


class StatusColumn(Column):
    def get_value(self, instance):
        return instance.get_status_display()


class InvitationViewSet(ModelViewSet):
    model = Invitation
    form_fields = ["email", "role", "language", "organisations"]
    icon = "mail"
    add_to_admin_menu = True
    menu_label = gettext_lazy("Invitations")
    menu_order = 900
    url_prefix = "invitations"
    name = "invitations"
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = InvitationIndexView
    add_view_class = InvitationCreateView
    inspect_view_class = InvitationInspectView
    list_display = [
        "email",
        "role",
        StatusColumn("status", label=gettext_lazy("Status")),
        "invited_by",
        "created",
        "expires_at",
    ]
    list_filter = ["role", "language"]
    search_fields = ["email"]

    def get_form_class(self, for_update=False):
        return InvitationForm

    def get_common_view_kwargs(self, **kwargs):
        # No edit, delete, history or usage views: see the module docstring.
        return super().get_common_view_kwargs(
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            resend_url_name=self.get_url_name("resend"),
            revoke_url_name=self.get_url_name("revoke"),
            **kwargs,
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            resend_url_name=self.get_url_name("resend"),
            revoke_url_name=self.get_url_name("revoke"),
            **kwargs,
        )

    def _action_view(self, view_class, action):
        return self.construct_view(
            view_class,
            index_url_name=self.get_url_name("index"),
            action_url_name=self.get_url_name(action),
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path(
                "resend/<int:pk>/",
                self._action_view(InvitationResendView, "resend"),
                name="resend",
            ),
            path(
                "revoke/<int:pk>/",
                self._action_view(InvitationRevokeView, "revoke"),
                name="revoke",
            ),
        ]


class StewardshipViewSet(ModelViewSet):
    """Stewards: which network partner keeps which organisation's records true. Staff add a
    link here (or in the invitation) and delete it when the person moves on."""

    model = Stewardship
    form_fields = ["user", "organisation"]
    icon = "user"
    add_to_admin_menu = True
    menu_label = gettext_lazy("Stewards")
    menu_order = 901
    url_prefix = "stewards"
    name = "stewards"
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["user", "organisation", "created_at"]
    list_filter = ["organisation"]
    search_fields = ["user__email", "organisation__name_fi"]

    def get_form_class(self, for_update=False):
        return StewardshipForm
