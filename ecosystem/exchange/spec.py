"""What an exchange file holds: the kinds of records, their fields and spreadsheet columns.

One table describes every format. JSON uses the field names (the "keko-ecosystem" document
of ecosystem.register.document); CSV and XLSX use the Finnish column headers, one sheet (or
CSV file) per kind. Child kinds (a service's organisations and channels, a path's steps) are nested
inside their parent in JSON and have their own sheet with a parent column in spreadsheets.

References: JSON refers to every record by UUID. Spreadsheets refer to municipalities and
target groups by their codes (858, young_people), as people know them, and to
organisations, services and paths by UUID.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models

from ecosystem.models import (
    Municipality,
    Organisation,
    Relation,
    Service,
    ServiceChannel,
    ServiceOrganisation,
    ServicePath,
    ServicePathStep,
    TargetGroup,
)

# Field types
PK = "pk"
TEXT = "text"
INT = "int"
BOOL = "bool"
DATE = "date"
CHOICE = "choice"
UUID = "uuid"
REF = "ref"  # a foreign key: one record of `target`
REFS = "refs"  # a many-to-many field: records of `target`
ORDER = "order"  # sort_order of a child (JSON only; row order in spreadsheets)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a kind: its document name, spreadsheet header and type.

    `target` is the kind a REF/REFS field points at; `pad` left-pads numeric spreadsheet
    cells with zeros to that many digits (codes such as 091 that Excel turns into 91).
    """

    name: str
    header: str
    type: str = TEXT
    target: str | None = None
    pad: int = 0
    json_only: bool = False

    @property
    def is_reference(self) -> bool:
        return self.type in (REF, REFS)


@dataclass(frozen=True)
class KindSpec:
    """One kind of record (a top-level list or a child list of a document)."""

    key: str
    model: type[models.Model]
    sheet: str
    csv_name: str
    fields: tuple[FieldSpec, ...]
    parent: str | None = None  # key of the parent kind for children
    parent_field: str | None = None  # the model's parental key
    parent_header: str | None = None
    nested_key: str | None = None  # the child list's name inside the parent's JSON record
    sort_key: tuple[str, ...] = ("id",)
    children: tuple[str, ...] = field(default=())

    def field(self, name: str) -> FieldSpec:
        """The FieldSpec called name."""
        return next(spec for spec in self.fields if spec.name == name)

    @property
    def tabular_fields(self) -> tuple[FieldSpec, ...]:
        """The fields that have a spreadsheet column."""
        return tuple(spec for spec in self.fields if not spec.json_only)

    @property
    def headers(self) -> list[str]:
        """Spreadsheet column headers in order (the parent column second for children)."""
        headers = [spec.header for spec in self.tabular_fields]
        if self.parent_header:
            headers.insert(1, self.parent_header)
        return headers


ID = FieldSpec("id", "Tunniste (UUID)", PK)


def _names() -> tuple[FieldSpec, ...]:
    return (
        FieldSpec("name_fi", "Nimi suomeksi"),
        FieldSpec("name_sv", "Nimi ruotsiksi"),
        FieldSpec("name_en", "Nimi englanniksi"),
    )


def _descriptions() -> tuple[FieldSpec, ...]:
    return (
        FieldSpec("description_fi", "Kuvaus suomeksi"),
        FieldSpec("description_sv", "Kuvaus ruotsiksi"),
        FieldSpec("description_en", "Kuvaus englanniksi"),
    )


VISIBILITY = FieldSpec("visibility", "Näkyvyys", CHOICE)
PTV_ID = FieldSpec("ptv_id", "PTV-tunniste", UUID)
SORT_ORDER = FieldSpec("sort_order", "Järjestys", ORDER, json_only=True)


def _child(*, fields: tuple[FieldSpec, ...], **spec: str | type[models.Model]) -> KindSpec:
    """A child kind: its id first and its sort order last (JSON only: in spreadsheets the
    row order is the order)."""
    return KindSpec(fields=(ID, *fields, SORT_ORDER), **spec)  # type: ignore[arg-type]


def _service_child(*, fields: tuple[FieldSpec, ...], **spec: str | type[models.Model]) -> KindSpec:
    """A child kind of services (their organisations, their channels)."""
    return _child(
        fields=fields,
        parent="services",
        parent_field="service",
        parent_header="Palvelun tunniste",
        **spec,
    )


MUNICIPALITIES = KindSpec(
    key="municipalities",
    model=Municipality,
    sheet="Kunnat",
    csv_name="kunnat.csv",
    fields=(
        ID,
        FieldSpec("code", "Kuntakoodi", pad=3),
        *_names(),
        FieldSpec("employment_area", "Työllisyysalue"),
    ),
    sort_key=("code", "id"),
)
TARGET_GROUPS = KindSpec(
    key="target_groups",
    model=TargetGroup,
    sheet="Kohderyhmät",
    csv_name="kohderyhmat.csv",
    fields=(
        ID,
        FieldSpec("code", "Koodi"),
        *_names(),
        *_descriptions(),
        FieldSpec("sort_order", "Järjestysnumero", INT),
    ),
    sort_key=("sort_order", "code", "id"),
)
ORGANISATIONS = KindSpec(
    key="organisations",
    model=Organisation,
    sheet="Organisaatiot",
    csv_name="organisaatiot.csv",
    fields=(
        ID,
        *_names(),
        FieldSpec("short_name", "Lyhenne"),
        FieldSpec("short_name_sv", "Lyhenne ruotsiksi"),
        FieldSpec("short_name_en", "Lyhenne englanniksi"),
        *_descriptions(),
        FieldSpec("organisation_type", "Organisaatiotyyppi", CHOICE),
        FieldSpec("parent", "Yläorganisaation tunniste", REF, target="organisations"),
        FieldSpec("business_id", "Y-tunnus"),
        FieldSpec("website", "Verkkosivusto"),
        FieldSpec("email", "Sähköposti"),
        FieldSpec("phone", "Puhelin"),
        FieldSpec("municipalities", "Toiminta-alueen kunnat", REFS, target="municipalities"),
        FieldSpec("is_consortium_member", "KEKO-konsortion jäsen", BOOL),
        VISIBILITY,
        PTV_ID,
    ),
    sort_key=("name_fi", "id"),
)
SERVICES = KindSpec(
    key="services",
    model=Service,
    sheet="Palvelut",
    csv_name="palvelut.csv",
    fields=(
        ID,
        *_names(),
        *_descriptions(),
        FieldSpec("status", "Tila", CHOICE),
        FieldSpec("obligation", "Lakisääteisyys", CHOICE),
        FieldSpec("service_class", "Palveluluokka", CHOICE),
        FieldSpec("target_groups", "Kohderyhmät", REFS, target="target_groups"),
        FieldSpec("municipalities", "Palvelualueen kunnat", REFS, target="municipalities"),
        FieldSpec("eligibility_description", "Kelpoisuusehdot"),
        FieldSpec("minimum_age", "Alaikäraja", INT),
        FieldSpec("maximum_age", "Yläikäraja", INT),
        FieldSpec("cost", "Hinta", CHOICE),
        FieldSpec("cost_description", "Hinnan lisätiedot"),
        FieldSpec("legal_basis", "Lakiperuste"),
        PTV_ID,
        VISIBILITY,
        FieldSpec("last_reviewed", "Viimeksi tarkistettu", DATE),
    ),
    sort_key=("name_fi", "id"),
    children=("service_organisations", "channels"),
)
SERVICE_ORGANISATIONS = _service_child(
    key="service_organisations",
    model=ServiceOrganisation,
    sheet="Palvelujen organisaatiot",
    csv_name="palvelujen_organisaatiot.csv",
    fields=(
        FieldSpec("organisation", "Organisaation tunniste", REF, target="organisations"),
        FieldSpec("role", "Rooli", CHOICE),
        FieldSpec("provision_type", "Tuotantotapa", CHOICE),
    ),
    nested_key="organisations",
)
CHANNELS = _service_child(
    key="channels",
    model=ServiceChannel,
    sheet="Asiointikanavat",
    csv_name="asiointikanavat.csv",
    fields=(
        FieldSpec("channel_type", "Kanavatyyppi", CHOICE),
        FieldSpec("name", "Nimi"),
        FieldSpec("street_address", "Katuosoite"),
        FieldSpec("postal_code", "Postinumero", pad=5),
        FieldSpec("post_office", "Postitoimipaikka"),
        FieldSpec("municipality", "Kunta", REF, target="municipalities"),
        FieldSpec("phone", "Puhelin"),
        FieldSpec("email", "Sähköposti"),
        FieldSpec("url", "Verkko-osoite"),
        FieldSpec("opening_hours", "Aukioloajat"),
        FieldSpec("description", "Kuvaus"),
    ),
    nested_key="channels",
)
RELATIONS = KindSpec(
    key="relations",
    model=Relation,
    sheet="Suhteet",
    csv_name="suhteet.csv",
    fields=(
        ID,
        FieldSpec("relation_type", "Suhteen tyyppi", CHOICE),
        FieldSpec("direction", "Suunta", CHOICE),
        FieldSpec("source_organisation", "Lähdeorganisaation tunniste", REF, "organisations"),
        FieldSpec("source_service", "Lähdepalvelun tunniste", REF, "services"),
        FieldSpec("target_organisation", "Kohdeorganisaation tunniste", REF, "organisations"),
        FieldSpec("target_service", "Kohdepalvelun tunniste", REF, "services"),
        FieldSpec("target_groups", "Kohderyhmät", REFS, target="target_groups"),
        FieldSpec("valid_from", "Voimassa alkaen", DATE),
        FieldSpec("valid_to", "Voimassa asti", DATE),
        FieldSpec("evidence", "Tietolähde"),
        VISIBILITY,
    ),
    sort_key=("relation_type", "id"),
)
SERVICE_PATHS = KindSpec(
    key="service_paths",
    model=ServicePath,
    sheet="Palvelupolut",
    csv_name="palvelupolut.csv",
    fields=(
        ID,
        *_names(),
        *_descriptions(),
        FieldSpec("target_group", "Kohderyhmä", REF, target="target_groups"),
        FieldSpec("municipalities", "Alueen kunnat", REFS, target="municipalities"),
        VISIBILITY,
    ),
    sort_key=("name_fi", "id"),
    children=("steps",),
)
STEPS = _child(
    key="steps",
    model=ServicePathStep,
    sheet="Palvelupolkujen vaiheet",
    csv_name="palvelupolkujen_vaiheet.csv",
    fields=(
        FieldSpec("position", "Vaihe", INT),
        FieldSpec("service", "Palvelun tunniste", REF, target="services"),
        FieldSpec("handoff_note", "Siirtymän kuvaus"),
    ),
    parent="service_paths",
    parent_field="path",
    parent_header="Palvelupolun tunniste",
    nested_key="steps",
)

TOP_LEVEL: tuple[KindSpec, ...] = (
    MUNICIPALITIES,
    TARGET_GROUPS,
    ORGANISATIONS,
    SERVICES,
    RELATIONS,
    SERVICE_PATHS,
)
CHILDREN: tuple[KindSpec, ...] = (SERVICE_ORGANISATIONS, CHANNELS, STEPS)
# Sheet order of spreadsheets: each child sheet right after its parent's.
SHEETS: tuple[KindSpec, ...] = (
    MUNICIPALITIES,
    TARGET_GROUPS,
    ORGANISATIONS,
    SERVICES,
    SERVICE_ORGANISATIONS,
    CHANNELS,
    RELATIONS,
    SERVICE_PATHS,
    STEPS,
)
KINDS: dict[str, KindSpec] = {spec.key: spec for spec in SHEETS}
# Kinds referred to by code in spreadsheets (the code field is unique).
CODE_KINDS = frozenset({"municipalities", "target_groups"})
# Deletion order for --replace: what refers to others first.
DELETE_ORDER: tuple[KindSpec, ...] = (
    SERVICE_PATHS,
    RELATIONS,
    SERVICES,
    ORGANISATIONS,
    TARGET_GROUPS,
    MUNICIPALITIES,
)
