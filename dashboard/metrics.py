"""The dashboard's figures, computed once per data version and read by pages from storage.

`compute_metrics()` builds the ecosystem graph once (ecosystem.network.graph), takes the network
analysis from ecosystem.network.analysis.summary — the cached result of ecosystem.network.tasks
when the data has not changed since, computed and cached the same way otherwise — and adds what
the dashboard needs beyond it: counts by type, a coverage matrix with totals, data-quality lists
(three more queries). The result is a JSON-ready dict; it is what the background task caches
(dashboard.tasks) and what a snapshot freezes (dashboard.snapshots), so the dashboard page never
runs the analysis during a request.

Shape (every list is already cut to what a page shows; counts are exact):
    computed_at, data_version
    headline:  {metric key: number}   flat, compared between snapshots (see METRIC_LABELS)
    by_type:   {"organisations" | "services" | "relations": {type code: count}}
    coverage:  {target_groups: [{code, name_fi, …}], municipalities: [...],
                rows: [{code, cells: [{municipality, statutory, complementary, total}]}],
                gaps: int}
    brokers:   [{node, name_fi/sv/en, kind, score}]
    cut_points: {count, bridges, items: [{node, name_fi/…, kind}]}
    paths:     [{id, name_fi, target_group, steps, services, organisations, handoffs}]
    quality:   {without_target_group | without_channel | not_reviewed:
                {count, items: [{id, name_fi, name_sv, name_en}]}}
    stewardship: {open_proposals, open_proposal_oldest_days, open_proposal_median_days,
                services, checked, checked_share (%), overdue_organisations,
                overdue_by_organisation: [{id, name_fi/sv/en, overdue, services}]}
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecosystem.models import Organisation, Proposal, ProposalStatus, Service, ServiceChannel
from ecosystem.network import analysis
from ecosystem.network.graph import UUIDText, build_graph
from ecosystem.network.tasks import ANALYSIS_TIMEOUT, analysis_cache_key
from ecosystem.register.versioning import data_version

LIST_LIMIT = 25
CUT_POINT_LIMIT = 20
REVIEW_AGE_DAYS = 365
NAME_KEYS = ("name_fi", "name_sv", "name_en")

# Every headline metric a dashboard shows and a comparison moves, in display order.
METRIC_LABELS: dict[str, Any] = {
    "organisations": _("Organisations"),
    "services": _("Services"),
    "services_active": _("Active services"),
    "relations": _("Relations"),
    "coverage_gaps": _("Coverage gaps (target group × municipality without a service)"),
    "cut_points": _("Single points of failure (organisations or services)"),
    "bridges": _("Single connections (bridges)"),
    "islands": _("Services no relation leads to"),
    "communities": _("Communities of cooperation"),
    "service_paths": _("Service paths"),
    "handoffs": _("Hand-offs in service paths"),
    "without_target_group": _("Services without a target group"),
    "without_channel": _("Services without a channel"),
    "not_reviewed": _("Services not reviewed in 12 months"),
    "open_proposals": _("Open change proposals from stewards"),
    "open_proposal_oldest_days": _("Age of the oldest open proposal (days)"),
    "checked_share": _("Services checked in the last 12 months (%)"),
}
STEWARDSHIP_HEADLINE = ("open_proposals", "open_proposal_oldest_days", "checked_share")
LOWER, HIGHER = "lower", "higher"


@dataclass(frozen=True)
class MetricMeaning:
    """What a figure means for the ecosystem, and which way is better where that is clear.

    `better` is LOWER or HIGHER only where the direction is defined; the sentence then says
    why. Elsewhere it is None and a comparison shows the change alone: more organisations or
    more "communities of cooperation" are neither good nor bad news in themselves (more
    communities may mean new cooperation or a network falling apart)."""

    sentence: Any
    better: str | None = None


METRIC_MEANINGS: dict[str, MetricMeaning] = {
    "organisations": MetricMeaning(
        _("How many organisations the register describes; it grows as the picture fills in.")
    ),
    "services": MetricMeaning(
        _(
            "How many services the register describes, active or not; growth is mostly the "
            "register filling in."
        )
    ),
    "services_active": MetricMeaning(
        _(
            "Services that customers can use now; a change follows services opening and "
            "closing as much as the register's upkeep."
        )
    ),
    "relations": MetricMeaning(
        _(
            "Referrals, partnerships and other links between organisations and services; more "
            "of them may be new cooperation or cooperation newly recorded."
        )
    ),
    "coverage_gaps": MetricMeaning(
        _("Fewer is better: each gap is a target group with no active service in a municipality."),
        LOWER,
    ),
    "cut_points": MetricMeaning(
        _(
            "Fewer is better: each is an organisation or service whose dropping out would split "
            "the network into parts that no longer reach each other."
        ),
        LOWER,
    ),
    "bridges": MetricMeaning(
        _(
            "Fewer is better: each is a link that alone joins two parts of the network, so "
            "customers depend on it."
        ),
        LOWER,
    ),
    "islands": MetricMeaning(
        _(
            "Fewer is better: no referral or other relation leads to these services, so "
            "customers find them only by themselves."
        ),
        LOWER,
    ),
    "communities": MetricMeaning(
        _(
            "Groups of actors who cooperate mostly among themselves. More of them can mean new "
            "cooperation or a network falling apart into separate groups, so the change is "
            "shown without a verdict."
        )
    ),
    "service_paths": MetricMeaning(
        _("How many customers' routes through the services have been described.")
    ),
    "handoffs": MetricMeaning(
        _(
            "Moves of a customer to an organisation not involved in the previous step, over "
            "all described paths; each is a point where a customer can be lost. The sum grows "
            "with the number of paths described, so it has no better direction on its own."
        )
    ),
    "without_target_group": MetricMeaning(
        _(
            "Fewer is better: a service without a target group does not show up when the map "
            "or the coverage table is filtered by group."
        ),
        LOWER,
    ),
    "without_channel": MetricMeaning(
        _(
            "Fewer is better: a service without a channel does not tell customers how to reach "
            "it (in person, by phone, online)."
        ),
        LOWER,
    ),
    "not_reviewed": MetricMeaning(
        _("Fewer is better: the details of these services may be out of date."),
        LOWER,
    ),
    "open_proposals": MetricMeaning(
        _(
            "Changes that stewards have proposed and staff have not yet handled; more may mean "
            "active stewards or a backlog, so the change is shown without a verdict."
        )
    ),
    "open_proposal_oldest_days": MetricMeaning(
        _("Lower is better: how long the oldest proposal from a steward has waited."),
        LOWER,
    ),
    "checked_share": MetricMeaning(
        _(
            "Higher is better: the share of services that their stewards have checked in the "
            "last 12 months."
        ),
        HIGHER,
    ),
}


def cached_summary(graph: nx.MultiDiGraph, version: str) -> dict[str, Any]:
    """ecosystem.network.analysis.summary of the full register: from the ecosystem's analysis cache
    when this data version has been analysed already, else computed now and cached there
    (so the service map's analysis benefits too)."""
    key = analysis_cache_key(version, False)
    entry = cache.get(key)
    if entry is not None:
        return entry["result"]
    result = analysis.summary(graph)
    cache.set(
        key,
        {"version": version, "computed_at": timezone.now().isoformat(), "result": result},
        ANALYSIS_TIMEOUT,
    )
    return result


def _names(data: dict[str, Any]) -> dict[str, str]:
    return {key: data.get(key) or "" for key in NAME_KEYS}


def _by_type(graph: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    organisations: Counter[str] = Counter()
    services: Counter[str] = Counter()
    for _node, data in graph.nodes(data=True):
        if data.get("kind") == "organisation":
            organisations[data.get("type") or ""] += 1
        elif data.get("kind") == "service":
            services[data.get("type") or ""] += 1
    relations = Counter(
        data.get("relation_type") or "" for *_edge, data in analysis.relation_edges(graph)
    )
    return {
        "organisations": dict(organisations.most_common()),
        "services": dict(services.most_common()),
        "relations": dict(relations.most_common()),
    }


def _coverage(graph: nx.MultiDiGraph, matrix: dict[str, dict[str, dict[str, int]]]) -> dict:
    groups = graph.graph.get("target_groups", [])
    places = graph.graph.get("municipalities", [])
    rows, gaps = [], 0
    for group in groups:
        cells = []
        for place in places:
            counts = matrix.get(group["code"], {}).get(place["code"], {})
            statutory = counts.get("statutory", 0)
            complementary = counts.get("complementary", 0)
            total = statutory + complementary
            gaps += total == 0
            cells.append(
                {
                    "municipality": place["code"],
                    "statutory": statutory,
                    "complementary": complementary,
                    "total": total,
                }
            )
        rows.append({"code": group["code"], **_names(group), "cells": cells})
    return {
        "target_groups": [{"code": g["code"], **_names(g)} for g in groups],
        "municipalities": [{"code": p["code"], **_names(p)} for p in places],
        "rows": rows,
        "gaps": gaps,
    }


def _service_items(graph: nx.MultiDiGraph, nodes: list[str]) -> list[dict[str, str]]:
    items = [{"id": graph.nodes[node]["id"], **_names(graph.nodes[node])} for node in nodes]
    return sorted(items, key=lambda item: (item["name_fi"].lower(), item["id"]))[:LIST_LIMIT]


def _quality(graph: nx.MultiDiGraph, today: dt.date) -> dict[str, dict[str, Any]]:
    # Service ids as UUID objects on both sides: the graph's text form is its own business.
    services = {
        uuid.UUID(str(data["id"])): node
        for node, data in graph.nodes(data=True)
        if data.get("kind") == "service"
    }
    with_channel = {
        uuid.UUID(pk)
        for pk in ServiceChannel.objects.values_list(UUIDText("service_id"), flat=True)
    }
    cutoff = today - dt.timedelta(days=REVIEW_AGE_DAYS)
    stale = {
        uuid.UUID(pk)
        for pk in Service.objects.filter(
            Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=cutoff)
        )
        .values_list(UUIDText("id"), flat=True)
        .order_by()
    }
    lists = {
        "without_target_group": [
            node for node in services.values() if not graph.nodes[node].get("target_groups")
        ],
        "without_channel": [node for pk, node in services.items() if pk not in with_channel],
        "not_reviewed": [node for pk, node in services.items() if pk in stale],
    }
    return {
        key: {"count": len(nodes), "items": _service_items(graph, nodes)}
        for key, nodes in lists.items()
    }


def quality_services(key: str, today: dt.date) -> list[dict[str, str]] | None:
    """Every service of one data-quality list, by Finnish name, from the current register
    (one query): the dashboard's lists stop at LIST_LIMIT, this is its "show all". None for
    an unknown list. Same rules as `_quality`."""
    services = Service.objects.order_by("name_fi", "id")
    if key == "without_target_group":
        services = services.filter(target_groups__isnull=True)
    elif key == "without_channel":
        services = services.filter(channels__isnull=True)
    elif key == "not_reviewed":
        cutoff = today - dt.timedelta(days=REVIEW_AGE_DAYS)
        services = services.filter(Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=cutoff))
    else:
        return None
    return [{**row, "id": str(row["id"])} for row in services.distinct().values("id", *NAME_KEYS)]


def stewardship_figures(today: dt.date, now: dt.datetime | None = None) -> dict[str, Any]:
    """How well the register is kept by its stewards (four queries): open proposals and
    their age, the share of services checked within REVIEW_AGE_DAYS, and per organisation its
    services overdue for a check (most overdue first, LIST_LIMIT shown)."""
    now = now or timezone.now()
    created = sorted(
        Proposal.objects.filter(status=ProposalStatus.OPEN).values_list("created_at", flat=True)
    )
    ages = [(now - moment).days for moment in created]
    cutoff = today - dt.timedelta(days=REVIEW_AGE_DAYS)
    services = Service.objects.count()
    checked = Service.objects.filter(last_reviewed__gte=cutoff).count()
    overdue = Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=cutoff)
    rows = (
        Organisation.objects.annotate(
            services_total=Count("service_roles__service", distinct=True),
            overdue=Count("service_roles__service", filter=_prefixed(overdue), distinct=True),
        )
        .filter(overdue__gt=0)
        .order_by("-overdue", "name_fi")
        .values("id", "name_fi", "name_sv", "name_en", "overdue", "services_total")
    )
    organisations = [
        {**row, "id": str(row["id"]), "services": row.pop("services_total")} for row in rows
    ]
    return {
        "open_proposals": len(ages),
        "open_proposal_oldest_days": max(ages) if ages else 0,
        "open_proposal_median_days": sorted(ages)[len(ages) // 2] if ages else 0,
        "services": services,
        "checked": checked,
        "checked_share": round(100 * checked / services) if services else 0,
        "overdue_organisations": len(organisations),
        "overdue_by_organisation": organisations[:LIST_LIMIT],
    }


def _prefixed(condition: Q) -> Q:
    """The overdue condition on a service, read through an organisation's service roles."""
    prefixed = Q()
    prefixed.connector = condition.connector
    prefixed.negated = condition.negated
    for child in condition.children:
        if isinstance(child, Q):
            prefixed.children.append(_prefixed(child))
        else:
            key, value = child
            prefixed.children.append((f"service_roles__service__{key}", value))
    return prefixed


def _label(labels: dict[str, dict[str, Any]], node: str) -> dict[str, Any]:
    data = labels.get(node, {})
    return {"node": node, "kind": data.get("kind", ""), **_names(data)}


def metrics_from(
    graph: nx.MultiDiGraph, summary: dict[str, Any], *, today: dt.date, version: str = ""
) -> dict[str, Any]:
    """The dashboard metrics of a graph and its analysis summary (see the module docstring).

    Reads the database only for the data-quality lists (channels, review dates)."""
    labels = summary.get("labels", {})
    by_type = _by_type(graph)
    coverage = _coverage(graph, summary.get("coverage", {}))
    quality = _quality(graph, today)
    stewardship = stewardship_figures(today)
    paths = [
        {
            "id": path["id"],
            "name_fi": path.get("name", ""),
            "target_group": path.get("target_group"),
            "steps": path["steps"],
            "services": path["services"],
            "organisations": path["organisations"],
            "handoffs": path["handoffs"],
        }
        for path in summary.get("service_paths", [])
    ]
    # Path names in every language, from the graph (the summary keeps the Finnish one).
    path_names = {p["id"]: _names(p) for p in graph.graph.get("service_paths", [])}
    for path in paths:
        path.update(path_names.get(path["id"], {}))
    paths.sort(key=lambda path: (-path["handoffs"], path["name_fi"].lower()))
    cut_points = summary.get("articulation_points", [])
    # The most connected cut points first: losing them splits the most.
    degree = dict(graph.degree(cut_points)) if cut_points else {}
    ordered_cuts = sorted(cut_points, key=lambda node: (-degree.get(node, 0), node))
    cut_labels = analysis.labels(graph, ordered_cuts[:CUT_POINT_LIMIT])
    services_active = sum(
        1
        for _node, data in graph.nodes(data=True)
        if data.get("kind") == "service" and data.get("status") == analysis.ACTIVE
    )
    counts = summary.get("counts", {})
    headline = {
        "organisations": counts.get("organisations", 0),
        "services": counts.get("services", 0),
        "services_active": services_active,
        "relations": counts.get("relations", 0),
        "coverage_gaps": coverage["gaps"],
        "cut_points": len(cut_points),
        "bridges": len(summary.get("bridges", [])),
        "islands": len(summary.get("islands", [])),
        "communities": len(summary.get("communities", [])),
        "service_paths": len(paths),
        "handoffs": sum(path["handoffs"] for path in paths),
        **{key: value["count"] for key, value in quality.items()},
        **{key: stewardship[key] for key in STEWARDSHIP_HEADLINE},
    }
    return {
        "computed_at": timezone.now().isoformat(),
        "data_version": version,
        "headline": headline,
        "by_type": by_type,
        "coverage": coverage,
        "brokers": [
            {**_label(labels, broker["node"]), "score": broker["score"]}
            for broker in summary.get("brokers", [])
        ],
        "cut_points": {
            "count": len(cut_points),
            "bridges": len(summary.get("bridges", [])),
            "items": [_label(cut_labels, node) for node in ordered_cuts[:CUT_POINT_LIMIT]],
        },
        "paths": paths,
        "quality": quality,
        "stewardship": stewardship,
    }


def compute_metrics(graph: nx.MultiDiGraph | None = None) -> dict[str, Any]:
    """Build the graph (unless given), analyse it (reusing the analysis cache) and return
    the dashboard metrics of the current data. Heavy: call it from a task or a command."""
    version = data_version()
    if graph is None:
        graph = build_graph()
    summary = cached_summary(graph, version)
    return metrics_from(graph, summary, today=timezone.localdate(), version=version)
