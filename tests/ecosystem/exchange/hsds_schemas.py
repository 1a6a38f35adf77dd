"""Validators for HSDS 3.0 objects in strict mode, under both readings of the standard.

- `compiled_validator("service.json")`: the compiled (fully dereferenced) schema, as the
  standard's own CI and the old export test read it.
- `object_validator("service.json")`: the per-object schemas of `schema/` with their
  references resolved between them, as the PyPI `hsds-validator` reads them (it needs Python
  3.13, this project runs on 3.11, so the reading is reproduced here with jsonschema).

Strict: every object schema gets `additionalProperties: false`, recursively, and formats
(uuid, uri, email, date-time) are checked.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.validators import validator_for
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012


def _hsds_dir() -> Path:
    """The shared copy of the standard beside the checkout (/work/shared for /work/main and
    for the worktrees under /work/wt/)."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "hsds-3.0"
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("shared/hsds-3.0 is not beside the checkout")


HSDS_DIR = _hsds_dir()
HSDS_COMPILED = HSDS_DIR / "compiled"
HSDS_SCHEMA = HSDS_DIR / "schema"


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


def _validator(schema, registry=None):
    cls = validator_for(schema, default=Draft202012Validator)
    cls.check_schema(schema)
    kwargs = {"registry": registry} if registry is not None else {}
    return cls(schema, format_checker=cls.FORMAT_CHECKER, **kwargs)


@cache
def compiled_validator(schema_file: str):
    """A strict validator for a compiled schema (organization.json, service.json, …)."""
    return _validator(strict(json.loads((HSDS_COMPILED / schema_file).read_text("utf-8"))))


@cache
def _object_registry() -> Registry:
    resources = []
    for path in sorted(HSDS_SCHEMA.glob("*.json")):
        if path.name.startswith("openapi"):
            continue
        contents = strict(json.loads(path.read_text("utf-8")))
        resources.append((path.name, Resource.from_contents(contents, DRAFT202012)))
    return Registry().with_resources(resources)


@cache
def object_validator(schema_file: str):
    """A strict validator for a per-object schema, references resolved among them."""
    registry = _object_registry()
    return _validator(registry[schema_file].contents, registry)


def problems(validator, records, label: str) -> list[str]:
    """Every error of every record, as readable lines."""
    return [
        f"{label}[{index}] {list(error.absolute_path)}: {error.message}"
        for index, record in enumerate(records)
        for error in validator.iter_errors(record)
    ]
