"""Conformance, checked by Schemathesis (a tool nobody here wrote) against the running API.

The portal is served as `make run` serves it (gunicorn, a fresh database with the demo
content; tests/browser/server.py), and the Schemathesis command line runs against it twice:

1. with the description the portal serves (`/api/hsds/openapi.json`: the official one
   completed for KEKO, see test_openapi.py) and every check Schemathesis has — status
   codes, content types, headers, response bodies against the schemas, negative data
   rejected, positive data accepted, undeclared methods refused, links followed to real
   records;
2. with the official description itself (the standard's openapi.json with its references
   pointing at the local schema files), checking content types and response bodies against
   its schemas, server errors, negative data and undeclared methods. Two checks cannot pass
   against any implementation of the official text and are left out there: it documents no
   status but 200 (so every 404 for an unknown id and every 400 for a bad value would be
   "undocumented"), and it leaves page, per_page, modified_after, format and proximity
   unconstrained (so page=0 would count as valid data that must be accepted). The served
   description documents and constrains both, and run 1 applies those checks.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.server import PortalServer
from tests.ecosystem.exchange.hsds_schemas import HSDS_SCHEMA

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
COMMON = [
    "--max-examples",
    "25",
    "--workers",
    "2",
    "--rate-limit",
    "900/m",  # under the API's own per-client limit
    "--seed",
    "2026",
    "--no-color",
]


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    server = PortalServer(tmp_path_factory.mktemp("hsds-portal"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


def schemathesis(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SCHEMATHESIS), "run", *args, *COMMON],
        capture_output=True,
        text=True,
        timeout=1800,
    )


def test_every_check_passes_against_the_served_description(portal):
    result = schemathesis(f"{portal.base_url}/api/hsds/openapi.json", "--checks", "all")
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
    assert " 0 failures" not in result.stdout  # the summary names failures only when found
    assert "Tested: 11" in result.stdout


def test_the_official_description_finds_no_failure(portal):
    result = schemathesis(
        str(HSDS_SCHEMA / "openapi.local.json"),
        "--url",
        f"{portal.base_url}/api/hsds",
        "--checks",
        "all",
        "--exclude-checks",
        "status_code_conformance,positive_data_acceptance",
    )
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
    assert "Tested: 11" in result.stdout
