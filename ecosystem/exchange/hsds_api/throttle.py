"""A generous per-client request limit for the public API (fixed windows in the cache)."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from portal.client_address import client_ip

KEY_PREFIX = "keko:hsds:rate"
# Requests a client may make per period (seconds): a sync of the national register page by
# page at full speed stays well inside it.
DEFAULT_LIMIT = 1200
DEFAULT_PERIOD = 60


def limits() -> tuple[int, int]:
    """(requests, period in seconds), from the settings KEKO_HSDS_RATE_LIMIT and
    KEKO_HSDS_RATE_PERIOD."""
    return (
        int(getattr(settings, "KEKO_HSDS_RATE_LIMIT", DEFAULT_LIMIT)),
        int(getattr(settings, "KEKO_HSDS_RATE_PERIOD", DEFAULT_PERIOD)),
    )


def retry_after(request) -> int:
    """0 when the request may go on; otherwise the seconds until the client may try again."""
    limit, period = limits()
    now = time.time()
    window = int(now // period)
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"{KEY_PREFIX}:{digest}:{window}"
    if cache.add(key, 1, timeout=period + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=period + 1)
            count = 1
    if count <= limit:
        return 0
    return max(1, int((window + 1) * period - now) + 1)
