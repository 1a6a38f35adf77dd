"""GET /healthz: is the portal able to serve? Database and cache are checked on each call.

200 while the database answers (the cache being away only degrades: pages are computed
instead of read from it), 503 when it does not. The answer names what is down and which
kind of server each part is, so an operator reading a load balancer's log knows where to look:

    {"status": "degraded", "checks": {"database": "ok", "cache": "unavailable"},
     "backends": {"database": "postgresql", "cache": "redis"}, "down": ["cache"]}
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

CACHE_KINDS = {
    "RedisCache": "redis",
    "FileBasedCache": "file",
    "LocMemCache": "memory",
    "DatabaseCache": "database",
}


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        # Drop the broken connection now, so the next request reconnects at once.
        try:
            connection.close()
        except Exception:
            pass
        return "unavailable"
    return "ok"


def _check_cache() -> str:
    key = "keko:healthz"
    try:
        value = str(time.monotonic_ns())
        cache.set(key, value, 30)
        if cache.get(key) != value:
            return "unavailable"
    except Exception:
        return "unavailable"
    return "ok"


def backends() -> dict[str, str]:
    """The kind of database and cache server in use, as /healthz and /metrics name them."""
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return {"database": connection.vendor, "cache": CACHE_KINDS.get(backend, backend)}


@never_cache
def healthz(request):
    checks = {"database": _check_database(), "cache": _check_cache()}
    healthy = checks["database"] == "ok"
    status = "ok" if healthy and checks["cache"] == "ok" else ("degraded" if healthy else "error")
    down = [name for name, state in checks.items() if state != "ok"]
    body = {"status": status, "checks": checks, "backends": backends(), "down": down}
    return JsonResponse(body, status=200 if healthy else 503)
