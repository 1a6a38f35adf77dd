"""Parts of the register graph: what a set of filters keeps, neighbourhoods, scopes (an
employment area, an organisation), name search. Pure functions on the networkx graph."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, Protocol

import networkx as nx

from ecosystem.network.analysis import service_organisations
from ecosystem.network.graph import ORGANISATION, PROVIDES, RELATION, SERVICE
from ecosystem.network.labels import NATIONAL, node_label


class GraphFilter(Protocol):
    """The filters `select` reads (the map's view is one)."""

    target_group: str
    municipality: str
    organisation_type: str
    relation_types: tuple[str, ...]


def primary_organisation(graph: nx.MultiDiGraph, service: str) -> str | None:
    """The organisation a service is drawn with: its first responsible one (by node id)."""
    organisations = sorted(service_organisations(graph, service))
    return organisations[0] if organisations else None


def node_organisation_type(graph: nx.MultiDiGraph, node: str) -> str:
    """An organisation's type; for a service, its primary organisation's type."""
    data = graph.nodes[node]
    if data.get("kind") == ORGANISATION:
        return data.get("type", "")
    organisation = primary_organisation(graph, node)
    return graph.nodes[organisation].get("type", "") if organisation else ""


# --- Filtering ------------------------------------------------------------------------------


def _listed_or_open(values: list[str], wanted: str) -> bool:
    """A service with no target groups is open to every group."""
    return not values or wanted in values


def service_matches(
    data: dict[str, Any], *, target_group: str = "", municipality: str = ""
) -> bool:
    """True when the service is open to the target group in the municipality (either empty
    means any). A service with no municipalities is in none (as in the coverage analysis)."""
    if target_group and not _listed_or_open(data.get("target_groups", []), target_group):
        return False
    if municipality and municipality not in data.get("municipalities", []):
        return False
    return True


EdgeTest = Callable[[str, str, dict[str, Any]], bool]


def _every_edge(_source: str, _target: str, _data: dict[str, Any]) -> bool:
    return True


def select(
    graph: nx.MultiDiGraph, view: GraphFilter, nodes: Iterable[str] | None = None
) -> tuple[set[str], EdgeTest]:
    """What the view's filters keep of `nodes` (default: the whole graph): the node set and a
    test for edges between kept nodes.

    - services: open to the target group, in the municipality, run by an organisation of the
      organisation type;
    - organisations: of the organisation type, serving the municipality or running a kept
      service; with a target-group filter only those running a kept service;
    - relations: of the chosen relation types, for the target group (a relation without
      target groups serves every group); "runs the service" edges always.
    """
    candidates = set(graph.nodes) if nodes is None else set(nodes)
    if not (
        view.target_group or view.municipality or view.organisation_type or view.relation_types
    ):
        return candidates, _every_edge
    keep: set[str] = set()

    def providers(service: str) -> list[str]:
        return [
            source
            for source, _target, data in graph.in_edges(service, data=True)
            if data.get("kind") == PROVIDES
        ]

    for node in candidates:
        data = graph.nodes[node]
        if data.get("kind") != SERVICE:
            continue
        if not service_matches(
            data, target_group=view.target_group, municipality=view.municipality
        ):
            continue
        if view.organisation_type and not any(
            graph.nodes[org].get("type") == view.organisation_type for org in providers(node)
        ):
            continue
        keep.add(node)
    running = {org for service in keep for org in providers(service)}
    for node in candidates:
        data = graph.nodes[node]
        if data.get("kind") != ORGANISATION:
            continue
        if view.organisation_type and data.get("type") != view.organisation_type:
            continue
        if node in running:
            keep.add(node)
        elif view.target_group:
            continue
        elif not view.municipality or view.municipality in data.get("municipalities", []):
            keep.add(node)
    wanted_types = set(view.relation_types)

    def edge_kept(_source: str, _target: str, data: dict[str, Any]) -> bool:
        if data.get("kind") != RELATION:
            return True
        if wanted_types and data.get("relation_type") not in wanted_types:
            return False
        return not view.target_group or _listed_or_open(
            data.get("target_groups", []), view.target_group
        )

    return keep, edge_kept


def materialise(
    graph: nx.MultiDiGraph, nodes: Iterable[str], edge_ok: EdgeTest = _every_edge
) -> nx.MultiDiGraph:
    """A new graph of the nodes and the edges among them that pass edge_ok; only the edges of
    those nodes are looked at, so a small part of a big graph is quick to take."""
    kept = set(nodes)
    result = nx.MultiDiGraph(**graph.graph)
    result.add_nodes_from((node, graph.nodes[node]) for node in kept)
    for node in kept:
        for source, target, key, data in graph.out_edges(node, keys=True, data=True):
            if target in kept and edge_ok(source, target, data):
                result.add_edge(source, target, key=key, **data)
    return result


def neighbourhood(graph: nx.MultiDiGraph, node: str) -> nx.MultiDiGraph:
    """The node, its neighbours (either direction) and the edges among them."""
    if node not in graph:
        return graph
    nodes = {node} | set(graph.successors(node)) | set(graph.predecessors(node))
    return graph.subgraph(nodes).copy()


NAME_KEYS = ("name_fi", "name_sv", "name_en", "short_name", "short_name_sv", "short_name_en")


def search(graph: nx.MultiDiGraph, text: str, language: str) -> list[str]:
    """Nodes whose name (any language) or short name contains the text, case-insensitively,
    ordered by their label."""
    needle = text.casefold().strip()
    if not needle:
        return []
    found = []
    for node, data in graph.nodes(data=True):
        names = [data.get(key) or "" for key in NAME_KEYS]
        if any(needle in name.casefold() for name in names):
            found.append(node)
    return sorted(found, key=lambda node: node_label(graph.nodes[node], language).casefold())


# --- Scopes and aggregation -----------------------------------------------------------------


def employment_areas(graph: nx.MultiDiGraph) -> dict[str, str]:
    """{municipality code: employment area} from the graph's municipality list."""
    return {
        row["code"]: row.get("employment_area") or ""
        for row in graph.graph.get("municipalities", [])
    }


def node_area(data: dict[str, Any], areas: dict[str, str]) -> str:
    """The employment area of a node: the one area all its municipalities belong to, or
    NATIONAL when it has none or spans several."""
    found = {areas.get(code, "") for code in data.get("municipalities", [])}
    found.discard("")
    return found.pop() if len(found) == 1 else NATIONAL


def area_nodes(graph: nx.MultiDiGraph, area: str) -> set[str]:
    """The nodes of one employment area (NATIONAL: national and multi-area nodes)."""
    areas = employment_areas(graph)
    return {node for node, data in graph.nodes(data=True) if node_area(data, areas) == area}


def organisation_nodes(graph: nx.MultiDiGraph, organisation: str, limit: int) -> set[str]:
    """An organisation, the services it runs and their direct neighbours — as many
    neighbours as fit under the node limit, the most connected first, so drilling into an
    organisation always ends in a drawn map."""
    if organisation not in graph:
        return set()
    services = {
        target
        for _source, target, data in graph.out_edges(organisation, data=True)
        if data.get("kind") == PROVIDES
    }
    nodes = {organisation} | services
    links: Counter[str] = Counter()
    for service in services:
        for neighbour in (*graph.successors(service), *graph.predecessors(service)):
            if neighbour not in nodes:
                links[neighbour] += 1
    room = max(limit - len(nodes), 0)
    ranked = sorted(links.items(), key=lambda item: (-item[1], item[0]))
    return nodes | {neighbour for neighbour, _count in ranked[:room]}


def area_scope(graph: nx.MultiDiGraph, area: str) -> nx.MultiDiGraph:
    """The graph of one employment area."""
    return materialise(graph, area_nodes(graph, area))


def organisation_scope(graph: nx.MultiDiGraph, organisation: str, limit: int) -> nx.MultiDiGraph:
    """The graph of an organisation, its services and their direct neighbours."""
    return materialise(graph, organisation_nodes(graph, organisation, limit))
