"""Reading a "keko-ecosystem" JSON document (the JSON export, or the demo fixture)."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from ecosystem.exchange.records import ParsedInput, RawRecord
from ecosystem.exchange.spec import KINDS, TOP_LEVEL, KindSpec
from ecosystem.exchange.values import json_value, model_default
from ecosystem.register.document import DOCUMENT_FORMAT, DOCUMENT_VERSION
from portal.kernel.problems import Location, ProblemList

HEADER_KEYS = {"format", "version"}


def _record(
    kind: KindSpec, data: Any, location: Location, problems: ProblemList
) -> RawRecord | None:
    if not isinstance(data, dict):
        problems.add(location, _("A record must be a JSON object."))
        return None
    raw_id = data.get("id")
    location = Location(
        location.source, path=location.path, record_id=raw_id if isinstance(raw_id, str) else None
    )
    child_kinds = {KINDS[key].nested_key: KINDS[key] for key in kind.children}
    known = {spec.name for spec in kind.fields} | set(child_kinds)
    for key in sorted(set(data) - known):
        problems.add(location, _("Unknown field: remove it or check its spelling."), key)
    record = RawRecord(kind, location, {}, {})
    for spec in kind.fields:
        if spec.name not in data:
            if spec.name == "id":
                problems.add(location, _("Every record needs its identifier (a UUID)."), "id")
                record.invalid.add("id")
            else:
                record.values[spec.name] = model_default(kind, spec)
            continue
        try:
            record.values[spec.name] = json_value(kind, spec, data[spec.name])
        except ValueError as error:
            problems.add(location, str(error), spec.name)
            record.invalid.add(spec.name)
    for nested_key, child_kind in child_kinds.items():
        rows = data.get(nested_key, [])
        if not isinstance(rows, list):
            problems.add(location, _("Expected a list of records."), nested_key)
            record.children[child_kind.key] = []
            continue
        children = []
        for index, row in enumerate(rows):
            child_location = Location(
                location.source, path=f"{location.path}.{nested_key}[{index}]"
            )
            child = _record(child_kind, row, child_location, problems)
            if child is not None:
                if child.values.get("sort_order") is None:
                    child.values["sort_order"] = index
                children.append(child)
        record.children[child_kind.key] = children
    return record


def read_json(content: bytes, source: str) -> ParsedInput:
    """Parse a register document; raise ImportRefused when it is not one at all.

    Problems of single records are returned in ParsedInput.problems.
    """
    problems = ProblemList()
    whole = Location(source)
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        problems.add(whole, _("The file is not UTF-8 text, so it cannot be JSON."))
        problems.raise_if_any()
    except json.JSONDecodeError as error:
        problems.add(
            whole,
            _("The file is not valid JSON: %(reason)s at line %(line)d, column %(column)d.")
            % {"reason": error.msg, "line": error.lineno, "column": error.colno},
        )
        problems.raise_if_any()
    except RecursionError:
        problems.add(whole, _("The JSON is nested too deeply."))
        problems.raise_if_any()
    if (
        not isinstance(document, dict)
        or document.get("format") != DOCUMENT_FORMAT
        or document.get("version") != DOCUMENT_VERSION
    ):
        problems.add(
            whole,
            _(
                "This is not a KEKO register document: the file must be a JSON object with "
                "“format”: “%(format)s” and “version”: %(version)d."
            )
            % {"format": DOCUMENT_FORMAT, "version": DOCUMENT_VERSION},
        )
        problems.raise_if_any()
    top_keys = {kind.key for kind in TOP_LEVEL}
    for key in sorted(set(document) - top_keys - HEADER_KEYS):
        problems.add(whole, _("Unknown list “%(key)s”.") % {"key": key})
    records: dict[str, list[RawRecord]] = {}
    for kind in TOP_LEVEL:
        if kind.key not in document:
            continue
        rows = document[kind.key]
        if not isinstance(rows, list):
            problems.add(whole, _("“%(key)s” must be a list of records.") % {"key": kind.key})
            continue
        parsed = []
        for index, row in enumerate(rows):
            record = _record(kind, row, Location(source, path=f"{kind.key}[{index}]"), problems)
            if record is not None:
                parsed.append(record)
        records[kind.key] = parsed
    return ParsedInput("json", records, by_code=False, problems=problems)
