"""Reads of the ecosystem register for pages and the API."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Literal

from django.core.cache import cache

from ecosystem.network.tasks import (
    PENDING_TIMEOUT,
    analysis_cache_key,
    analysis_pending_key,
    compute_analysis,
)
from ecosystem.register.versioning import data_version

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AnalysisState:
    """The network analysis as a page sees it: ready with a result, or being computed."""

    status: Literal["ready", "pending"]
    version: str
    computed_at: str | None = None
    result: dict[str, Any] | None = None

    @property
    def ready(self) -> bool:
        return self.status == "ready"


def _cached(version: str, public_only: bool) -> AnalysisState | None:
    entry = cache.get(analysis_cache_key(version, public_only))
    if entry is None:
        return None
    return AnalysisState("ready", version, entry["computed_at"], entry["result"])


def analysis_summary(*, public_only: bool = False, enqueue: bool = True) -> AnalysisState:
    """The cached analysis (ecosystem.network.analysis.summary) of the current data, never waiting.

    When the current data version has no result yet, a background computation is enqueued
    (once per version, however many requests ask) and a "pending" state is returned; the
    page shows "being computed" and asks again later. public_only gives the analysis of what
    anonymous viewers may see.
    """
    version = data_version()
    state = _cached(version, public_only)
    if state is not None or not enqueue:
        return state or AnalysisState("pending", version)
    if cache.add(analysis_pending_key(version, public_only), True, PENDING_TIMEOUT):
        try:
            compute_analysis.enqueue(public_only=public_only)
        except Exception:
            # The page still answers; the next request after the timeout tries again.
            logger.exception("Could not enqueue the ecosystem analysis")
        # An immediate backend has already computed it.
        state = _cached(version, public_only)
    return state or AnalysisState("pending", version)
