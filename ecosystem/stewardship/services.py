"""Writes of stewardship: making a proposal, accepting or rejecting it, marking a service
checked. Accepting writes through the register's normal path — the record's save() (so the
register's signals bump the data version, and the analysis and the map refresh), a revision
and a log entry in the record's history — in one transaction."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.log_actions import log

from ecosystem.models import (
    Organisation,
    Proposal,
    ProposalKind,
    ProposalStatus,
    Service,
    ServiceOrganisation,
)
from ecosystem.models.choices import OrganisationRole, Visibility
from ecosystem.register.versioning import bump_data_version
from ecosystem.stewardship.fields import (
    apply_plain_values,
    apply_referrals,
    changed_values,
    organisation_values,
    service_values,
)
from portal.kernel.failures import error_fields, log_failure

MAIL_ERRORS = (smtplib.SMTPException, OSError)

LOG_PROPOSED = "keko.proposal_made"
LOG_ACCEPTED = "keko.proposal_accepted"
LOG_CHECKED = "keko.service_checked"


class NothingChanged(Exception):
    """The proposal would change nothing."""


class ProposalClosed(Exception):
    """The proposal was reviewed already."""


def current_values(proposal: Proposal) -> dict[str, Any]:
    """The record's values now (empty for a proposed new service)."""
    if proposal.kind == ProposalKind.ORGANISATION_CHANGE:
        return organisation_values(proposal.organisation)
    if proposal.kind == ProposalKind.SERVICE_CHANGE and proposal.service is not None:
        return service_values(proposal.service)
    return {}


def proposal_create(
    *,
    user: Any,
    organisation: Organisation,
    values: dict[str, Any],
    service: Service | None = None,
    kind: str = ProposalKind.SERVICE_CHANGE,
    note: str = "",
    language: str = "",
) -> Proposal:
    """Record a steward's proposal: only the fields that differ from the record, with the
    record's values of those fields now (for the diff and for conflict detection)."""
    proposal = Proposal(
        kind=kind,
        service=service,
        organisation=organisation,
        proposed_by=user,
        language=language or settings.LANGUAGE_CODE,
        note=note,
    )
    current = current_values(proposal)
    changed = changed_values(values, current) if current else values
    if not changed:
        raise NothingChanged
    proposal.values = changed
    proposal.base_values = {name: current.get(name) for name in changed}
    record = service if kind == ProposalKind.SERVICE_CHANGE else organisation
    proposal.base_updated_at = None if kind == ProposalKind.NEW_SERVICE else record.updated_at
    proposal.save()
    log(
        instance=record if kind != ProposalKind.NEW_SERVICE else organisation,
        action=LOG_PROPOSED,
        user=user,
        data={"proposal": str(proposal.pk), "fields": sorted(changed)},
    )
    return proposal


@dataclass
class Review:
    """A proposal beside the record now: per field the value when proposed, now, proposed."""

    proposal: Proposal
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def conflicts(self) -> list[str]:
        return [row["name"] for row in self.rows if row["conflict"]]

    @property
    def acceptable(self) -> list[str]:
        return [row["name"] for row in self.rows if not row["conflict"]]


def proposal_review(proposal: Proposal) -> Review:
    """Each proposed field with its old (when proposed), current and proposed values; a field
    whose current value differs from its value when proposed is a conflict (someone changed it
    meanwhile), and so is every field of a proposal whose record is gone."""
    review = Review(proposal)
    record_gone = proposal.kind == ProposalKind.SERVICE_CHANGE and proposal.service is None
    current = current_values(proposal)
    for name, new in proposal.values.items():
        old = proposal.base_values.get(name)
        now = current.get(name) if current else None
        conflict = record_gone or (
            proposal.kind != ProposalKind.NEW_SERVICE and now != old and now != new
        )
        review.rows.append(
            {"name": name, "old": old, "current": now, "new": new, "conflict": conflict}
        )
    return review


def _save_with_history(record, *, user: Any, proposal: Proposal, fields: list[str]) -> None:
    record.full_clean()
    record.save()
    record.save_revision(user=user, log_action=True)
    log(
        instance=record,
        action=LOG_ACCEPTED,
        user=user,
        data={
            "proposal": str(proposal.pk),
            "proposed_by": proposal.proposed_by.email if proposal.proposed_by else "",
            "proposed_at": proposal.created_at.isoformat(),
            "fields": fields,
        },
    )


def proposal_accept(*, proposal: Proposal, fields: list[str] | None, reviewer: Any) -> Proposal:
    """Write the accepted fields (all acceptable ones when `fields` is None) to the record.

    Conflicting fields are never written. Raises ValidationError when the record would not be
    valid (nothing is written), ProposalClosed when someone reviewed it already."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not proposal.is_open:
            raise ProposalClosed
        review = proposal_review(proposal)
        chosen = review.acceptable if fields is None else fields
        accepted = [name for name in review.acceptable if name in chosen]
        if not accepted:
            raise ValidationError(_no_fields_message())
        values = {name: proposal.values[name] for name in accepted}
        today = timezone.localdate()
        if proposal.kind == ProposalKind.ORGANISATION_CHANGE:
            record = proposal.organisation
            apply_plain_values(record, values)
            _save_with_history(record, user=reviewer, proposal=proposal, fields=accepted)
        else:
            if proposal.kind == ProposalKind.NEW_SERVICE:
                record = Service(visibility=Visibility.PUBLIC)
                record.organisation_roles = [
                    ServiceOrganisation(
                        organisation=proposal.organisation, role=OrganisationRole.RESPONSIBLE
                    )
                ]
            else:
                record = proposal.service
            apply_plain_values(record, values)
            record.last_reviewed = today
            record.last_reviewed_by = proposal.proposed_by
            _save_with_history(record, user=reviewer, proposal=proposal, fields=accepted)
            apply_referrals(record, values, visibility=record.visibility)
            proposal.service = record
        proposal.accepted_fields = accepted
        proposal.status = (
            ProposalStatus.ACCEPTED
            if len(accepted) == len(proposal.values)
            else ProposalStatus.PARTLY_ACCEPTED
        )
        proposal.reviewed_by = reviewer
        proposal.reviewed_at = timezone.now()
        proposal.save()
    send_outcome(proposal)
    return proposal


def _no_fields_message() -> str:
    return gettext("Choose at least one field that can be accepted.")


def proposal_reject(*, proposal: Proposal, reason: str, reviewer: Any) -> Proposal:
    """Close the proposal without writing anything; the steward is told the reason."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not proposal.is_open:
            raise ProposalClosed
        proposal.status = ProposalStatus.REJECTED
        proposal.reason = reason
        proposal.reviewed_by = reviewer
        proposal.reviewed_at = timezone.now()
        proposal.save()
    send_outcome(proposal)
    return proposal


def send_outcome(proposal: Proposal) -> bool:
    """Email the steward the outcome in the language they proposed in. False when the mail
    could not be sent (the review stands; the failure is logged)."""
    user = proposal.proposed_by
    if user is None or not user.email:
        return False
    with translation.override(proposal.language):
        context = {
            "proposal": proposal,
            "record_name": proposal.record_name,
            "status": proposal.get_status_display(),
            "list_url": settings.BASE_URL + reverse("ecosystem_stewardship:organisations"),
        }
        subject = render_to_string("ecosystem/stewardship/email/outcome_subject.txt", context)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
        body = render_to_string("ecosystem/stewardship/email/outcome_message.txt", context)
    try:
        EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()
    except MAIL_ERRORS as error:
        log_failure(
            "send",
            "Proposal outcome email failed",
            email="proposal-outcome",
            proposal_id=proposal.pk,
            **error_fields(error),
        )
        return False
    Proposal.objects.filter(pk=proposal.pk).update(outcome_sent_at=timezone.now())
    return True


def service_mark_checked(*, service: Service, user: Any) -> Service:
    """The steward says the service is still correct: last checked today, by them. A plain
    update of two fields (no revision: nothing in the record changed), logged in its history."""
    today = timezone.localdate()
    Service.objects.filter(pk=service.pk).update(last_reviewed=today, last_reviewed_by=user)
    bump_data_version()  # an update() sends no signal; the map's panel shows the date
    service.last_reviewed, service.last_reviewed_by = today, user
    log(instance=service, action=LOG_CHECKED, user=user)
    return service
