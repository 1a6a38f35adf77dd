"""Snapshots of the ecosystem register: taking one, and comparing two.

A snapshot's `records` hold, per kind ("organisations", "services", "relations"), the field
names and one compact row per record: ``{"fields": [...], "rows": {uuid: [values..., hash]}}``.
The hash (16 hex digits of SHA-256 over the values) tells a changed record at a glance; the
values say which fields changed. Relations are named by their ends, so the ends' names are
stored with them (a removed organisation still names its old relations).
"""

from __future__ import annotations

import hashlib
import heapq
import json
import logging
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from django.core.cache import cache
from django.db import transaction

from dashboard.metrics import LOWER, METRIC_LABELS, METRIC_MEANINGS, compute_metrics
from dashboard.models.records import EcosystemSnapshot, SnapshotSource
from ecosystem.network import analysis
from ecosystem.network.graph import PROVIDES, build_graph
from ecosystem.register.versioning import data_version

logger = logging.getLogger(__name__)

KINDS = ("organisations", "services", "relations")
FIELDS = {
    "organisations": (
        "name_fi",
        "name_sv",
        "name_en",
        "short_name",
        "type",
        "parent",
        "is_consortium_member",
        "visibility",
        "municipalities",
    ),
    "services": (
        "name_fi",
        "name_sv",
        "name_en",
        "type",
        "status",
        "obligation",
        "visibility",
        "minimum_age",
        "maximum_age",
        "target_groups",
        "municipalities",
        "providers",
    ),
    "relations": (
        "relation_type",
        "direction",
        "source",
        "target",
        "source_name",
        "target_name",
        "target_groups",
        "valid_from",
        "valid_to",
        "visibility",
    ),
}
# Fields that only name something else; a change there is not a change of the record.
DERIVED_FIELDS = {"source_name", "target_name"}
CHANGE_LIMIT = 200  # records listed per kind and change type; the counts stay exact


def record_hash(values: list[Any]) -> str:
    """A short, stable fingerprint of a record's values."""
    text = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _row(fields: tuple[str, ...], data: dict[str, Any]) -> list[Any]:
    values = []
    for name in fields:
        value = data.get(name)
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        values.append(value)
    hashed = [v for name, v in zip(fields, values, strict=True) if name not in DERIVED_FIELDS]
    return [*values, record_hash(hashed)]


def serialise_graph(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The compact `records` of a snapshot from a graph of ecosystem.network.graph.build_graph."""
    providers: dict[str, list[str]] = {}
    for source, target, data in graph.edges(data=True):
        if data.get("kind") == PROVIDES:
            providers.setdefault(target, []).append(f"{source}:{data.get('role', '')}")
    records: dict[str, Any] = {kind: {"fields": list(FIELDS[kind]), "rows": {}} for kind in KINDS}
    for node, data in graph.nodes(data=True):
        if data.get("kind") == "organisation":
            records["organisations"]["rows"][data["id"]] = _row(FIELDS["organisations"], data)
        elif data.get("kind") == "service":
            row = {**data, "providers": sorted(providers.get(node, []))}
            records["services"]["rows"][data["id"]] = _row(FIELDS["services"], row)
    for source, target, _key, data in analysis.relation_edges(graph):
        row = {
            **data,
            "source": source,
            "target": target,
            "source_name": graph.nodes[source].get("name_fi", ""),
            "target_name": graph.nodes[target].get("name_fi", ""),
        }
        records["relations"]["rows"][data["id"]] = _row(FIELDS["relations"], row)
    return records


@transaction.atomic
def snapshot_take(
    *,
    title: str,
    taken_by: Any = None,
    source: str = SnapshotSource.MANUAL,
    instance: EcosystemSnapshot | None = None,
) -> EcosystemSnapshot:
    """Freeze the register now: its records and its dashboard metrics, in one snapshot.

    Builds the graph once for both. `instance` lets an admin form's unsaved snapshot be
    filled in and saved (its title and taken_by are kept)."""
    version = data_version()
    graph = build_graph()
    snapshot = instance or EcosystemSnapshot(title=title, taken_by=taken_by)
    snapshot.title = snapshot.title or title
    snapshot.source = source
    snapshot.data_version = version
    snapshot.records = serialise_graph(graph)
    snapshot.metrics = compute_metrics(graph)
    snapshot.save()
    transaction.on_commit(lambda: _warm_quietly(snapshot))
    return snapshot


def _warm_quietly(snapshot: EcosystemSnapshot) -> None:
    try:
        warm_comparison_with_previous(snapshot)
    except Exception:  # the snapshot stands; the comparison is computed when first opened
        logger.exception("Could not precompute the comparison of snapshot %s", snapshot.pk)


@dataclass
class RecordChange:
    id: str
    name: str
    fields: list[str] = field(default_factory=list)


@dataclass
class KindChanges:
    kind: str
    added: list[RecordChange]
    removed: list[RecordChange]
    changed: list[RecordChange]
    added_count: int
    removed_count: int
    changed_count: int

    @property
    def total(self) -> int:
        return self.added_count + self.removed_count + self.changed_count


@dataclass
class MetricMove:
    key: str
    label: Any
    before: float | int | None
    after: float | int | None
    delta: float | int | None

    @property
    def better(self) -> str | None:
        """LOWER, HIGHER or None (no direction defined): from the metric's meaning, not
        stored, so a cached comparison follows the current definitions."""
        meaning = METRIC_MEANINGS.get(self.key)
        return meaning.better if meaning else None

    @property
    def meaning(self) -> Any:
        meaning = METRIC_MEANINGS.get(self.key)
        return meaning.sentence if meaning else ""

    @property
    def direction(self) -> str:
        """ "up", "down" or "same"; "better"/"worse" come from `verdict`."""
        if not self.delta:
            return "same"
        return "up" if self.delta > 0 else "down"

    @property
    def verdict(self) -> str:
        """ "better" or "worse" only where the metric's direction is defined; "changed" for
        the others, "same" when it did not move."""
        if not self.delta:
            return "same"
        if self.better is None:
            return "changed"
        improved = (self.delta < 0) if self.better == LOWER else (self.delta > 0)
        return "better" if improved else "worse"


@dataclass
class Comparison:
    before: EcosystemSnapshot
    after: EcosystemSnapshot
    kinds: list[KindChanges]
    metrics: list[MetricMove]

    @property
    def unchanged(self) -> bool:
        return not any(kind.total for kind in self.kinds)


def _namer(kind: str, fields: list[str]):
    """A function giving a record's display name from its row (relations: by their ends)."""
    if kind == "relations":
        source = fields.index("source_name") if "source_name" in fields else None
        target = fields.index("target_name") if "target_name" in fields else None

        def relation_name(row: list[Any]) -> str:
            first = row[source] if source is not None else ""
            second = row[target] if target is not None else ""
            return f"{first or ''} → {second or ''}"

        return relation_name
    index = fields.index("name_fi") if "name_fi" in fields else None
    return lambda row: (row[index] or "") if index is not None else ""


def _compare_kind(kind: str, before: dict[str, Any], after: dict[str, Any]) -> KindChanges:
    fields_before = before.get("fields", list(FIELDS[kind]))
    fields_after = after.get("fields", list(FIELDS[kind]))
    rows_before, rows_after = before.get("rows", {}), after.get("rows", {})
    added_ids = sorted(set(rows_after) - set(rows_before))
    removed_ids = sorted(set(rows_before) - set(rows_after))
    changed: list[RecordChange] = []
    changed_count = 0
    name_before, name_after = _namer(kind, fields_before), _namer(kind, fields_after)
    for pk in sorted(set(rows_before) & set(rows_after)):
        old, new = rows_before[pk], rows_after[pk]
        if old[-1] == new[-1] and fields_before == fields_after:
            continue
        old_values = dict(zip(fields_before, old[:-1], strict=False))
        new_values = dict(zip(fields_after, new[:-1], strict=False))
        names = [
            name
            for name in fields_after
            if name not in DERIVED_FIELDS and old_values.get(name) != new_values.get(name)
        ]
        if not names:
            continue
        changed_count += 1
        if len(changed) < CHANGE_LIMIT:
            changed.append(RecordChange(pk, name_after(new), names))

    def listed(ids: list[str], rows: dict[str, list[Any]], namer) -> list[RecordChange]:
        # The first CHANGE_LIMIT by name, without sorting a national register's worth.
        first = heapq.nsmallest(CHANGE_LIMIT, ((namer(rows[pk]).lower(), pk) for pk in ids))
        return [RecordChange(pk, namer(rows[pk])) for _name, pk in first]

    return KindChanges(
        kind=kind,
        added=listed(added_ids, rows_after, name_after),
        removed=listed(removed_ids, rows_before, name_before),
        changed=sorted(changed, key=lambda item: (item.name.lower(), item.id)),
        added_count=len(added_ids),
        removed_count=len(removed_ids),
        changed_count=changed_count,
    )


def compare_metrics(before: dict[str, Any], after: dict[str, Any]) -> list[MetricMove]:
    """How each headline metric moved from one metrics dict to another."""
    old, new = before.get("headline", {}), after.get("headline", {})
    keys = [key for key in METRIC_LABELS if key in old or key in new]
    moves = []
    for key in keys:
        a, b = old.get(key), new.get(key)
        delta = b - a if a is not None and b is not None else None
        moves.append(MetricMove(key, METRIC_LABELS[key], a, b, delta))
    return moves


def compare(before: EcosystemSnapshot, after: EcosystemSnapshot) -> Comparison:
    """What changed from `before` to `after`: records added, removed or changed (with the
    fields that changed) per kind, and the move of every headline metric."""
    kinds = [
        _compare_kind(kind, before.records.get(kind, {}), after.records.get(kind, {}))
        for kind in KINDS
    ]
    return Comparison(before, after, kinds, compare_metrics(before.metrics, after.metrics))


COMPARISON_TIMEOUT = 30 * 24 * 3600


def comparison_cache_key(before_id: int, after_id: int) -> str:
    return f"dashboard:comparison:v1:{before_id}:{after_id}"


def _light(snapshot: EcosystemSnapshot) -> EcosystemSnapshot:
    """The snapshot without its records, for keeping a comparison in the cache."""
    return EcosystemSnapshot(
        pk=snapshot.pk,
        title=snapshot.title,
        taken_at=snapshot.taken_at,
        source=snapshot.source,
        metrics={},
    )


def stored_comparison(before_id: int, after_id: int) -> Comparison | None | bool:
    """The comparison of two snapshots by id: from the cache (snapshots never change, so a
    comparison is computed once; at national scale that takes seconds), else computed and
    cached. False when either snapshot does not exist."""
    key = comparison_cache_key(before_id, after_id)
    cached = cache.get(key)
    if cached is not None:
        return cached
    found = {s.pk: s for s in EcosystemSnapshot.objects.filter(pk__in=[before_id, after_id])}
    if before_id not in found or after_id not in found:
        return False
    result = compare(found[before_id], found[after_id])
    result.before, result.after = _light(result.before), _light(result.after)
    cache.set(key, result, COMPARISON_TIMEOUT)
    return result


def warm_comparison_with_previous(snapshot: EcosystemSnapshot) -> None:
    """Compute and cache the comparison of a new snapshot with the one before it, the
    comparison the steering group most likely opens next."""
    previous = (
        EcosystemSnapshot.objects.filter(taken_at__lt=snapshot.taken_at)
        .order_by("-taken_at", "-pk")
        .first()
    )
    if previous is None:
        return
    result = compare(previous, snapshot)
    result.before, result.after = _light(result.before), _light(result.after)
    cache.set(comparison_cache_key(previous.pk, snapshot.pk), result, COMPARISON_TIMEOUT)


def default_title() -> str:
    """The title of a scheduled snapshot, in Finnish like the rest of the stored content."""
    from django.utils import timezone, translation

    with translation.override("fi"):
        return translation.gettext("Scheduled snapshot %(date)s") % {
            "date": timezone.localtime().strftime("%-d.%-m.%Y %H.%M")
        }
