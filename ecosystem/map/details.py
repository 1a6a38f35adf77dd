"""What the map's side panel shows about one organisation or service (a read for the API).

A fixed number of queries whatever the node: the record with its lists prefetched, and its
relations with both ends. Anonymous viewers get nothing about a partner-only record and see
no relation to one; partner-only details (relation evidence, review dates) are left out.

The details are cached per node, language and audience under the register's data version
(any change to the register makes them stale at once); a hit costs no query.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.cache import cache
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ecosystem.models import (
    Organisation,
    Relation,
    Service,
    ServiceChannel,
    ServiceOrganisation,
)
from ecosystem.models.choices import Visibility
from ecosystem.network.labels import (
    organisation_type_label,
    relation_type_label,
    service_class_label,
)
from ecosystem.register.permalinks import node_page_url
from ecosystem.register.versioning import data_version
from portal.accounts.access import stewards_any
from portal.kernel.localization import localized, localized_short_name

CACHE_SECONDS = 600
NOT_VISIBLE = "-"  # cached for a node this audience may not see (or that does not exist)
MAX_RELATIONS = 60
MAX_SERVICES = 60
SAFE_SCHEMES = ("http://", "https://")


def _shown_language(record: Any, field: str, language: str) -> str:
    """The language `localized` shows a field in: the wanted one, or Finnish (the fallback)."""
    return language if getattr(record, f"{field}_{language}", "") else "fi"


def _public(record: Any) -> bool:
    return record.visibility == Visibility.PUBLIC


def _safe_url(url: str) -> str:
    """Only web addresses become links (never javascript: or data: URLs)."""
    return url if url.lower().startswith(SAFE_SCHEMES) else ""


def _fact(label: str, value: Any, key: str = "") -> dict[str, str] | None:
    """A labelled fact; `key` names it for pages that group facts (the record's own page)."""
    if value in (None, "", []):
        return None
    return {"key": key, "label": label, "value": str(value)}


def _relations(filters: Q, node: str, *, public_only: bool, language: str) -> list[dict[str, Any]]:
    queryset = Relation.objects.filter(filters).select_related(
        "source_organisation", "source_service", "target_organisation", "target_service"
    )
    if public_only:
        queryset = queryset.filter(visibility=Visibility.PUBLIC)
    found = []
    for relation in queryset.order_by("relation_type")[: MAX_RELATIONS * 2]:
        source, target = relation.source, relation.target
        source_ref = ("org:" if relation.source_organisation_id else "svc:") + str(source.pk)
        target_ref = ("org:" if relation.target_organisation_id else "svc:") + str(target.pk)
        outgoing = source_ref == node
        other, other_ref = (target, target_ref) if outgoing else (source, source_ref)
        if public_only and not _public(other):
            continue
        entry = {
            "direction": "mutual"
            if relation.direction == "mutual"
            else ("out" if outgoing else "in"),
            "type_label": relation_type_label(relation.relation_type),
            "other": {
                "ref": other_ref,
                "name": localized(other, "name", language),
                "page_url": node_page_url(other_ref, other.name_fi),
            },
        }
        if not public_only and relation.evidence:
            entry["evidence"] = relation.evidence
        found.append(entry)
    return found[:MAX_RELATIONS]


def _channel(channel: ServiceChannel, language: str) -> dict[str, str]:
    address = " ".join(
        part
        for part in (
            channel.street_address,
            f"{channel.postal_code} {channel.post_office}".strip(),
        )
        if part
    )
    return {
        "type_label": str(channel.get_channel_type_display()),
        "name": channel.name,
        "address": address,
        "phone": channel.phone,
        "email": channel.email,
        "url": _safe_url(channel.url),
        "opening_hours": channel.opening_hours,
        "description": channel.description,
    }


def _organisation(pk: uuid.UUID, *, public_only: bool, language: str) -> dict[str, Any] | None:
    queryset = Organisation.objects.filter(pk=pk).prefetch_related("municipalities")
    if public_only:
        queryset = queryset.filter(visibility=Visibility.PUBLIC)
    organisation = queryset.first()
    if organisation is None:
        return None
    node = f"org:{organisation.pk}"
    roles = ServiceOrganisation.objects.filter(organisation=organisation).select_related("service")
    if public_only:
        roles = roles.filter(service__visibility=Visibility.PUBLIC)
    services: dict[str, dict[str, str]] = {}
    for role in roles.order_by("service__name_fi")[: MAX_SERVICES * 2]:
        services.setdefault(
            f"svc:{role.service_id}",
            {
                "ref": f"svc:{role.service_id}",
                "name": localized(role.service, "name", language),
                "page_url": node_page_url(f"svc:{role.service_id}", role.service.name_fi),
            },
        )
    facts = [
        _fact(_("Type"), organisation_type_label(organisation.organisation_type), "type"),
        _fact(_("Short name"), localized_short_name(organisation, language), "short_name"),
        _fact(_("Business ID"), organisation.business_id, "business_id"),
        _fact(
            _("Municipalities served"),
            ", ".join(m.localized_name for m in organisation.municipalities.all()),
            "municipalities",
        ),
        _fact(
            _("KEKO consortium member"),
            _("Yes") if organisation.is_consortium_member else "",
            "consortium",
        ),
    ]
    contacts = {
        "email": organisation.email,
        "phone": organisation.phone,
        "url": _safe_url(organisation.website),
    }
    return {
        "ref": node,
        "kind": "organisation",
        "kind_label": _("Organisation"),
        "name": localized(organisation, "name", language),
        "name_lang": _shown_language(organisation, "name", language),
        "name_fi": organisation.name_fi,
        "page_url": node_page_url(node, organisation.name_fi),
        "description": localized(organisation, "description", language),
        "description_lang": _shown_language(organisation, "description", language),
        "partner_only": not _public(organisation),
        "facts": [fact for fact in facts if fact],
        "contacts": contacts,
        "organisations": [],
        "services": list(services.values())[:MAX_SERVICES],
        "channels": [],
        "relations": _relations(
            Q(source_organisation=organisation) | Q(target_organisation=organisation),
            node,
            public_only=public_only,
            language=language,
        ),
    }


def _service(pk: uuid.UUID, *, public_only: bool, language: str) -> dict[str, Any] | None:
    roles = ServiceOrganisation.objects.select_related("organisation")
    if public_only:
        roles = roles.filter(organisation__visibility=Visibility.PUBLIC)
    queryset = (
        Service.objects.filter(pk=pk)
        .select_related("last_reviewed_by")
        .prefetch_related(
            "target_groups",
            "municipalities",
            Prefetch("organisation_roles", queryset=roles),
            "channels",
        )
    )
    if public_only:
        queryset = queryset.filter(visibility=Visibility.PUBLIC)
    service = queryset.first()
    if service is None:
        return None
    node = f"svc:{service.pk}"
    low, high = service.minimum_age, service.maximum_age
    if low is not None and high is not None:
        ages = f"{low}–{high}"
    elif high is not None:
        ages = _("up to %(age)s") % {"age": high}
    elif low is not None:
        ages = _("from %(age)s") % {"age": low}
    else:
        ages = ""
    facts = [
        _fact(_("Service class"), service_class_label(service.service_class), "type"),
        _fact(_("Status"), service.get_status_display(), "status"),
        _fact(_("Statutory or complementary"), service.get_obligation_display(), "obligation"),
        _fact(
            _("Target groups"),
            ", ".join(group.localized_name for group in service.target_groups.all())
            or _("Everyone"),
            "target_groups",
        ),
        _fact(
            _("Municipalities"),
            ", ".join(m.localized_name for m in service.municipalities.all()),
            "municipalities",
        ),
        _fact(_("Eligibility"), service.eligibility_description, "eligibility"),
        _fact(_("Age"), ages, "age"),
        _fact(_("Cost"), service.get_cost_display(), "cost"),
        _fact(_("Cost details"), service.cost_description, "cost_details"),
        _fact(_("Legal basis"), service.legal_basis, "legal_basis"),
    ]
    if service.ends_on:
        facts.append(_fact(_("Ends on"), _date(service.ends_on), "ends_on"))
    if not public_only:
        facts.append(_fact(_("Last checked"), _last_checked(service), "last_reviewed"))
    organisations = [
        {
            "ref": f"org:{role.organisation_id}",
            "name": localized(role.organisation, "name", language),
            "page_url": node_page_url(f"org:{role.organisation_id}", role.organisation.name_fi),
            "role": str(role.get_role_display()),
        }
        for role in service.organisation_roles.all()
    ]
    return {
        "ref": node,
        "kind": "service",
        "kind_label": _("Service"),
        "name": localized(service, "name", language),
        "name_lang": _shown_language(service, "name", language),
        "name_fi": service.name_fi,
        "page_url": node_page_url(node, service.name_fi),
        "description": localized(service, "description", language),
        "description_lang": _shown_language(service, "description", language),
        "partner_only": not _public(service),
        "facts": [fact for fact in facts if fact],
        "contacts": {},
        "organisations": organisations,
        "services": [],
        "channels": [_channel(channel, language) for channel in service.channels.all()],
        "relations": _relations(
            Q(source_service=service) | Q(target_service=service),
            node,
            public_only=public_only,
            language=language,
        ),
    }


def _date(value: Any) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")  # the language's own: 22.4.2026 in Finnish


def _last_checked(service: Service) -> str:
    """ "4.5.2026, Maija Meikäläinen" (who checked: a steward or an editor), or "never"."""
    if service.last_reviewed is None:
        return str(_("never"))
    checker = service.last_reviewed_by
    name = checker.get_full_name() if checker is not None else ""
    return f"{_date(service.last_reviewed)}, {name}" if name else _date(service.last_reviewed)


def node_details(node: str, *, public_only: bool, language: str) -> dict[str, Any] | None:
    """The side panel's content for `org:<uuid>` / `svc:<uuid>`, or None when there is no
    such record this viewer may see."""
    kind, _sep, raw = node.partition(":")
    try:
        pk = uuid.UUID(raw)
    except ValueError:
        return None
    if kind not in ("org", "svc"):
        return None
    who = "public" if public_only else "partners"
    key = f"ecosystem:node:{data_version()}:{language}:{who}:{kind}:{pk}"
    found = cache.get(key)
    if found is not None:
        return None if found == NOT_VISIBLE else found
    if kind == "org":
        details = _organisation(pk, public_only=public_only, language=language)
    else:
        details = _service(pk, public_only=public_only, language=language)
    cache.set(key, NOT_VISIBLE if details is None else details, CACHE_SECONDS)
    return details


def proposal_url(user: Any, details: dict[str, Any]) -> str:
    """The "propose a change" form of the record whose details these are, when the user is a
    steward of its organisation (of one of a service's organisations), else "" — one rule for
    the record page and the map's panel (ecosystem.stewardship holds the form)."""
    kind, _sep, raw = details["ref"].partition(":")
    owners = (
        {uuid.UUID(raw)}
        if kind == "org"
        else {uuid.UUID(o["ref"].partition(":")[2]) for o in details.get("organisations", [])}
    )
    if not stewards_any(user, owners):
        return ""
    return reverse(
        "ecosystem_stewardship:propose",
        args=["service" if kind == "svc" else "organisation", uuid.UUID(raw)],
    )
