"""A service path (or a proposed route) as a swimlane diagram: one lane per organisation, the
steps in order, hand-offs where the path crosses lanes. Pure data for the template, which
draws it as a CSS grid (left to right on a desktop, top to bottom on a phone)."""

from __future__ import annotations

from typing import Any

import networkx as nx

from ecosystem.map.visual import ORGANISATION_COLOURS, UNKNOWN_COLOUR
from ecosystem.network.filtering import primary_organisation
from ecosystem.network.labels import node_label

MAX_LANES = 12  # the stylesheet places up to this many lanes and
MAX_STEPS = 24  # this many steps


def swimlane(graph: nx.MultiDiGraph, steps: list[dict[str, Any]], language: str) -> dict[str, Any]:
    """{"lanes": [{"number", "name", "type"}], "cells": [{"lane", "step", "services",
    "handoff", "from_lanes", "current"}], "passes": [{"lane", "step"}], "steps": count}.

    A step's services go to their organisations' lanes (alternatives in different lanes are a
    branch). A hand-off cell names the lanes it comes from; the lanes between are "passes",
    where the diagram draws the line across. Beyond MAX_LANES organisations the rest share
    the last lane ("Other organisations")."""
    lanes: dict[str, int] = {}
    names: list[dict[str, Any]] = []
    cells: list[dict[str, Any]] = []
    passes: list[dict[str, int]] = []
    previous: set[int] = set()
    for step in steps[:MAX_STEPS]:
        by_lane: dict[int, list[dict[str, Any]]] = {}
        for service in step["services"]:
            owner = primary_organisation(graph, service["id"]) if service["id"] in graph else None
            key = owner or ""
            if key not in lanes:
                if len(lanes) < MAX_LANES - 1 or key == "":
                    lanes[key] = len(lanes) + 1
                    data = graph.nodes[owner] if owner else {}
                    colour = ORGANISATION_COLOURS.get(data.get("type", ""), UNKNOWN_COLOUR)
                    names.append(
                        {
                            "number": lanes[key],
                            "name": node_label(data, language) if owner else "–",
                            "colour": colour,
                        }
                    )
                else:
                    lanes[key] = MAX_LANES
            by_lane.setdefault(lanes[key], []).append(service)
        here = set(by_lane)
        from_lanes = sorted(previous - here) if step["number"] > 1 else []
        crossing = bool(previous) and not previous & here
        for lane, services in sorted(by_lane.items()):
            cells.append(
                {
                    "lane": lane,
                    "step": step["number"],
                    "services": services,
                    "lane_name": next(item["name"] for item in names if item["number"] == lane)
                    if lane <= len(names)
                    else "",
                    "handoff": step["handoff"] or crossing,
                    "from_lanes": from_lanes,
                    "notes": step.get("notes", []),
                }
            )
        if previous and (step["handoff"] or crossing):
            low = min(previous | here)
            high = max(previous | here)
            passes.extend(
                {"lane": lane, "step": step["number"]}
                for lane in range(low, high + 1)
                if lane not in here
            )
        previous = here
    return {"lanes": names, "cells": cells, "passes": passes, "steps": min(len(steps), MAX_STEPS)}
