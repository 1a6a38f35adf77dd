"""The map of one view: what the filters keep, drawn in detail or aggregated, with its
positions, vis-network payload, text-view rows, search matches and counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx

from ecosystem.map.aggregation import (
    MAX_AGGREGATE_LINKS,
    aggregate,
    aggregate_table,
    by_area,
    by_organisation,
    node_limit,
)
from ecosystem.map.layout import layout, structured_layout
from ecosystem.map.state import MapView
from ecosystem.map.tables import detail_table
from ecosystem.map.visual import (
    AREAS,
    DETAIL,
    EDGE_STYLES,
    FONTS,
    ORGANISATIONS,
    aggregate_network,
    detail_network,
    legend,
    region_boxes,
    vis_options,
)
from ecosystem.network.filtering import (
    area_nodes,
    materialise,
    organisation_nodes,
    search,
    select,
)
from ecosystem.network.graph import ORGANISATION, SERVICE
from ecosystem.network.labels import area_label, node_name


def filter_graph(graph: nx.MultiDiGraph, view: MapView) -> nx.MultiDiGraph:
    """The part of the graph the view's filters keep, as a new graph (see `select`)."""
    return materialise(graph, *select(graph, view))


def scope_nodes(graph: nx.MultiDiGraph, view: MapView) -> set[str] | None:
    """The nodes the view is drilled into (None: the whole register)."""
    if view.organisation:
        return organisation_nodes(graph, f"org:{view.organisation}", node_limit())
    if view.area:
        return area_nodes(graph, view.area)
    return None


LayoutFunction = Callable[[str, nx.Graph], dict[str, Any]]


def laid_out(key: str, graph: nx.Graph) -> dict[str, Any]:
    """Positions of a graph: the structured layout of a detailed view ("view"), the seeded
    spring layout of an aggregate level."""
    return structured_layout(graph) if key == "view" else layout(graph)


def build_map(
    graph: nx.MultiDiGraph,
    view: MapView,
    language: str,
    *,
    cached_layout: LayoutFunction = laid_out,
    extra_nodes: Iterable[str] = (),
) -> dict[str, Any]:
    """The map of one view: {"level", "payload" (for vis-network), "table" (text view),
    "matches", "counts", "drill" (the scope drilled into)}.

    cached_layout(key, graph) returns positions for a graph (see `laid_out`); `key` names what
    is laid out ("view" for the nodes this view draws, or an aggregate level), so the caller
    can cache positions under its own data version. A detailed view is laid out on its own,
    so a filtered subset fills the canvas rather than floating in the whole map's space.
    extra_nodes (e.g. the steps of a highlighted service path) are drawn even if the filters
    leave them out.
    """
    scope = scope_nodes(graph, view)
    keep, edge_ok = select(graph, view, scope)
    keep |= {node for node in extra_nodes if node in graph and (scope is None or node in scope)}
    if view.focus in keep:
        around = {view.focus}
        for _source, target, data in graph.out_edges(view.focus, data=True):
            if target in keep and edge_ok(view.focus, target, data):
                around.add(target)
        for source, _target, data in graph.in_edges(view.focus, data=True):
            if source in keep and edge_ok(source, view.focus, data):
                around.add(source)
        keep = around
    limit = node_limit()
    regions: dict[str, list[dict[str, Any]]] | None = None
    if len(keep) > limit:
        if not (view.area or view.organisation):
            level, group_of, prefix = AREAS, by_area(graph), "area:"
        else:
            level, group_of, prefix = ORGANISATIONS, by_organisation(graph), "agg:"
        counts, all_links, relation_count = aggregate(graph, keep, edge_ok, group_of)
        if level == AREAS:
            labels = {group: area_label(group) for group in counts}
        else:
            labels = {
                group: node_name(graph.nodes[group], language) if group in graph else group
                for group in counts
            }
        strongest = sorted(all_links.items(), key=lambda item: (-item[1], item[0]))
        links = Counter(dict(strongest[:MAX_AGGREGATE_LINKS]))
        aggregated = nx.Graph()
        aggregated.add_nodes_from(counts)
        aggregated.add_edges_from(links)
        positions = cached_layout(level, aggregated)
        drill_param = "area" if level == AREAS else "org"
        network = aggregate_network(counts, links, positions, labels, prefix, drill_param)
        table = aggregate_table(counts, links, labels, drill_param)
        table["links_total"] = len(all_links)
        kinds = Counter(graph.nodes[node].get("kind") for node in keep)
        matches: list[str] = []
    else:
        level = DETAIL
        shown = materialise(graph, keep, edge_ok)
        arranged = cached_layout("view", shown)
        regions = {shape: region_boxes(boxes) for shape, boxes in arranged["regions"].items()}
        network = detail_network(shown, arranged["positions"], language)
        table = detail_table(shown, language)
        kinds = Counter(data.get("kind") for _node, data in shown.nodes(data=True))
        relation_count = len(table["relations"])
        matches = search(shown, view.query, language)
    payload = {
        "regions": regions,
        "fonts": FONTS,
        "level": level,
        "nodes": network.nodes,
        "edges": network.edges,
        "options": vis_options(network),
        "edgeStyles": EDGE_STYLES,
    }
    return {
        "level": level,
        "payload": payload,
        "table": table,
        "matches": matches,
        "counts": {
            "services": kinds.get(SERVICE, 0),
            "organisations": kinds.get(ORGANISATION, 0),
            "relations": relation_count,
            "limit": limit,
        },
        "legend": legend(level),
    }
