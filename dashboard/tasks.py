"""Background work of the dashboard (django-tasks; run by `manage.py db_worker`)."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django_tasks import task

from dashboard.metrics import compute_metrics
from dashboard.snapshots import default_title, snapshot_take
from portal import page_cache

logger = logging.getLogger(__name__)

METRICS_TIMEOUT = 7 * 24 * 3600
PENDING_TIMEOUT = 15 * 60


def metrics_cache_key(version: str) -> str:
    """Cache key of the dashboard metrics of one data version of the register."""
    return f"dashboard:metrics:v1:{version}"


def metrics_pending_key(version: str) -> str:
    return metrics_cache_key(version) + ":pending"


@task()
def compute_dashboard_metrics() -> str:
    """Compute the dashboard metrics of the current data and cache them under its version
    (a version changed meanwhile leaves the result under the old one; see ecosystem.network.tasks).
    Returns the version computed."""
    metrics = compute_metrics()
    version = metrics["data_version"]
    cache.set(metrics_cache_key(version), metrics, METRICS_TIMEOUT)
    cache.delete(metrics_pending_key(version))
    # A dashboard kept while these were being computed (portal.page_cache) is stale now.
    page_cache.invalidate()
    return version


def enqueue_after_analysis(sender, *, version: str, public_only: bool, **kwargs) -> None:
    """When the register's full analysis of a data version is cached (ecosystem.network.tasks sends
    `analysis_computed`), compute the dashboard's metrics from it in the background, so the
    dashboard is ready before anyone opens it and the analysis is not run a second time.

    Only with a backend that runs tasks later: with the immediate backend the metrics would
    be computed inside whatever request triggered the analysis."""
    if public_only or not compute_dashboard_metrics.get_backend().supports_defer:
        return
    if cache.get(metrics_cache_key(version)) is not None:
        return
    if cache.add(metrics_pending_key(version), True, PENDING_TIMEOUT):
        try:
            compute_dashboard_metrics.enqueue()
        except Exception:
            cache.delete(metrics_pending_key(version))
            logger.exception("Could not enqueue the dashboard metrics")


@task()
def take_ecosystem_snapshot(title: str = "", source: str = "scheduled") -> int:
    """Freeze the register in a snapshot (the scheduled way; see the management command).
    Returns the snapshot's id."""

    snapshot = snapshot_take(title=title or default_title(), source=source)
    return snapshot.pk
