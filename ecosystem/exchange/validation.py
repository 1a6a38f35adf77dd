"""Checking records read from a file against the rules of the register and its stored data.

`plan_import()` runs every check at once — field rules of the models (lengths, choices,
e-mail and web addresses, Y-tunnus check digits, municipality codes), the models' own
cross-field rules (age range, a relation's two ends, channel details), identifiers given
twice, references to records that exist neither in the file nor in the register, codes
already taken by another record, organisation hierarchies that loop — and either raises
ImportRefused listing every problem or returns an ImportPlan: what to create, update and
delete, and what stays unchanged.
"""

from __future__ import annotations

import copy
import datetime
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from ecosystem.exchange.document import Record, child_sort_key, export_document
from ecosystem.exchange.preview import (
    Preview,
    RecordChange,
    changed_fields,
    record_name,
    warnings_for,
)
from ecosystem.exchange.records import ParsedInput, RawRecord
from ecosystem.exchange.spec import (
    CODE_KINDS,
    DATE,
    KINDS,
    PK,
    REF,
    REFS,
    TOP_LEVEL,
    UUID,
    KindSpec,
)
from ecosystem.models import Relation, Service, ServiceChannel
from portal.kernel.problems import ProblemList

# Models whose clean() looks at the instance alone (Organisation.clean reads the database;
# its rule, no loops in the hierarchy, is checked here on the whole file instead).
SELF_CONTAINED_CLEAN = (Service, ServiceChannel, Relation)
UNIQUE_FIELDS = {
    "municipalities": ("code",),
    "target_groups": ("code",),
    "organisations": ("ptv_id",),
    "services": ("ptv_id",),
}


@dataclass
class ImportPlan:
    """What an import would do.

    `records[kind]`: canonical records (document form, children nested) to write, created
    or updated; `new_ids[kind]`: which of them are new; `delete_ids[kind]`: records to
    delete (--replace), of which `delete_first[kind]` hold a code (or PTV id) a record of
    the file takes over, so they go before the upserts and the rest after;
    `counts[kind]`: created / updated / unchanged / deleted.
    """

    records: dict[str, list[Record]] = field(default_factory=dict)
    new_ids: dict[str, set[str]] = field(default_factory=dict)
    delete_ids: dict[str, list[str]] = field(default_factory=dict)
    delete_first: dict[str, set[str]] = field(default_factory=dict)
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    kinds: tuple[str, ...] = ()
    preview: Preview = field(default_factory=Preview)


class _Context:
    """The stored register and the file, indexed for the checks."""

    def __init__(self, parsed: ParsedInput, replace: bool):
        self.parsed = parsed
        self.replace = replace
        self.stored = export_document()
        self.stored_by_id: dict[str, dict[str, Record]] = {
            kind.key: {record["id"]: record for record in self.stored[kind.key]}
            for kind in TOP_LEVEL
        }
        self.file_records = parsed.records
        match_natural_keys(parsed.records, self.stored_by_id)
        self.file_ids: dict[str, set[str]] = {
            key: {record.id for record in records if record.id}
            for key, records in parsed.records.items()
        }
        self._kept: dict[str, dict[str, Record]] = {}
        self._available: dict[str, set[str]] = {}

    def replaced(self, kind_key: str) -> bool:
        """True when stored records of the kind that the file lacks will be deleted."""
        return self.replace and kind_key in self.file_records

    def kept_stored(self, kind_key: str) -> dict[str, Record]:
        """Stored records of the kind that stay as they are (not in the file, not deleted)."""
        if kind_key not in self._kept:
            in_file = self.file_ids.get(kind_key, set())
            self._kept[kind_key] = (
                {}
                if self.replaced(kind_key)
                else {pk: r for pk, r in self.stored_by_id[kind_key].items() if pk not in in_file}
            )
        return self._kept[kind_key]

    def available(self, kind_key: str) -> set[str]:
        """Identifiers a reference to the kind may point at after the import."""
        if kind_key not in self._available:
            self._available[kind_key] = self.file_ids.get(kind_key, set()) | set(
                self.kept_stored(kind_key)
            )
        return self._available[kind_key]


def _folded(text: Any) -> str:
    return " ".join(str(text or "").split()).casefold()


def match_natural_keys(
    records: dict[str, list[RawRecord]], stored: dict[str, dict[str, Record]]
) -> None:
    """Rows without an identifier that describe a stored record take its identifier, so a
    re-imported file updates instead of duplicating:

    - an organisation by its business ID, else by its Finnish name when exactly one stored
      organisation has it;
    - a service by its Finnish name and organisation (one of the organisations the file gives
      it, if any), when exactly one stored service matches.
    """
    organisations = stored.get("organisations", {})
    by_business_id = {
        r["business_id"]: pk for pk, r in organisations.items() if r.get("business_id")
    }
    org_names: dict[str, list[str]] = defaultdict(list)
    for pk, r in organisations.items():
        org_names[_folded(r.get("name_fi"))].append(pk)
    for record in records.get("organisations", []):
        if not record.new_id:
            continue
        business_id = record.values.get("business_id")
        if business_id:
            match = by_business_id.get(business_id)
        else:
            candidates = org_names.get(_folded(record.values.get("name_fi")), [])
            match = candidates[0] if len(candidates) == 1 else None
        if match:
            record.values["id"], record.new_id = match, False
    service_names: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    for pk, r in stored.get("services", {}).items():
        providers = {row.get("organisation") for row in r.get("organisations", [])}
        service_names[_folded(r.get("name_fi"))].append((pk, providers))
    for record in records.get("services", []):
        if not record.new_id:
            continue
        candidates = service_names.get(_folded(record.values.get("name_fi")), [])
        given = {
            child.values.get("organisation")
            for child in record.children.get("service_organisations") or []
        }
        if given:
            candidates = [c for c in candidates if c[1] & given]
        if len(candidates) == 1:
            record.values["id"], record.new_id = candidates[0][0], False


def _all_records(records: list[RawRecord]):
    for record in records:
        yield record
        for children in record.children.values():
            yield from children or ()


def _check_duplicates(context: _Context, problems: ProblemList) -> None:
    seen: dict[str, dict[str, RawRecord]] = defaultdict(dict)
    for records in context.file_records.values():
        for record in _all_records(records):
            pk = record.id
            if pk is None:
                continue
            first = seen[record.kind.key].get(pk)
            if first is None:
                seen[record.kind.key][pk] = record
                continue
            problems.add(
                record.location,
                _("The identifier %(id)s is given twice; the first is at %(first)s.")
                % {"id": pk, "first": first.location.describe()},
                record.label("id"),
            )


def _code_maps(context: _Context, problems: ProblemList) -> dict[str, dict[str, str]]:
    """{kind: {code: id}} for municipalities and target groups: the file's, then stored."""
    maps: dict[str, dict[str, str]] = {}
    for kind_key in CODE_KINDS:
        mapping = {record["code"]: pk for pk, record in context.kept_stored(kind_key).items()}
        for record in context.file_records.get(kind_key, []):
            code = record.values.get("code")
            if code and record.id:
                mapping[code] = record.id
        maps[kind_key] = mapping
    return maps


def _resolve(
    context: _Context, record: RawRecord, maps: dict[str, dict[str, str]], problems: ProblemList
) -> None:
    """Turn codes into identifiers and check every reference points at a record."""
    for spec in record.kind.fields:
        if not spec.is_reference or spec.name in record.invalid:
            continue
        value = record.values.get(spec.name)
        values = value if spec.type == REFS else ([] if value is None else [value])
        resolved = []
        available = context.available(spec.target)
        target = KINDS[spec.target]
        for item in values:
            if context.parsed.by_code and spec.target in CODE_KINDS:
                pk = maps[spec.target].get(item)
                if pk is None:
                    problems.add(
                        record.location,
                        _("No %(kind)s with the code “%(code)s” in the file or the register.")
                        % {"kind": target.model._meta.verbose_name, "code": item},
                        record.label(spec.name),
                    )
                    record.invalid.add(spec.name)
                    continue
            else:
                pk = item
                if pk not in available:
                    problems.add(
                        record.location,
                        _("No %(kind)s with the identifier %(id)s in the file or the register.")
                        % {"kind": target.model._meta.verbose_name, "id": pk}
                        if not context.replaced(spec.target)
                        else _("No %(kind)s with the identifier %(id)s in the file.")
                        % {"kind": target.model._meta.verbose_name, "id": pk},
                        record.label(spec.name),
                    )
                    record.invalid.add(spec.name)
                    continue
            resolved.append(pk)
        if spec.type == REFS:
            record.values[spec.name] = sorted(set(resolved))
        elif spec.name not in record.invalid:
            record.values[spec.name] = resolved[0] if resolved else None
            if not resolved and not record.kind.model._meta.get_field(spec.name).null:
                problems.add(record.location, _("This field is required."), record.label(spec.name))
                record.invalid.add(spec.name)


def _python_value(spec_type: str, value: Any) -> Any:
    if value is None:
        return None
    if spec_type in (PK, UUID, REF):
        return uuid.UUID(value)
    if spec_type == DATE:
        return datetime.date.fromisoformat(value)
    return value


def build_instance(
    kind: KindSpec, values: dict[str, Any], skip: set[str] | frozenset = frozenset()
) -> models.Model:
    """An unsaved model instance holding the record's values (many-to-many left out)."""
    kwargs = {}
    for spec in kind.fields:
        if spec.type == REFS or spec.name not in values or spec.name in skip:
            continue
        name = f"{spec.name}_id" if spec.type == REF else spec.name
        kwargs[name] = _python_value(spec.type, values[spec.name])
    return kind.model(**kwargs)


def _check_model_rules(record: RawRecord, problems: ProblemList) -> None:
    kind = record.kind
    instance = build_instance(kind, record.values, record.invalid)
    exclude = {spec.name for spec in kind.fields if spec.is_reference or spec.type == PK}
    exclude |= record.invalid
    if kind.parent_field:
        exclude.add(kind.parent_field)
    model_fields = {f.name for f in kind.model._meta.concrete_fields}
    exclude |= model_fields - {spec.name for spec in kind.fields}
    errors: dict[str, list[str]] = {}
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as error:
        errors.update(error.message_dict)
    if isinstance(instance, SELF_CONTAINED_CLEAN) and not errors:
        try:
            instance.clean()
        except ValidationError as error:
            errors.update(error.message_dict)
    if kind.key == "steps" and "position" not in exclude and record.values.get("position", 1) < 1:
        errors.setdefault("position", []).append(_("Positions start from 1."))
    for name, messages in errors.items():
        label = None if name == NON_FIELD_ERRORS else record.label(name)
        for message in messages:
            problems.add(record.location, message, label)


def _check_unique(context: _Context, problems: ProblemList) -> None:
    for kind_key, names in UNIQUE_FIELDS.items():
        records = context.file_records.get(kind_key)
        if not records:
            continue
        kind = KINDS[kind_key]
        for name in names:
            taken = {
                record[name]: pk
                for pk, record in context.kept_stored(kind_key).items()
                if record[name] not in (None, "")
            }
            seen: dict[Any, RawRecord] = {}
            for record in records:
                value = record.values.get(name)
                if value in (None, "") or name in record.invalid:
                    continue
                label = record.label(name)
                if value in seen:
                    problems.add(
                        record.location,
                        _("“%(value)s” is also given at %(first)s; it must be unique.")
                        % {"value": value, "first": seen[value].location.describe()},
                        label,
                    )
                elif value in taken:
                    problems.add(
                        record.location,
                        _("“%(value)s” already belongs to another %(kind)s (id %(id)s).")
                        % {
                            "value": value,
                            "kind": kind.model._meta.verbose_name,
                            "id": taken[value],
                        },
                        label,
                    )
                seen.setdefault(value, record)
    for service in context.file_records.get("services", []):
        roles: dict[tuple, RawRecord] = {}
        for child in service.children.get("service_organisations") or ():
            key = (child.values.get("organisation"), child.values.get("role"))
            if None in key:
                continue
            if key in roles:
                problems.add(
                    child.location,
                    _("This organisation already has this role in the service."),
                    child.label("role"),
                )
            roles.setdefault(key, child)


def _check_hierarchy(context: _Context, problems: ProblemList) -> None:
    records = context.file_records.get("organisations", [])
    parents = {pk: r["parent"] for pk, r in context.kept_stored("organisations").items()}
    for record in records:
        if record.id:
            parents[record.id] = record.values.get("parent")
    for record in records:
        if record.id is None or "parent" in record.invalid:
            continue
        seen = {record.id}
        ancestor = parents.get(record.id)
        while ancestor is not None:
            if ancestor in seen:
                message = (
                    _("An organisation cannot be its own parent.")
                    if ancestor == record.id and parents.get(record.id) == record.id
                    else _("This parent would make the organisation its own ancestor.")
                )
                problems.add(record.location, message, record.label("parent"))
                break
            seen.add(ancestor)
            ancestor = parents.get(ancestor)


def canonical(record: RawRecord, stored: Record | None) -> Record:
    """The record in document form, children nested (stored children when not given)."""
    kind = record.kind
    result = {spec.name: record.values.get(spec.name) for spec in kind.fields}
    for child_key in kind.children:
        child_kind = KINDS[child_key]
        children = record.children.get(child_key)
        if children is None:
            result[child_kind.nested_key] = copy.deepcopy(
                stored[child_kind.nested_key] if stored else []
            )
        else:
            result[child_kind.nested_key] = sorted(
                (canonical(child, None) for child in children), key=child_sort_key
            )
    return result


def plan_import(parsed: ParsedInput, *, replace: bool = False) -> ImportPlan:
    """Check the file's records (see the module docstring) and plan the import."""
    context = _Context(parsed, replace)
    problems = ProblemList(parsed.problems)
    _check_duplicates(context, problems)
    maps = _code_maps(context, problems)
    for records in parsed.records.values():
        for record in _all_records(records):
            _resolve(context, record, maps, problems)
            _check_model_rules(record, problems)
    _check_unique(context, problems)
    _check_hierarchy(context, problems)
    problems.raise_if_any()

    plan = ImportPlan(kinds=tuple(kind.key for kind in TOP_LEVEL if kind.key in parsed.records))
    for kind in TOP_LEVEL:
        if kind.key not in parsed.records:
            continue
        stored = context.stored_by_id[kind.key]
        to_write, new = [], set()
        label = str(kind.model._meta.verbose_name).capitalize()
        for record in parsed.records[kind.key]:
            current = stored.get(record.id)
            wanted = canonical(record, current)
            plan.preview.warnings.extend(warnings_for(kind, wanted))
            if current is None:
                new.add(record.id)
                to_write.append(wanted)
                plan.counts[kind.key]["created"] += 1
                plan.preview.add(kind, RecordChange(label, "created", record_name(wanted)))
            elif wanted != current:
                to_write.append(wanted)
                plan.counts[kind.key]["updated"] += 1
                plan.preview.add(
                    kind,
                    RecordChange(
                        label,
                        "updated",
                        record_name(wanted),
                        changed_fields(kind, current, wanted),
                    ),
                )
            else:
                plan.counts[kind.key]["unchanged"] += 1
        plan.records[kind.key] = to_write
        plan.new_ids[kind.key] = new
        if replace:
            stale = sorted(set(stored) - context.file_ids[kind.key])
            plan.delete_ids[kind.key] = stale
            for pk in stale:
                plan.preview.add(kind, RecordChange(label, "deleted", record_name(stored[pk])))
            taken = {
                (name, record.values.get(name))
                for record in parsed.records[kind.key]
                for name in UNIQUE_FIELDS.get(kind.key, ())
            }
            plan.delete_first[kind.key] = {
                pk
                for pk in stale
                for name in UNIQUE_FIELDS.get(kind.key, ())
                if stored[pk][name] not in (None, "") and (name, stored[pk][name]) in taken
            }
    return plan
