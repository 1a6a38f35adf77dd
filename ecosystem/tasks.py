"""Background work of the ecosystem register (django-tasks; run by `manage.py db_worker`).

- compute_analysis: the network analysis of the current data version, enqueued by the first
  page that asks for it (ecosystem.selectors.analysis_summary).
- warm_up: after every change to the register (ecosystem.versioning), the default service map
  of every audience and language and the unfiltered graph.json pages for the new data
  version, so that no request waits for the graph of a national-scale register; it then
  enqueues the analyses.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.cache import cache
from django.dispatch import Signal
from django.utils import timezone
from django_tasks import task

from ecosystem import analysis
from ecosystem.graph import build_graph
from ecosystem.versioning import data_version

logger = logging.getLogger(__name__)

ANALYSIS_TIMEOUT = 7 * 24 * 3600
PENDING_TIMEOUT = 15 * 60

# Sent by compute_analysis once a data version's analysis is cached, with `version` and
# `public_only`: work that reuses the analysis (the steering dashboard's metrics) starts from
# it instead of computing the same minutes of national-scale analysis a second time.
analysis_computed = Signal()

# The warm-up waits a moment, so a burst of saves (an editor's form with its lists, an
# import) gives one warm-up of the last version instead of one per save.
WARM_UP_DELAY = timedelta(seconds=2)
# Set when a warm-up is enqueued, deleted when it starts: later changes need no other one.
WARM_UP_SCHEDULED_KEY = "ecosystem:warm-up:scheduled"
# Set while a warm-up is enqueued or running: the map may answer from the previous version
# meanwhile (ecosystem.map_data). It expires, so a stopped worker cannot keep old maps alive.
WARMING_KEY = "ecosystem:warm-up:warming"
WARMING_TIMEOUT = 5 * 60


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
    enqueues a fresh computation. A version already analysed is not analysed again.
    Returns the version computed.
    """
    version = data_version()
    key = analysis_cache_key(version, public_only)
    # Another task may have analysed this version since this one was queued (the steering
    # dashboard's metrics do when asked first): at national scale that is minutes saved.
    if cache.get(key) is None:
        graph = build_graph(public_only=public_only)
        result = analysis.summary(graph)
        cache.set(
            key,
            {"version": version, "computed_at": timezone.now().isoformat(), "result": result},
            ANALYSIS_TIMEOUT,
        )
    cache.delete(analysis_pending_key(version, public_only))
    analysis_computed.send(sender=compute_analysis, version=version, public_only=public_only)
    return version


@task(priority=10)
def warm_up() -> str:
    """Compute the current data version's default map (public and partner audiences, every
    language, with its layout), then enqueue its analyses unless they are cached or queued.

    The maps come first and the analyses run as tasks of their own: at national scale an
    analysis takes minutes, pages wait for the map, and the analysis page says "being
    computed" meanwhile. The task's priority puts it before queued analyses. It reads the
    version when it starts, so a warm-up that was waiting covers every change made before
    that; a change made while it runs schedules the next one. Returns the version.
    """
    from ecosystem import graph_api
    from ecosystem.map_data import warm_map

    cache.delete(WARM_UP_SCHEDULED_KEY)
    cache.set(WARMING_KEY, True, WARMING_TIMEOUT)
    version = data_version()
    try:
        for public_only in (True, False):
            graph = build_graph(public_only=public_only)
            warm_map(graph, version=version)
            graph_api.warm_up(graph, version=version)
    finally:
        if cache.get(WARM_UP_SCHEDULED_KEY) is None:
            cache.delete(WARMING_KEY)
    for public_only in (False, True):
        pending = analysis_pending_key(version, public_only)
        if cache.get(analysis_cache_key(version, public_only)) is None and cache.add(
            pending, True, PENDING_TIMEOUT
        ):
            try:
                compute_analysis.enqueue(public_only=public_only)
            except Exception:
                # The analysis page will enqueue it again when someone opens it.
                cache.delete(pending)
                logger.exception("Could not enqueue the ecosystem analysis")
    return version


def schedule_warm_up() -> bool:
    """Enqueue a warm-up of the register's caches for its new data, unless one is already
    waiting to start. Only with a backend that runs tasks later (a worker): with the
    immediate backend (tests, `TASK_BACKEND=immediate`) the work would run inside the saving
    request, so the map is then computed by the first request that needs it. Never raises:
    saving data must not fail because the queue does. Returns whether one was enqueued."""
    try:
        if not warm_up.get_backend().supports_defer:
            return False
        if not cache.add(WARM_UP_SCHEDULED_KEY, True, WARMING_TIMEOUT):
            return False
        cache.set(WARMING_KEY, True, WARMING_TIMEOUT)
        warm_up.using(run_after=timezone.now() + WARM_UP_DELAY).enqueue()
    except Exception:
        cache.delete_many([WARM_UP_SCHEDULED_KEY, WARMING_KEY])
        logger.exception("Could not enqueue the ecosystem cache warm-up")
        return False
    return True
