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
from collections.abc import Iterable
from typing import Any

import networkx as nx

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


def _grouped(pairs: Iterable[tuple[Any, Any]]) -> dict[Any, list[Any]]:
    """{owner: sorted list of values} from (owner, value) rows."""
    grouped: dict[Any, list[Any]] = defaultdict(list)
    for owner, value in pairs:
        grouped[owner].append(value)
    return {owner: sorted(values) for owner, values in grouped.items()}


def _public(queryset, public_only: bool):
    return queryset.filter(visibility=Visibility.PUBLIC) if public_only else queryset


def _add_organisations(graph: nx.MultiDiGraph, public_only: bool) -> None:
    municipalities = _grouped(
        Organisation.municipalities.through.objects.values_list(
            "organisation_id", "municipality__code"
        )
    )
    rows = _public(Organisation.objects.all(), public_only).values(
        "id",
        *NAME_FIELDS,
        "short_name",
        "organisation_type",
        "parent_id",
        "is_consortium_member",
        "visibility",
    )
    for row in rows:
        graph.add_node(
            org_node(row["id"]),
            kind=ORGANISATION,
            id=str(row["id"]),
            name=row["name_fi"],
            **{name: row[name] for name in NAME_FIELDS},
            short_name=row["short_name"],
            type=row["organisation_type"],
            parent=org_node(row["parent_id"]) if row["parent_id"] else None,
            is_consortium_member=row["is_consortium_member"],
            visibility=row["visibility"],
            target_groups=[],
            municipalities=municipalities.get(row["id"], []),
        )
    # A parent left out (not public) is not pointed at.
    for _node, data in graph.nodes(data=True):
        if data["parent"] is not None and data["parent"] not in graph:
            data["parent"] = None


def _add_services(graph: nx.MultiDiGraph, public_only: bool) -> None:
    target_groups = _grouped(
        Service.target_groups.through.objects.values_list("service_id", "targetgroup__code")
    )
    municipalities = _grouped(
        Service.municipalities.through.objects.values_list("service_id", "municipality__code")
    )
    rows = _public(Service.objects.all(), public_only).values(
        "id",
        *NAME_FIELDS,
        "service_class",
        "status",
        "obligation",
        "visibility",
        "minimum_age",
        "maximum_age",
    )
    for row in rows:
        graph.add_node(
            svc_node(row["id"]),
            kind=SERVICE,
            id=str(row["id"]),
            name=row["name_fi"],
            **{name: row[name] for name in NAME_FIELDS},
            type=row["service_class"],
            status=row["status"],
            obligation=row["obligation"],
            visibility=row["visibility"],
            minimum_age=row["minimum_age"],
            maximum_age=row["maximum_age"],
            target_groups=target_groups.get(row["id"], []),
            municipalities=municipalities.get(row["id"], []),
        )
    roles = ServiceOrganisation.objects.values(
        "id", "service_id", "organisation_id", "role", "provision_type"
    ).order_by("service_id", "sort_order")
    for row in roles:
        source, target = org_node(row["organisation_id"]), svc_node(row["service_id"])
        if source in graph and target in graph:
            graph.add_edge(
                source,
                target,
                key=f"role:{row['id']}",
                kind=PROVIDES,
                id=str(row["id"]),
                role=row["role"],
                provision_type=row["provision_type"],
            )


def _add_relations(graph: nx.MultiDiGraph, public_only: bool) -> None:
    target_groups = _grouped(
        Relation.target_groups.through.objects.values_list("relation_id", "targetgroup__code")
    )
    rows = _public(Relation.objects.all(), public_only).values(
        "id",
        "relation_type",
        "direction",
        "source_organisation_id",
        "source_service_id",
        "target_organisation_id",
        "target_service_id",
        "valid_from",
        "valid_to",
        "visibility",
    )
    for row in rows:
        source = (
            org_node(row["source_organisation_id"])
            if row["source_organisation_id"]
            else svc_node(row["source_service_id"])
        )
        target = (
            org_node(row["target_organisation_id"])
            if row["target_organisation_id"]
            else svc_node(row["target_service_id"])
        )
        if source not in graph or target not in graph:
            continue  # an end is not visible to this viewer
        graph.add_edge(
            source,
            target,
            key=f"rel:{row['id']}",
            kind=RELATION,
            id=str(row["id"]),
            relation_type=row["relation_type"],
            direction=row["direction"],
            target_groups=target_groups.get(row["id"], []),
            valid_from=row["valid_from"],
            valid_to=row["valid_to"],
            visibility=row["visibility"],
        )


def _service_paths(graph: nx.MultiDiGraph, public_only: bool) -> list[dict[str, Any]]:
    """Service paths as plain dicts, steps ordered by position; steps whose service is not
    in the graph (not visible) are left out.

    Each: `id`, `name_fi/sv/en`, `target_group` (code), `municipalities` (codes),
    `visibility`, `steps` = [{`id`, `position`, `service` (node id), `handoff_note`}].
    """
    municipalities = _grouped(
        ServicePath.municipalities.through.objects.values_list(
            "servicepath_id", "municipality__code"
        )
    )
    steps: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    step_rows = ServicePathStep.objects.values(
        "id", "path_id", "position", "service_id", "handoff_note"
    ).order_by("path_id", "position", "sort_order")
    for row in step_rows:
        node = svc_node(row["service_id"])
        if node in graph:
            steps[row["path_id"]].append(
                {
                    "id": str(row["id"]),
                    "position": row["position"],
                    "service": node,
                    "handoff_note": row["handoff_note"],
                }
            )
    rows = _public(ServicePath.objects.all(), public_only).values(
        "id", *NAME_FIELDS, "target_group__code", "visibility"
    )
    return [
        {
            "id": str(row["id"]),
            **{name: row[name] for name in NAME_FIELDS},
            "target_group": row["target_group__code"],
            "municipalities": municipalities.get(row["id"], []),
            "visibility": row["visibility"],
            "steps": steps.get(row["id"], []),
        }
        for row in rows
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
