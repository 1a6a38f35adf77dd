"""Aggregation of a map too large to draw: nodes grouped by employment area or by
organisation, with counts and the strongest links between groups."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

import networkx as nx
from django.conf import settings

from ecosystem.network.filtering import (
    EdgeTest,
    employment_areas,
    node_area,
    primary_organisation,
)
from ecosystem.network.graph import ORGANISATION, RELATION, SERVICE

DEFAULT_NODE_LIMIT = 400
MAX_AGGREGATE_LINKS = 120  # an aggregated map draws its strongest connections only


def node_limit() -> int:
    """How many nodes the map draws before it aggregates (setting KEKO_MAP_NODE_LIMIT)."""
    return int(getattr(settings, "KEKO_MAP_NODE_LIMIT", DEFAULT_NODE_LIMIT))


def aggregate(
    graph: nx.MultiDiGraph,
    nodes: set[str],
    edge_ok: EdgeTest,
    group_of: Callable[[str], str | None],
) -> tuple[dict[str, dict[str, int]], Counter[tuple[str, str]], int]:
    """Counts per group, relation counts between groups and the number of relations, in one
    pass over the graph.

    Returns ({group: {"services": n, "organisations": m}}, Counter((group a, group b)),
    relations among the nodes) where relation pairs are sorted and a group's own relations
    are not counted as links.
    """
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"services": 0, "organisations": 0})
    member: dict[str, str] = {}
    for node in nodes:
        group = group_of(node)
        if group is None:
            continue
        member[node] = group
        kind = graph.nodes[node].get("kind")
        counts[group]["services" if kind == SERVICE else "organisations"] += 1
    links: Counter[tuple[str, str]] = Counter()
    relations = 0
    for source, target, data in graph.edges(data=True):
        if data.get("kind") != RELATION or source not in nodes or target not in nodes:
            continue
        if not edge_ok(source, target, data):
            continue
        relations += 1
        a, b = member.get(source), member.get(target)
        if a is None or b is None or a == b:
            continue
        links[(min(a, b), max(a, b))] += 1
    return dict(counts), links, relations


def by_area(graph: nx.MultiDiGraph) -> Callable[[str], str | None]:
    areas = employment_areas(graph)
    return lambda node: node_area(graph.nodes[node], areas)


def by_organisation(graph: nx.MultiDiGraph) -> Callable[[str], str | None]:
    def group_of(node: str) -> str | None:
        if graph.nodes[node].get("kind") == ORGANISATION:
            return node
        return primary_organisation(graph, node)

    return group_of


def drill_value(param: str, group: str) -> str:
    """The query-string value that drills into an aggregate (an area, an organisation's UUID)."""
    return group.removeprefix("org:") if param == "org" else group


def aggregate_table(
    counts: dict[str, dict[str, int]],
    links: Counter[tuple[str, str]],
    labels: dict[str, str],
    drill_param: str,
) -> dict[str, Any]:
    """Rows of the text view of an aggregated map: one per group, with its drill-down value."""
    aggregates = [
        {
            "key": group,
            "drill": [drill_param, drill_value(drill_param, group)],
            "name": labels.get(group, group),
            "services": counts[group]["services"],
            "organisations": counts[group]["organisations"],
        }
        for group in counts
    ]
    aggregates.sort(key=lambda row: row["name"].casefold())
    relations = [
        {"a": labels.get(a, a), "b": labels.get(b, b), "count": count}
        for (a, b), count in sorted(links.items(), key=lambda item: -item[1])
    ]
    return {"rows": [], "relations": [], "aggregates": aggregates, "aggregate_relations": relations}


# --- The map of one view --------------------------------------------------------------------
