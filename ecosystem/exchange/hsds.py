"""The register as Open Referral HSDS 3.0: one mapping for the export files and the API.

`write_hsds(directory)` writes `organizations.json`, `services.json` and
`service_at_locations.json`, each a JSON array of records as the HSDS 3.0 API returns them,
plus `taxonomies.json` and `taxonomy_terms.json`. The API (ecosystem.exchange.hsds_api)
builds its objects with the same `HsdsMapping`, from the same record shapes, a page at a time.

Every object is valid under both readings of the standard, in strict mode (every object
`additionalProperties: false`): the compiled schemas (`compiled/*.json`) and the per-object
schemas (`schema/*.json`, as the PyPI `hsds-validator` reads them). The per-object schemas
have no `organization.services` and no `service_at_location.service`, so neither is written:
a service names its organisation (`organization_id`, and `organization` nested), a
service_at_location its service (`service_id`). Only fields of the standard are written, and
empty optional values are left out rather than written as null.

Mapping (see also ecosystem.models):
- Organisation → organization: Finnish name and description, the Finnish short name as
  alternate_name (HSDS has one name per record, and a record here is Finnish throughout;
  the Swedish and English short names are in the register's own exports), Y-tunnus and
  PTV id as organization_identifiers, phone, organisation
  type as an attribute.
- Service → service: status, eligibility, ages, cost (cost_options, fees_description),
  last reviewed (assured_date), last_modified, phone channels as phones, channel e-mails
  as contacts, municipalities as service_areas (extent = the municipality code), languages
  (Finnish, and Swedish/English when the name is translated), organization = the first
  responsible organisation (nested whole).
- ServiceChannel (service point, e-service, web page) → service_at_location with its
  location: physical with an address for a service point, virtual with a URL otherwise;
  opening hours as a schedule description.
- Target groups, service class, municipalities (grouped by employment area),
  statutory/complementary, organisation type and visibility → one HSDS taxonomy each; a
  record carries its terms as attributes. Every term is published in Finnish, and in
  Swedish and English where the register has the label (`language`; same `code`).

Identifiers: records keep their UUIDs (a channel's UUID is its service_at_location's);
objects KEKO has no record for (locations, addresses, phones, attributes, terms…) get
UUIDs derived with uuid5 from a fixed namespace and what they describe, so every export
of the same data gives the same identifiers.
"""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.utils import translation

from ecosystem.exchange.document import export_document
from ecosystem.models import Service
from ecosystem.models.choices import (
    ChannelType,
    Cost,
    Obligation,
    OrganisationRole,
    OrganisationType,
    ServiceClass,
    Visibility,
)

NAMESPACE = uuid.UUID("ddf09d82-775e-411d-8eac-793853ee59bc")
HSDS_VERSION = "3.0"
LANGUAGES = ("fi", "sv", "en")
LANGUAGE_NAMES = {"fi": "suomi", "sv": "svenska", "en": "English"}
FILES = ("organizations.json", "services.json", "service_at_locations.json")
TAXONOMY_FILE = "taxonomy_terms.json"
TAXONOMIES_FILE = "taxonomies.json"
Record = dict[str, Any]


def derived_id(*parts: str) -> str:
    """A stable UUID for an HSDS object KEKO has no record of, from what it describes."""
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


# One taxonomy per classification of the register: (name, description).
TAXONOMIES: dict[str, tuple[str, str]] = {
    "target_group": (
        "KEKO target groups",
        "Customer groups the services of the KEKO register (Central Uusimaa work ability and "
        "employment ecosystem) are aimed at. Term codes are target_group/<code>.",
    ),
    "service_class": (
        "KEKO service classes",
        "Coarse service classes of the KEKO register, for coverage analysis. Term codes are "
        "service_class/<code>.",
    ),
    "municipality": (
        "Finnish municipalities",
        "Municipalities by Statistics Finland's three-digit code (municipality/<code>), each "
        "under its employment area (employment_area/<name>): a service's service area.",
    ),
    "obligation": (
        "KEKO statutory or complementary",
        "Whether law obliges someone to provide the service. Term codes are obligation/<code>.",
    ),
    "organisation_type": (
        "KEKO organisation types",
        "Kinds of actors in the KEKO register. Term codes are organisation_type/<code>.",
    ),
    "visibility": (
        "KEKO visibility",
        "Who may see a record: public, or network partners only (never published).",
    ),
}
CHOICES = {
    "service_class": ServiceClass,
    "obligation": Obligation,
    "organisation_type": OrganisationType,
    "visibility": Visibility,
}


def taxonomy_id(category: str) -> str:
    """The id of a category's taxonomy."""
    return derived_id("taxonomy", category)


def term_id(category: str, code: str, language: str = "fi") -> str:
    """The id of a term; the Finnish term's id depends only on the category and code."""
    if language == "fi":
        return derived_id("term", category, code)
    return derived_id("term", category, code, language)


def taxonomy_detail(category: str) -> Record:
    """The HSDS taxonomy object of a category."""
    name, description = TAXONOMIES[category]
    return {
        "id": taxonomy_id(category),
        "name": name,
        "description": description,
        "version": "2",
    }


def _compact(data: Record) -> Record:
    """data without None, empty strings and empty lists (HSDS fields are optional)."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _translated(label, language: str) -> str:
    with translation.override(language):
        return str(label)


class Taxonomy:
    """Every published term: by (category, code) in Finnish, and by id in every language.

    Built from the target group and municipality records (document shape); the other
    classifications are the register's fixed choices, labelled in fi/sv/en.
    """

    def __init__(self, target_groups: Iterable[Record], municipalities: Iterable[Record]):
        self.by_code: dict[tuple[str, str], Record] = {}
        self.terms: list[Record] = []
        # Target groups and municipalities are linked by their record id.
        self.record_codes: dict[tuple[str, str], str] = {}
        for record in target_groups:
            self.record_codes[("target_group", record["id"])] = record["code"]
            self._add(
                "target_group",
                record["code"],
                {lang: record.get(f"name_{lang}", "") for lang in LANGUAGES},
                {lang: record.get(f"description_{lang}", "") for lang in LANGUAGES},
            )
        for category, choices in CHOICES.items():
            for code, label in choices.choices:
                names = {lang: _translated(label, lang) for lang in LANGUAGES}
                self._add(category, code, names, {})
        areas = sorted({r["employment_area"] for r in municipalities if r["employment_area"]})
        for area in areas:
            self._add("employment_area", area, {"fi": area}, {}, taxonomy="municipality")
        for record in sorted(municipalities, key=lambda item: item["code"]):
            self.record_codes[("municipality", record["id"])] = record["code"]
            area = record["employment_area"]
            self._add(
                "municipality",
                record["code"],
                {lang: record.get(f"name_{lang}", "") for lang in LANGUAGES},
                {},
                parent=("employment_area", area) if area else None,
            )
        self.by_id: dict[str, Record] = {item["id"]: item for item in self.terms}

    def _add(
        self,
        category: str,
        code: str,
        names: dict[str, str],
        descriptions: dict[str, str],
        *,
        taxonomy: str | None = None,
        parent: tuple[str, str] | None = None,
    ) -> None:
        taxonomy = taxonomy or category
        for language in LANGUAGES:
            name = names.get(language, "")
            if not name:
                continue  # no label in this language
            item = _compact(
                {
                    "id": term_id(category, code, language),
                    "code": f"{category}/{code}",
                    "name": name,
                    "description": descriptions.get(language) or name,
                    "parent_id": term_id(*parent) if parent else None,
                    "taxonomy": TAXONOMIES[taxonomy][0],
                    "taxonomy_detail": taxonomy_detail(taxonomy),
                    "language": language,
                    "taxonomy_id": taxonomy_id(taxonomy),
                }
            )
            self.terms.append(item)
            if language == "fi":
                self.by_code[(category, code)] = item

    def attribute(self, link_id: str, entity: str, category: str, code: str) -> Record:
        """An attribute linking a record to the Finnish term (category, code)."""
        chosen = self.by_code[(category, code)]
        return {
            "id": derived_id("attribute", link_id, chosen["id"]),
            "link_id": link_id,
            "taxonomy_term_id": chosen["id"],
            "link_type": category,
            "link_entity": entity,
            "taxonomy_term": chosen,
        }

    def record_attribute(self, link_id: str, entity: str, category: str, pk: str) -> Record:
        """An attribute linking a record to the term of a target group or municipality id."""
        return self.attribute(link_id, entity, category, self.record_codes[(category, pk)])

    def all_terms(self) -> list[Record]:
        """Every term, every language (taxonomy_terms.json and /taxonomy_terms)."""
        return list(self.terms)

    @staticmethod
    def taxonomies() -> list[Record]:
        """Every taxonomy (taxonomies.json and /taxonomies)."""
        return [taxonomy_detail(category) for category in TAXONOMIES]


class HsdsMapping:
    """Register records (document shape, ecosystem.exchange.document) → HSDS objects.

    `organisations` holds every organisation that may be shown, by id, each record's
    `parent` already None unless that parent may be shown too; `municipalities` the
    municipality records by id; `modified` a service's last change by id.
    """

    def __init__(
        self,
        *,
        taxonomy: Taxonomy,
        municipalities: dict[str, Record],
        organisations: dict[str, Record],
        modified: dict[str, datetime.datetime],
    ):
        self.taxonomy = taxonomy
        self.municipalities = municipalities
        self.organisations = organisations
        self.modified = modified

    # --- organizations ---------------------------------------------------------------------

    def organization(self, record: Record, *, full: bool = True) -> Record:
        """An organization; full=False gives the one-to-one fields only (list form)."""
        pk = record["id"]
        result = _compact(
            {
                "id": pk,
                "name": record["name_fi"],
                "alternate_name": record["short_name"],
                "email": record["email"],
                "website": record["website"],
                "parent_organization_id": record["parent"],
            }
        ) | {"description": record["description_fi"]}
        if not full:
            return result
        identifiers = []
        if record["business_id"]:
            identifiers.append(
                {
                    "id": derived_id("identifier", pk, "business_id"),
                    "organization_id": pk,
                    "identifier_scheme": "FI-PRO",
                    "identifier_type": "Y-tunnus",
                    "identifier": record["business_id"],
                }
            )
        if record["ptv_id"]:
            identifiers.append(
                {
                    "id": derived_id("identifier", pk, "ptv_id"),
                    "organization_id": pk,
                    "identifier_scheme": "PTV",
                    "identifier_type": "PTV-tunniste",
                    "identifier": record["ptv_id"],
                }
            )
        phones = []
        if record["phone"]:
            phones.append(
                {"id": derived_id("phone", pk), "organization_id": pk, "number": record["phone"]}
            )
        attributes = [
            self.taxonomy.attribute(
                pk, "organization", "organisation_type", record["organisation_type"]
            ),
            self.taxonomy.attribute(pk, "organization", "visibility", record["visibility"]),
        ]
        return result | _compact(
            {
                "phones": phones,
                "organization_identifiers": identifiers,
                "attributes": attributes,
            }
        )

    # --- services --------------------------------------------------------------------------

    def organisation_id(self, record: Record) -> str | None:
        """The service's organization: its first responsible organisation that may be shown
        (else its first organisation that may be shown)."""
        roles = [
            role for role in record["organisations"] if role["organisation"] in self.organisations
        ]
        responsible = [role for role in roles if role["role"] == OrganisationRole.RESPONSIBLE]
        chosen = (responsible or roles or [None])[0]
        return chosen["organisation"] if chosen else None

    def location(self, service: Record, channel: Record, *, full: bool = True) -> Record:
        """The location of a channel: physical (an address) or virtual (a URL)."""
        chid = channel["id"]
        location_id = derived_id("location", chid)
        physical = channel["channel_type"] == ChannelType.SERVICE_POINT
        municipality = self.municipalities.get(channel["municipality"])
        addresses = []
        if physical and full:
            addresses.append(
                {
                    "id": derived_id("address", chid),
                    "location_id": location_id,
                    "address_1": channel["street_address"],
                    "city": channel["post_office"] or (municipality or {}).get("name_fi", ""),
                    "state_province": "",
                    "postal_code": channel["postal_code"],
                    "country": "FI",
                    "address_type": "physical",
                }
            )
        return _compact(
            {
                "id": location_id,
                "location_type": "physical" if physical else "virtual",
                "url": channel["url"],
                "organization_id": self.organisation_id(service),
                "name": channel["name"] or service["name_fi"],
                "description": channel["description"],
                "external_identifier": municipality["code"] if municipality else None,
                "external_identifier_type": "kuntakoodi" if municipality else None,
                "addresses": addresses,
            }
        )

    def service_at_location(self, service: Record, channel: Record, *, full: bool = True) -> Record:
        """A service point, e-service or web page as a service_at_location.

        full=False gives the list form: one-to-one fields and the location without its
        nested lists.
        """
        chid = channel["id"]
        record = {
            "id": chid,
            "service_id": service["id"],
            "location_id": derived_id("location", chid),
            "description": channel["description"],
        }
        if full:
            phones, contacts, schedules = [], [], []
            if channel["phone"]:
                phones.append(
                    {
                        "id": derived_id("phone", chid),
                        "service_at_location_id": chid,
                        "number": channel["phone"],
                    }
                )
            if channel["email"]:
                contacts.append(
                    _compact(
                        {
                            "id": derived_id("contact", chid),
                            "service_at_location_id": chid,
                            "name": channel["name"],
                            "email": channel["email"],
                        }
                    )
                )
            if channel["opening_hours"]:
                schedules.append(
                    {
                        "id": derived_id("schedule", chid),
                        "service_at_location_id": chid,
                        "description": channel["opening_hours"],
                    }
                )
            record |= {"contacts": contacts, "phones": phones, "schedules": schedules}
        record["location"] = self.location(service, channel, full=full)
        return _compact(record)

    def located_channels(self, record: Record) -> list[Record]:
        """The service's channels that are service_at_locations (all but phone services)."""
        return [c for c in record["channels"] if c["channel_type"] != ChannelType.PHONE]

    def service(
        self,
        record: Record,
        *,
        full: bool = True,
        with_locations: bool = True,
        with_organization: bool = True,
    ) -> Record:
        """A service: full (nested lists), or full=False for the list form (one-to-one
        fields and the organization's own fields)."""
        pk = record["id"]
        channels = record["channels"]
        urls = [c["url"] for c in channels if c["url"] and c["channel_type"] != ChannelType.PHONE]
        organisation_id = self.organisation_id(record)
        modified = self.modified.get(pk)
        result = _compact(
            {
                "id": pk,
                "organization_id": organisation_id,
                "name": record["name_fi"],
                "description": record["description_fi"],
                "url": urls[0] if urls else None,
                "email": next((c["email"] for c in channels if c["email"]), None),
                "status": record["status"],
                "fees_description": record["cost_description"],
                "eligibility_description": record["eligibility_description"],
                "minimum_age": record["minimum_age"],
                "maximum_age": record["maximum_age"],
                "assured_date": record["last_reviewed"],
                "last_modified": modified.isoformat() if modified else None,
            }
        )
        if with_organization and organisation_id:
            result["organization"] = self.organization(
                self.organisations[organisation_id], full=full
            )
        if not full:
            return result
        result |= _compact(self._service_lists(record))
        if with_locations:
            locations = [
                self.service_at_location(record, channel)
                for channel in self.located_channels(record)
            ]
            if locations:
                result["service_at_locations"] = locations
        return result

    def _service_lists(self, record: Record) -> Record:
        pk = record["id"]
        channels = record["channels"]
        phones = [
            _compact(
                {
                    "id": derived_id("phone", channel["id"]),
                    "service_id": pk,
                    "number": channel["phone"],
                    "description": channel["opening_hours"] or channel["name"],
                }
            )
            for channel in channels
            if channel["channel_type"] == ChannelType.PHONE and channel["phone"]
        ]
        contacts = [
            _compact(
                {
                    "id": derived_id("contact", channel["id"]),
                    "service_id": pk,
                    "name": channel["name"],
                    "email": channel["email"],
                }
            )
            for channel in channels
            if channel["email"] and channel["channel_type"] == ChannelType.PHONE
        ]
        areas = [
            _compact(
                {
                    "id": derived_id("service_area", pk, municipality_id),
                    "service_id": pk,
                    "name": self.municipalities[municipality_id]["name_fi"],
                    "extent": self.municipalities[municipality_id]["code"],
                    "extent_type": "text",
                    "description": "kuntakoodi",
                }
            )
            for municipality_id in record["municipalities"]
        ]
        languages = [
            {
                "id": derived_id("language", pk, code),
                "service_id": pk,
                "name": LANGUAGE_NAMES[code],
                "code": code,
            }
            for code in LANGUAGES
            if code == "fi" or record[f"name_{code}"]
        ]
        cost: Record = {
            "id": derived_id("cost_option", pk),
            "service_id": pk,
            "option": record["cost"],
            "amount_description": record["cost_description"],
        }
        if record["cost"] == Cost.FREE:
            cost |= {"amount": 0, "currency": "EUR"}
        taxonomy = self.taxonomy
        attributes = [
            *(
                taxonomy.record_attribute(pk, "service", "target_group", group)
                for group in record["target_groups"]
            ),
            taxonomy.attribute(pk, "service", "service_class", record["service_class"]),
            *(
                taxonomy.record_attribute(pk, "service", "municipality", municipality)
                for municipality in record["municipalities"]
            ),
            taxonomy.attribute(pk, "service", "obligation", record["obligation"]),
            taxonomy.attribute(pk, "service", "visibility", record["visibility"]),
        ]
        return {
            "phones": phones,
            "service_areas": areas,
            "languages": languages,
            "cost_options": [_compact(cost)],
            "contacts": contacts,
            "attributes": attributes,
        }

    def minimal_service(self, record: Record) -> Record:
        """The smallest service the schema allows: id, name, status, last_modified."""
        modified = self.modified.get(record["id"])
        return _compact(
            {
                "id": record["id"],
                "name": record["name_fi"],
                "status": record["status"],
                "last_modified": modified.isoformat() if modified else None,
            }
        )


class HsdsExport(HsdsMapping):
    """The HSDS records of the whole register document (the export files)."""

    def __init__(self, document: Record, *, public_only: bool = False):
        def visible(record: Record) -> bool:
            return not public_only or record["visibility"] == Visibility.PUBLIC

        shown = {record["id"] for record in document["organisations"] if visible(record)}
        organisations = {
            record["id"]: record
            | {"parent": record["parent"] if record["parent"] in shown else None}
            for record in document["organisations"]
            if record["id"] in shown
        }
        super().__init__(
            taxonomy=Taxonomy(document["target_groups"], document["municipalities"]),
            municipalities={record["id"]: record for record in document["municipalities"]},
            organisations=organisations,
            modified={
                str(pk): updated_at
                for pk, updated_at in Service.objects.values_list("id", "updated_at")
            },
        )
        self.services = [record for record in document["services"] if visible(record)]

    # --- files -----------------------------------------------------------------------------

    def organizations(self) -> list[Record]:
        """Every organization (its services name it in organization_id)."""
        return [self.organization(record) for record in self.organisations.values()]

    def services_list(self) -> list[Record]:
        """Every service, full."""
        return [self.service(record) for record in self.services]

    def service_at_locations(self) -> list[Record]:
        """Every service point, e-service and web page (each names its service_id)."""
        return [
            self.service_at_location(record, channel)
            for record in self.services
            for channel in self.located_channels(record)
        ]


def write_hsds(directory: Path, *, public_only: bool = False) -> list[Path]:
    """Write the HSDS files into directory (created); return their paths.

    One file is built at a time and written piece by piece, so memory holds the register
    and one file's records, not all of them.
    """
    directory.mkdir(parents=True, exist_ok=True)
    export = HsdsExport(export_document(), public_only=public_only)
    builders = {
        "organizations.json": export.organizations,
        "services.json": export.services_list,
        "service_at_locations.json": export.service_at_locations,
        TAXONOMIES_FILE: export.taxonomy.taxonomies,
        TAXONOMY_FILE: export.taxonomy.all_terms,
    }
    written = []
    for name, build in builders.items():
        path = directory / name
        with path.open("w", encoding="utf-8", newline="\n") as target:
            json.dump(build(), target, ensure_ascii=False, indent=2)
            target.write("\n")
        written.append(path)
    return written
