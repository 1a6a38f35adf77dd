"""Service paths and the route finder: how a customer moves on between organisations.

- `service_path()` describes one of the register's service paths as numbered steps, marking
  every hand-off, i.e. a step where an organisation not involved in the previous step takes
  over (as ecosystem.network.analysis.path_metrics counts them).
- `find_routes()` proposes the k best routes onward from a starting service (or from the
  entry services of a situation) to a goal, over referral relations, using only active
  services open to the target group in the municipality and relations valid today that
  serve the group. "Best" is fewest referrals (Yen's k shortest simple paths). When there is
  no route it says why, in words a person can act on.

Pure functions on the graph of ecosystem.network.graph; nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
from itertools import islice
from typing import Any

import networkx as nx
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecosystem.models.choices import RelationType
from ecosystem.network.analysis import service_organisations
from ecosystem.network.filtering import service_matches
from ecosystem.network.graph import RELATION, SERVICE
from ecosystem.network.labels import anchor, node_label, node_name
from portal.kernel.localization import localized


class Situation:
    """Where a customer starts when no starting service is known: the service classes of the
    services that are entry points for that situation."""

    CHOICES: dict[str, tuple[str, ...]] = {
        "unemployed": ("employment", "guidance"),
        "health": ("health", "work_ability"),
        "immigrant": ("integration",),
        "young": ("youth", "guidance"),
        "substance": ("mental_health_substance", "social"),
    }

    # The target group a situation implies when none is chosen (the others: everyone).
    GROUPS: dict[str, str] = {
        "immigrant": "immigrants",
        "young": "young_people",
        "health": "partial_work_ability",
    }

    @staticmethod
    def labels() -> dict[str, str]:
        return {
            "unemployed": _("I have become unemployed"),
            "health": _("An illness or injury limits my ability to work"),
            "immigrant": _("I have recently moved to Finland"),
            "young": _("I am under 30 and have no job or study place"),
            "substance": _("Substance use or mental health problems affect my life"),
        }


class Goal:
    """Where the route finder's routes lead: the service classes that count as arriving."""

    CHOICES: dict[str, tuple[str, ...]] = {
        "work": ("subsidised_work", "business"),
        "education": ("education",),
        "work_ability": ("work_ability", "health", "mental_health_substance"),
        "support": ("coaching", "guidance", "youth", "integration", "social"),
    }
    DEFAULT = "work"

    @staticmethod
    def labels() -> dict[str, str]:
        return {
            "work": _("Work, a work trial or entrepreneurship"),
            "education": _("Education or training"),
            "work_ability": _("Work ability, health and rehabilitation"),
            "support": _("Coaching, guidance and social support"),
        }


SOURCE = "__source__"
SINK = "__sink__"
ACTIVE = "active"
CANDIDATES_PER_ROUTE = 40


def _organisations(graph: nx.MultiDiGraph, services: list[str]) -> set[str]:
    found: set[str] = set()
    for service in services:
        found |= service_organisations(graph, service)
    return found


def describe_steps(
    graph: nx.MultiDiGraph,
    positions: list[list[str]],
    language: str,
    notes: list[list[str]] | None = None,
) -> list[dict[str, Any]]:
    """Numbered steps (a step is one or more alternative services), each with its
    organisations and whether it is a hand-off from the previous step's organisations."""
    steps: list[dict[str, Any]] = []
    previous: set[str] = set()
    for index, services in enumerate(positions):
        organisations = _organisations(graph, services)
        handoff = index > 0 and bool(organisations - previous)
        steps.append(
            {
                "number": index + 1,
                "services": [
                    {
                        "id": service,
                        "anchor": anchor(service),
                        "name": node_name(graph.nodes[service], language),
                        "label": node_label(graph.nodes[service], language),
                    }
                    for service in services
                ],
                "organisations": sorted(
                    node_label(graph.nodes[org], language) for org in organisations
                ),
                "organisation_ids": sorted(organisations),
                "handoff": handoff,
                "handoff_from": sorted(node_label(graph.nodes[org], language) for org in previous)
                if handoff
                else [],
                "notes": [note for note in (notes[index] if notes else []) if note],
            }
        )
        previous = organisations
    return steps


def service_path(graph: nx.MultiDiGraph, path_id: str, language: str) -> dict[str, Any] | None:
    """One service path of `graph.graph["service_paths"]` as numbered steps, or None when the
    graph (this viewer) has no such path."""
    for path in graph.graph.get("service_paths", []):
        if path["id"] != path_id:
            continue
        by_position: dict[int, list[dict[str, Any]]] = {}
        for step in path["steps"]:
            by_position.setdefault(step["position"], []).append(step)
        ordered = [by_position[position] for position in sorted(by_position)]
        positions = [[step["service"] for step in steps] for steps in ordered]
        notes = [[step["handoff_note"] for step in steps] for steps in ordered]
        steps = describe_steps(graph, positions, language, notes)
        return {
            "id": path["id"],
            "name": localized(path, "name", language),
            "target_group": path["target_group"],
            "municipalities": path["municipalities"],
            "steps": steps,
            "handoffs": sum(1 for step in steps if step["handoff"]),
            "nodes": [service for services in positions for service in services],
        }
    return None


def path_choices(graph: nx.MultiDiGraph, language: str) -> list[dict[str, str]]:
    """The service paths a viewer can pick: [{"id", "name"}] by name."""
    choices = [
        {"id": path["id"], "name": localized(path, "name", language)}
        for path in graph.graph.get("service_paths", [])
    ]
    return sorted(choices, key=lambda choice: choice["name"].casefold())


# --- The route finder -----------------------------------------------------------------------


def _valid_on(data: dict[str, Any], today: dt.date) -> bool:
    starts, ends = data.get("valid_from"), data.get("valid_to")
    return (starts is None or starts <= today) and (ends is None or ends >= today)


def usable_services(graph: nx.MultiDiGraph, target_group: str, municipality: str) -> set[str]:
    """Active services open to the target group in the municipality."""
    return {
        node
        for node, data in graph.nodes(data=True)
        if data.get("kind") == SERVICE
        and data.get("status") == ACTIVE
        and service_matches(data, target_group=target_group, municipality=municipality)
    }


def referral_graph(
    graph: nx.MultiDiGraph, services: set[str], target_group: str, today: dt.date
) -> nx.DiGraph:
    """Referrals among the services, valid today and serving the target group (a referral
    without target groups serves everyone); a mutual referral goes both ways."""
    referrals = nx.DiGraph()
    referrals.add_nodes_from(sorted(services))
    for source, target, data in graph.edges(data=True):
        if data.get("kind") != RELATION or data.get("relation_type") != RelationType.REFERRAL:
            continue
        if source not in services or target not in services or source == target:
            continue
        groups = data.get("target_groups") or []
        if target_group and groups and target_group not in groups:
            continue
        if not _valid_on(data, today):
            continue
        referrals.add_edge(source, target, weight=1)
        if data.get("direction") == "mutual":
            referrals.add_edge(target, source, weight=1)
    return referrals


def _names(graph: nx.MultiDiGraph, language: str) -> dict[str, str]:
    return {
        "groups": {
            row["code"]: _localized_row(row, language)
            for row in graph.graph.get("target_groups", [])
        },
        "municipalities": {
            row["code"]: _localized_row(row, language)
            for row in graph.graph.get("municipalities", [])
        },
    }


def _localized_row(row: dict[str, Any], language: str) -> str:
    return localized(row, "name", language)


def _answer(message: str, **extra: Any) -> dict[str, Any]:
    return {"found": False, "routes": [], "message": message, **extra}


def _cross_organisational(graph: nx.MultiDiGraph, search: nx.DiGraph, k: int) -> list[list[str]]:
    """The k shortest SOURCE→SINK paths that hand the customer over to another organisation
    at least once (a route inside one organisation is not what the finder is for). At most
    CANDIDATES_PER_ROUTE × k candidates are looked at, so a dense network cannot stall it."""
    found: list[list[str]] = []
    try:
        candidates = nx.shortest_simple_paths(search, SOURCE, SINK, weight="weight")
        for path in islice(candidates, CANDIDATES_PER_ROUTE * k):
            nodes = path[1:-1]
            organisations = [service_organisations(graph, node) for node in nodes]
            if any(
                after - before
                for before, after in zip(organisations, organisations[1:], strict=False)
            ):
                found.append(path)
                if len(found) == k:
                    break
    except nx.NetworkXNoPath:
        pass
    return found


def find_routes(
    graph: nx.MultiDiGraph,
    *,
    target_group: str,
    municipality: str,
    language: str,
    start: str = "",
    situation: str = "",
    goal: str = Goal.DEFAULT,
    k: int = 3,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """The k best routes onward, as {"found", "routes", "message", "start_name"}.

    Each route: {"number", "steps" (see describe_steps), "handoffs", "organisations",
    "nodes"}. When nothing is found, `message` says why (translated).
    """
    today = today or dt.date.today()
    names = _names(graph, language)
    implied = ""
    if not target_group and not start and situation in Situation.GROUPS:
        target_group = Situation.GROUPS[situation]
        implied = names["groups"].get(target_group, "")
    group_name = names["groups"].get(target_group) if target_group else _("everyone")
    place_name = names["municipalities"].get(municipality)
    if not municipality:
        return _answer(_("Choose a municipality to find routes."), needs_municipality=True)
    if group_name is None:
        return _answer(_("There is no such target group."))
    if place_name is None:
        return _answer(_("There is no such municipality."))
    goal_label = Goal.labels().get(goal, "")
    context = {"group": group_name, "place": place_name, "goal": goal_label}
    services = usable_services(graph, target_group, municipality)
    start_name = ""
    if start:
        if start not in graph or graph.nodes[start].get("kind") != SERVICE:
            return _answer(_("The starting service is not on the map you can see."))
        start_name = node_name(graph.nodes[start], language)
        context["service"] = start_name
        data = graph.nodes[start]
        if data.get("status") != ACTIVE:
            return _answer(
                _("“%(service)s” is not active at the moment, so no route starts from it.")
                % context,
                start_name=start_name,
            )
        if not service_matches(data, target_group=target_group):
            return _answer(
                _("“%(service)s” is not open to %(group)s.") % context, start_name=start_name
            )
        if not service_matches(data, municipality=municipality):
            return _answer(
                _("“%(service)s” is not available in %(place)s.") % context, start_name=start_name
            )
        sources = [start]
    elif situation in Situation.CHOICES:
        classes = Situation.CHOICES[situation]
        sources = sorted(s for s in services if graph.nodes[s].get("type") in classes)
        start_name = Situation.labels()[situation]
        if not sources:
            return _answer(
                _("No service for this situation is open to %(group)s in %(place)s.") % context,
                start_name=start_name,
            )
    else:
        return _answer(_("Choose a starting service or a situation."))
    goal_classes = Goal.CHOICES.get(goal, Goal.CHOICES[Goal.DEFAULT])
    goals = sorted(
        s for s in services if graph.nodes[s].get("type") in goal_classes and s not in sources
    )
    if not goals:
        return _answer(
            _("No service leading to “%(goal)s” is open to %(group)s in %(place)s.") % context,
            start_name=start_name,
        )
    referrals = referral_graph(graph, services, target_group, today)
    if all(referrals.out_degree(source) == 0 for source in sources):
        return _answer(
            _(
                "No referral leads onward from here among the services open to %(group)s "
                "in %(place)s."
            )
            % context,
            start_name=start_name,
        )
    search = referrals.copy()
    search.add_edges_from((SOURCE, source, {"weight": 0}) for source in sources)
    search.add_edges_from((goal_node, SINK, {"weight": 0}) for goal_node in goals)
    found = _cross_organisational(graph, search, k)
    if not found:
        return _answer(
            _(
                "No route leads from here to “%(goal)s” among the services open to %(group)s "
                "in %(place)s."
            )
            % context,
            start_name=start_name,
        )
    routes = []
    for number, route in enumerate(found, start=1):
        nodes = route[1:-1]
        steps = describe_steps(graph, [[node] for node in nodes], language)
        routes.append(
            {
                "number": number,
                "key": f"route-{number}",
                "steps": steps,
                "handoffs": sum(1 for step in steps if step["handoff"]),
                "organisations": len(_organisations(graph, nodes)),
                "nodes": nodes,
            }
        )
    message = ""
    if len(routes) < k:
        message = ngettext(
            "Only %(count)d route leads to “%(goal)s” from here: no other chain of referrals "
            "between organisations does so among the services open to %(group)s in %(place)s.",
            "Only %(count)d routes lead to “%(goal)s” from here: no other chain of referrals "
            "between organisations does so among the services open to %(group)s in %(place)s.",
            len(routes),
        ) % {**context, "count": len(routes)}
    return {
        "found": True,
        "routes": routes,
        "message": message,
        "start_name": start_name,
        "implied_group": implied,
    }
