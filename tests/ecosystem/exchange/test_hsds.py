"""The HSDS export is valid in strict mode under both readings of HSDS 3.0: the compiled
schemas and the per-object schemas (the reading of the PyPI hsds-validator)."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from ecosystem.exchange.hsds import derived_id, taxonomy_id, term_id
from tests.ecosystem.exchange.conftest import export
from tests.ecosystem.exchange.hsds_schemas import (
    compiled_validator,
    object_validator,
    problems,
)

pytestmark = pytest.mark.django_db

SCHEMAS = {
    "organizations.json": "organization.json",
    "services.json": "service.json",
    "service_at_locations.json": "service_at_location.json",
    "taxonomies.json": "taxonomy.json",
    "taxonomy_terms.json": "taxonomy_term.json",
}
COMPILED = ("organizations.json", "services.json", "service_at_locations.json")


def test_format_checks_are_really_on():
    """uuid, uri, email and date-time formats are checked (the checkers are installed)."""
    checkers = Draft202012Validator.FORMAT_CHECKER.checkers
    assert {"uuid", "uri", "email", "date-time"} <= set(checkers)
    bad = {"id": "not-a-uuid", "name": "x", "description": "y", "website": "no uri"}
    for validator in (compiled_validator, object_validator):
        errors = list(validator("organization.json").iter_errors(bad))
        assert {error.validator for error in errors} == {"format"}
        extra = {"id": derived_id("x"), "name": "x", "description": "y", "colour": "red"}
        assert [e.validator for e in validator("organization.json").iter_errors(extra)] == [
            "additionalProperties"
        ]


def test_the_per_object_reading_refuses_what_the_outside_check_found():
    """An organization carrying services, or a service_at_location carrying its service, is
    valid in the compiled reading and refused in the per-object one: the export's old fault."""
    organization = {"id": derived_id("o"), "name": "x", "description": "y", "services": []}
    assert not list(compiled_validator("organization.json").iter_errors(organization))
    errors = list(object_validator("organization.json").iter_errors(organization))
    assert [error.validator for error in errors] == ["additionalProperties"]
    located = {"id": derived_id("s"), "service": {"id": derived_id("v"), "name": "n"}}
    errors = list(object_validator("service_at_location.json").iter_errors(located))
    assert [error.validator for error in errors] == ["additionalProperties"]


@pytest.mark.heavy
@pytest.mark.parametrize("register", ["demo_register", "full_register"])
def test_every_record_is_valid_in_strict_mode_under_both_readings(register, request, tmp_path):
    request.getfixturevalue(register)
    directory = export("hsds", tmp_path / "hsds")

    for file_name, schema_file in SCHEMAS.items():
        records = json.loads((directory / file_name).read_text("utf-8"))
        assert isinstance(records, list) and records, file_name
        assert problems(object_validator(schema_file), records, file_name) == []
        if file_name in COMPILED:
            assert problems(compiled_validator(schema_file), records, file_name) == []


def test_full_records_carry_taxonomy_locations_and_contacts(full_register, tmp_path):
    directory = export("hsds", tmp_path / "hsds")
    services = json.loads((directory / "services.json").read_text("utf-8"))
    service = next(s for s in services if s["id"] == str(full_register["service"].pk))

    terms = {a["taxonomy_term"]["code"]: a for a in service["attributes"]}
    assert {"target_group/young_people", "target_group/immigrants"} <= set(terms)
    assert "service_class/work_ability" in terms and "obligation/statutory" in terms
    assert "municipality/858" in terms
    young = terms["target_group/young_people"]["taxonomy_term"]
    assert young["id"] == derived_id("term", "target_group", "young_people")  # stable id
    assert young["taxonomy_id"] == taxonomy_id("target_group")
    assert (young["name"], young["language"]) == ("Nuoret", "fi")
    assert terms["target_group/young_people"]["link_id"] == service["id"]
    assert service["organization"]["id"] == str(full_register["county"].pk)
    assert service["organization"]["organization_identifiers"][0]["identifier"] == "0246246-0"
    assert service["status"] == "temporarily closed"
    assert (service["minimum_age"], service["maximum_age"]) == (18, 67)
    assert service["assured_date"] == "2026-03-31"
    assert [a["extent"] for a in service["service_areas"]] == ["858"]
    assert [language["code"] for language in service["languages"]] == ["fi", "sv", "en"]
    assert service["phones"][0]["number"] == "09 123 456"
    point = service["service_at_locations"][0]
    assert point["location"]["location_type"] == "physical"
    assert point["location"]["addresses"][0]["postal_code"] == "04300"
    assert service["service_at_locations"][1]["location"]["location_type"] == "virtual"

    located = json.loads((directory / "service_at_locations.json").read_text("utf-8"))
    assert {record["service_id"] for record in located} == {service["id"]}
    assert not any("service" in record for record in located)
    organizations = json.loads((directory / "organizations.json").read_text("utf-8"))
    assert not any("services" in record for record in organizations)
    county = next(o for o in organizations if o["id"] == str(full_register["county"].pk))
    assert service["organization_id"] == county["id"]
    # One name per HSDS record, Finnish as the record's name is: not MNVO or CUWSC.
    assert (county["name"], county["alternate_name"]) == (
        "Keski-Uudenmaan hyvinvointialue",
        "Keusote",
    )
    unit = next(o for o in organizations if o["alternate_name"] == "-TKP")
    assert unit["parent_organization_id"] == county["id"]


def test_taxonomies_publish_terms_in_finnish_swedish_and_english(full_register, tmp_path):
    directory = export("hsds", tmp_path / "hsds")
    taxonomies = json.loads((directory / "taxonomies.json").read_text("utf-8"))
    assert {t["id"] for t in taxonomies} >= {
        taxonomy_id("target_group"),
        taxonomy_id("service_class"),
        taxonomy_id("municipality"),
    }
    terms = json.loads((directory / "taxonomy_terms.json").read_text("utf-8"))
    young = {t["language"]: t["name"] for t in terms if t["code"] == "target_group/young_people"}
    assert young == {"fi": "Nuoret", "sv": "Unga", "en": "Young people"}
    # A target group without a Swedish or English name is published in Finnish only.
    immigrants = [t["language"] for t in terms if t["code"] == "target_group/immigrants"]
    assert immigrants == ["fi"]
    coaching = {t["language"]: t["name"] for t in terms if t["code"] == "service_class/coaching"}
    assert set(coaching) == {"fi", "sv", "en"} and coaching["en"] == "Coaching"
    tusby = next(t for t in terms if t["code"] == "municipality/858" and t["language"] == "sv")
    assert tusby["name"] == "Tusby"
    assert tusby["parent_id"] == term_id("employment_area", "Keski-Uusimaa")
    area = next(t for t in terms if t["id"] == tusby["parent_id"])
    assert (area["name"], area["taxonomy_id"]) == ("Keski-Uusimaa", taxonomy_id("municipality"))


def test_export_is_the_same_twice(full_register, tmp_path):
    first = export("hsds", tmp_path / "one")
    second = export("hsds", tmp_path / "two")
    for name in SCHEMAS:
        assert (first / name).read_bytes() == (second / name).read_bytes()
