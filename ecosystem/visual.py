"""The ecosystem graph as an interactive map: filtering, aggregation, layout and styling.

Data flows database → `ecosystem.graph` → here → views. Everything returned is a plain,
JSON-ready dict: the vis-network data the page draws (`payload`) and the same content as rows
for the HTML text view (`table`), so the canvas and its text alternative never disagree.

- Positions are computed here with networkx (seeded spring layout), so the browser draws with
  physics off and the map appears at once; callers cache them (see ecosystem.map_data).
- pyvis builds the vis-network options, the node groups (shape and colour per organisation
  type) and the nodes and edges. Its stock HTML template is never used: it inserts text as
  raw HTML and loads scripts from CDNs. The project's own template renders the page.
- Above a node limit the map is aggregated instead of sending everything: first by
  employment area, inside an area by organisation; an aggregate node drills down.

Nothing here touches the database or the request.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from pyvis.network import Network

from ecosystem.analysis import service_organisations
from ecosystem.choices import OrganisationType, RelationType, ServiceClass, Visibility
from ecosystem.localization import localized
from ecosystem.map_state import MapView

VIS_NETWORK_VERSION = "10.1.5"
LAYOUT_SEED = 20260422
DEFAULT_NODE_LIMIT = 400
SPACING = 90  # screen units per node-distance in the layout
MAX_AGGREGATE_LINKS = 120  # an aggregated map draws its strongest connections only
NATIONAL = "-"  # the "area" of nodes in no single employment area (national, several areas)

DETAIL = "detail"
AREAS = "areas"
ORGANISATIONS = "organisations"

ORGANISATION = "organisation"
SERVICE = "service"
RELATION = "relation"
PROVIDES = "provides"

# Colours per organisation type. Dark enough for white text on organisation boxes
# (contrast at least 4.5:1); services use the same colour as their organisation's type.
ORGANISATION_COLOURS: dict[str, str] = {
    OrganisationType.MUNICIPALITY: "#1d5fa3",
    OrganisationType.WELLBEING_COUNTY: "#23743a",
    OrganisationType.EMPLOYMENT_AUTHORITY: "#a3302a",
    OrganisationType.STATE_AGENCY: "#5d3f91",
    OrganisationType.EDUCATIONAL_INSTITUTE: "#8f5100",
    OrganisationType.DEVELOPMENT_COMPANY: "#0f6f72",
    OrganisationType.NGO: "#9b2f6e",
    OrganisationType.COMPANY: "#6b4e2e",
    OrganisationType.RESEARCH_INSTITUTE: "#44505c",
}
UNKNOWN_COLOUR = "#5f6b7a"
AGGREGATE_COLOUR = "#0a4c86"
TEXT_COLOUR = "#1f2933"

# Edge styles per relation type (and for "provides": organisation runs the service).
EDGE_STYLES: dict[str, dict[str, Any]] = {
    RelationType.REFERRAL: {"color": "#0a4c86", "width": 1.6, "dashes": False},
    RelationType.JOINT_SERVICE: {"color": "#23743a", "width": 3, "dashes": False},
    RelationType.COOPERATION_AGREEMENT: {"color": "#5d3f91", "width": 1.4, "dashes": [8, 4]},
    RelationType.FUNDING: {"color": "#8f5100", "width": 1.4, "dashes": [2, 4]},
    RelationType.INFORMATION_SHARING: {"color": "#5f6b7a", "width": 1.2, "dashes": [5, 5]},
    PROVIDES: {"color": "#b4bfcb", "width": 1, "dashes": False},
    "aggregate": {"color": "#7a8897", "width": 1, "dashes": False},
}


def node_limit() -> int:
    """How many nodes the map draws before it aggregates (setting KEKO_MAP_NODE_LIMIT)."""
    return int(getattr(settings, "KEKO_MAP_NODE_LIMIT", DEFAULT_NODE_LIMIT))


# --- Labels ---------------------------------------------------------------------------------


def node_name(data: dict[str, Any], language: str) -> str:
    """The node's full name in the language (Finnish when missing)."""
    return localized(data, "name", language)


def node_label(data: dict[str, Any], language: str) -> str:
    """What the map writes beside a node: an organisation's short name, else its name."""
    if data.get("kind") == ORGANISATION and data.get("short_name"):
        return data["short_name"]
    return node_name(data, language)


def organisation_type_label(value: str) -> str:
    try:
        return str(OrganisationType(value).label)
    except ValueError:
        return value


def service_class_label(value: str) -> str:
    try:
        return str(ServiceClass(value).label)
    except ValueError:
        return value


def relation_type_label(value: str) -> str:
    if value == PROVIDES:
        return _("Runs the service")
    try:
        return str(RelationType(value).label)
    except ValueError:
        return value


def area_label(area: str) -> str:
    return _("National or several areas") if area == NATIONAL else area


# --- Who runs a service ---------------------------------------------------------------------


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
    graph: nx.MultiDiGraph, view: MapView, nodes: Iterable[str] | None = None
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


def filter_graph(graph: nx.MultiDiGraph, view: MapView) -> nx.MultiDiGraph:
    """The part of the graph the view's filters keep, as a new graph (see `select`)."""
    return materialise(graph, *select(graph, view))


def neighbourhood(graph: nx.MultiDiGraph, node: str) -> nx.MultiDiGraph:
    """The node, its neighbours (either direction) and the edges among them."""
    if node not in graph:
        return graph
    nodes = {node} | set(graph.successors(node)) | set(graph.predecessors(node))
    return graph.subgraph(nodes).copy()


def search(graph: nx.MultiDiGraph, text: str, language: str) -> list[str]:
    """Nodes whose name (any language) or short name contains the text, case-insensitively,
    ordered by their label."""
    needle = text.casefold().strip()
    if not needle:
        return []
    found = []
    for node, data in graph.nodes(data=True):
        names = [data.get(key) or "" for key in ("name_fi", "name_sv", "name_en", "short_name")]
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


def organisation_nodes(
    graph: nx.MultiDiGraph, organisation: str, limit: int | None = None
) -> set[str]:
    """An organisation, the services it runs and their direct neighbours — as many
    neighbours as fit under the node limit, the most connected first, so drilling into an
    organisation always ends in a drawn map."""
    if organisation not in graph:
        return set()
    limit = node_limit() if limit is None else limit
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


def organisation_scope(graph: nx.MultiDiGraph, organisation: str) -> nx.MultiDiGraph:
    """The graph of an organisation, its services and their direct neighbours."""
    return materialise(graph, organisation_nodes(graph, organisation))


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


# --- Layout ---------------------------------------------------------------------------------


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


def _group_styles() -> dict[str, dict[str, Any]]:
    """vis-network groups: organisations are boxes, services dots, in their type's colour."""
    groups: dict[str, dict[str, Any]] = {}
    for value, colour in [*ORGANISATION_COLOURS.items(), ("", UNKNOWN_COLOUR)]:
        key = value or "other"
        groups[f"org_{key}"] = {
            "shape": "box",
            "color": {
                "background": colour,
                "border": "#0b0c0c",
                "highlight": {"background": colour, "border": "#ffbf47"},
                "hover": {"background": colour, "border": "#0b0c0c"},
            },
            "font": {"color": "#ffffff", "size": 15, "face": "system-ui, sans-serif"},
            "borderWidth": 1,
            "borderWidthSelected": 4,
            "margin": 8,
            "widthConstraint": {"maximum": 180},
        }
        groups[f"svc_{key}"] = {
            "shape": "dot",
            "size": 9,
            "color": {
                "background": colour,
                "border": colour,
                "highlight": {"background": colour, "border": "#0b0c0c"},
                "hover": {"background": colour, "border": "#0b0c0c"},
            },
            "font": {"color": TEXT_COLOUR, "size": 13, "face": "system-ui, sans-serif"},
            "borderWidth": 1,
            "borderWidthSelected": 3,
            "widthConstraint": {"maximum": 160},
        }
    groups["aggregate"] = {
        "shape": "dot",
        "color": {
            "background": AGGREGATE_COLOUR,
            "border": "#07365f",
            "highlight": {"background": AGGREGATE_COLOUR, "border": "#ffbf47"},
        },
        "font": {"color": TEXT_COLOUR, "size": 14, "face": "system-ui, sans-serif"},
        "scaling": {"min": 10, "max": 48},
        "widthConstraint": {"maximum": 200},
    }
    return groups


def new_network() -> Network:
    """A pyvis network with the map's options: physics off (positions come from the server),
    straight edges, hover, keyboard navigation only while the canvas has focus."""
    network = Network(directed=True, cdn_resources="remote")
    network.toggle_physics(False)
    network.inherit_edge_colors(False)
    network.set_edge_smooth("continuous")
    network.options.edges.smooth.enabled = False
    network.options.interaction.hideEdgesOnDrag = False
    return network


def vis_options(network: Network) -> dict[str, Any]:
    """The vis-network options of a pyvis network, with the map's groups and interaction."""
    options = json.loads(network.options.to_json())
    options["physics"] = {"enabled": False}
    options["layout"] = {"improvedLayout": False, "randomSeed": LAYOUT_SEED}
    options["interaction"].update(
        {
            "hover": True,
            "tooltipDelay": 3600000,  # no tooltips: details open in the side panel
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": False,
            "zoomView": True,
        }
    )
    options["nodes"] = {"font": {"face": "system-ui, sans-serif"}}
    options["groups"] = _group_styles()
    options.pop("configure", None)
    return options


def _edge_entry(source: str, target: str, data: dict[str, Any]) -> dict[str, Any]:
    kind = data.get("kind")
    edge_type = data.get("relation_type") if kind == RELATION else PROVIDES
    entry: dict[str, Any] = {"t": edge_type}
    if kind == RELATION and data.get("direction") == "mutual":
        entry["arrows"] = "to, from"
    elif kind == PROVIDES:
        entry["arrows"] = ""
    if data.get("visibility") == Visibility.PARTNERS:
        entry["p"] = 1
    return entry


def _compact(network: Network) -> Network:
    """Leave out what the groups already say (pyvis gives every node shape "dot")."""
    for node in network.nodes:
        node.pop("shape", None)
    return network


def detail_network(
    graph: nx.MultiDiGraph, positions: dict[str, list[int]], language: str
) -> Network:
    """The pyvis network of a detailed view: every node and edge of the graph.

    Nodes get small integer ids (edges refer to those, which keeps the payload small);
    `ref` is the node's register id (`org:<uuid>` / `svc:<uuid>`).
    """
    network = new_network()
    order = sorted(graph.nodes, key=lambda n: (graph.nodes[n].get("kind") != ORGANISATION, n))
    index = {node: number for number, node in enumerate(order, start=1)}
    for node in order:
        data = graph.nodes[node]
        org_type = node_organisation_type(graph, node) or "other"
        prefix = "org" if data.get("kind") == ORGANISATION else "svc"
        x, y = positions.get(node, [0, 0])
        extra: dict[str, Any] = {}
        if data.get("visibility") == Visibility.PARTNERS:
            extra = {"p": 1, "shapeProperties": {"borderDashes": [4, 3]}, "borderWidth": 3}
        network.add_node(
            index[node],
            label=node_label(data, language),
            group=f"{prefix}_{org_type}",
            x=x,
            y=y,
            ref=node,
            **extra,
        )
    for source, target, data in graph.edges(data=True):
        if source != target:
            network.add_edge(index[source], index[target], **_edge_entry(source, target, data))
    return _compact(network)


def drill_value(param: str, group: str) -> str:
    """The query-string value that drills into an aggregate (an area, an organisation's UUID)."""
    return group.removeprefix("org:") if param == "org" else group


def aggregate_network(
    counts: dict[str, dict[str, int]],
    links: Counter[tuple[str, str]],
    positions: dict[str, list[int]],
    labels: dict[str, str],
    prefix: str,
    drill_param: str,
) -> Network:
    """The pyvis network of an aggregated view: one node per group, sized by its services."""
    network = new_network()
    order = sorted(counts, key=lambda g: labels.get(g, g).casefold())
    index = {group: number for number, group in enumerate(order, start=1)}
    for group in order:
        services, organisations = counts[group]["services"], counts[group]["organisations"]
        summary = ngettext("%(count)d service", "%(count)d services", services) % {
            "count": services
        }
        x, y = positions.get(group, [0, 0])
        network.add_node(
            index[group],
            label=f"{labels.get(group, group)}\n{summary}",
            group="aggregate",
            value=max(services + organisations, 1),
            x=x,
            y=y,
            ref=f"{prefix}{group}",
            drill=[drill_param, drill_value(drill_param, group)],
        )
    for (a, b), count in sorted(links.items()):
        network.add_edge(index[a], index[b], t="aggregate", arrows="", value=count, n=count)
    return _compact(network)


# --- Legend ---------------------------------------------------------------------------------


def legend(level: str) -> dict[str, Any]:
    """What the legend explains: colours per organisation type, shapes, line styles."""
    types = [
        {"key": value, "label": organisation_type_label(value), "colour": colour}
        for value, colour in ORGANISATION_COLOURS.items()
    ]
    relations = [
        {
            "key": key,
            "label": relation_type_label(key),
            "colour": style["color"],
            "dashes": bool(style["dashes"]),
            "dashed_class": "dotted" if style["dashes"] == [2, 4] else "dashed",
        }
        for key, style in EDGE_STYLES.items()
        if key != "aggregate"
    ]
    return {"level": level, "organisation_types": types, "relations": relations}


# --- Text view rows -------------------------------------------------------------------------


def anchor(node: str) -> str:
    """The HTML id of a node's row in the text view: short, as a page may list hundreds
    (`svc:<uuid>` → `s` and the UUID's first 12 hex digits)."""
    kind, _sep, raw = node.partition(":")
    return kind[:1] + raw.replace("-", "")[:12]


def _names(codes: Iterable[str], vocabulary: dict[str, str]) -> list[str]:
    return [vocabulary.get(code, code) for code in codes]


def detail_table(graph: nx.MultiDiGraph, language: str) -> dict[str, Any]:
    """Rows of the text view: every node (organisations first) and every relation.

    Target groups and municipalities are given by name; a service without target groups is
    open to everyone."""
    group_names = {
        row["code"]: localized(row, "name", language)
        for row in graph.graph.get("target_groups", [])
    }
    place_names = {
        row["code"]: localized(row, "name", language)
        for row in graph.graph.get("municipalities", [])
    }
    everyone = _("Everyone")
    rows = []
    for node, data in graph.nodes(data=True):
        kind = data.get("kind")
        if kind == ORGANISATION:
            kind_label = _("Organisation")
            type_label = organisation_type_label(data.get("type", ""))
            organisations: list[dict[str, str]] = []
        else:
            kind_label = _("Service")
            type_label = service_class_label(data.get("type", ""))
            organisations = [
                {"name": node_label(graph.nodes[org], language), "anchor": anchor(org), "id": org}
                for org in sorted(service_organisations(graph, node))
            ]
        rows.append(
            {
                "id": node,
                "anchor": anchor(node),
                "kind": kind,
                "kind_label": kind_label,
                "name": node_name(data, language),
                "type_label": type_label,
                "organisations": organisations,
                "partner_only": data.get("visibility") == Visibility.PARTNERS,
                "target_groups": _names(data.get("target_groups", []), group_names)
                or ([everyone] if kind == SERVICE else []),
                "municipalities": _names(data.get("municipalities", []), place_names),
            }
        )
    rows.sort(key=lambda row: (row["kind"] != ORGANISATION, row["name"].casefold()))
    relations = []
    for source, target, data in graph.edges(data=True):
        if data.get("kind") != RELATION:
            continue
        relations.append(
            {
                "source": {
                    "name": node_name(graph.nodes[source], language),
                    "anchor": anchor(source),
                },
                "target": {
                    "name": node_name(graph.nodes[target], language),
                    "anchor": anchor(target),
                },
                "type_label": relation_type_label(data.get("relation_type", "")),
                "mutual": data.get("direction") == "mutual",
                "partner_only": data.get("visibility") == Visibility.PARTNERS,
            }
        )
    relations.sort(key=lambda r: (r["source"]["name"].casefold(), r["target"]["name"].casefold()))
    return {"rows": rows, "relations": relations, "aggregates": []}


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


def scope_nodes(graph: nx.MultiDiGraph, view: MapView) -> set[str] | None:
    """The nodes the view is drilled into (None: the whole register)."""
    if view.organisation:
        return organisation_nodes(graph, f"org:{view.organisation}")
    if view.area:
        return area_nodes(graph, view.area)
    return None


LayoutFunction = Callable[[str, nx.Graph], dict[str, list[int]]]


def _plain_layout(_key: str, graph: nx.Graph) -> dict[str, list[int]]:
    return layout(graph)


def build_map(
    graph: nx.MultiDiGraph,
    view: MapView,
    language: str,
    *,
    cached_layout: LayoutFunction = _plain_layout,
    extra_nodes: Iterable[str] = (),
) -> dict[str, Any]:
    """The map of one view: {"level", "payload" (for vis-network), "table" (text view),
    "matches", "counts", "drill" (the scope drilled into)}.

    cached_layout(key, graph) returns positions for a graph; `key` names what is laid out
    ("scope" for the unfiltered scope, "view" for this filtered view, or an aggregate level),
    so the caller can cache positions under its own data version. extra_nodes (e.g. the steps
    of a highlighted service path) are drawn even if the filters leave them out.
    """
    scope = scope_nodes(graph, view)
    scope_size = graph.number_of_nodes() if scope is None else len(scope)
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
        if scope_size <= limit:
            whole = graph if scope is None else materialise(graph, scope)
            positions = cached_layout("scope", whole)
        else:
            positions = cached_layout("view", shown)
        network = detail_network(shown, positions, language)
        table = detail_table(shown, language)
        kinds = Counter(data.get("kind") for _node, data in shown.nodes(data=True))
        relation_count = len(table["relations"])
        matches = search(shown, view.query, language)
    payload = {
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
