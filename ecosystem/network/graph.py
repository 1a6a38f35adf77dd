"""The ecosystem register as a networkx MultiDiGraph, built with a fixed number of queries.

`build_graph()` reads the database with `values()` queries only — 13 with service paths, 10
without — however many records there are, and returns a graph nothing else needs the
database for (ecosystem.network.analysis works on it alone).

It is built for size (20 000 services and 100 000 relations in about a second): rows are
read as plain tuples, records are matched by the key the database returns cheapest (see
`UUIDKey`) and nodes and edges go straight into networkx's adjacency dicts.

Nodes (ids `org:<uuid>` and `svc:<uuid>`):
- every node: `kind` ("organisation" | "service"), `id` (UUID string), `name` (Finnish),
  `name_fi`, `name_sv`, `name_en`, `type`, `visibility`, `target_groups` and `municipalities`
  (sorted lists of codes).
- organisations: `type` is the organisation type; also `short_name` (Finnish),
  `short_name_sv`, `short_name_en`, `is_consortium_member`,
  `parent` (node id or None). Their `target_groups` list is empty.
- services: `type` is the service class; also `status`, `obligation` (statutory /
  complementary), `minimum_age`, `maximum_age`.

Edges (keys are unique strings, so parallel edges stay apart):
- `kind="relation"`, key `rel:<uuid>`, source → target as stored: `relation_type`,
  `direction` ("directed" | "mutual"; a mutual relation is one edge, read both ways),
  `target_groups`, `valid_from` / `valid_to` (datetime.date or None), `visibility`, `id`.
- `kind="provides"`, key `role:<uuid>`, organisation → service: `role` (responsible /
  producer), `provision_type` (own / procured), `id`.

Graph attributes: `public_only`, `target_groups` and `municipalities` (every code of the
register with names, in display order; municipalities also carry `employment_area`) and,
with paths, `service_paths` (see `_service_paths`).
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import networkx as nx
from django.db import connections
from django.db.models import CharField, Func, QuerySet

from ecosystem.models import (
    Municipality,
    Organisation,
    Relation,
    Service,
    ServiceOrganisation,
    ServicePath,
    ServicePathStep,
    TargetGroup,
)
from ecosystem.models.choices import Visibility

ORGANISATION = "organisation"
SERVICE = "service"
RELATION = "relation"
PROVIDES = "provides"
NAME_FIELDS = ("name_fi", "name_sv", "name_en")


def org_node(pk: Any) -> str:
    """Node id of an organisation."""
    return f"org:{pk}"


def svc_node(pk: Any) -> str:
    """Node id of a service."""
    return f"svc:{pk}"


class UUIDText(Func):
    """A UUID column as canonical hyphenated text, formatted by the database.

    Reading UUIDs as text and not as uuid.UUID objects saves most of the time of reading many
    rows; SQLite keeps 32 bare hex digits, so the hyphens are put in with SQL there.
    """

    output_field = CharField()
    template = "CAST(%(expressions)s AS text)"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        sql, params = compiler.compile(self.source_expressions[0])
        pieces = ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))
        text = " || '-' || ".join(f"substr({sql}, {start}, {length})" for start, length in pieces)
        return f"({text})", list(params) * len(pieces)


class UUIDKey(Func):
    """A UUID column as the text the database gives cheapest, to match rows by.

    PostgreSQL casts to canonical text; SQLite returns its stored 32 hex digits as they are
    (hyphenating a hundred thousand keys in SQL costs more than the rest of the query), and
    `canonical()` adds the hyphens in Python only where an id is shown.
    """

    output_field = CharField()
    template = "CAST(%(expressions)s AS text)"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        return compiler.compile(self.source_expressions[0])


def canonical(key: str) -> str:
    """The canonical hyphenated form of a `UUIDKey` value."""
    if len(key) == 36:
        return key
    return f"{key[:8]}-{key[8:12]}-{key[12:16]}-{key[16:20]}-{key[20:]}"


def _as_date(value: Any) -> dt.date | None:
    """A date column read without Django's converters (SQLite gives ISO text)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the graph is built.

    Building allocates hundreds of thousands of dicts and lists (none in reference cycles);
    every automatic collection on the way would walk all of them again, which took about
    half the build time at national scale.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _rows(queryset: QuerySet, keys: Sequence[str], fields: Sequence[str] = ()) -> list[tuple]:
    """The rows of `queryset.values_list(<keys as UUIDKey>, *fields)` as plain tuples.

    One query, read with a cursor: Django's per-value converters are skipped, so booleans
    may come as 0/1 and dates as ISO text on SQLite (see `_as_date`).
    """
    values = queryset.values_list(*(UUIDKey(name) for name in keys), *fields)
    sql, params = values.query.get_compiler(values.db).as_sql()
    with connections[values.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _grouped(queryset: QuerySet, owner: str, value: str) -> dict[str, list[Any]]:
    """{owner key: sorted list of values} from an m2m table."""
    grouped: dict[str, list[Any]] = defaultdict(list)
    for owner_key, item in _rows(queryset, (owner,), (value,)):
        grouped[owner_key].append(item)
    # Sorted in Python: the database's collation may order "_" differently.
    for values in grouped.values():
        values.sort()
    return grouped


def _add_nodes(graph: nx.MultiDiGraph, nodes: Iterable[tuple[str, dict[str, Any]]]) -> None:
    """Add new nodes with their attribute dicts, as MultiDiGraph.add_nodes_from would, without
    copying each dict."""
    succ, pred, attributes = graph._succ, graph._pred, graph._node
    factory = graph.adjlist_inner_dict_factory
    for node, data in nodes:
        succ[node] = factory()
        pred[node] = factory()
        attributes[node] = data
    nx._clear_cache(graph)


def _add_edges(graph: nx.MultiDiGraph, edges: Iterable[tuple[str, str, str, dict]]) -> None:
    """Add keyed edges between existing nodes, as MultiDiGraph.add_edge would (same shared
    key dicts in successors and predecessors), without its per-edge view lookups, which
    dominate the time for a hundred thousand relations."""
    succ, pred = graph._succ, graph._pred
    factory = graph.edge_key_dict_factory
    for source, target, key, data in edges:
        keydict = succ[source].get(target)
        if keydict is None:
            keydict = factory()
            succ[source][target] = keydict
            pred[target][source] = keydict
        keydict[key] = data
    nx._clear_cache(graph)


def _public(queryset: QuerySet, public_only: bool) -> QuerySet:
    return queryset.filter(visibility=Visibility.PUBLIC) if public_only else queryset


def _add_organisations(graph: nx.MultiDiGraph, public_only: bool) -> dict[str, str]:
    """Add the organisations; returns {key: node id} of those added."""
    municipalities = _grouped(
        Organisation.municipalities.through.objects.all(), "organisation_id", "municipality__code"
    )
    rows = _rows(
        _public(Organisation.objects.all(), public_only),
        ("id", "parent_id"),
        (
            *NAME_FIELDS,
            "short_name",
            "short_name_sv",
            "short_name_en",
            "organisation_type",
            "is_consortium_member",
            "visibility",
        ),
    )
    ids = {row[0]: org_node(canonical(row[0])) for row in rows}
    nodes = []
    for row in rows:
        key, parent, name_fi, name_sv, name_en, short, short_sv, short_en = row[:8]
        kind, consortium, visibility = row[8:]
        node = ids[key]
        nodes.append(
            (
                node,
                {
                    "kind": ORGANISATION,
                    "id": node[4:],
                    "name": name_fi,
                    "name_fi": name_fi,
                    "name_sv": name_sv,
                    "name_en": name_en,
                    "short_name": short,
                    "short_name_sv": short_sv,
                    "short_name_en": short_en,
                    "type": kind,
                    # A parent left out (not public) is not pointed at.
                    "parent": ids.get(parent) if parent else None,
                    "is_consortium_member": bool(consortium),
                    "visibility": visibility,
                    "target_groups": [],
                    "municipalities": municipalities.get(key, []),
                },
            )
        )
    _add_nodes(graph, nodes)
    return ids


def _add_services(
    graph: nx.MultiDiGraph, public_only: bool, organisations: dict[str, str]
) -> dict[str, str]:
    """Add the services and their organisations' provides edges; returns {key: node id} of
    the services added."""
    target_groups = _grouped(
        Service.target_groups.through.objects.all(), "service_id", "targetgroup__code"
    )
    municipalities = _grouped(
        Service.municipalities.through.objects.all(), "service_id", "municipality__code"
    )
    rows = _rows(
        _public(Service.objects.all(), public_only),
        ("id",),
        (
            *NAME_FIELDS,
            "service_class",
            "status",
            "obligation",
            "visibility",
            "minimum_age",
            "maximum_age",
        ),
    )
    ids: dict[str, str] = {}
    nodes = []
    for (
        key,
        name_fi,
        name_sv,
        name_en,
        service_class,
        status,
        obligation,
        visibility,
        minimum_age,
        maximum_age,
    ) in rows:
        node = ids[key] = svc_node(canonical(key))
        nodes.append(
            (
                node,
                {
                    "kind": SERVICE,
                    "id": node[4:],
                    "name": name_fi,
                    "name_fi": name_fi,
                    "name_sv": name_sv,
                    "name_en": name_en,
                    "type": service_class,
                    "status": status,
                    "obligation": obligation,
                    "visibility": visibility,
                    "minimum_age": minimum_age,
                    "maximum_age": maximum_age,
                    "target_groups": target_groups.get(key, []),
                    "municipalities": municipalities.get(key, []),
                },
            )
        )
    _add_nodes(graph, nodes)
    roles = _rows(
        ServiceOrganisation.objects.order_by("service_id", "sort_order"),
        ("id", "organisation_id", "service_id"),
        ("role", "provision_type"),
    )
    edges = []
    for key, organisation, service, role, provision_type in roles:
        source, target = organisations.get(organisation), ids.get(service)
        if source is not None and target is not None:
            pk = canonical(key)
            edges.append(
                (
                    source,
                    target,
                    f"role:{pk}",
                    {"kind": PROVIDES, "id": pk, "role": role, "provision_type": provision_type},
                )
            )
    _add_edges(graph, edges)
    return ids


def _add_relations(
    graph: nx.MultiDiGraph,
    public_only: bool,
    organisations: dict[str, str],
    services: dict[str, str],
) -> None:
    target_groups = _grouped(
        Relation.target_groups.through.objects.all(), "relation_id", "targetgroup__code"
    )
    rows = _rows(
        _public(Relation.objects.all(), public_only),
        (
            "id",
            "source_organisation_id",
            "source_service_id",
            "target_organisation_id",
            "target_service_id",
        ),
        ("relation_type", "direction", "valid_from", "valid_to", "visibility"),
    )
    edges = []
    for (
        key,
        source_organisation,
        source_service,
        target_organisation,
        target_service,
        relation_type,
        direction,
        valid_from,
        valid_to,
        visibility,
    ) in rows:
        # An end that is not in the graph (not visible to this viewer) gives None.
        source = organisations.get(source_organisation) or services.get(source_service)
        target = organisations.get(target_organisation) or services.get(target_service)
        if source is None or target is None:
            continue
        pk = canonical(key)
        edges.append(
            (
                source,
                target,
                f"rel:{pk}",
                {
                    "kind": RELATION,
                    "id": pk,
                    "relation_type": relation_type,
                    "direction": direction,
                    "target_groups": target_groups.get(key, []),
                    "valid_from": valid_from and _as_date(valid_from),
                    "valid_to": valid_to and _as_date(valid_to),
                    "visibility": visibility,
                },
            )
        )
    _add_edges(graph, edges)


def _service_paths(public_only: bool, services: dict[str, str]) -> list[dict[str, Any]]:
    """Service paths as plain dicts, steps ordered by position; steps whose service is not
    in the graph (not visible) are left out.

    Each: `id`, `name_fi/sv/en`, `target_group` (code), `municipalities` (codes),
    `visibility`, `steps` = [{`id`, `position`, `service` (node id), `handoff_note`}].
    """
    municipalities = _grouped(
        ServicePath.municipalities.through.objects.all(), "servicepath_id", "municipality__code"
    )
    steps: dict[str, list[dict[str, Any]]] = defaultdict(list)
    step_rows = _rows(
        ServicePathStep.objects.order_by("path_id", "position", "sort_order"),
        ("id", "path_id", "service_id"),
        ("position", "handoff_note"),
    )
    for key, path, service, position, handoff_note in step_rows:
        node = services.get(service)
        if node is not None:
            steps[path].append(
                {
                    "id": canonical(key),
                    "position": position,
                    "service": node,
                    "handoff_note": handoff_note,
                }
            )
    rows = _rows(
        _public(ServicePath.objects.all(), public_only),
        ("id",),
        (*NAME_FIELDS, "target_group__code", "visibility"),
    )
    return [
        {
            "id": canonical(key),
            "name_fi": name_fi,
            "name_sv": name_sv,
            "name_en": name_en,
            "target_group": target_group,
            "municipalities": municipalities.get(key, []),
            "visibility": visibility,
            "steps": steps.get(key, []),
        }
        for key, name_fi, name_sv, name_en, target_group, visibility in rows
    ]


def build_graph(*, public_only: bool = False, include_paths: bool = True) -> nx.MultiDiGraph:
    """The whole register as a MultiDiGraph (see the module docstring for its contents).

    public_only: leave out partner-only organisations, services, relations and paths, and
    every edge touching something left out — what an anonymous viewer may see.
    include_paths: also read the service paths into `graph.graph["service_paths"]`.
    """
    graph = nx.MultiDiGraph(public_only=public_only)
    graph.graph["target_groups"] = list(
        TargetGroup.objects.values("code", *NAME_FIELDS).order_by("sort_order", "name_fi")
    )
    graph.graph["municipalities"] = list(
        Municipality.objects.values("code", *NAME_FIELDS, "employment_area").order_by("name_fi")
    )
    with collector_paused():
        organisations = _add_organisations(graph, public_only)
        services = _add_services(graph, public_only, organisations)
        _add_relations(graph, public_only, organisations, services)
        if include_paths:
            graph.graph["service_paths"] = _service_paths(public_only, services)
    return graph
