"""The fields a steward may propose, their JSON form, and reading / writing them on a record.

A proposal stores values JSON-ready: text as strings, ages as numbers or None, dates as ISO
strings, many-to-many choices as sorted lists of UUID strings, channels as a list of dicts,
referral relations as sorted lists of service UUID strings (`referrals_to`: services this one
refers customers to; `referrals_from`: services that refer customers here).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from ecosystem.models import (
    Municipality,
    Organisation,
    Relation,
    Service,
    ServiceChannel,
    TargetGroup,
)
from ecosystem.models.choices import ChannelType, RelationType, ServiceStatus

TEXT_FIELDS = (
    "name_fi",
    "name_sv",
    "name_en",
    "description_fi",
    "description_sv",
    "description_en",
)
CHANNEL_KEYS = (
    "channel_type",
    "name",
    "street_address",
    "postal_code",
    "post_office",
    "municipality",
    "phone",
    "email",
    "url",
    "opening_hours",
)
SERVICE_FIELDS = (
    *TEXT_FIELDS,
    "service_class",
    "target_groups",
    "minimum_age",
    "maximum_age",
    "municipalities",
    "status",
    "ends_on",
    "channels",
    "referrals_to",
    "referrals_from",
)
ORGANISATION_FIELDS = (*TEXT_FIELDS, "website", "email", "phone", "municipalities")

FIELD_LABELS: dict[str, Any] = {
    "name_fi": _("Name in Finnish"),
    "name_sv": _("Name in Swedish"),
    "name_en": _("Name in English"),
    "description_fi": _("Description in Finnish"),
    "description_sv": _("Description in Swedish"),
    "description_en": _("Description in English"),
    "service_class": _("Service class"),
    "target_groups": _("Target groups"),
    "minimum_age": _("Minimum age"),
    "maximum_age": _("Maximum age"),
    "municipalities": _("Municipalities"),
    "status": _("Status"),
    "ends_on": _("Ends on"),
    "channels": _("Channels and contacts"),
    "referrals_to": _("Refers customers to"),
    "referrals_from": _("Receives referrals from"),
    "website": _("Website"),
    "email": _("Email"),
    "phone": _("Phone"),
}


def _ids(values) -> list[str]:
    return sorted(str(value) for value in values)


def channel_value(channel: ServiceChannel) -> dict[str, str]:
    """One channel as a proposal stores it."""
    value = {key: getattr(channel, key) or "" for key in CHANNEL_KEYS if key != "municipality"}
    value["municipality"] = str(channel.municipality_id) if channel.municipality_id else ""
    return {key: value[key] for key in CHANNEL_KEYS}


def referral_ids(service: Service) -> tuple[list[str], list[str]]:
    """(services this one refers to, services referring to this one), as UUID strings."""
    if service.pk is None or service._state.adding:
        return [], []
    referrals = Relation.objects.filter(relation_type=RelationType.REFERRAL)
    to = referrals.filter(source_service=service, target_service__isnull=False)
    frm = referrals.filter(target_service=service, source_service__isnull=False)
    return (
        _ids(to.values_list("target_service_id", flat=True)),
        _ids(frm.values_list("source_service_id", flat=True)),
    )


def service_values(service: Service) -> dict[str, Any]:
    """Every proposable field of a saved service, JSON-ready."""
    values: dict[str, Any] = {name: getattr(service, name) for name in TEXT_FIELDS}
    values.update(
        service_class=service.service_class,
        target_groups=_ids(service.target_groups.values_list("pk", flat=True)),
        minimum_age=service.minimum_age,
        maximum_age=service.maximum_age,
        municipalities=_ids(service.municipalities.values_list("pk", flat=True)),
        status=service.status,
        ends_on=service.ends_on.isoformat() if service.ends_on else None,
        channels=[channel_value(channel) for channel in service.channels.all()],
    )
    values["referrals_to"], values["referrals_from"] = referral_ids(service)
    return values


def organisation_values(organisation: Organisation) -> dict[str, Any]:
    """Every proposable field of an organisation, JSON-ready."""
    values: dict[str, Any] = {name: getattr(organisation, name) for name in TEXT_FIELDS}
    values.update(
        website=organisation.website,
        email=organisation.email,
        phone=organisation.phone,
        municipalities=_ids(organisation.municipalities.values_list("pk", flat=True)),
    )
    return values


def changed_values(proposed: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """The proposed values that differ from the current ones."""
    return {name: value for name, value in proposed.items() if current.get(name) != value}


# --- Writing accepted values -----------------------------------------------------------------


def apply_plain_values(record: Service | Organisation, values: dict[str, Any]) -> None:
    """Set the accepted fields on the record in memory (many-to-many and channels through
    modelcluster, committed by the record's save()); referrals are apply_referrals'."""
    for name, value in values.items():
        if name in ("referrals_to", "referrals_from"):
            continue
        if name == "target_groups":
            record.target_groups = list(TargetGroup.objects.filter(pk__in=value))
        elif name == "municipalities":
            record.municipalities = list(Municipality.objects.filter(pk__in=value))
        elif name == "channels":
            record.channels = [
                ServiceChannel(
                    **{key: channel.get(key, "") for key in CHANNEL_KEYS if key != "municipality"},
                    municipality_id=channel.get("municipality") or None,
                )
                for channel in value
            ]
        elif name == "ends_on":
            record.ends_on = dt.date.fromisoformat(value) if value else None
        else:
            setattr(record, name, "" if value is None and name in TEXT_FIELDS else value)


def apply_referrals(service: Service, values: dict[str, Any], *, visibility: str) -> None:
    """Create and delete referral relations so the service's match the accepted lists (each
    relation saved or deleted on its own, so the register's signals see every change)."""
    for name, mine, theirs in (
        ("referrals_to", "source_service", "target_service"),
        ("referrals_from", "target_service", "source_service"),
    ):
        if name not in values:
            continue
        wanted = set(values[name]) - {str(service.pk)}
        existing = Relation.objects.filter(
            relation_type=RelationType.REFERRAL, **{mine: service}, **{f"{theirs}__isnull": False}
        )
        for relation in existing:
            other = str(getattr(relation, f"{theirs}_id"))
            if other not in wanted:
                relation.delete()
            wanted.discard(other)
        for other in Service.objects.filter(pk__in=wanted):
            Relation.objects.create(
                relation_type=RelationType.REFERRAL,
                visibility=visibility,
                evidence=str(_("Proposed by the organisation's steward")),
                **{mine: service, theirs: other},
            )


# --- Showing values --------------------------------------------------------------------------


def display_lines(name: str, value: Any, names: dict[str, str]) -> list[str]:
    """A value as lines of text for the review diff and the steward's list (names: UUID
    string → name of target groups, municipalities and services)."""
    if value in (None, "", []):
        return []
    if name in ("target_groups", "municipalities", "referrals_to", "referrals_from"):
        return sorted(names.get(item, item) for item in value)
    if name == "status":
        return [str(ServiceStatus(value).label) if value in ServiceStatus.values else value]
    if name == "service_class":
        from_choices = dict(Service._meta.get_field("service_class").choices)
        return [str(from_choices.get(value, value))]
    if name == "ends_on":
        date = dt.date.fromisoformat(value)
        return [f"{date.day}.{date.month}.{date.year}"]
    if name == "channels":
        lines = []
        for channel in value:
            kind = channel.get("channel_type", "")
            label = str(ChannelType(kind).label) if kind in ChannelType.values else kind
            parts = [
                channel.get(key) or ""
                for key in CHANNEL_KEYS
                if key not in ("channel_type", "municipality")
            ]
            if channel.get("municipality"):
                parts.append(names.get(channel["municipality"], ""))
            lines.append(f"{label}: " + ", ".join(part for part in parts if part))
        return lines
    return [str(value)]


def names_for(values_list: list[dict[str, Any]]) -> dict[str, str]:
    """Localised names of every target group, municipality and service the values mention
    (three queries whatever the number of values)."""
    ids: dict[str, set[str]] = {"groups": set(), "places": set(), "services": set()}
    for values in values_list:
        ids["groups"].update(values.get("target_groups") or [])
        ids["places"].update(values.get("municipalities") or [])
        for channel in values.get("channels") or []:
            if channel.get("municipality"):
                ids["places"].add(channel["municipality"])
        ids["services"].update(values.get("referrals_to") or [])
        ids["services"].update(values.get("referrals_from") or [])
    names: dict[str, str] = {}
    for model, key in ((TargetGroup, "groups"), (Municipality, "places"), (Service, "services")):
        if ids[key]:
            for record in model.objects.filter(pk__in=ids[key]):
                names[str(record.pk)] = record.localized_name
    return names
