"""Fixed-window counters in the Django cache (any backend: locmem, file, database, Redis)."""

import hashlib
import time

from django.core.cache import cache

KEY_PREFIX = "keko:newsletter:rate"


def _key(scope: str, identity: str, period: int) -> str:
    digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
    window = int(time.time() // period)
    return f"{KEY_PREFIX}:{scope}:{digest}:{window}"


def hit(scope: str, identity: str, *, limit: int, period: int) -> bool:
    """Count one attempt; True while the attempts in this window are within `limit`.

    add() then incr() is atomic on Redis and the database cache; on the file cache two
    simultaneous requests may both count as one, which only lets through one extra attempt.
    """
    key = _key(scope, identity, period)
    if cache.add(key, 1, timeout=period + 1):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired or evicted between add() and incr()
        cache.set(key, 1, timeout=period + 1)
        count = 1
    if count is None:
        # The cache is away (Redis with its errors ignored answers None): no attempt can be
        # counted, so none is let through: a rate limit fails closed.
        return False
    return count <= limit
