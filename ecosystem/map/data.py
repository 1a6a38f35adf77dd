"""Reads for the service map (page, text view, block, API): one view for one audience, cached.

Everything is cached under the register's data version (ecosystem.register.versioning), so
any change to the data makes every cached map stale at once. A cache miss builds the graph with its
fixed number of queries (ecosystem.network.graph); a hit touches no database at all. Positions are
cached apart from the maps, per scope, so filtering a view does not move its nodes.

After a change the background warm-up (ecosystem.map.tasks.warm_up) computes the default map of
every audience and language for the new version, so at national scale no request waits for
the graph. Until it has, any view computed before is answered from its last version ("stale",
with a note), provided that every record it names is still public for an anonymous viewer;
otherwise, and when no warm-up is under way (none scheduled, or its marker expired because
no worker runs), the request computes.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

import networkx as nx
from django.core.cache import cache
from django.utils import translation

from ecosystem.map.aggregation import node_limit
from ecosystem.map.build import build_map, laid_out
from ecosystem.map.state import Goal, MapView, Situation
from ecosystem.map.swimlane import swimlane
from ecosystem.map.visual import DETAIL
from ecosystem.models import Organisation, Service
from ecosystem.models.choices import Visibility
from ecosystem.network.graph import SERVICE, build_graph
from ecosystem.network.labels import NATIONAL, area_label, node_name
from ecosystem.network.routes import find_routes, path_choices, service_path
from ecosystem.register.versioning import data_version
from portal.kernel.localization import localized

CACHE_SECONDS = 24 * 3600
CACHE_VERSION = "v3"  # also keys the template fragments: bump when the map templates change
MAX_START_CHOICES = 600
# Set while a warm-up is enqueued or running (ecosystem.map.tasks): the map may answer from
# the previous version meanwhile. It expires, so a stopped worker cannot keep old maps alive.
WARMING_KEY = "ecosystem:warm-up:warming"
WARMING_TIMEOUT = 5 * 60


def audience(public_only: bool) -> str:
    return "public" if public_only else "partners"


def _vocabulary(
    graph: nx.MultiDiGraph, language: str, start_choices: list[dict[str, str]]
) -> dict[str, Any]:
    areas = sorted(
        {row.get("employment_area") or "" for row in graph.graph.get("municipalities", [])} - {""}
    )
    return {
        "target_groups": [
            {"code": row["code"], "name": localized(row, "name", language)}
            for row in graph.graph.get("target_groups", [])
        ],
        "municipalities": [
            {"code": row["code"], "name": localized(row, "name", language)}
            for row in graph.graph.get("municipalities", [])
        ],
        "areas": [{"key": area, "name": area} for area in areas]
        + [{"key": NATIONAL, "name": area_label(NATIONAL)}],
        "paths": path_choices(graph, language),
        "situations": [{"key": key, "name": name} for key, name in Situation.labels().items()],
        "goals": [{"key": key, "name": name} for key, name in Goal.labels().items()],
        "default_goal": Goal.DEFAULT,
        "start_services": start_choices,
    }


def _known(graph: nx.MultiDiGraph, view: MapView) -> tuple[MapView, list[str]]:
    """The view without codes the register does not have, and notes saying so."""
    from django.utils.translation import gettext as _

    notes = list(view.notes)
    changes: dict[str, str] = {}
    if view.target_group and view.target_group not in {
        row["code"] for row in graph.graph.get("target_groups", [])
    }:
        notes.append(_("There is no such target group; the map shows every target group."))
        changes["target_group"] = ""
    if view.municipality and view.municipality not in {
        row["code"] for row in graph.graph.get("municipalities", [])
    }:
        notes.append(_("There is no such municipality; the map shows every municipality."))
        changes["municipality"] = ""
    if view.focus and view.focus not in graph:
        notes.append(_("The node to focus on is not on the map you can see."))
        changes["focus"] = ""
    if view.organisation and f"org:{view.organisation}" not in graph:
        notes.append(_("The organisation is not on the map you can see."))
        changes["organisation"] = ""
    return (replace(view, **changes) if changes else view), notes


def _keys(view: MapView, who: str, language: str, version: str) -> tuple[str, str]:
    """(the cache key of a view's map under a data version, the key that points to the last
    version computed of the same view)."""
    view_key = f"{who}:{language}:{node_limit()}:{view.cache_token()}"
    return (
        f"ecosystem:map:{CACHE_VERSION}:{version}:{view_key}",
        f"ecosystem:map-latest:{CACHE_VERSION}:{view_key}",
    )


def map_context(view: MapView, *, public_only: bool, language: str) -> dict[str, Any]:
    """The map of a view for an audience in a language (see ecosystem.map.visual.build_map), with
    the highlighted service path, the route finder's answer, the choices of the form and
    notes about values that were not understood. Cached under the data version; while the
    background warm-up runs, the last version computed may answer (see the module's text)."""
    version = data_version()
    key, latest_key = _keys(view, audience(public_only), language, version)
    found = cache.get_many([key, latest_key, WARMING_KEY])
    if key in found:
        return found[key]
    if WARMING_KEY in found and latest_key in found:
        previous = _previous(found[latest_key], public_only=public_only, language=language)
        if previous is not None:
            return previous
    return _compute_and_store(
        view, public_only=public_only, language=language, version=version, graph=None
    )


def _compute_and_store(
    view: MapView,
    *,
    public_only: bool,
    language: str,
    version: str,
    graph: nx.MultiDiGraph | None,
) -> dict[str, Any]:
    key, latest_key = _keys(view, audience(public_only), language, version)
    with translation.override(language):
        result = _compute(
            view, public_only=public_only, language=language, version=version, graph=graph
        )
    result["cache_key"] = key
    cache.set_many({key: result, latest_key: key}, CACHE_SECONDS)
    return result


def _previous(key: str, *, public_only: bool, language: str) -> dict[str, Any] | None:
    """The map stored under `key` (an older data version), marked stale; None when it is
    gone or, for anonymous viewers, names a record that is no longer public."""
    result = cache.get(key)
    if result is None or (public_only and not still_public(result)):
        return None
    with translation.override(language):
        from django.utils.translation import gettext as _

        note = _("The map is being updated with the latest changes; reload in a moment.")
    return {**result, "stale": True, "notes": [*result["notes"], note]}


def still_public(result: dict[str, Any]) -> bool:
    """True when every service and organisation a computed map names still exists and is
    public (two queries), so an older map can be shown to anonymous viewers."""

    refs: set[str] = set()
    for node in result["payload"]["nodes"]:
        refs.add(str(node.get("ref", "")).removeprefix("agg:"))
    for row in result["table"].get("rows", []):
        refs.add(row["id"])
    for step in (result.get("path") or {}).get("nodes", []):
        refs.add(step)
    for route in (result.get("routes") or {}).get("routes", []):
        refs.update(route["nodes"])
    wanted = {"svc": set(), "org": set()}
    for ref in refs:
        kind, _sep, raw = ref.partition(":")
        if kind in wanted:
            wanted[kind].add(raw)
    for kind, model in (("svc", Service), ("org", Organisation)):
        if not wanted[kind]:
            continue
        public = model.objects.filter(pk__in=wanted[kind], visibility=Visibility.PUBLIC)
        if public.count() != len(wanted[kind]):
            return False
    return True


def warm_map(
    graph: nx.MultiDiGraph, *, version: str, languages: list[str] | None = None
) -> list[str]:
    """Compute and cache the default map (no filters) of the graph's audience in every
    language under `version`, and with it the layout every later view of it reuses. Called by
    the background warm-up; returns the cache keys filled."""
    from django.conf import settings

    public_only = bool(graph.graph.get("public_only"))
    filled = []
    for language in languages or [code for code, _name in settings.LANGUAGES]:
        result = _compute_and_store(
            MapView(), public_only=public_only, language=language, version=version, graph=graph
        )
        filled.append(result["cache_key"])
    return filled


def _compute(
    view: MapView,
    *,
    public_only: bool,
    language: str,
    version: str,
    graph: nx.MultiDiGraph | None = None,
) -> dict[str, Any]:
    who = audience(public_only)
    if graph is None:
        graph = build_graph(public_only=public_only)
    view, notes = _known(graph, view)

    def cached_layout(name: str, graph_part: nx.Graph) -> dict[str, Any]:
        if name == "view":  # a detailed view: keyed by the nodes it draws
            nodes = "\n".join(sorted(graph_part.nodes))
            token = hashlib.sha256(nodes.encode()).hexdigest()[:24]
        else:
            scope = view.cache_token("area", "organisation")
            token = f"{scope}:{view.cache_token(*view.filter_names)}"
        layout_key = f"ecosystem:map-layout:{CACHE_VERSION}:{version}:{who}:{name}:{token}"
        positions = cache.get(layout_key)
        if positions is None:
            positions = laid_out(name, graph_part)
            cache.set(layout_key, positions, CACHE_SECONDS)
        return positions

    path = service_path(graph, view.path, language) if view.path else None
    routes = None
    if view.wants_routes:
        routes = find_routes(
            graph,
            target_group=view.target_group,
            municipality=view.municipality,
            language=language,
            start=view.start,
            situation=view.situation,
            goal=view.goal_or_default,
            k=view.routes,
        )
    if path:
        path["swimlane"] = swimlane(graph, path["steps"], language)
    for route in (routes or {}).get("routes", []):
        route["swimlane"] = swimlane(graph, route["steps"], language)
    extra = list(path["nodes"]) if path else []
    for route in (routes or {}).get("routes", []):
        extra.extend(route["nodes"])
    drawn = build_map(graph, view, language, cached_layout=cached_layout, extra_nodes=extra)
    start_choices: list[dict[str, str]] = []
    if drawn["level"] == DETAIL:
        start_choices = sorted(
            (
                {"id": row["id"], "name": row["name"]}
                for row in drawn["table"]["rows"]
                if row["kind"] == SERVICE
            ),
            key=lambda choice: choice["name"].casefold(),
        )[:MAX_START_CHOICES]
    if view.start and view.start in graph and not any(c["id"] == view.start for c in start_choices):
        start_choices.insert(
            0, {"id": view.start, "name": node_name(graph.nodes[view.start], language)}
        )
    if view.path and path is None:
        from django.utils.translation import gettext as _

        notes.append(_("The service path is not on the map you can see."))
    result = {
        **drawn,
        "path": path,
        "routes": routes,
        "vocabulary": _vocabulary(graph, language, start_choices),
        "notes": notes,
        "public_only": public_only,
    }
    return result
