"""Network analysis of the ecosystem: pure functions on the graph of ecosystem.network.graph.

Nothing here touches the database; every function takes a MultiDiGraph shaped like
`build_graph()`'s (node `kind` organisation/service, edge `kind` relation/provides) and
returns plain, JSON-ready values with node ids as strings. Results are deterministic: ties are
broken by node id and randomised algorithms run with a fixed seed.

Structural measures (centrality, cut points, communities) work on the *undirected simple
projection*: two nodes are neighbours when any relation (or, by default, a provides edge)
joins them, whatever its direction or multiplicity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from ecosystem.models.choices import ServiceClass

SEED = 20260422
EXACT_BETWEENNESS_LIMIT = 2000
BETWEENNESS_SAMPLE = 100
ACTIVE = "active"
OBLIGATIONS = ("statutory", "complementary")


def _kind(graph: nx.MultiDiGraph, node: str) -> str:
    return graph.nodes[node].get("kind", "")


def relation_edges(graph: nx.MultiDiGraph) -> Iterable[tuple[str, str, str, dict[str, Any]]]:
    """(source, target, key, data) of every relation edge."""
    for source, target, key, data in graph.edges(keys=True, data=True):
        if data.get("kind") == "relation":
            yield source, target, key, data


def undirected_projection(graph: nx.MultiDiGraph, *, include_provides: bool = True) -> nx.Graph:
    """A simple undirected graph with every node and one edge per connected pair.

    include_provides: also join organisations to the services they are responsible for or
    produce (otherwise relations only).
    """
    projection = nx.Graph()
    projection.add_nodes_from(sorted(graph.nodes))
    for source, target, data in graph.edges(data=True):
        if source == target:
            continue
        if data.get("kind") == "relation" or (include_provides and data.get("kind") == "provides"):
            projection.add_edge(source, target)
    return projection


def active_view(graph: nx.MultiDiGraph, on: dt.date) -> nx.MultiDiGraph:
    """The graph as it stands on a day: relations valid that day, services that are active.

    A relation without `valid_from` / `valid_to` is open at that end. Services whose status is
    not "active" are removed with their edges; organisations stay.
    """
    view = graph.copy()
    view.remove_nodes_from(
        [
            node
            for node, data in graph.nodes(data=True)
            if data.get("kind") == "service" and data.get("status") != ACTIVE
        ]
    )
    expired = [
        (source, target, key)
        for source, target, key, data in relation_edges(view)
        if (data.get("valid_from") and data["valid_from"] > on)
        or (data.get("valid_to") and data["valid_to"] < on)
    ]
    view.remove_edges_from(expired)
    return view


def _ranked(scores: dict[str, float]) -> dict[str, float]:
    """Scores ordered from highest to lowest (ties by node id), rounded for stable output."""
    ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return {node: round(score, 6) for node, score in ordered}


def degree_centrality(graph: nx.MultiDiGraph, *, include_provides: bool = True) -> dict[str, float]:
    """Normalised degree centrality (neighbours / (n - 1)) on the undirected projection."""
    projection = undirected_projection(graph, include_provides=include_provides)
    if projection.number_of_nodes() <= 1:
        return {node: 0.0 for node in projection}
    return _ranked(nx.degree_centrality(projection))


def betweenness_centrality(
    graph: nx.MultiDiGraph,
    *,
    include_provides: bool = True,
    exact_limit: int = EXACT_BETWEENNESS_LIMIT,
    sample: int = BETWEENNESS_SAMPLE,
    seed: int = SEED,
) -> dict[str, float]:
    """Normalised betweenness centrality on the undirected projection: who brokers between
    others. Exact up to `exact_limit` nodes; above that estimated from `sample` source nodes
    drawn with a fixed seed (exact betweenness is O(nodes × edges))."""
    projection = undirected_projection(graph, include_provides=include_provides)
    n = projection.number_of_nodes()
    k = None if n <= exact_limit else min(sample, n)
    return _ranked(nx.betweenness_centrality(projection, k=k, normalized=True, seed=seed))


def brokers(
    graph: nx.MultiDiGraph, *, top: int = 10, betweenness: dict[str, float] | None = None
) -> list[dict[str, Any]]:
    """The `top` nodes by betweenness with a positive score: [{node, name, kind, score}]."""
    scores = betweenness if betweenness is not None else betweenness_centrality(graph)
    result = []
    for node, score in scores.items():
        if score <= 0 or len(result) >= top:
            break
        result.append(
            {
                "node": node,
                "name": graph.nodes[node].get("name", ""),
                "kind": _kind(graph, node),
                "score": score,
            }
        )
    return result


def articulation_points(graph: nx.MultiDiGraph, *, include_provides: bool = True) -> list[str]:
    """Nodes whose removal splits their part of the network (single points of failure)."""
    projection = undirected_projection(graph, include_provides=include_provides)
    return sorted(nx.articulation_points(projection))


def bridges(graph: nx.MultiDiGraph, *, include_provides: bool = True) -> list[tuple[str, str]]:
    """Connections whose loss splits their part of the network, each as a sorted pair."""
    projection = undirected_projection(graph, include_provides=include_provides)
    return sorted(tuple(sorted(edge)) for edge in nx.bridges(projection))


def communities(
    graph: nx.MultiDiGraph, *, include_provides: bool = True, seed: int = SEED
) -> list[list[str]]:
    """Louvain communities of the undirected projection (fixed seed), largest first.

    Isolated nodes form communities of one. Each community is a sorted list of node ids;
    equal-sized communities are ordered by their first node id.
    """
    projection = undirected_projection(graph, include_provides=include_provides)
    if projection.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(projection, seed=seed)
    groups = [sorted(group) for group in found]
    return sorted(groups, key=lambda group: (-len(group), group[0]))


def islands(graph: nx.MultiDiGraph) -> list[str]:
    """Services no relation leads to: no relation targets them and no mutual relation
    touches them. (Who provides a service does not count: a provides edge is not a route.)"""
    reached: set[str] = set()
    for source, target, _key, data in relation_edges(graph):
        reached.add(target)
        if data.get("direction") == "mutual":
            reached.add(source)
    return sorted(
        node
        for node, data in graph.nodes(data=True)
        if data.get("kind") == "service" and node not in reached
    )


def coverage_matrix(
    graph: nx.MultiDiGraph,
    *,
    kind: str = "obligation",
    kinds: Sequence[str] | None = None,
    target_groups: Sequence[str] | None = None,
    municipalities: Sequence[str] | None = None,
) -> dict[str, dict[str, dict[str, int]]]:
    """How many active services each target group has in each municipality, by kind.

    Returns {target group: {municipality: {kind value: count}}}. `kind` is the service node
    attribute to split by: "obligation" (statutory / complementary, the default) or "type"
    (the service class). A service with no target groups is open to everyone and counts for
    every group; a service with no municipalities has no known area and counts nowhere.
    Target groups and municipalities default to the register's lists kept on the graph, so
    a group or municipality without any service still gets its row of zeros.
    """
    if target_groups is None:
        target_groups = [row["code"] for row in graph.graph.get("target_groups", [])]
    if municipalities is None:
        municipalities = [row["code"] for row in graph.graph.get("municipalities", [])]
    services = [
        data
        for _node, data in graph.nodes(data=True)
        if data.get("kind") == "service" and data.get("status") == ACTIVE
    ]
    if kinds is None:
        if kind == "obligation":
            kinds = OBLIGATIONS
        elif kind == "type":
            kinds = [value for value, _label in ServiceClass.choices]
        else:
            kinds = sorted({str(data.get(kind)) for data in services})
    matrix = {
        group: {place: {value: 0 for value in kinds} for place in municipalities}
        for group in target_groups
    }
    for data in services:
        value = str(data.get(kind))
        groups = data.get("target_groups") or target_groups
        for group in groups:
            row = matrix.get(group)
            if row is None:
                continue
            for place in data.get("municipalities", []):
                cell = row.get(place)
                if cell is not None and value in cell:
                    cell[value] += 1
    return matrix


def coverage_gaps(matrix: dict[str, dict[str, dict[str, int]]]) -> list[dict[str, str]]:
    """Every (target group, municipality, kind) of a coverage matrix with no service."""
    return [
        {"target_group": group, "municipality": place, "kind": value}
        for group, row in matrix.items()
        for place, cell in row.items()
        for value, count in cell.items()
        if count == 0
    ]


def service_organisations(graph: nx.MultiDiGraph, service: str) -> set[str]:
    """The organisations responsible for a service; its producers if none is responsible."""
    responsible, producers = set(), set()
    for source, _target, data in graph.in_edges(service, data=True):
        if data.get("kind") != "provides":
            continue
        (responsible if data.get("role") == "responsible" else producers).add(source)
    return responsible or producers


def path_metrics(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """For each service path in `graph.graph["service_paths"]`: its size and hand-offs.

    - `steps`: number of positions (alternatives at one position are one step);
    - `alternatives`: steps beyond the first at their position;
    - `services`: distinct services;
    - `organisations`: distinct organisations running the steps (see service_organisations);
    - `handoffs`: moves from one position to the next where an organisation not involved at
      the previous position takes over (at least one organisation at the next position was not
      at the previous one) — each is a point where a customer can fall between organisations.
    """
    results = []
    for path in graph.graph.get("service_paths", []):
        by_position: dict[int, list[str]] = {}
        for step in path["steps"]:
            by_position.setdefault(step["position"], []).append(step["service"])
        positions = sorted(by_position)
        organisations_at = {
            position: set().union(
                *(service_organisations(graph, service) for service in by_position[position])
            )
            for position in positions
        }
        handoffs = sum(
            1
            for before, after in zip(positions, positions[1:], strict=False)
            if organisations_at[after] - organisations_at[before]
        )
        all_organisations = set().union(*organisations_at.values()) if positions else set()
        results.append(
            {
                "id": path["id"],
                "name": path.get("name_fi", ""),
                "target_group": path.get("target_group"),
                "steps": len(positions),
                "alternatives": sum(len(services) - 1 for services in by_position.values()),
                "services": len({step["service"] for step in path["steps"]}),
                "organisations": len(all_organisations),
                "organisation_ids": sorted(all_organisations),
                "handoffs": handoffs,
            }
        )
    return results


LABEL_FIELDS = (
    "kind",
    "name_fi",
    "name_sv",
    "name_en",
    "short_name",
    "short_name_sv",
    "short_name_en",
    "type",
)
COMMUNITY_LABELS = 10


def labels(graph: nx.MultiDiGraph, nodes: Iterable[str]) -> dict[str, dict[str, Any]]:
    """{node: its kind, names and type} for the given nodes, so a page can name them
    without the graph."""
    return {
        node: {
            field: graph.nodes[node][field] for field in LABEL_FIELDS if field in graph.nodes[node]
        }
        for node in sorted(set(nodes))
        if node in graph
    }


def summary(graph: nx.MultiDiGraph, *, brokers_top: int = 10) -> dict[str, Any]:
    """Every analysis in one JSON-ready dict (what the background task caches).

    `labels` names every node the other entries mention (of each community its first
    members only), so pages need nothing else to show the result.
    """
    betweenness = betweenness_centrality(graph)
    degree = dict(list(degree_centrality(graph).items())[:brokers_top])
    matrix = coverage_matrix(graph)
    by_class = coverage_matrix(graph, kind="type")
    result = {
        "counts": {
            "organisations": sum(1 for n in graph if _kind(graph, n) == "organisation"),
            "services": sum(1 for n in graph if _kind(graph, n) == "service"),
            "relations": sum(1 for _ in relation_edges(graph)),
        },
        "degree_top": degree,
        "brokers": brokers(graph, top=brokers_top, betweenness=betweenness),
        "articulation_points": articulation_points(graph),
        "bridges": [list(pair) for pair in bridges(graph)],
        "communities": communities(graph),
        "coverage": matrix,
        "coverage_gaps": coverage_gaps(matrix),
        "coverage_by_class": by_class,
        "coverage_by_class_gaps": coverage_gaps(by_class),
        "islands": islands(graph),
        "service_paths": path_metrics(graph),
    }
    mentioned = [
        *degree,
        *(broker["node"] for broker in result["brokers"]),
        *result["articulation_points"],
        *(node for pair in result["bridges"] for node in pair),
        *(node for group in result["communities"] for node in group[:COMMUNITY_LABELS]),
        *result["islands"],
        *(node for path in result["service_paths"] for node in path["organisation_ids"]),
    ]
    result["labels"] = labels(graph, mentioned)
    return result
