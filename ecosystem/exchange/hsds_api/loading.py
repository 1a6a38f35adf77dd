"""Reading the public register a page at a time, in the record shapes of the HSDS mapping.

Every function here issues a fixed number of queries whatever the size of the register or
of the page: rows are read with `values()`, children for the whole page at once (by
`service_id__in`), and records are assembled in Python. Only public records are read;
a relation to a partner-only record (an organisation's role, a parent organisation) is
left out, as if it did not exist.
"""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from ecosystem.exchange.hsds import HsdsMapping, Record, Taxonomy
from ecosystem.exchange.hsds import taxonomy_id as id_of
from ecosystem.models import (
    Municipality,
    Organisation,
    Service,
    ServiceChannel,
    ServiceOrganisation,
    TargetGroup,
)
from ecosystem.models.choices import ChannelType, Visibility
from ecosystem.register.versioning import data_version

PUBLIC = Visibility.PUBLIC.value
SERVICE_FIELDS = (
    "id",
    "name_fi",
    "name_sv",
    "name_en",
    "description_fi",
    "status",
    "obligation",
    "service_class",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "cost",
    "cost_description",
    "visibility",
    "last_reviewed",
    "updated_at",
)
ORGANISATION_FIELDS = (
    "id",
    "name_fi",
    "short_name",
    "description_fi",
    "organisation_type",
    "business_id",
    "website",
    "email",
    "phone",
    "visibility",
    "ptv_id",
    "parent_id",
    "parent__visibility",
)
CHANNEL_FIELDS = (
    "id",
    "service_id",
    "channel_type",
    "name",
    "street_address",
    "postal_code",
    "post_office",
    "municipality_id",
    "phone",
    "email",
    "url",
    "opening_hours",
    "description",
)


def as_uuid(value: str) -> uuid.UUID | None:
    """value as a UUID, or None when it is not one (then it names no record)."""
    try:
        return uuid.UUID(str(value))
    except (ValueError, AttributeError):
        return None


def _text(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


# The taxonomy of the current data version, built once per process: it is the same for
# every request until the register changes, and building it (a thousand terms with derived
# ids) costs more than the rest of a single-record answer.
_taxonomy_memo: dict[str, tuple[Taxonomy, dict[str, Record]]] = {}


def load_taxonomy() -> tuple[Taxonomy, dict[str, Record]]:
    """The taxonomy and the municipality records by id: two queries the first time in a
    process for each data version, none after."""
    version = data_version()
    found = _taxonomy_memo.get(version)
    if found is None:
        found = _build_taxonomy()
        _taxonomy_memo.clear()
        _taxonomy_memo[version] = found
    return found


def _build_taxonomy() -> tuple[Taxonomy, dict[str, Record]]:
    groups = [
        {key: _text(value) for key, value in row.items()}
        for row in TargetGroup.objects.order_by("sort_order", "code").values(
            "id",
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "description_fi",
            "description_sv",
            "description_en",
        )
    ]
    municipalities = [
        {key: _text(value) for key, value in row.items()}
        for row in Municipality.objects.order_by("code").values(
            "id", "code", "name_fi", "name_sv", "name_en", "employment_area"
        )
    ]
    return Taxonomy(groups, municipalities), {row["id"]: row for row in municipalities}


def organisation_record(row: dict[str, Any]) -> Record:
    """An organisation row (ORGANISATION_FIELDS) as the mapping reads it."""
    parent = row["parent_id"] if row["parent__visibility"] == PUBLIC else None
    return {
        "id": str(row["id"]),
        "name_fi": row["name_fi"],
        "short_name": row["short_name"],
        "description_fi": row["description_fi"],
        "organisation_type": row["organisation_type"],
        "business_id": row["business_id"],
        "website": row["website"],
        "email": row["email"],
        "phone": row["phone"],
        "visibility": row["visibility"],
        "ptv_id": _text(row["ptv_id"]),
        "parent": _text(parent),
    }


def public_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(visibility=PUBLIC)


def public_services() -> QuerySet[Service]:
    return Service.objects.filter(visibility=PUBLIC)


def located_channels() -> QuerySet[ServiceChannel]:
    """The channels that are service_at_locations: all but phone services, of public
    services."""
    return ServiceChannel.objects.filter(service__visibility=PUBLIC).exclude(
        channel_type=ChannelType.PHONE
    )


def provided_by(organisation_id: uuid.UUID) -> Q:
    """Services in which the (public) organisation has a role."""
    return Q(
        Exists(
            ServiceOrganisation.objects.filter(
                service=OuterRef("pk"),
                organisation_id=organisation_id,
                organisation__visibility=PUBLIC,
            )
        )
    )


def term_filter(taxonomy: Taxonomy, term_id: str) -> Q | None:
    """Services carrying the term (any of its languages); None when no service can."""
    term = taxonomy.by_id.get(term_id)
    if term is None:
        return None
    category, code = term["code"].split("/", 1)
    through_groups = Service.target_groups.through.objects
    through_places = Service.municipalities.through.objects
    if category == "target_group":
        return Q(Exists(through_groups.filter(service=OuterRef("pk"), targetgroup__code=code)))
    if category == "municipality":
        return Q(Exists(through_places.filter(service=OuterRef("pk"), municipality__code=code)))
    if category == "employment_area":
        return Q(
            Exists(
                through_places.filter(service=OuterRef("pk"), municipality__employment_area=code)
            )
        )
    if category in ("service_class", "obligation", "visibility"):
        return Q(**{category: code})
    return None  # organisation types are attributes of organizations, not of services


def taxonomy_filter(taxonomy_id: str) -> Q | None:
    """Services carrying any term of the taxonomy; None when no service can."""
    if taxonomy_id in (id_of("service_class"), id_of("obligation"), id_of("visibility")):
        return Q()
    if taxonomy_id == id_of("target_group"):
        return Q(Exists(Service.target_groups.through.objects.filter(service=OuterRef("pk"))))
    if taxonomy_id == id_of("municipality"):
        return Q(Exists(Service.municipalities.through.objects.filter(service=OuterRef("pk"))))
    return None


class PageLoader:
    """Builds HSDS objects for a page of services (or channels, or organisations)."""

    def __init__(self, taxonomy: Taxonomy, municipalities: dict[str, Record]):
        self.taxonomy = taxonomy
        self.municipalities = municipalities

    def mapping(self, organisations: dict[str, Record], modified: dict) -> HsdsMapping:
        return HsdsMapping(
            taxonomy=self.taxonomy,
            municipalities=self.municipalities,
            organisations=organisations,
            modified=modified,
        )

    def services(self, rows: Iterable[dict[str, Any]]) -> tuple[list[Record], HsdsMapping]:
        """Records of the service rows (SERVICE_FIELDS) with their children, and the
        mapping to turn them into HSDS objects (five queries)."""
        records: list[Record] = []
        by_id: dict[Any, Record] = {}
        modified: dict[str, datetime.datetime] = {}
        for row in rows:
            record = {key: _text(value) for key, value in row.items() if key != "updated_at"}
            record |= {
                "target_groups": [],
                "municipalities": [],
                "organisations": [],
                "channels": [],
            }
            modified[record["id"]] = row["updated_at"]
            records.append(record)
            by_id[row["id"]] = record
        ids = list(by_id)
        for service_id, group_id in Service.target_groups.through.objects.filter(
            service_id__in=ids
        ).values_list("service_id", "targetgroup_id"):
            by_id[service_id]["target_groups"].append(str(group_id))
        for service_id, place_id in Service.municipalities.through.objects.filter(
            service_id__in=ids
        ).values_list("service_id", "municipality_id"):
            by_id[service_id]["municipalities"].append(str(place_id))
        organisation_ids = set()
        for service_id, organisation_id, role in (
            ServiceOrganisation.objects.filter(service_id__in=ids)
            .order_by("sort_order", "id")
            .values_list("service_id", "organisation_id", "role")
        ):
            organisation_ids.add(organisation_id)
            by_id[service_id]["organisations"].append(
                {"organisation": str(organisation_id), "role": role}
            )
        for row in (
            ServiceChannel.objects.filter(service_id__in=ids)
            .order_by("sort_order", "id")
            .values(*CHANNEL_FIELDS)
        ):
            by_id[row["service_id"]]["channels"].append(self.channel_record(row))
        for record in records:
            record["target_groups"].sort()
            record["municipalities"].sort()
        organisations = {
            str(row["id"]): organisation_record(row)
            for row in public_organisations()
            .filter(pk__in=organisation_ids)
            .values(*ORGANISATION_FIELDS)
        }
        return records, self.mapping(organisations, modified)

    @staticmethod
    def channel_record(row: dict[str, Any]) -> Record:
        return {
            "id": str(row["id"]),
            "channel_type": row["channel_type"],
            "name": row["name"],
            "street_address": row["street_address"],
            "postal_code": row["postal_code"],
            "post_office": row["post_office"],
            "municipality": _text(row["municipality_id"]),
            "phone": row["phone"],
            "email": row["email"],
            "url": row["url"],
            "opening_hours": row["opening_hours"],
            "description": row["description"],
        }

    def services_of(self, organisation_ids: list) -> dict[str, list[Record]]:
        """Full services by the id of the organisation they belong to (organization_id),
        for the given public organisations (six queries)."""
        wanted = {str(pk) for pk in organisation_ids}
        rows = (
            public_services()
            .filter(
                Exists(
                    ServiceOrganisation.objects.filter(
                        service=OuterRef("pk"), organisation_id__in=organisation_ids
                    )
                )
            )
            .order_by("name_fi", "id")
            .values(*SERVICE_FIELDS)
        )
        records, mapping = self.services(rows)
        result: dict[str, list[Record]] = defaultdict(list)
        for record in records:
            owner = mapping.organisation_id(record)
            if owner in wanted:
                result[owner].append(mapping.service(record, with_organization=False))
        return result
