"""The steward's public pages: "My organisations" (records, open and past proposals), the
proposal forms, and the "still correct" link of a reminder email.

Who may do what is asked of portal.accounts.access (through selectors); anyone else gets
403 — also for records that do not exist, so the answer tells a stranger nothing.
"""

from __future__ import annotations

from typing import Any

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from ecosystem.models import Organisation, ProposalKind, ProposalStatus, Service
from ecosystem.stewardship import reminders, selectors
from ecosystem.stewardship.fields import (
    FIELD_LABELS,
    ORGANISATION_FIELDS,
    SERVICE_FIELDS,
    display_lines,
    names_for,
    referral_ids,
)
from ecosystem.stewardship.forms import (
    ChannelFormSet,
    OrganisationProposalForm,
    ServiceProposalForm,
    channel_initial,
    channel_values,
    nothing_changed_error,
)
from ecosystem.stewardship.services import NothingChanged, proposal_create, service_mark_checked
from portal.accounts.access import is_steward

KINDS = ("service", "organisation")


def _require_steward(request: HttpRequest) -> None:
    if not is_steward(request.user):
        raise PermissionDenied


def _sign_in_first(request: HttpRequest) -> HttpResponse | None:
    """A visitor who has not signed in (a steward following a reminder's link) is sent to
    sign in and brought back, rather than shown a 403 page."""
    if request.method == "GET" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def _field_order(item: tuple[str, Any]) -> int:
    order = SERVICE_FIELDS + ORGANISATION_FIELDS
    return order.index(item[0]) if item[0] in order else len(order)


def proposal_rows(proposals, names: dict[str, str]) -> list[dict[str, Any]]:
    """Proposals with their changes as readable lines, for the steward's list."""
    rows = []
    for proposal in proposals:
        changes = [
            {
                "label": FIELD_LABELS.get(name, name),
                "old": display_lines(name, proposal.base_values.get(name), names),
                "new": display_lines(name, value, names),
                "accepted": name in proposal.accepted_fields,
            }
            for name, value in sorted(proposal.values.items(), key=_field_order)
        ]
        rows.append({"proposal": proposal, "changes": changes})
    return rows


@method_decorator(never_cache, name="dispatch")
class OrganisationsView(View):
    """ "My organisations": the steward's organisations, their services (partner-only ones
    included), relations and path steps, and the steward's proposals."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if response := _sign_in_first(request):
            return response
        _require_steward(request)
        user = request.user
        organisations = list(selectors.stewarded_organisations(user))
        ids = [organisation.pk for organisation in organisations]
        proposals = list(selectors.proposals_of(user))
        names = names_for([p.values for p in proposals] + [p.base_values for p in proposals])
        cutoff = selectors.check_cutoff()
        services = list(selectors.stewarded_services(user))
        for service in services:
            service.overdue = service.last_reviewed is None or service.last_reviewed < cutoff
        context = {
            "organisations": organisations,
            "services": services,
            "relations": list(selectors.organisation_relations(ids)),
            "path_steps": list(selectors.organisation_path_steps(ids)),
            "open_proposals": proposal_rows([p for p in proposals if p.is_open], names),
            "past_proposals": proposal_rows([p for p in proposals if not p.is_open], names),
            "statuses": ProposalStatus,
        }
        return render(request, "ecosystem/stewardship/organisations.html", context)


@method_decorator(never_cache, name="dispatch")
class ProposeView(View):
    """Propose a change to a service or an organisation, or (kind "new", the organisation's
    UUID) a new service. GET shows the form filled with the record's values; POST validates
    like the admin and records the proposal, or shows the form again with what was typed."""

    template_name = "ecosystem/stewardship/propose.html"

    def dispatch(self, request: HttpRequest, kind: str, pk) -> HttpResponse:
        if response := _sign_in_first(request):
            return response
        _require_steward(request)
        self.kind = kind
        if kind == "service":
            self.service = Service.objects.filter(pk=pk).first()
            if self.service is None or not selectors.may_propose_for_service(
                request.user, self.service
            ):
                raise PermissionDenied
            self.organisation = (
                selectors.stewarded_organisations(request.user)
                .filter(service_roles__service=self.service)
                .first()
            )
        elif kind in ("organisation", "new"):
            self.service = None
            self.organisation = Organisation.objects.filter(pk=pk).first()
            if self.organisation is None or not selectors.may_propose_for_organisation(
                request.user, self.organisation
            ):
                raise PermissionDenied
        else:
            raise Http404
        return super().dispatch(request, kind, pk)

    def _forms(self, data=None):
        if self.kind == "organisation":
            record = Organisation.objects.get(pk=self.organisation.pk)
            return OrganisationProposalForm(data, instance=record), None
        if self.kind == "new":
            choices = selectors.referral_candidates(service=None, organisation=self.organisation)
            form = ServiceProposalForm(data, instance=Service(), referral_choices=choices)
            return form, ChannelFormSet(data, prefix="channels")
        # A copy of the record: the form writes into its instance while validating.
        record = Service.objects.get(pk=self.service.pk)
        choices = selectors.referral_candidates(service=record, organisation=self.organisation)
        form = ServiceProposalForm(data, instance=record, referral_choices=choices)
        if data is None:
            form.initial["referrals_to"], form.initial["referrals_from"] = self._referral_initial()
        formset = ChannelFormSet(data, prefix="channels", initial=channel_initial(self.service))
        return form, formset

    def _referral_initial(self):
        return referral_ids(self.service)

    def get(self, request: HttpRequest, kind: str, pk) -> HttpResponse:
        form, formset = self._forms()
        return self._render(form, formset)

    def post(self, request: HttpRequest, kind: str, pk) -> HttpResponse:
        limited = ratelimit.consume_or_429(request, action="stewardship_proposal")
        if limited:
            return limited
        form, formset = self._forms(request.POST)
        valid = form.is_valid()
        valid = (formset is None or formset.is_valid()) and valid
        if not valid:
            return self._render(form, formset, status=400)
        values = form.proposed_values()
        if formset is not None:
            values["channels"] = channel_values(formset)
        kind = {
            "service": ProposalKind.SERVICE_CHANGE,
            "organisation": ProposalKind.ORGANISATION_CHANGE,
            "new": ProposalKind.NEW_SERVICE,
        }[self.kind]
        try:
            proposal_create(
                user=request.user,
                organisation=self.organisation,
                service=self.service,
                kind=kind,
                values=values,
                note=form.cleaned_data.get("note", ""),
                language=get_language(),
            )
        except NothingChanged:
            form.add_error(None, nothing_changed_error())
            return self._render(form, formset, status=400)
        messages.success(request, _("Thank you! Your proposal was sent to the register's editors."))
        return redirect("ecosystem_stewardship:organisations")

    def _render(self, form, formset, status: int = 200) -> HttpResponse:
        if self.kind == "service":
            title = _("Propose a change: %(name)s") % {"name": self.service.localized_name}
        elif self.kind == "organisation":
            title = _("Propose a change: %(name)s") % {"name": self.organisation.localized_name}
        else:
            title = _("Propose a new service of %(name)s") % {
                "name": self.organisation.localized_name
            }
        context = {
            "form": form,
            "formset": formset,
            "kind": self.kind,
            "title": title,
            "service": self.service,
            "organisation": self.organisation,
        }
        return render(self.request, self.template_name, context, status=status)


@method_decorator(never_cache, name="dispatch")
class StillCorrectView(View):
    """The reminder email's "still correct": the signed link names the steward and the
    service; it needs no sign-in and stops working after KEKO_CHECK_LINK_DAYS. Opening the link
    only asks (mail scanners and link previews open every link in a message); the button on
    the page, a POST, marks the service checked."""

    template_name = "ecosystem/stewardship/still_correct.html"

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        found = reminders.read_check_token(token)
        if found is None:
            return render(request, self.template_name, {"valid": False}, status=410)
        service, _steward = found
        context = {"valid": True, "service": service, "done": False}
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        found = reminders.read_check_token(token)
        if found is None:
            return render(request, self.template_name, {"valid": False}, status=410)
        service, steward = found
        service_mark_checked(service=service, user=steward)
        context = {"valid": True, "service": service, "done": True}
        return render(request, self.template_name, context)
