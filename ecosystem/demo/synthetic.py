"""A synthetic national ecosystem for load tests and benchmarks (never for real use).

`generate()` adds, with bulk inserts, a plausible national-scale network on top of whatever
the register holds: employment areas (45 in Finland) each with its municipalities and their
organisations — an employment authority, the municipalities, a wellbeing services county
shared by neighbouring areas, colleges, a development company, NGOs and companies — plus
national agencies; services spread over them, relations mostly within an area and some
across, and a few service paths per area. The same seed gives the same structure (the UUIDs
are random). Synthetic records are named "Synteettinen …" so nobody mistakes them for real.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from ecosystem.models import (
    Municipality,
    Organisation,
    Relation,
    Service,
    ServiceOrganisation,
    ServicePath,
    ServicePathStep,
    TargetGroup,
)
from ecosystem.models.choices import (
    Direction,
    Obligation,
    OrganisationRole,
    OrganisationType,
    ProvisionType,
    RelationType,
    ServiceClass,
    ServiceStatus,
    Visibility,
)
from ecosystem.register.versioning import bump_data_version

BATCH = 2000
DEFAULT_TARGET_GROUPS = (
    ("young_people", "Nuoret (alle 30-vuotiaat)"),
    ("immigrants", "Maahanmuuttajat"),
    ("long_term_unemployed", "Pitkäaikaistyöttömät"),
    ("partial_work_ability", "Osatyökykyiset"),
    ("neurodivergent", "Neurokirjon henkilöt"),
    ("no_secondary_qualification", "Ilman toisen asteen tutkintoa olevat"),
)
# How many services each kind of organisation runs, relatively.
SERVICE_WEIGHTS = {
    OrganisationType.EMPLOYMENT_AUTHORITY: 12,
    OrganisationType.WELLBEING_COUNTY: 10,
    OrganisationType.MUNICIPALITY: 4,
    OrganisationType.EDUCATIONAL_INSTITUTE: 4,
    OrganisationType.DEVELOPMENT_COMPANY: 2,
    OrganisationType.NGO: 1,
    OrganisationType.COMPANY: 2,
    OrganisationType.STATE_AGENCY: 3,
}
STATUTORY_TYPES = {
    OrganisationType.EMPLOYMENT_AUTHORITY,
    OrganisationType.WELLBEING_COUNTY,
    OrganisationType.STATE_AGENCY,
}
STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.INACTIVE, ServiceStatus.TEMPORARILY_CLOSED)
STATUS_WEIGHTS = (90, 7, 3)
RELATION_WEIGHTS = {
    RelationType.REFERRAL: 6,
    RelationType.JOINT_SERVICE: 1,
    RelationType.COOPERATION_AGREEMENT: 2,
    RelationType.FUNDING: 1,
    RelationType.INFORMATION_SHARING: 2,
}


@dataclass
class _Area:
    number: int
    municipalities: list[uuid.UUID] = field(default_factory=list)
    organisations: list[tuple[uuid.UUID, str]] = field(default_factory=list)
    services: list[uuid.UUID] = field(default_factory=list)


def _uuid(rng: random.Random) -> uuid.UUID:
    # Ids are random on purpose: the generator may run twice with one seed on one database.
    return uuid.uuid4()


def _insert(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """INSERT rows ({attname: value}) in batches with executemany.

    Much faster than bulk_create for hundreds of thousands of rows: no model instances. Columns
    not given get the field's default (auto_now fields: now); values are prepared by the
    fields themselves, so the same code serves SQLite and PostgreSQL. Bypasses signals.
    """
    fields = [
        f
        for f in model._meta.concrete_fields
        if not (f.primary_key and isinstance(f, models.AutoField | models.BigAutoField))
    ]
    now = timezone.now()
    defaults = {
        f.attname: now
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        else (None if f.primary_key else f.get_default())
        for f in fields
    }
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                sql,
                [
                    [
                        f.get_db_prep_save(row.get(f.attname, defaults[f.attname]), connection)
                        for f in fields
                    ]
                    for row in rows[start : start + BATCH]
                ],
            )


def _free_codes(count: int) -> list[str]:
    taken = set(Municipality.objects.values_list("code", flat=True))
    free = [f"{n:03d}" for n in range(1, 1000) if f"{n:03d}" not in taken]
    if len(free) < count:
        raise ValueError("not enough free municipality codes for the synthetic network")
    return free[:count]


def _target_groups() -> list[uuid.UUID]:
    groups = list(TargetGroup.objects.values_list("id", flat=True))
    if groups:
        return groups
    created = TargetGroup.objects.bulk_create(
        [
            TargetGroup(code=code, name_fi=name, sort_order=index)
            for index, (code, name) in enumerate(DEFAULT_TARGET_GROUPS, start=1)
        ]
    )
    return [group.id for group in created]


def _weighted(rng: random.Random, weights: dict) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def generate(
    *,
    services: int = 20000,
    relations: int | None = None,
    areas: int = 45,
    seed: int = 0,
) -> dict[str, int]:
    """Add a synthetic network with `services` services and `relations` relations (five per
    service by default) over `areas` employment areas; return the counts created."""
    if services < areas:
        raise ValueError("need at least one service per employment area")
    relations = services * 5 if relations is None else relations
    rng = random.Random(seed)
    with transaction.atomic():
        counts = _Generator(rng, areas).run(services=services, relations=relations)
        bump_data_version()
    return counts


class _Generator:
    def __init__(self, rng: random.Random, areas: int) -> None:
        self.rng = rng
        self.areas = [_Area(number) for number in range(1, areas + 1)]
        self.groups = _target_groups()

    def run(self, *, services: int, relations: int) -> dict[str, int]:
        municipalities = self._municipalities(min(300, max(len(self.areas) * 2, services // 60)))
        organisations = self._organisations(municipalities)
        self._services(services)
        relation_count = self._relations(relations)
        path_count = self._paths()
        return {
            "employment_areas": len(self.areas),
            "municipalities": municipalities,
            "organisations": organisations,
            "services": services,
            "relations": relation_count,
            "service_paths": path_count,
        }

    def _municipalities(self, count: int) -> int:
        rows = []
        for index, code in enumerate(_free_codes(count)):
            area = self.areas[index % len(self.areas)]
            pk = _uuid(self.rng)
            rows.append(
                {
                    "id": pk,
                    "code": code,
                    "name_fi": f"Synteettinen kunta {code}",
                    "employment_area": f"Synteettinen työllisyysalue {area.number}",
                }
            )
            area.municipalities.append(pk)
        _insert(Municipality, rows)
        return len(rows)

    def _organisations(self, municipality_count: int) -> int:
        rows: list[dict[str, Any]] = []
        served: dict[uuid.UUID, set[uuid.UUID]] = {}
        every_municipality = {m for area in self.areas for m in area.municipalities}

        def add(kind: str, name: str, places: Sequence[uuid.UUID]) -> tuple[uuid.UUID, str]:
            pk = _uuid(self.rng)
            rows.append({"id": pk, "name_fi": f"Synteettinen {name}", "organisation_type": kind})
            served.setdefault(pk, set()).update(places)
            return pk, kind

        national = [
            add(OrganisationType.STATE_AGENCY, "valtion virasto", list(every_municipality)),
            add(OrganisationType.RESEARCH_INSTITUTE, "tutkimuslaitos", list(every_municipality)),
        ]
        county: tuple[uuid.UUID, str] | None = None
        for area in self.areas:
            number, places = area.number, area.municipalities
            if county is None or number % 2 == 1:
                county = add(OrganisationType.WELLBEING_COUNTY, f"hyvinvointialue {number}", [])
            served[county[0]].update(places)
            area.organisations = [
                add(OrganisationType.EMPLOYMENT_AUTHORITY, f"työllisyysalue {number}", places),
                add(OrganisationType.EDUCATIONAL_INSTITUTE, f"oppilaitos {number}", places),
                add(OrganisationType.DEVELOPMENT_COMPANY, f"kehittämisyhtiö {number}", places),
                *(add(OrganisationType.NGO, f"yhdistys {number}.{n}", places) for n in (1, 2, 3)),
                *(add(OrganisationType.COMPANY, f"yritys {number}.{n}", places) for n in (1, 2)),
                *(
                    add(OrganisationType.MUNICIPALITY, f"kunta {index}.{number}", [place])
                    for index, place in enumerate(places, start=1)
                ),
                county,
                *national,
            ]
        _insert(Organisation, rows)
        _insert(
            Organisation.municipalities.through,
            [
                {"organisation_id": org, "municipality_id": place}
                for org, places in served.items()
                for place in places
            ],
        )
        return len(rows)

    def _services(self, count: int) -> None:
        rng = self.rng
        classes = [value for value, _label in ServiceClass.choices]
        services, roles, groups, places = [], [], [], []
        for number in range(1, count + 1):
            area = self.areas[(number - 1) % len(self.areas)]
            weights = [SERVICE_WEIGHTS.get(kind, 1) for _pk, kind in area.organisations]
            owner, owner_kind = rng.choices(area.organisations, weights=weights)[0]
            pk = _uuid(rng)
            area.services.append(pk)
            services.append(
                {
                    "id": pk,
                    "name_fi": f"Synteettinen palvelu {number}",
                    "status": rng.choices(STATUSES, weights=STATUS_WEIGHTS)[0],
                    "obligation": (
                        Obligation.STATUTORY
                        if owner_kind in STATUTORY_TYPES
                        else Obligation.COMPLEMENTARY
                    ),
                    "service_class": rng.choice(classes),
                    "visibility": self._visibility(),
                }
            )
            roles.append(
                {
                    "id": _uuid(rng),
                    "service_id": pk,
                    "organisation_id": owner,
                    "role": OrganisationRole.RESPONSIBLE,
                    "provision_type": ProvisionType.OWN,
                    "sort_order": 0,
                }
            )
            if rng.random() < 0.3:
                producer, _kind = rng.choice(area.organisations)
                if producer != owner:
                    roles.append(
                        {
                            "id": _uuid(rng),
                            "service_id": pk,
                            "organisation_id": producer,
                            "role": OrganisationRole.PRODUCER,
                            "provision_type": ProvisionType.PROCURED,
                            "sort_order": 1,
                        }
                    )
            for group in rng.sample(self.groups, rng.choice((0, 1, 1, 2))):
                groups.append({"service_id": pk, "targetgroup_id": group})
            chosen = (
                area.municipalities if rng.random() < 0.4 else [rng.choice(area.municipalities)]
            )
            places.extend({"service_id": pk, "municipality_id": m} for m in chosen)
        _insert(Service, services)
        _insert(ServiceOrganisation, roles)
        _insert(Service.target_groups.through, groups)
        _insert(Service.municipalities.through, places)

    def _visibility(self) -> str:
        return Visibility.PUBLIC if self.rng.random() < 0.9 else Visibility.PARTNERS

    def _relations(self, count: int) -> int:
        rng = self.rng
        rows, groups = [], []
        while len(rows) < count:
            area = rng.choice(self.areas)
            other = area if rng.random() < 0.8 else rng.choice(self.areas)
            ends: dict[str, Any] = {}
            for side, pool in (("source", area), ("target", other)):
                if rng.random() < 0.1:
                    ends[f"{side}_organisation_id"] = rng.choice(pool.organisations)[0]
                else:
                    ends[f"{side}_service_id"] = rng.choice(pool.services)
            source = ends.get("source_organisation_id") or ends.get("source_service_id")
            if source in (ends.get("target_organisation_id"), ends.get("target_service_id")):
                continue
            pk = _uuid(rng)
            rows.append(
                {
                    "id": pk,
                    "relation_type": _weighted(rng, RELATION_WEIGHTS),
                    "direction": Direction.MUTUAL if rng.random() < 0.3 else Direction.DIRECTED,
                    "visibility": self._visibility(),
                    **ends,
                }
            )
            if rng.random() < 0.3:
                groups.append({"relation_id": pk, "targetgroup_id": rng.choice(self.groups)})
        _insert(Relation, rows)
        _insert(Relation.target_groups.through, groups)
        return len(rows)

    def _paths(self) -> int:
        rng = self.rng
        paths, steps = [], []
        for area in self.areas:
            for n in (1, 2):
                pk = _uuid(rng)
                paths.append(
                    {
                        "id": pk,
                        "name_fi": f"Synteettinen palvelupolku {area.number}.{n}",
                        "target_group_id": rng.choice(self.groups),
                    }
                )
                for position in range(1, 5):
                    for alternative in range(rng.choice((1, 1, 2))):
                        steps.append(
                            {
                                "id": _uuid(rng),
                                "path_id": pk,
                                "position": position,
                                "sort_order": alternative,
                                "service_id": rng.choice(area.services),
                            }
                        )
        _insert(ServicePath, paths)
        _insert(ServicePathStep, steps)
        return len(paths)
