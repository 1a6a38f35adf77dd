"""Background work of the map (django-tasks; run by the task worker).

warm_up: after every change to the register (ecosystem.register.versioning sends
data_version_changed), the default service map of every audience and language and the
unfiltered graph.json pages for the new data version, so that no request waits for the graph
of a national-scale register; it then enqueues the analyses (ecosystem.network.tasks).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from ecosystem.map import graph_api
from ecosystem.map.data import WARMING_KEY, WARMING_TIMEOUT, warm_map
from ecosystem.network.graph import build_graph
from ecosystem.network.tasks import (
    PENDING_TIMEOUT,
    analysis_cache_key,
    analysis_pending_key,
    compute_analysis,
)
from ecosystem.register.versioning import data_version

logger = logging.getLogger(__name__)

# The warm-up waits a moment, so a burst of saves (an editor's form with its lists, an
# import) gives one warm-up of the last version instead of one per save.
WARM_UP_DELAY = timedelta(seconds=2)
# Set when a warm-up is enqueued, deleted when it starts: later changes need no other one.
WARM_UP_SCHEDULED_KEY = "ecosystem:warm-up:scheduled"


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


def on_data_version_changed(sender: Any = None, **kwargs: Any) -> None:
    """Receiver of ecosystem.register.versioning.data_version_changed."""
    schedule_warm_up()
