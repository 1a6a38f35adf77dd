"""Rows of the map's text view: every node and relation of a detailed view."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
from django.utils.translation import gettext as _

from ecosystem.models.choices import Visibility
from ecosystem.network.analysis import service_organisations
from ecosystem.network.graph import ORGANISATION, RELATION, SERVICE
from ecosystem.network.labels import (
    anchor,
    node_label,
    node_name,
    organisation_type_label,
    relation_type_label,
    service_class_label,
)
from ecosystem.register.permalinks import node_page_url
from portal.kernel.localization import localized


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
                # The language the name is shown in: Finnish when the translation is missing.
                "name_lang": language if data.get(f"name_{language}") else "fi",
                "page_url": node_page_url(node, data.get("name_fi", "")),
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
