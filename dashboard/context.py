"""What the dashboard page's routes put into their templates: stored metrics shaped for
display, charts (portal.kernel.charts), progress, and snapshot comparisons.

Nothing here computes the analysis: the metrics come from dashboard.selectors.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from dashboard.metrics import (
    METRIC_LABELS,
    METRIC_MEANINGS,
    STEWARDSHIP_HEADLINE,
    quality_services,
)
from dashboard.selectors import (
    dashboard_metrics,
    live_stewardship,
    progress_items,
    session_counts,
    snapshot_choices,
)
from dashboard.snapshots import stored_comparison
from ecosystem.models.choices import OrganisationType, RelationType, ServiceClass
from portal.accounts.access import sees_steering_area, user_roles
from portal.accounts.roles import PROJECT_STAFF
from portal.kernel.charts import Series, bar_chart
from portal.kernel.localization import localized

PATH_LIMIT = 20
QUALITY_LABELS = {
    "without_target_group": METRIC_LABELS["without_target_group"],
    "without_channel": METRIC_LABELS["without_channel"],
    "not_reviewed": METRIC_LABELS["not_reviewed"],
}
HEADLINE_KEYS = (
    "organisations",
    "services",
    "relations",
    "coverage_gaps",
    "cut_points",
    "handoffs",
)
FIELD_LABELS = {
    "name_fi": _lazy("name (Finnish)"),
    "name_sv": _lazy("name (Swedish)"),
    "name_en": _lazy("name (English)"),
    "short_name": _lazy("short name"),
    "type": _lazy("type"),
    "parent": _lazy("parent organisation"),
    "is_consortium_member": _lazy("KEKO consortium member"),
    "visibility": _lazy("visibility"),
    "municipalities": _lazy("municipalities"),
    "status": _lazy("status"),
    "obligation": _lazy("obligation"),
    "minimum_age": _lazy("minimum age"),
    "maximum_age": _lazy("maximum age"),
    "target_groups": _lazy("target groups"),
    "providers": _lazy("organisations providing it"),
    "relation_type": _lazy("relation type"),
    "direction": _lazy("direction"),
    "source": _lazy("source"),
    "target": _lazy("target"),
    "valid_from": _lazy("valid from"),
    "valid_to": _lazy("valid to"),
}
TYPE_LABELS = {
    "organisations": dict(OrganisationType.choices),
    "services": dict(ServiceClass.choices),
    "relations": dict(RelationType.choices),
}


KIND_LABELS = {
    "organisations": _lazy("Organisations"),
    "services": _lazy("Services"),
    "relations": _lazy("Relations"),
}


def may_view(request) -> bool:
    """Steering group, project staff and superusers see the dashboard (also when a page was
    placed outside the private area by mistake)."""
    return sees_steering_area(request.user)


def _type_label(kind: str, code: str) -> str:
    return str(TYPE_LABELS[kind].get(code, code or "–"))


def _type_chart(metrics: dict[str, Any], kind: str, title: str, heading: str):
    counts = metrics.get("by_type", {}).get(kind, {})
    if not counts:
        return None
    ordered = sorted(counts.items(), key=lambda item: (-item[1], _type_label(kind, item[0])))
    return bar_chart(
        chart_id=f"chart-{kind}-by-type",
        title=title,
        description=_("Number of records in the register by type."),
        categories=[_type_label(kind, code) for code, _count in ordered],
        series=[Series(_("Number"), [count for _code, count in ordered])],
        category_heading=heading,
    )


def _edit_url(service_id: str) -> str:
    try:
        return reverse("wagtailsnippets_ecosystem_service:edit", args=[service_id])
    except NoReverseMatch:  # pragma: no cover - the ecosystem admin is always registered
        return ""


def _share(count: int, total: int) -> int | None:
    """count as a whole percentage of total (None when there is nothing to divide by)."""
    return round(100 * count / total) if total else None


def _coverage_rows(coverage: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per municipality, one cell per target group: target groups are few and
    municipalities many (hundreds nationally), so the table grows down, not sideways."""
    places = coverage.get("municipalities", [])
    rows = coverage.get("rows", [])
    return [
        {"name": localized(place, "name"), "cells": [row["cells"][index] for row in rows]}
        for index, place in enumerate(places)
    ]


def _stewardship_rows(stewardship: dict[str, Any] | None) -> dict[str, Any] | None:
    """The stewardship figures with localised organisation names (None in metrics computed
    before stewardship existed)."""
    if not stewardship:
        return None
    return {
        **stewardship,
        "overdue_by_organisation": [
            {**row, "name": localized(row, "name")}
            for row in stewardship.get("overdue_by_organisation", [])
        ],
    }


def dashboard_context(request, page) -> dict[str, Any]:
    """The context of the dashboard (screen and print): a fixed number of queries."""
    state = dashboard_metrics()
    metrics = state.metrics or {}
    staff = request.user.is_superuser or PROJECT_STAFF in user_roles(request.user)
    headline = metrics.get("headline", {})
    stewardship = metrics.get("stewardship")
    if state.status == "current" and metrics:
        stewardship = live_stewardship()
        headline = {**headline, **{key: stewardship[key] for key in STEWARDSHIP_HEADLINE}}
    services_total = metrics.get("headline", {}).get("services", 0)
    quality = [
        {
            "key": key,
            "label": label,
            "all_url": page.url + page.reverse_subpage("quality_list", args=[key]),
            "count": metrics.get("quality", {}).get(key, {}).get("count", 0),
            # "80 of 87 services (92 %)": a count alone does not say that nearly all lack it.
            "total": services_total,
            "share": _share(
                metrics.get("quality", {}).get(key, {}).get("count", 0), services_total
            ),
            "items": [
                {
                    "name": localized(item, "name"),
                    "edit_url": _edit_url(item["id"]) if staff else "",
                }
                for item in metrics.get("quality", {}).get(key, {}).get("items", [])
            ],
        }
        for key, label in QUALITY_LABELS.items()
    ]
    # Those with the most hand-offs first (metrics order); the count in the headline is exact.
    all_paths = metrics.get("paths", [])
    paths = all_paths[:PATH_LIMIT]
    sessions = session_counts()
    charts = [
        _type_chart(metrics, "organisations", _("Organisations by type"), _("Type")),
        _type_chart(metrics, "services", _("Services by class"), _("Service class")),
        _type_chart(metrics, "relations", _("Relations by type"), _("Relation type")),
    ]
    paths_chart = None
    if paths:
        paths_chart = bar_chart(
            chart_id="chart-path-handoffs",
            title=_("Hand-offs and organisations per service path"),
            description=_(
                "A hand-off is a move to an organisation not involved in the previous step."
            ),
            categories=[localized(path, "name") for path in paths],
            series=[
                Series(_("Hand-offs"), [path["handoffs"] for path in paths]),
                Series(_("Organisations"), [path["organisations"] for path in paths]),
            ],
            category_heading=_("Service path"),
        )
    sessions_chart = bar_chart(
        chart_id="chart-sessions",
        title=_("Situational picture sessions held and scheduled"),
        categories=[str(row["label"]) for row in sessions["by_type"]],
        series=[
            Series(_("Held"), [row["held"] for row in sessions["by_type"]]),
            Series(_("Scheduled"), [row["scheduled"] for row in sessions["by_type"]]),
        ],
        category_heading=_("Type"),
    )
    computed_at = metrics.get("computed_at")
    return {
        "computed_at": dt.datetime.fromisoformat(computed_at) if computed_at else None,
        "metrics_state": state,
        "metrics": metrics,
        "headline": [
            {"key": key, "label": METRIC_LABELS[key], "value": headline.get(key)}
            for key in HEADLINE_KEYS
            if key in headline
        ],
        "all_metrics": [
            {
                "key": key,
                "label": label,
                "value": headline.get(key),
                "meaning": METRIC_MEANINGS[key].sentence if key in METRIC_MEANINGS else "",
            }
            for key, label in METRIC_LABELS.items()
            if key in headline
        ],
        "type_charts": [chart for chart in charts if chart is not None],
        "coverage_groups": [
            localized(g, "name") for g in metrics.get("coverage", {}).get("target_groups", [])
        ],
        "coverage_rows": _coverage_rows(metrics.get("coverage", {})),
        "brokers": [
            {**broker, "name": localized(broker, "name")} for broker in metrics.get("brokers", [])
        ],
        "cut_points": {
            **metrics.get("cut_points", {}),
            "items": [
                {**item, "name": localized(item, "name")}
                for item in metrics.get("cut_points", {}).get("items", [])
            ],
        },
        "paths": [{**path, "name": localized(path, "name")} for path in paths],
        "paths_total": len(all_paths),
        "paths_chart": paths_chart,
        "quality": quality,
        "stewardship": _stewardship_rows(stewardship),
        "is_staff": staff,
        "sessions": sessions,
        "sessions_chart": sessions_chart,
        "progress": progress_items(),
        "snapshots": snapshot_choices(),
        "print_url": page.url + page.reverse_subpage("dashboard_print"),
        "compare_url": page.url + page.reverse_subpage("compare"),
    }


def quality_list_context(request, page, key: str) -> dict[str, Any] | None:
    """Every service of one data-quality list (the dashboard shows the first ones), from the
    current register: one query for the list. None for an unknown list."""
    if key not in QUALITY_LABELS:
        return None
    items = quality_services(key, timezone.localdate())
    if items is None:  # pragma: no cover - QUALITY_LABELS and quality_services agree
        return None
    staff = request.user.is_superuser or PROJECT_STAFF in user_roles(request.user)
    return {
        "label": QUALITY_LABELS[key],
        "meaning": METRIC_MEANINGS[key].sentence,
        "items": [
            {"name": localized(item, "name"), "edit_url": _edit_url(item["id"]) if staff else ""}
            for item in items
        ],
        "is_staff": staff,
        "dashboard_url": page.url,
    }


def _snapshot_param(request, name: str, errors: list[str]) -> int | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        errors.append(_("Choose the snapshots from the lists."))
        return None


def comparison_context(request, page) -> dict[str, Any]:
    """The comparison of the snapshots in ?from=&to= (ids), with the select controls' state
    and a translated message for anything wrong with them. Two snapshot queries at most."""
    errors: list[str] = []
    snapshots = snapshot_choices()
    from_id = _snapshot_param(request, "from", errors)
    to_id = _snapshot_param(request, "to", errors)
    comparison = None
    if from_id is None and to_id is None and not errors and len(snapshots) >= 2:
        # Nothing chosen yet: open on the two latest (previous vs latest), compared.
        from_id, to_id = snapshots[1].pk, snapshots[0].pk
    if not errors and (from_id is None) != (to_id is None):
        errors.append(_("Choose both snapshots to compare."))
    elif not errors and from_id is not None and from_id == to_id:
        errors.append(_("Choose two different snapshots."))
    elif not errors and from_id is not None:
        existing = {snapshot.pk for snapshot in snapshots}
        found = stored_comparison(from_id, to_id) if {from_id, to_id} <= existing else False
        if found is False:
            errors.append(_("That snapshot no longer exists. Choose another one."))
        else:
            comparison = found
    query = f"?from={from_id}&to={to_id}" if comparison else ""
    kinds = []
    if comparison is not None:
        for kind in comparison.kinds:
            kinds.append(
                {
                    "kind": kind,
                    "label": KIND_LABELS[kind.kind],
                    "changed": [
                        {
                            "name": item.name,
                            "fields": [str(FIELD_LABELS.get(f, f)) for f in item.fields],
                        }
                        for item in kind.changed
                    ],
                }
            )
    return {
        "snapshots": snapshots,
        "from_id": from_id,
        "to_id": to_id,
        "errors": errors,
        "comparison": comparison,
        "kinds": kinds,
        "dashboard_url": page.url,
        "compare_url": page.url + page.reverse_subpage("compare"),
        "print_url": page.url + page.reverse_subpage("compare_print") + query,
    }
