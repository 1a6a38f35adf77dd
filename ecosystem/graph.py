"""The ecosystem register as a networkx MultiDiGraph, built with a fixed number of queries.

`build_graph()` reads the database with `values()` queries only — 13 with service paths, 10
without — however many records there are, and returns a graph nothing else needs the
database for (ecosystem.analysis works on it alone).

Nodes (ids `org:<uuid>` and `svc:<uuid>`):
- every node: `kind` ("organisation" | "service"), `id` (UUID string), `name` (Finnish),
  `name_fi`, `name_sv`, `name_en`, `type`, `visibility`, `target_groups` and `municipalities`
  (sorted lists of codes).
- organisations: `type` is the organisation type; also `short_name`, `is_consortium_member`,
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

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx
from django.db.models import CharField, Func, QuerySet

from ecosystem.choices import Visibility
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

    Reading UUIDs as text and not as uuid.UUID objects saves most of the time of building a
    large graph; SQLite keeps 32 bare hex digits, so the hyphens are put in with SQL there.
    """

    output_field = CharField()
    template = "CAST(%(expressions)s AS text)"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        sql, params = compiler.compile(self.source_expressions[0])
        pieces = ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))
        text = " || '-' || ".join(f"substr({sql}, {start}, {length})" for start, length in pieces)
        return f"({text})", list(params) * len(pieces)


def _uuid_rows(queryset: QuerySet, uuid_fields: Sequence[str], fields: Sequence[str] = ()):
    """values_list rows: the UUID fields as canonical text, then the other fields."""
    return queryset.values_list(*(UUIDText(name) for name in uuid_fields), *fields)


def _grouped(queryset: QuerySet, owner: str, value: str) -> dict[str, list[Any]]:
    """{owner uuid text: sorted list of values} from an m2m table."""
    grouped: dict[str, list[Any]] = defaultdict(list)
    for owner_id, item in _uuid_rows(queryset, (owner,), (value,)):
        grouped[owner_id].append(item)
    return {owner_id: sorted(values) for owner_id, values in grouped.items()}


def _add_edges(graph: nx.MultiDiGraph, edges: Iterable[tuple[str, str, str, dict]]) -> None:
    """Add keyed edges between existing nodes, as MultiDiGraph.add_edge would (same shared
    key dicts in successors and predecessors), without its per-edge view lookups, which
    dominate the time for a hundred thousand relations."""
    succ, pred = graph._succ, graph._pred
    for source, target, key, data in edges:
        keydict = succ[source].get(target)
        if keydict is None:
            keydict = graph.edge_key_dict_factory()
            succ[source][target] = keydict
            pred[target][source] = keydict
        keydict[key] = data
    nx._clear_cache(graph)


def _public(queryset: QuerySet, public_only: bool) -> QuerySet:
    return queryset.filter(visibility=Visibility.PUBLIC) if public_only else queryset


def _add_organisations(graph: nx.MultiDiGraph, public_only: bool) -> None:
    municipalities = _grouped(
        Organisation.municipalities.through.objects.all(), "organisation_id", "municipality__code"
    )
    rows = _uuid_rows(
        _public(Organisation.objects.all(), public_only),
        ("id", "parent_id"),
        (*NAME_FIELDS, "short_name", "organisation_type", "is_consortium_member", "visibility"),
    )
    nodes = []
    for pk, parent, name_fi, name_sv, name_en, short, kind, consortium, visibility in rows:
        nodes.append(
            (
                org_node(pk),
                {
                    "kind": ORGANISATION,
                    "id": pk,
                    "name": name_fi,
                    "name_fi": name_fi,
                    "name_sv": name_sv,
                    "name_en": name_en,
                    "short_name": short,
                    "type": kind,
                    "parent": org_node(parent) if parent else None,
                    "is_consortium_member": consortium,
                    "visibility": visibility,
                    "target_groups": [],
                    "municipalities": municipalities.get(pk, []),
                },
            )
        )
    graph.add_nodes_from(nodes)
    # A parent left out (not public) is not pointed at.
    for _node, data in nodes:
        if data["parent"] is not None and data["parent"] not in graph:
            data["parent"] = None


def _add_services(graph: nx.MultiDiGraph, public_only: bool) -> None:
    target_groups = _grouped(
        Service.target_groups.through.objects.all(), "service_id", "targetgroup__code"
    )
    municipalities = _grouped(
        Service.municipalities.through.objects.all(), "service_id", "municipality__code"
    )
    rows = _uuid_rows(
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
    graph.add_nodes_from(
        (
            svc_node(pk),
            {
                "kind": SERVICE,
                "id": pk,
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
                "target_groups": target_groups.get(pk, []),
                "municipalities": municipalities.get(pk, []),
            },
        )
        for (
            pk,
            name_fi,
            name_sv,
            name_en,
            service_class,
            status,
            obligation,
            visibility,
            minimum_age,
            maximum_age,
        ) in rows
    )
    roles = _uuid_rows(
        ServiceOrganisation.objects.order_by("service_id", "sort_order"),
        ("id", "organisation_id", "service_id"),
        ("role", "provision_type"),
    )
    edges = []
    for pk, organisation, service, role, provision_type in roles:
        source, target = org_node(organisation), svc_node(service)
        if source in graph and target in graph:
            edges.append(
                (
                    source,
                    target,
                    f"role:{pk}",
                    {"kind": PROVIDES, "id": pk, "role": role, "provision_type": provision_type},
                )
            )
    _add_edges(graph, edges)


def _add_relations(graph: nx.MultiDiGraph, public_only: bool) -> None:
    target_groups = _grouped(
        Relation.target_groups.through.objects.all(), "relation_id", "targetgroup__code"
    )
    rows = _uuid_rows(
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
        pk,
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
        source = org_node(source_organisation) if source_organisation else svc_node(source_service)
        target = org_node(target_organisation) if target_organisation else svc_node(target_service)
        if source not in graph or target not in graph:
            continue  # an end is not visible to this viewer
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
                    "target_groups": target_groups.get(pk, []),
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                    "visibility": visibility,
                },
            )
        )
    _add_edges(graph, edges)


def _service_paths(graph: nx.MultiDiGraph, public_only: bool) -> list[dict[str, Any]]:
    """Service paths as plain dicts, steps ordered by position; steps whose service is not
    in the graph (not visible) are left out.

    Each: `id`, `name_fi/sv/en`, `target_group` (code), `municipalities` (codes),
    `visibility`, `steps` = [{`id`, `position`, `service` (node id), `handoff_note`}].
    """
    municipalities = _grouped(
        ServicePath.municipalities.through.objects.all(), "servicepath_id", "municipality__code"
    )
    steps: dict[str, list[dict[str, Any]]] = defaultdict(list)
    step_rows = _uuid_rows(
        ServicePathStep.objects.order_by("path_id", "position", "sort_order"),
        ("id", "path_id", "service_id"),
        ("position", "handoff_note"),
    )
    for pk, path, service, position, handoff_note in step_rows:
        node = svc_node(service)
        if node in graph:
            steps[path].append(
                {"id": pk, "position": position, "service": node, "handoff_note": handoff_note}
            )
    rows = _uuid_rows(
        _public(ServicePath.objects.all(), public_only),
        ("id",),
        (*NAME_FIELDS, "target_group__code", "visibility"),
    )
    return [
        {
            "id": pk,
            "name_fi": name_fi,
            "name_sv": name_sv,
            "name_en": name_en,
            "target_group": target_group,
            "municipalities": municipalities.get(pk, []),
            "visibility": visibility,
            "steps": steps.get(pk, []),
        }
        for pk, name_fi, name_sv, name_en, target_group, visibility in rows
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
    _add_organisations(graph, public_only)
    _add_services(graph, public_only)
    _add_relations(graph, public_only)
    if include_paths:
        graph.graph["service_paths"] = _service_paths(graph, public_only)
    return graph
