"""Demo content of the ecosystem register: the Central Uusimaa ecosystem of April 2026.

The data is ecosystem/demo/demo_ecosystem.json (authored with scripts/build_demo_fixture.py).
Loading upserts by fixed UUIDs, so a second load changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ecosystem.register.services import register_upsert_document

DEMO_FIXTURE = Path(__file__).resolve().parent / "demo_ecosystem.json"


def demo_document() -> dict[str, Any]:
    """The demo register document as parsed JSON."""
    return json.loads(DEMO_FIXTURE.read_text(encoding="utf-8"))


def load() -> str:
    """Load the demo ecosystem; return a one-line summary (empty when nothing changed)."""
    summary = register_upsert_document(document=demo_document())
    if not summary.changed:
        return ""
    created = sum(summary.created.values())
    updated = sum(summary.updated.values())
    return f"Ecosystem demo: {created} records created, {updated} updated."
