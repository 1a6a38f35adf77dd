"""Background work of the ecosystem register (django-tasks; run by `manage.py db_worker`)."""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from ecosystem import analysis
from ecosystem.graph import build_graph
from ecosystem.versioning import data_version

ANALYSIS_TIMEOUT = 7 * 24 * 3600
PENDING_TIMEOUT = 15 * 60


def analysis_cache_key(version: str, public_only: bool) -> str:
    """Cache key of the analysis of one data version, for all records or public ones only."""
    audience = "public" if public_only else "all"
    return f"ecosystem:analysis:v1:{version}:{audience}"


def analysis_pending_key(version: str, public_only: bool) -> str:
    """Cache key marking that a computation for this version has been enqueued."""
    return analysis_cache_key(version, public_only) + ":pending"


@task()
def compute_analysis(public_only: bool = False) -> str:
    """Build the graph, run every analysis and cache the result under the data version.

    The version is read before the graph is built: if the data changes meanwhile, the result
    lands under the old version, which nobody asks for any more, and the next request
    enqueues a fresh computation. Returns the version computed.
    """
    version = data_version()
    graph = build_graph(public_only=public_only)
    result = analysis.summary(graph)
    cache.set(
        analysis_cache_key(version, public_only),
        {"version": version, "computed_at": timezone.now().isoformat(), "result": result},
        ANALYSIS_TIMEOUT,
    )
    cache.delete(analysis_pending_key(version, public_only))
    return version
