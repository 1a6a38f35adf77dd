"""Reads of stewardship: a steward's organisations and records, proposals, overdue checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from ecosystem.models import (
    Municipality,
    Organisation,
    Proposal,
    ProposalStatus,
    Relation,
    Service,
    ServicePathStep,
)
from ecosystem.models.choices import RelationType
from portal.accounts.access import stewarded_organisation_ids, stewards_any

DEFAULT_CHECK_PERIOD_DAYS = 365


def check_period_days() -> int:
    """How long a service may go unchecked before its stewards are reminded."""
    return int(getattr(settings, "KEKO_CHECK_PERIOD_DAYS", DEFAULT_CHECK_PERIOD_DAYS))


def check_cutoff(today: dt.date | None = None) -> dt.date:
    """Services last checked before this date (or never) are overdue."""
    return (today or timezone.localdate()) - dt.timedelta(days=check_period_days())


def overdue_q(today: dt.date | None = None) -> Q:
    """Services not checked within the check period."""
    return Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=check_cutoff(today))


def service_organisation_ids(service: Service) -> set:
    """The organisations responsible for or producing the service."""
    return set(service.organisation_roles.values_list("organisation_id", flat=True))


def may_propose_for_service(user: Any, service: Service) -> bool:
    """The one question a view asks: is the user a steward of one of the service's
    organisations (portal.accounts.access decides who is a steward)."""
    return stewards_any(user, service_organisation_ids(service))


def may_propose_for_organisation(user: Any, organisation: Organisation) -> bool:
    return stewards_any(user, {organisation.pk})


def stewarded_organisations(user: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=stewarded_organisation_ids(user)).order_by("name_fi")


def stewarded_services(user: Any) -> QuerySet[Service]:
    """Services of the user's organisations, partner-only ones included."""
    return (
        Service.objects.filter(
            organisation_roles__organisation_id__in=stewarded_organisation_ids(user)
        )
        .distinct()
        .select_related("last_reviewed_by")
        .order_by("name_fi")
    )


def organisation_relations(organisation_ids) -> QuerySet[Relation]:
    """Relations touching the organisations or their services."""
    ids = list(organisation_ids)
    return (
        Relation.objects.filter(
            Q(source_organisation_id__in=ids)
            | Q(target_organisation_id__in=ids)
            | Q(source_service__organisation_roles__organisation_id__in=ids)
            | Q(target_service__organisation_roles__organisation_id__in=ids)
        )
        .distinct()
        .select_related(
            "source_organisation", "source_service", "target_organisation", "target_service"
        )
    )


def organisation_path_steps(organisation_ids) -> QuerySet[ServicePathStep]:
    """Service path steps that use the organisations' services."""
    return (
        ServicePathStep.objects.filter(
            service__organisation_roles__organisation_id__in=list(organisation_ids)
        )
        .distinct()
        .select_related("path", "service")
        .order_by("path__name_fi", "position")
    )


def proposals_of(user: Any) -> QuerySet[Proposal]:
    return Proposal.objects.filter(proposed_by=user).select_related("service", "organisation")


def open_proposals() -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(status=ProposalStatus.OPEN)
        .select_related("service", "organisation", "proposed_by")
        .order_by("created_at")
    )


def referral_candidates(
    *, service: Service | None, organisation: Organisation | None
) -> QuerySet[Service]:
    """The services a steward may name as referral partners of `service` (None: a new
    service of `organisation`): those serving a municipality in the same employment areas as
    the service (or, for a new one, its organisation), those serving everywhere (no
    municipality) and those already linked, so the list stays one area's size in a national
    register. With no employment area to go by, every service."""
    municipality_ids: set = set()
    if service is not None:
        municipality_ids |= set(service.municipalities.values_list("pk", flat=True))
    if organisation is not None:
        municipality_ids |= set(organisation.municipalities.values_list("pk", flat=True))
    areas = set(
        Municipality.objects.filter(pk__in=municipality_ids)
        .exclude(employment_area="")
        .values_list("employment_area", flat=True)
    )
    if not areas:
        return Service.objects.all()
    nearby = Q(municipalities__employment_area__in=areas) | Q(municipalities__isnull=True)
    if service is not None:
        referrals = Relation.objects.filter(relation_type=RelationType.REFERRAL)
        nearby |= Q(pk__in=referrals.filter(source_service=service).values("target_service"))
        nearby |= Q(pk__in=referrals.filter(target_service=service).values("source_service"))
    return Service.objects.filter(pk__in=Service.objects.filter(nearby).values("pk"))
