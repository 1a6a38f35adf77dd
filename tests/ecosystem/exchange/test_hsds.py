"""The HSDS export is valid against the official HSDS 3.0 compiled schemas in strict mode."""

from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator
from jsonschema.validators import validator_for

from ecosystem.exchange.hsds import TAXONOMY_ID, derived_id
from tests.ecosystem.exchange.conftest import HSDS_COMPILED, export

pytestmark = pytest.mark.django_db

SCHEMAS = {
    "organizations.json": "organization.json",
    "services.json": "service.json",
    "service_at_locations.json": "service_at_location.json",
}


def strict(schema):
    """The schema with additionalProperties false on every object schema, recursively."""
    schema = copy.deepcopy(schema)

    def visit(node):
        if isinstance(node, dict):
            if node.get("type") == "object" or "properties" in node:
                node["additionalProperties"] = False
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(schema)
    return schema


def validator(schema_file: str):
    schema = strict(json.loads((HSDS_COMPILED / schema_file).read_text("utf-8")))
    cls = validator_for(schema, default=Draft202012Validator)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_format_checks_are_really_on():
    """uuid, uri, email and date-time formats are checked (the checkers are installed)."""
    checkers = Draft202012Validator.FORMAT_CHECKER.checkers
    assert {"uuid", "uri", "email", "date-time"} <= set(checkers)
    bad = {"id": "not-a-uuid", "name": "x", "description": "y", "website": "no uri"}
    errors = list(validator("organization.json").iter_errors(bad))
    assert {error.validator for error in errors} == {"format"}
    extra = {"id": derived_id("x"), "name": "x", "description": "y", "colour": "red"}
    assert [e.validator for e in validator("organization.json").iter_errors(extra)] == [
        "additionalProperties"
    ]


@pytest.mark.parametrize("register", ["demo_register", "full_register"])
def test_every_record_is_valid_in_strict_mode(register, request, tmp_path):
    request.getfixturevalue(register)
    directory = export("hsds", tmp_path / "hsds")

    for file_name, schema_file in SCHEMAS.items():
        records = json.loads((directory / file_name).read_text("utf-8"))
        assert isinstance(records, list) and records, file_name
        check = validator(schema_file)
        problems = [
            f"{file_name}[{index}] {list(error.absolute_path)}: {error.message}"
            for index, record in enumerate(records)
            for error in check.iter_errors(record)
        ]
        assert problems == []


def test_full_records_carry_taxonomy_locations_and_contacts(full_register, tmp_path):
    directory = export("hsds", tmp_path / "hsds")
    services = json.loads((directory / "services.json").read_text("utf-8"))
    service = next(s for s in services if s["id"] == str(full_register["service"].pk))

    terms = {a["taxonomy_term"]["code"]: a for a in service["attributes"]}
    assert {"target_group/young_people", "target_group/immigrants"} <= set(terms)
    assert "service_class/work_ability" in terms and "obligation/statutory" in terms
    young = terms["target_group/young_people"]["taxonomy_term"]
    assert young["id"] == derived_id("term", "target_group", "young_people")  # stable id
    assert young["taxonomy_id"] == TAXONOMY_ID
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
    assert {record["service"]["id"] for record in located} == {service["id"]}
    organizations = json.loads((directory / "organizations.json").read_text("utf-8"))
    county = next(o for o in organizations if o["id"] == str(full_register["county"].pk))
    assert [s["id"] for s in county["services"]] == [service["id"]]
    unit = next(o for o in organizations if o["alternate_name"] == "-TKP")
    assert unit["parent_organization_id"] == county["id"]


def test_export_is_the_same_twice(full_register, tmp_path):
    first = export("hsds", tmp_path / "one")
    second = export("hsds", tmp_path / "two")
    for name in SCHEMAS:
        assert (first / name).read_bytes() == (second / name).read_bytes()
