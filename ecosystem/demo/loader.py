"""Demo content of the ecosystem register: the Central Uusimaa ecosystem of April 2026.

The data is ecosystem/demo/demo_ecosystem.json (authored with scripts/build_demo_fixture.py).
It loads through the register import's bulk path (ecosystem.exchange: read,
check, plan, write with bulk queries; about 45 queries instead of about 3,800 row by row).
Records are upserted by their fixed UUIDs and nothing is deleted, so a second load finds every
record unchanged and writes nothing at all (not even a new data version).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from ecosystem.exchange.json_reader import read_json
from ecosystem.exchange.validation import plan_import
from ecosystem.exchange.writing import write_plan

DEMO_FIXTURE = Path(__file__).resolve().parent / "demo_ecosystem.json"


def demo_document() -> dict[str, Any]:
    """The demo register document as parsed JSON."""
    return json.loads(DEMO_FIXTURE.read_text(encoding="utf-8"))


def load() -> str:
    """Load the demo ecosystem; return a one-line summary (empty when nothing changed).

    Raises portal.kernel.problems.ImportRefused (listing every problem) when the stored
    register conflicts with the demo (a code taken by another record); nothing is written then.
    """
    parsed = read_json(DEMO_FIXTURE.read_bytes(), DEMO_FIXTURE.name)
    with transaction.atomic():
        plan = plan_import(parsed, replace=False)
        if not any(plan.records.values()):
            return ""  # every record is stored as the demo has it: write nothing
        write_plan(plan)
    created = sum(counter["created"] for counter in plan.counts.values())
    updated = sum(counter["updated"] for counter in plan.counts.values())
    return f"Ecosystem demo: {created} records created, {updated} updated."
