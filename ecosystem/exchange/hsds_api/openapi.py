"""The OpenAPI description this portal serves, and the HSDS schemas it refers to.

`data/openapi.json` is the official HSDS 3.0 API description (openreferral/specification,
branch 3.0, schema/openapi.json) completed for KEKO — its `info.description` lists every
change, and tests/ecosystem/exchange/hsds_api/test_openapi.py checks that nothing else
differs. `data/schema/` is the standard's per-object schemas and the three compiled list
schemas, unchanged (CC BY-SA 4.0, Open Referral; see data/schema/LICENSE). The portal reads
only these copies, never anything outside the repository.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
SCHEMA_DIR = DATA_DIR / "schema"


@cache
def _document() -> dict[str, Any]:
    return json.loads((DATA_DIR / "openapi.json").read_text("utf-8"))


@cache
def _schemas() -> dict[str, dict[str, Any]]:
    return {
        str(path.relative_to(SCHEMA_DIR)): json.loads(path.read_text("utf-8"))
        for path in sorted(SCHEMA_DIR.rglob("*.json"))
    }


def description(server_url: str, licence: dict[str, str] | None = None) -> dict[str, Any]:
    """The description with this portal as its server (and the data's licence)."""
    document = copy.deepcopy(_document())
    document["servers"] = [{"url": server_url.rstrip("/"), "description": "KEKO portal"}]
    if licence:
        document["info"]["license"] = licence
    return document


def schema(name: str) -> dict[str, Any] | None:
    """A schema file by its path under schema/ (e.g. service.json), or None."""
    return _schemas().get(name)
