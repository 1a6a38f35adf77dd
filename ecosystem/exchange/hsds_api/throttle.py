"""A generous per-client request limit for the public API (fixed windows in the cache)."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

try:  # allauth decides the client address for its own limits; agree with it
    from allauth.core.internal.httpkit import get_client_ip
except ImportError:  # pragma: no cover
    get_client_ip = None

KEY_PREFIX = "keko:hsds:rate"
# Requests a client may make per period (seconds): a sync of the national register page by
# page at full speed stays well inside it.
DEFAULT_LIMIT = 1200
DEFAULT_PERIOD = 60


def client_address(request) -> str:
    """The address the limit counts against (REMOTE_ADDR unless a trusted proxy says)."""
    if get_client_ip is not None:
        try:
            address = get_client_ip(request)
        except Exception:  # a forwarding header that does not match the setup
            address = None
        if address:
            return address
    return request.META.get("REMOTE_ADDR") or "unknown"


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
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
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
