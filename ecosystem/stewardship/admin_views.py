"""The review of proposals in the Wagtail admin: a queue (Ecosystem → Proposals) and, per
proposal, a field-by-field diff against the current record with accept all / accept some /
reject with a reason. Open to whoever may change services (project staff)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ecosystem.models import Proposal, ProposalKind, ProposalStatus, Service
from ecosystem.stewardship import selectors
from ecosystem.stewardship.fields import (
    FIELD_LABELS,
    ORGANISATION_FIELDS,
    SERVICE_FIELDS,
    display_lines,
    names_for,
)
from ecosystem.stewardship.services import (
    LOG_ACCEPTED,
    LOG_CHECKED,
    LOG_PROPOSED,
    ProposalClosed,
    proposal_accept,
    proposal_reject,
    proposal_review,
)

MENU_HOOK = "register_ecosystem_menu_item"
REVIEWED_SHOWN = 30


def can_review(user: Any) -> bool:
    return bool(user.is_active and user.has_perm("ecosystem.change_service"))


class ReviewPermissionMixin:
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_review(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ProposalQueueView(ReviewPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Open proposals, oldest first, and the latest reviewed ones."""

    template_name = "ecosystem/stewardship/admin/queue.html"
    page_title = gettext_lazy("Proposals")
    header_icon = "edit"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        open_proposals = list(selectors.open_proposals())
        for proposal in open_proposals:
            proposal.age_days = (now - proposal.created_at).days
        reviewed = (
            Proposal.objects.exclude(status=ProposalStatus.OPEN)
            .select_related("service", "organisation", "proposed_by", "reviewed_by")
            .order_by("-reviewed_at")[:REVIEWED_SHOWN]
        )
        context.update(open_proposals=open_proposals, reviewed=reviewed)
        return context


class ProposalReviewView(ReviewPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "ecosystem/stewardship/admin/review.html"
    header_icon = "edit"

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.proposal = get_object_or_404(
            Proposal.objects.select_related("service", "organisation", "proposed_by"),
            pk=kwargs["pk"],
        )

    def get_page_title(self) -> str:
        return _("Review proposal")

    def get_page_subtitle(self) -> str:
        return self.proposal.record_name

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("ecosystem_proposals"), "label": _("Proposals")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.proposal.record_name},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        proposal = self.proposal
        review = proposal_review(proposal)
        names = names_for(
            [proposal.values, proposal.base_values, {r["name"]: r["current"] for r in review.rows}]
        )
        rows = []
        order = SERVICE_FIELDS + ORGANISATION_FIELDS
        ordered = sorted(
            review.rows, key=lambda r: order.index(r["name"]) if r["name"] in order else 99
        )
        for row in ordered:
            name = row["name"]
            old, new = row["old"], row["new"]
            rows.append(
                {
                    "name": name,
                    "label": FIELD_LABELS.get(name, name),
                    "old": display_lines(name, old, names),
                    "current": display_lines(name, row["current"], names),
                    "new": display_lines(name, new, names),
                    "removed": _list_difference(name, old, new, names),
                    "added": _list_difference(name, new, old, names),
                    "conflict": row["conflict"],
                    "accepted": name in proposal.accepted_fields,
                }
            )
        record_url = ""
        if proposal.kind == ProposalKind.ORGANISATION_CHANGE:
            record_url = reverse(
                "wagtailsnippets_ecosystem_organisation:edit", args=[proposal.organisation.pk]
            )
        elif proposal.service is not None:
            record_url = reverse(
                "wagtailsnippets_ecosystem_service:edit", args=[proposal.service.pk]
            )
        context.update(
            proposal=proposal,
            rows=rows,
            conflicts=review.conflicts,
            record_url=record_url,
            is_new=proposal.kind == ProposalKind.NEW_SERVICE,
            error=kwargs.get("error"),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        action = request.POST.get("action")
        try:
            if action == "reject":
                reason = request.POST.get("reason", "").strip()
                if not reason:
                    return self._again(_("Give the steward a reason for rejecting."))
                proposal_reject(proposal=self.proposal, reason=reason, reviewer=request.user)
                messages.success(request, _("Proposal rejected; the steward was told why."))
            elif action in ("accept_all", "accept_selected"):
                fields = None
                if action == "accept_selected":
                    fields = request.POST.getlist("fields")
                    if not fields:
                        return self._again(_("Tick the fields to accept."))
                proposal = proposal_accept(
                    proposal=self.proposal, fields=fields, reviewer=request.user
                )
                messages.success(
                    request,
                    _("Proposal %(status)s; the register was updated.")
                    % {"status": proposal.get_status_display().lower()},
                )
            else:
                return self._again(_("Choose what to do with the proposal."))
        except ProposalClosed:
            messages.error(request, _("Someone reviewed this proposal already."))
        except ValidationError as error:
            return self._again(" ".join(error.messages))
        return redirect("ecosystem_proposals")

    def _again(self, error: str) -> HttpResponse:
        context = self.get_context_data(error=error)
        return self.render_to_response(context, status=400)


def _list_difference(name: str, left: Any, right: Any, names: dict[str, str]) -> list[str]:
    if not isinstance(left, list) or name == "channels":
        return []
    return display_lines(name, [item for item in left if item not in (right or [])], names)


def admin_urls() -> list:
    return [
        path("ecosystem/proposals/", ProposalQueueView.as_view(), name="ecosystem_proposals"),
        path(
            "ecosystem/proposals/<uuid:pk>/",
            ProposalReviewView.as_view(),
            name="ecosystem_proposal_review",
        ),
    ]


class ProposalsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_review(request.user)


def proposals_menu_item() -> MenuItem:
    return ProposalsMenuItem(
        gettext_lazy("Proposals"),
        reverse("ecosystem_proposals"),
        name="ecosystem-proposals",
        icon_name="edit",
        order=850,
    )


def register_log_actions(actions) -> None:
    actions.register_action(
        LOG_PROPOSED, gettext_lazy("Change proposed"), gettext_lazy("A steward proposed a change")
    )
    actions.register_action(
        LOG_ACCEPTED,
        gettext_lazy("Proposal accepted"),
        gettext_lazy("A steward's proposal was accepted"),
    )
    actions.register_action(
        LOG_CHECKED, gettext_lazy("Checked"), gettext_lazy("Marked as still correct")
    )


def record_checker(request: HttpRequest, instance: Any) -> None:
    """An editor who saves a service with "last reviewed" today is who checked it."""
    if not isinstance(instance, Service) or instance.last_reviewed != timezone.localdate():
        return
    if instance.last_reviewed_by_id is None or instance.last_reviewed_by_id != request.user.pk:
        Service.objects.filter(pk=instance.pk).update(last_reviewed_by=request.user)


def register_stewardship_admin(group: type) -> None:
    """The queue's URLs, its menu item in the Ecosystem menu, the history's log actions, and
    "checked by" for services an editor marks reviewed."""
    if getattr(group, "submenu_hook", None) is None:
        group.submenu_hook = MENU_HOOK
    hooks.register(group.submenu_hook, proposals_menu_item)
    hooks.register("register_admin_urls", admin_urls)
    hooks.register("register_log_actions", register_log_actions)
    hooks.register("after_create_snippet", record_checker)
    hooks.register("after_edit_snippet", record_checker)
