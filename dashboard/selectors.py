"""Reads for the dashboard pages: stored metrics, snapshots, project progress."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Case, CharField, Count, F, Value, When
from django.utils import timezone
from wagtail.models import Locale

from cms_pages.events import EventPage, EventStatus, EventType
from dashboard.metrics import stewardship_figures
from dashboard.models.records import EcosystemSnapshot, ProgressItem, ProgressKind
from dashboard.tasks import (
    PENDING_TIMEOUT,
    compute_dashboard_metrics,
    metrics_cache_key,
    metrics_pending_key,
)
from ecosystem.network.tasks import analysis_pending_key
from ecosystem.register.versioning import data_version

logger = logging.getLogger(__name__)

# The sessions of the situational-picture work (tilannekuva 1): not seminars.
SESSION_TYPES = (EventType.EXPERT_INTERVIEW, EventType.WORKING_GROUP, EventType.WORKSHOP)


@dataclass(frozen=True)
class DashboardMetrics:
    """The metrics a dashboard shows: `current` (computed for today's data), `snapshot`
    (the latest snapshot's, while today's are being computed) or `missing` (neither yet)."""

    status: str
    metrics: dict[str, Any] | None
    snapshot: EcosystemSnapshot | None = None


def dashboard_metrics(*, enqueue: bool = True) -> DashboardMetrics:
    """The stored metrics of the current data, never computing them in the request.

    When the current data version has none, a background computation is enqueued (once per
    version) and the latest snapshot's metrics stand in meanwhile. While the register's own
    analysis of this version is queued, nothing is enqueued here: the metrics follow it
    (dashboard.tasks.enqueue_after_analysis) and reuse it instead of computing it again."""
    version = data_version()
    metrics = cache.get(metrics_cache_key(version))
    analysis_queued = cache.get(analysis_pending_key(version, False)) is not None
    first_ask = metrics is None and enqueue and not analysis_queued
    if first_ask and cache.add(metrics_pending_key(version), True, PENDING_TIMEOUT):
        try:
            compute_dashboard_metrics.enqueue()
        except Exception:
            logger.exception("Could not enqueue the dashboard metrics")
        metrics = cache.get(metrics_cache_key(version))  # an immediate backend is done
    if metrics is not None:
        return DashboardMetrics("current", metrics)
    latest = EcosystemSnapshot.objects.defer("records").first()
    if latest is not None and latest.metrics:
        return DashboardMetrics("snapshot", latest.metrics, latest)
    return DashboardMetrics("missing", None)


def live_stewardship() -> dict[str, Any]:
    """The stewardship figures now: proposals come and go without a new data version of the
    register, so the stored metrics' copy may be behind (four queries)."""
    return stewardship_figures(timezone.localdate())


def snapshot_choices() -> list[EcosystemSnapshot]:
    """Every snapshot, newest first, without its records (for lists and select controls)."""
    return list(EcosystemSnapshot.objects.only("pk", "title", "taken_at", "source"))


def session_counts() -> dict[str, Any]:
    """Situational-picture sessions (expert interviews, working groups, workshops) held and
    scheduled, counted from the live event pages of the default language (a translated
    event is one session)."""
    # A scheduled session whose end has passed was held (as the event pages show it).
    shown_status = Case(
        When(status=EventStatus.SCHEDULED, end__lt=timezone.now(), then=Value(EventStatus.HELD)),
        default=F("status"),
        output_field=CharField(),
    )
    rows = (
        EventPage.objects.live()
        .filter(locale=Locale.get_default(), event_type__in=SESSION_TYPES)
        .annotate(shown_status=shown_status)
        .values("event_type", "shown_status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    by_type = {kind.value: {"held": 0, "scheduled": 0, "cancelled": 0} for kind in SESSION_TYPES}
    for row in rows:
        by_type[row["event_type"]][row["shown_status"]] += row["count"]
    held = sum(counts[EventStatus.HELD] for counts in by_type.values())
    scheduled = sum(counts[EventStatus.SCHEDULED] for counts in by_type.values())
    return {
        "held": held,
        "scheduled": scheduled,
        "total": held + scheduled,
        "by_type": [
            {"type": kind, "label": kind.label, **by_type[kind.value]} for kind in SESSION_TYPES
        ],
    }


def progress_items() -> dict[str, list[ProgressItem]]:
    """The milestones and the communication checklist, each in its order."""
    items: dict[str, list[ProgressItem]] = {kind.value: [] for kind in ProgressKind}
    for item in ProgressItem.objects.all():
        items[item.kind].append(item)
    return items
