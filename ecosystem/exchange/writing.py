"""Writing an ImportPlan to the database with bulk queries, inside the caller's transaction.

Each kind is upserted in dependency order: new records by bulk_create, changed ones by
bulk_update, their many-to-many rows and children replaced. Deletions (--replace) come
after, from what refers to others to what is referred to, so that records of the file
have already let go of what is deleted (a path's old step, a path's old target group).
Only stale records whose code a record of the file takes over go first, to free the code.
Foreign keys are checked when the transaction commits (both SQLite and PostgreSQL defer
them), so an organisation may name a parent that comes later in the file. Bulk writes send
no model signals, so the data version is bumped here once.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Iterator

from django.db import DEFAULT_DB_ALIAS, models
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from ecosystem.exchange.document import Record
from ecosystem.exchange.spec import DELETE_ORDER, KINDS, PK, REFS, TOP_LEVEL, KindSpec
from ecosystem.exchange.validation import ImportPlan, build_instance
from ecosystem.register.versioning import bump_data_version
from portal.kernel.problems import ImportRefused, Problem

BATCH = 500
KIND_BY_LABEL = {kind.model._meta.label: kind.key for kind in KINDS.values()}


def chunks(items: list, size: int = BATCH) -> Iterator[list]:
    """items in slices of at most size (keeps SQL parameter counts bounded)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _refusal(error: ProtectedError | RestrictedError, kind: KindSpec) -> ImportRefused:
    blockers = (
        error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
    )
    blocker = next(iter(blockers))
    return ImportRefused(
        [
            Problem(
                None,
                _(
                    "Records cannot be deleted while others refer to them: "
                    "%(blocker)s (%(kind)s) refers to a %(target)s missing from "
                    "the file. Include it in the file or change it first."
                )
                % {
                    "blocker": blocker,
                    "kind": blocker._meta.verbose_name,
                    "target": kind.model._meta.verbose_name,
                },
            )
        ]
    )


def _delete(plan: ImportPlan, *, first: bool) -> Counter:
    """Delete what --replace removes (first: those freeing a code; else the others);
    {kind: count} including cascaded records."""
    deleted: Counter = Counter()
    for kind in DELETE_ORDER:
        early = plan.delete_first.get(kind.key, set())
        ids = [pk for pk in plan.delete_ids.get(kind.key, []) if (pk in early) == first]
        for batch in chunks(ids):
            try:
                _total, per_model = kind.model.objects.filter(pk__in=batch).delete()
            except (ProtectedError, RestrictedError) as error:
                raise _refusal(error, kind) from error
            for label, count in per_model.items():
                if label in KIND_BY_LABEL and count:
                    deleted[KIND_BY_LABEL[label]] += count
    return deleted


def count_deletions(plan: ImportPlan) -> Counter:
    """What write_plan's deletions would remove, {kind: count} with cascades, by reading only.

    A check (dry run) uses this instead of deleting and rolling back, so it never takes the
    database's write lock (SQLite has one for the whole file). Refuses as _delete does when
    a record that stays refers to one that would go.
    """
    collector = Collector(using=DEFAULT_DB_ALIAS)
    kinds = [kind for kind in DELETE_ORDER if plan.delete_ids.get(kind.key)]
    for kind in kinds:
        for batch in chunks(plan.delete_ids[kind.key]):
            try:
                collector.collect(list(kind.model.objects.filter(pk__in=batch)))
            except (ProtectedError, RestrictedError) as error:
                raise _refusal(error, kind) from error
    seen: dict[str, set] = {}
    for model, instances in collector.data.items():
        seen.setdefault(model._meta.label, set()).update(obj.pk for obj in instances)
    for queryset in collector.fast_deletes:
        label = queryset.model._meta.label
        seen.setdefault(label, set()).update(queryset.values_list("pk", flat=True))
    deleted: Counter = Counter()
    for label, pks in seen.items():
        if label in KIND_BY_LABEL and pks:
            deleted[KIND_BY_LABEL[label]] += len(pks)
    return deleted


def _field_names(kind: KindSpec) -> list[str]:
    """The fields bulk_update writes: every field of the record but the id and m2m."""
    names = [spec.name for spec in kind.fields if spec.type not in (REFS, PK)]
    if kind.parent_field:
        names.append(kind.parent_field)
    return names


def _upsert(kind: KindSpec, records: list[Record], new_ids: set[str], extra: dict) -> None:
    """bulk_create the new records, bulk_update the others."""
    now = timezone.now()
    has_updated_at = any(f.name == "updated_at" for f in kind.model._meta.concrete_fields)
    created, updated = [], []
    for record in records:
        instance = build_instance(kind, record)
        for name, value in extra.get(record["id"], {}).items():
            setattr(instance, name, value)
        (created if record["id"] in new_ids else updated).append(instance)
    if created:
        kind.model.objects.bulk_create(created, batch_size=BATCH)
    if updated:
        fields = _field_names(kind) + (["updated_at"] if has_updated_at else [])
        for instance in updated:
            if has_updated_at:
                instance.updated_at = now
        kind.model.objects.bulk_update(updated, fields, batch_size=BATCH)


def _set_many_to_many(kind: KindSpec, records: list[Record]) -> None:
    owner_ids = [record["id"] for record in records]
    for spec in kind.fields:
        if spec.type != REFS:
            continue
        field = kind.model._meta.get_field(spec.name)
        through = field.remote_field.through
        owner = f"{field.m2m_field_name()}_id"
        target = f"{field.m2m_reverse_field_name()}_id"
        for batch in chunks(owner_ids):
            through.objects.filter(**{f"{owner}__in": batch}).delete()
        rows = [
            through(**{owner: record["id"], target: target_id})
            for record in records
            for target_id in record[spec.name]
        ]
        through.objects.bulk_create(rows, batch_size=BATCH)


def _existing(model: type[models.Model], ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for batch in chunks(list(ids)):
        found.update(
            str(pk) for pk in model.objects.filter(pk__in=batch).values_list("pk", flat=True)
        )
    return found


def _set_children(kind: KindSpec, records: list[Record]) -> None:
    """Replace the children of the written records by the records' child lists."""
    parent_ids = [record["id"] for record in records]
    for child_key in kind.children:
        child = KINDS[child_key]
        parent_attname = f"{child.parent_field}_id"
        rows = [(record["id"], row) for record in records for row in record[child.nested_key]]
        keep = {row["id"] for _parent, row in rows}
        gone = []
        for batch in chunks(parent_ids):
            current = child.model.objects.filter(**{f"{parent_attname}__in": batch})
            gone.extend(pk for pk in current.values_list("pk", flat=True) if str(pk) not in keep)
        for batch in chunks(gone):
            child.model.objects.filter(pk__in=batch).delete()
        existing = _existing(child.model, keep)
        extra = {row["id"]: {parent_attname: uuid.UUID(parent)} for parent, row in rows}
        _upsert(child, [row for _parent, row in rows], keep - existing, extra)


def write_plan(plan: ImportPlan) -> Counter:
    """Carry out the plan in the current transaction; {kind: records deleted}."""
    deleted = _delete(plan, first=True)
    for kind in TOP_LEVEL:
        records = plan.records.get(kind.key)
        if not records:
            continue
        _upsert(kind, records, plan.new_ids[kind.key], {})
        _set_many_to_many(kind, records)
        if kind.children:
            _set_children(kind, records)
    deleted.update(_delete(plan, first=False))
    bump_data_version()
    return deleted
