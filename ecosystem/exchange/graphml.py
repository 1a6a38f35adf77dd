"""The register graph as GraphML, for networkx, Gephi, yEd and Cytoscape.

The graph is ecosystem.network.graph's `build_graph()` (nodes: organisations and services; edges:
relations and "provides" roles), with its attributes made GraphML-legal: lists joined into
semicolon-separated text, dates as ISO text, None left out (GraphML has no null), and a
`label` (the Finnish name) that Gephi shows. Graph-level lists (target groups,
municipalities, service paths) are left out: GraphML attributes are scalars.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import networkx as nx

from ecosystem.exchange.values import LIST_SEPARATOR
from ecosystem.network.graph import build_graph

SCALARS = (str, int, float, bool)


def _attributes(data: dict[str, Any]) -> dict[str, Any]:
    result = {}
    for name, value in data.items():
        if value is None:
            continue
        if isinstance(value, list | tuple | set):
            value = LIST_SEPARATOR.join(str(item) for item in value)
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        elif not isinstance(value, SCALARS):
            value = str(value)
        result[name] = value
    return result


def graphml_graph(*, public_only: bool = False) -> nx.MultiDiGraph:
    """The register graph with GraphML-legal attributes (see the module docstring).

    The built graph's attribute dicts are rewritten in place (a copy would double the
    memory of a national network).
    """
    graph = build_graph(public_only=public_only, include_paths=False)
    graph.graph.clear()
    graph.graph["public_only"] = public_only
    for node, data in graph.nodes(data=True):
        attributes = _attributes(data)
        attributes["label"] = data.get("name") or node
        data.clear()
        data.update(attributes)
    for _source, _target, data in graph.edges(data=True):
        attributes = _attributes(data)
        data.clear()
        data.update(attributes)
    return graph


def write_graphml(path: Path, *, public_only: bool = False) -> None:
    """Write the register graph to path as GraphML (UTF-8)."""
    nx.write_graphml(graphml_graph(public_only=public_only), str(path), encoding="utf-8")
