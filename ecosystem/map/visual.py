"""How the map looks: vis-network options, groups and edge styles built with pyvis, the
payload of a detailed or aggregated view, and the legend. pyvis builds the configuration;
the project's own templates render the page (pyvis's stock template is never served)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import networkx as nx
from django.utils.translation import ngettext
from pyvis.network import Network

from ecosystem.map.aggregation import drill_value
from ecosystem.map.layout import (
    LABEL_THRESHOLD,
    LAYOUT_SEED,
    ORG_BOX_WIDTH,
    ORG_FONT,
    ORG_LABEL_WIDTH,
    REGION_FONT,
    SERVICE_DOT,
    SERVICE_FONT,
    SERVICE_LABEL_WIDTH,
    fit_label,
)
from ecosystem.models.choices import OrganisationType, RelationType, Visibility
from ecosystem.network.filtering import node_organisation_type, primary_organisation
from ecosystem.network.graph import ORGANISATION, PROVIDES, RELATION
from ecosystem.network.labels import node_label, organisation_type_label, relation_type_label

VIS_NETWORK_VERSION = "10.1.5"

DETAIL = "detail"
AREAS = "areas"
ORGANISATIONS = "organisations"

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


# vis-network leaves out a label drawn smaller than drawThreshold - 1 CSS px: organisation
# labels show at the default zoom, service labels once the user zooms in or focuses.
LABEL_SCALING = {
    "label": {"enabled": False, "drawThreshold": LABEL_THRESHOLD + 1, "maxVisible": 40}
}


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
            "font": {"color": "#ffffff", "size": ORG_FONT, "face": "system-ui, sans-serif"},
            "borderWidth": 1,
            "borderWidthSelected": 4,
            "margin": 10,
            "widthConstraint": {"minimum": ORG_BOX_WIDTH, "maximum": ORG_BOX_WIDTH},
            "scaling": LABEL_SCALING,
        }
        groups[f"svc_{key}"] = {
            "shape": "dot",
            "size": SERVICE_DOT,
            "color": {
                "background": colour,
                "border": colour,
                "highlight": {"background": colour, "border": "#0b0c0c"},
                "hover": {"background": colour, "border": "#0b0c0c"},
            },
            "font": {"color": TEXT_COLOUR, "size": SERVICE_FONT, "face": "system-ui, sans-serif"},
            "borderWidth": 1,
            "borderWidthSelected": 3,
            "widthConstraint": {"maximum": SERVICE_LABEL_WIDTH},
            "scaling": LABEL_SCALING,
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

    Nodes get small integer ids (edges refer to those, which keep the payload small);
    `ref` is the node's register id (`org:<uuid>` / `svc:<uuid>`); `px`, `py` the position
    on a narrow (portrait) canvas. The line from a service's own organisation is left out
    (`h`): the service sits under its box; a co-provider's line is drawn.
    """
    network = new_network()
    order = sorted(graph.nodes, key=lambda n: (graph.nodes[n].get("kind") != ORGANISATION, n))
    index = {node: number for number, node in enumerate(order, start=1)}
    for node in order:
        data = graph.nodes[node]
        org_type = node_organisation_type(graph, node) or "other"
        prefix = "org" if data.get("kind") == ORGANISATION else "svc"
        x, y, *portrait = positions.get(node, [0, 0])
        extra: dict[str, Any] = {}
        if portrait:
            extra.update(px=portrait[0], py=portrait[1])
        if data.get("visibility") == Visibility.PARTNERS:
            extra.update(p=1, shapeProperties={"borderDashes": [4, 3]}, borderWidth=3)
        label = node_label(data, language)
        if prefix == "org":
            label = fit_label(label, ORG_LABEL_WIDTH, ORG_FONT)
        network.add_node(
            index[node],
            label=label,
            group=f"{prefix}_{org_type}",
            x=x,
            y=y,
            ref=node,
            **extra,
        )
    for source, target, data in graph.edges(data=True):
        if source != target:
            entry = _edge_entry(source, target, data)
            if data.get("kind") == PROVIDES and primary_organisation(graph, target) == source:
                entry["h"] = 1
            network.add_edge(index[source], index[target], **entry)
    return _compact(network)


# Label sizes the page's script needs: the least readable size, organisation and region fonts.
FONTS = {"threshold": LABEL_THRESHOLD, "organisation": ORG_FONT, "region": REGION_FONT}


def region_boxes(regions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The regions of a detailed map (one per organisation type) with heading and colour."""
    from django.utils.translation import gettext as _

    return [
        {
            **box,
            "label": organisation_type_label(box["t"]) if box["t"] else _("Other"),
            "colour": ORGANISATION_COLOURS.get(box["t"], UNKNOWN_COLOUR),
        }
        for box in regions
    ]


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
