"""The register as one canonical document (the JSON export; every other format derives from it).

`export_document()` reads the whole register with a fixed number of `values()` queries and
returns the "keko-ecosystem" version 1 document of ecosystem.register.document: top-level lists per
kind, each record with its fields in the order of ecosystem.exchange.spec; references as
UUID strings; many-to-many lists sorted; children nested in their parent with `sort_order`.

Canonical values: text is a string ("" when empty), optional numbers, dates (ISO
yyyy-mm-dd) and UUIDs are null when empty. Records are sorted in Python (never by the
database's collation) so two databases with the same data give the same bytes.

Timestamps (`created_at`, `updated_at`) are left out on purpose: the database sets them, an
import cannot carry them, and leaving them out is what makes export → import → export give
byte-identical files.
"""

from __future__ import annotations

import datetime
import json
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

from ecosystem.exchange.spec import (
    BOOL,
    CHILDREN,
    DATE,
    INT,
    ORDER,
    PK,
    REF,
    REFS,
    TOP_LEVEL,
    UUID,
    FieldSpec,
    KindSpec,
)
from ecosystem.register.document import DOCUMENT_FORMAT, DOCUMENT_VERSION

Record = dict[str, Any]


def canonical_value(spec: FieldSpec, value: Any) -> Any:
    """A database value as the document holds it."""
    if spec.type in (PK, UUID, REF):
        return None if value is None else str(value)
    if spec.type == DATE:
        return None if value is None else value.isoformat()
    if spec.type in (INT, ORDER):
        return value
    if spec.type == BOOL:
        return bool(value)
    return value or ""


def attname(spec: FieldSpec) -> str:
    """The database column name of a non-m2m field."""
    return f"{spec.name}_id" if spec.type == REF else spec.name


def _m2m(kind: KindSpec, spec: FieldSpec) -> dict[Any, list[str]]:
    field = kind.model._meta.get_field(spec.name)
    through = field.remote_field.through
    owner = field.m2m_field_name()
    target = field.m2m_reverse_field_name()
    grouped: dict[Any, list[str]] = defaultdict(list)
    for owner_id, target_id in through.objects.values_list(f"{owner}_id", f"{target}_id"):
        grouped[owner_id].append(str(target_id))
    return grouped


def child_sort_key(record: Record) -> tuple:
    """Children in their stored order: by sort_order (empty last), then id."""
    order = record.get("sort_order")
    return (order is None, order or 0, record["id"])


def record_sort_key(kind: KindSpec):
    """The sort key function of a kind's top-level records."""

    def key(record: Record) -> tuple:
        return tuple(
            (record[name] is None, record[name] or 0)
            if isinstance(record[name], int | type(None))
            else record[name]
            for name in kind.sort_key
        )

    return key


def _records(kind: KindSpec) -> list[tuple[Any, Record]]:
    """(pk, record) pairs of a kind, many-to-many lists filled in, children not yet."""
    plain = [spec for spec in kind.fields if spec.type != REFS]
    many = {spec.name: _m2m(kind, spec) for spec in kind.fields if spec.type == REFS}
    columns = [attname(spec) for spec in plain]
    if kind.parent_field:
        columns.append(f"{kind.parent_field}_id")
    result = []
    for row in kind.model.objects.values(*columns).order_by():
        record: Record = {}
        for spec in kind.fields:
            if spec.type == REFS:
                record[spec.name] = sorted(many[spec.name].get(row["id"], []))
            else:
                record[spec.name] = canonical_value(spec, row[attname(spec)])
        owner = row[f"{kind.parent_field}_id"] if kind.parent_field else row["id"]
        result.append((owner, record))
    return result


def export_document() -> dict[str, Any]:
    """The whole register as a canonical document (see the module docstring)."""
    children: dict[str, dict[Any, list[Record]]] = {}
    for kind in CHILDREN:
        grouped: dict[Any, list[Record]] = defaultdict(list)
        for parent_id, record in _records(kind):
            grouped[parent_id].append(record)
        children[kind.key] = grouped
    document: dict[str, Any] = {"format": DOCUMENT_FORMAT, "version": DOCUMENT_VERSION}
    for kind in TOP_LEVEL:
        records = []
        for pk, record in _records(kind):
            for child_key in kind.children:
                child_kind = next(child for child in CHILDREN if child.key == child_key)
                record[child_kind.nested_key] = sorted(
                    children[child_key].get(pk, []), key=child_sort_key
                )
            records.append(record)
        document[kind.key] = sorted(records, key=record_sort_key(kind))
    return document


def _json_default(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def document_json(document: dict[str, Any]) -> str:
    """The document as JSON text: UTF-8 characters kept, two-space indent, newline at the end."""
    return json.dumps(document, ensure_ascii=False, indent=2, default=_json_default) + "\n"


def write_document_json(document: dict[str, Any], path: Path) -> None:
    """Write document_json(document) to path piece by piece (no whole-file string in memory)."""
    with path.open("w", encoding="utf-8", newline="\n") as target:
        json.dump(document, target, ensure_ascii=False, indent=2, default=_json_default)
        target.write("\n")
