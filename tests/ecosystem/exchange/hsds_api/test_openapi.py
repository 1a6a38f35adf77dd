"""The description the portal serves is the official HSDS 3.0 one, completed as its
`info.description` says and in no other way; the schemas it serves are the standard's own."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path

from ecosystem.exchange.hsds_api.openapi import DATA_DIR, SCHEMA_DIR
from tests.ecosystem.exchange.hsds_schemas import HSDS_COMPILED, HSDS_SCHEMA

REPO_DIR = Path(__file__).resolve().parents[4]
RAW = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
# Where the served description points instead of the standard's published files.
REFERENCES = {
    "compiled/service.json": "schema/service.json",
    "compiled/service_list.json": "schema/compiled/service_list.json",
    "compiled/organization_list.json": "schema/compiled/organization_list.json",
    "compiled/service_at_location_list.json": "schema/compiled/service_at_location_list.json",
    "taxonomy.json": "schema/taxonomy.json",
    "taxonomy_term.json": "schema/taxonomy_term.json",
}
NARROWED = {"page", "per_page", "modified_after", "format", "proximity", "postcode"}
ADDED_RESPONSES = {"304", "400", "404", "429"}


def official() -> dict:
    return json.loads((HSDS_SCHEMA / "openapi.json").read_text("utf-8"))


def served() -> dict:
    return json.loads((DATA_DIR / "openapi.json").read_text("utf-8"))


def test_the_served_schemas_are_the_standards_own():
    for path in SCHEMA_DIR.glob("*.json"):
        assert path.read_bytes() == (HSDS_SCHEMA / path.name).read_bytes(), path.name
    for path in (SCHEMA_DIR / "compiled").glob("*.json"):
        assert path.read_bytes() == (HSDS_COMPILED / path.name).read_bytes(), path.name
    names = {path.name for path in SCHEMA_DIR.glob("*.json")}
    expected = {p.name for p in HSDS_SCHEMA.glob("*.json") if not p.name.startswith("openapi")}
    assert names == expected


def expected_schema(path: str, schema: dict) -> dict:
    """The official response schema with the served description's references."""
    text = json.dumps(schema)
    if f"{RAW}compiled/organization.json" in text:
        return {
            "allOf": [{"$ref": "schema/organization.json"}],
            "properties": {"services": {"type": "array", "items": {"$ref": "schema/service.json"}}},
        }
    if path == "/service_at_locations/{id}":
        return {"$ref": "schema/service_at_location.json"}  # the official refers to service
    for official_ref, served_ref in REFERENCES.items():
        text = text.replace(f'"{RAW}{official_ref}"', f'"{served_ref}"')
    return json.loads(text)


def test_paths_operations_parameters_and_bodies_are_the_official_ones():
    original, ours = official(), served()
    assert list(ours["paths"]) == list(original["paths"])
    for path, item in original["paths"].items():
        mine = ours["paths"][path]
        assert mine.get("parameters") == item.get("parameters"), path
        operation, my_operation = item["get"], mine["get"]
        assert list(mine) == list(item)
        for key in ("operationId", "summary", "description", "parameters"):
            assert my_operation.get(key) == operation.get(key), (path, key)
        responses = my_operation["responses"]
        assert set(responses) - {"200"} <= ADDED_RESPONSES
        wanted = copy.deepcopy(operation["responses"]["200"])
        wanted["content"]["application/json"]["schema"] = expected_schema(
            path, wanted["content"]["application/json"]["schema"]
        )
        mine_200 = {k: v for k, v in responses["200"].items() if k != "links"}
        assert mine_200 == wanted, path


def test_only_the_listed_parameters_are_narrowed_and_page_is_unchanged():
    original, ours = official()["components"], served()["components"]
    assert ours["schemas"]["Page"] == original["schemas"]["Page"]
    assert set(ours["parameters"]) == set(original["parameters"])
    for name, parameter in original["parameters"].items():
        mine = ours["parameters"][name]
        if name in NARROWED:
            assert mine["description"].startswith(parameter["description"]), name
            assert {k: v for k, v in mine.items() if k not in ("schema", "description")} == {
                k: v for k, v in parameter.items() if k not in ("schema", "description")
            }
            assert mine["schema"]["type"] == parameter["schema"]["type"]
        else:
            assert mine == parameter, name


def test_the_served_description_names_this_portal_as_its_server(client, db):
    response = client.get("/api/hsds/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["servers"][0]["url"] == "http://testserver/api/hsds"
    assert document["info"]["license"]["name"] == "CC BY 4.0"
    assert client.get("/api/hsds/schema/compiled/service_list.json").status_code == 200
    assert client.get("/api/hsds/schema/service.json").status_code == 200
    assert client.get("/api/hsds/schema/openapi.json").status_code == 404


def test_the_project_never_reads_the_shared_folder():
    found = subprocess.run(
        ["git", "grep", "-l", "-e", "shared/hsds", "-e", "/work/shared", "--", ".", ":!tests"],
        cwd=REPO_DIR,
        capture_output=True,
        text=True,
    )
    assert found.stdout.split() == []
