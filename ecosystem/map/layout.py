"""Positions of the map's nodes, computed on the server (deterministic: the same graph gives
the same positions), in vis-network's screen units."""

from __future__ import annotations

import math

import networkx as nx

from ecosystem.network.graph import PROVIDES

LAYOUT_SEED = 20260422
SPACING = 90  # screen units per node-distance in the layout


def _spring(component: nx.Graph) -> dict[str, tuple[float, float]]:
    """Seeded spring layout of one connected component, in screen units around (0, 0)."""
    nodes = sorted(component.nodes)
    count = len(nodes)
    if count == 1:
        return {nodes[0]: (0.0, 0.0)}
    ordered = nx.Graph()
    ordered.add_nodes_from(nodes)
    ordered.add_edges_from(sorted(component.edges(data=True), key=lambda e: (e[0], e[1])))
    positions = nx.spring_layout(
        ordered,
        k=2.2 / math.sqrt(count),
        iterations=150 if count <= 150 else 60,
        seed=LAYOUT_SEED,
        scale=SPACING * math.sqrt(count),
        weight="weight",
        method="force",
    )
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}


def layout(graph: nx.Graph) -> dict[str, list[int]]:
    """Seeded spring-layout positions in screen units, {node: [x, y]}.

    Each connected part is laid out on its own and sized by its node count, the largest in
    the middle and the small ones in rows under it, so a few loose nodes cannot squeeze the
    network into a corner. Organisations pull their services close (the "runs" edges weigh
    more). The same graph gives the same positions.
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    for source, target, data in graph.edges(data=True):
        if source == target:
            continue
        weight = 2.0 if data.get("kind") == PROVIDES else 1.0
        previous = simple.get_edge_data(source, target, {}).get("weight", 0.0)
        simple.add_edge(source, target, weight=max(previous, weight))
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c)))
    placed: dict[str, list[int]] = {}
    if not components:
        return placed
    main = _spring(simple.subgraph(components[0]))
    xs = [x for x, _y in main.values()]
    ys = [y for _x, y in main.values()]
    left, right, bottom = min(xs), max(xs), max(ys)
    width = max(right - left, 4 * SPACING)
    placed.update({node: [round(x), round(y)] for node, (x, y) in main.items()})
    cursor_x, cursor_y, row_height = left, bottom + 2 * SPACING, 0.0
    for component in components[1:]:
        local = _spring(simple.subgraph(component))
        lxs = [x for x, _y in local.values()]
        lys = [y for _x, y in local.values()]
        w = max(lxs) - min(lxs) + 2 * SPACING
        h = max(lys) - min(lys) + 1.5 * SPACING
        if cursor_x + w > left + width and cursor_x > left:
            cursor_x, cursor_y, row_height = left, cursor_y + row_height, 0.0
        for node, (x, y) in local.items():
            placed[node] = [round(cursor_x + x - min(lxs)), round(cursor_y + y - min(lys))]
        cursor_x += w
        row_height = max(row_height, h)
    return placed


# --- Styling with pyvis ---------------------------------------------------------------------
