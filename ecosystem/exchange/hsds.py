"""The register as Open Referral HSDS 3.0: organizations, services and service_at_locations.

`write_hsds(directory)` writes `organizations.json`, `services.json` and
`service_at_locations.json`, each a JSON array of full records as the HSDS 3.0 API returns
them (nested objects included), plus `taxonomy_terms.json`, the KEKO taxonomy. Every
record is valid against the official compiled schemas even with additionalProperties
false on every object: only fields of the standard are written, and empty optional values
are left out rather than written as null.

Mapping (see also ecosystem.models):
- Organisation → organization: Finnish name and description, short name as
  alternate_name, Y-tunnus and PTV id as organization_identifiers, phone, organisation
  type as an attribute; `services` are the services it is responsible for.
- Service → service: status, eligibility, ages, cost (cost_options, fees_description),
  last reviewed (assured_date), last_modified, phone channels as phones, channel e-mails
  as contacts, municipalities as service_areas (extent = the municipality code), languages
  (Finnish, and Swedish/English when the name is translated), organization = the first
  responsible organisation (nested whole).
- ServiceChannel (service point, e-service, web page) → service_at_location with its
  location: physical with an address for a service point, virtual with a URL otherwise;
  opening hours as a schedule description.
- Target groups, service class, statutory/complementary, organisation type and visibility
  → attributes whose taxonomy_term belongs to the KEKO taxonomy.

Identifiers: records keep their UUIDs (a channel's UUID is its service_at_location's);
objects KEKO has no record for (locations, addresses, phones, attributes, terms…) get
UUIDs derived with uuid5 from a fixed namespace and what they describe, so every export
of the same data gives the same identifiers.
"""

from __future__ import annotations

import json
import uuid
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
TAXONOMY_NAME = "KEKO"
LANGUAGE_NAMES = {"fi": "suomi", "sv": "svenska", "en": "English"}
FILES = ("organizations.json", "services.json", "service_at_locations.json")
TAXONOMY_FILE = "taxonomy_terms.json"


def derived_id(*parts: str) -> str:
    """A stable UUID for an HSDS object KEKO has no record of, from what it describes."""
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


TAXONOMY_ID = derived_id("taxonomy", TAXONOMY_NAME)
TAXONOMY_DETAIL = {
    "id": TAXONOMY_ID,
    "name": TAXONOMY_NAME,
    "description": (
        "Classification of the KEKO register (Central Uusimaa work ability and employment "
        "ecosystem): target groups, service classes, obligation, organisation types and "
        "visibility. Term codes are <category>/<code>, codes as in the KEKO register."
    ),
    "version": "1",
}
# Category terms: the parents of every term.
CATEGORIES = {
    "target_group": "Kohderyhmä",
    "service_class": "Palveluluokka",
    "obligation": "Lakisääteisyys",
    "organisation_type": "Organisaatiotyyppi",
    "visibility": "Näkyvyys",
}


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """data without None, empty strings and empty lists (HSDS fields are optional)."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def term(category: str, code: str, name: str, description: str = "") -> dict[str, Any]:
    """A KEKO taxonomy term; its id depends only on the category and code."""
    return {
        "id": derived_id("term", category, code),
        "code": f"{category}/{code}",
        "name": name,
        "description": description or name,
        "parent_id": derived_id("term", category),
        "taxonomy": TAXONOMY_NAME,
        "taxonomy_detail": TAXONOMY_DETAIL,
        "language": "fi",
        "taxonomy_id": TAXONOMY_ID,
    }


def category_term(category: str) -> dict[str, Any]:
    """The top-level term of a category."""
    return {
        "id": derived_id("term", category),
        "code": category,
        "name": CATEGORIES[category],
        "description": CATEGORIES[category],
        "taxonomy": TAXONOMY_NAME,
        "taxonomy_detail": TAXONOMY_DETAIL,
        "language": "fi",
        "taxonomy_id": TAXONOMY_ID,
    }


def _choice_terms(category: str, choices) -> dict[str, dict[str, Any]]:
    with translation.override("fi"):
        return {code: term(category, code, str(label)) for code, label in choices.choices}


class Taxonomy:
    """Every KEKO term, by category and code."""

    def __init__(self, document: dict[str, Any]):
        self.terms: dict[str, dict[str, dict[str, Any]]] = {
            "target_group": {
                record["id"]: term(
                    "target_group", record["code"], record["name_fi"], record["description_fi"]
                )
                for record in document["target_groups"]
            },
            "service_class": _choice_terms("service_class", ServiceClass),
            "obligation": _choice_terms("obligation", Obligation),
            "organisation_type": _choice_terms("organisation_type", OrganisationType),
            "visibility": _choice_terms("visibility", Visibility),
        }

    def attribute(self, link_id: str, entity: str, category: str, key: str) -> dict[str, Any]:
        """An attribute linking a record to the term (category, key)."""
        chosen = self.terms[category][key]
        return {
            "id": derived_id("attribute", link_id, chosen["id"]),
            "link_id": link_id,
            "taxonomy_term_id": chosen["id"],
            "link_type": category,
            "link_entity": entity,
            "taxonomy_term": chosen,
        }

    def all_terms(self) -> list[dict[str, Any]]:
        """Category terms first, then every term, for taxonomy_terms.json."""
        result = [category_term(category) for category in CATEGORIES]
        for terms in self.terms.values():
            result.extend(sorted(terms.values(), key=lambda item: item["code"]))
        return result


class HsdsExport:
    """Builds the HSDS records from the register document."""

    def __init__(self, document: dict[str, Any], *, public_only: bool = False):
        def visible(record: dict[str, Any]) -> bool:
            return not public_only or record["visibility"] == Visibility.PUBLIC

        self.taxonomy = Taxonomy(document)
        self.municipalities = {record["id"]: record for record in document["municipalities"]}
        self.organisations = {
            record["id"]: record for record in document["organisations"] if visible(record)
        }
        self.services = [record for record in document["services"] if visible(record)]
        self.modified = {
            str(pk): updated_at
            for pk, updated_at in Service.objects.values_list("id", "updated_at")
        }

    # --- organizations ---------------------------------------------------------------------

    def organization(self, record: dict[str, Any]) -> dict[str, Any]:
        """An organization without its services (as nested in a service)."""
        pk = record["id"]
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
        parent = record["parent"] if record["parent"] in self.organisations else None
        phones = []
        if record["phone"]:
            phones.append(
                {
                    "id": derived_id("phone", pk),
                    "organization_id": pk,
                    "number": record["phone"],
                }
            )
        attributes = [
            self.taxonomy.attribute(
                pk, "organization", "organisation_type", record["organisation_type"]
            ),
            self.taxonomy.attribute(pk, "organization", "visibility", record["visibility"]),
        ]
        return _compact(
            {
                "id": pk,
                "name": record["name_fi"],
                "alternate_name": record["short_name"],
                "description": record["description_fi"],
                "email": record["email"],
                "website": record["website"],
                "parent_organization_id": parent,
                "phones": phones,
                "organization_identifiers": identifiers,
                "attributes": attributes,
            }
        ) | {"description": record["description_fi"]}

    # --- services --------------------------------------------------------------------------

    def _organisation_id(self, record: dict[str, Any]) -> str | None:
        roles = [
            role for role in record["organisations"] if role["organisation"] in self.organisations
        ]
        responsible = [role for role in roles if role["role"] == OrganisationRole.RESPONSIBLE]
        chosen = (responsible or roles or [None])[0]
        return chosen["organisation"] if chosen else None

    def _location(self, service: dict[str, Any], channel: dict[str, Any]) -> dict[str, Any]:
        chid = channel["id"]
        location_id = derived_id("location", chid)
        physical = channel["channel_type"] == ChannelType.SERVICE_POINT
        municipality = self.municipalities.get(channel["municipality"])
        addresses = []
        if physical:
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
                "organization_id": self._organisation_id(service),
                "name": channel["name"] or service["name_fi"],
                "description": channel["description"],
                "external_identifier": municipality["code"] if municipality else None,
                "external_identifier_type": "kuntakoodi" if municipality else None,
                "addresses": addresses,
            }
        )

    def service_at_location(
        self, service: dict[str, Any], channel: dict[str, Any], *, with_service: bool
    ) -> dict[str, Any]:
        """A service point, e-service or web page as a service_at_location."""
        chid = channel["id"]
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
        record = _compact(
            {
                "id": chid,
                "service_id": service["id"],
                "location_id": derived_id("location", chid),
                "description": channel["description"],
                "contacts": contacts,
                "phones": phones,
                "schedules": schedules,
                "location": self._location(service, channel),
            }
        )
        if with_service:
            record["service"] = self.service(service, nested=True)
        return record

    def service(
        self, record: dict[str, Any], *, nested: bool = False, with_organization: bool = True
    ) -> dict[str, Any]:
        """A full service; nested=True leaves out its service_at_locations."""
        pk = record["id"]
        channels = record["channels"]
        urls = [c["url"] for c in channels if c["url"] and c["channel_type"] != ChannelType.PHONE]
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
            for code in ("fi", "sv", "en")
            if code == "fi" or record[f"name_{code}"]
        ]
        cost: dict[str, Any] = {
            "id": derived_id("cost_option", pk),
            "service_id": pk,
            "option": record["cost"],
            "amount_description": record["cost_description"],
        }
        if record["cost"] == Cost.FREE:
            cost |= {"amount": 0, "currency": "EUR"}
        attributes = [
            *(
                self.taxonomy.attribute(pk, "service", "target_group", group)
                for group in record["target_groups"]
            ),
            self.taxonomy.attribute(pk, "service", "service_class", record["service_class"]),
            self.taxonomy.attribute(pk, "service", "obligation", record["obligation"]),
            self.taxonomy.attribute(pk, "service", "visibility", record["visibility"]),
        ]
        organisation_id = self._organisation_id(record)
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
                "phones": phones,
                "service_areas": areas,
                "languages": languages,
                "cost_options": [_compact(cost)],
                "contacts": contacts,
                "attributes": attributes,
            }
        )
        if with_organization and organisation_id:
            result["organization"] = self.organization(self.organisations[organisation_id])
        if not nested:
            locations = [
                self.service_at_location(record, channel, with_service=False)
                for channel in channels
                if channel["channel_type"] != ChannelType.PHONE
            ]
            if locations:
                result["service_at_locations"] = locations
        return result

    # --- files -----------------------------------------------------------------------------

    def organizations(self) -> list[dict[str, Any]]:
        """Every organization, each with the services it is responsible for."""
        services: dict[str, list[dict[str, Any]]] = {}
        for record in self.services:
            owner = self._organisation_id(record)
            if owner:
                services.setdefault(owner, []).append(self.service(record, with_organization=False))
        result = []
        for pk, record in self.organisations.items():
            organization = self.organization(record)
            if services.get(pk):
                organization["services"] = services[pk]
            result.append(organization)
        return result

    def services_list(self) -> list[dict[str, Any]]:
        """Every service, full."""
        return [self.service(record) for record in self.services]

    def service_at_locations(self) -> list[dict[str, Any]]:
        """Every service point, e-service and web page, each with its service."""
        return [
            self.service_at_location(record, channel, with_service=True)
            for record in self.services
            for channel in record["channels"]
            if channel["channel_type"] != ChannelType.PHONE
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
