"""Background work of the ecosystem register (django-tasks; run by `manage.py db_worker`).

- compute_analysis: the network analysis of the current data version, enqueued by the first
  page that asks for it (ecosystem.network.selectors.analysis_summary).
The map's own warm-up after each change is ecosystem.map.tasks.warm_up; it enqueues these
analyses when it is done.
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.dispatch import Signal
from django.utils import timezone
from django_tasks import task

from ecosystem.network import analysis
from ecosystem.network.graph import build_graph
from ecosystem.register.versioning import data_version

logger = logging.getLogger(__name__)

ANALYSIS_TIMEOUT = 7 * 24 * 3600
PENDING_TIMEOUT = 15 * 60

# Sent by compute_analysis once a data version's analysis is cached, with `version` and
# `public_only`: work that reuses the analysis (the steering dashboard's metrics) starts from
# it instead of computing the same minutes of national-scale analysis a second time.
analysis_computed = Signal()


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
