"""GET /healthz: is the portal able to serve? Database and cache are checked on each call."""

import time

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
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


@never_cache
def healthz(request):
    checks = {"database": _check_database(), "cache": _check_cache()}
    healthy = checks["database"] == "ok"
    status = "ok" if healthy and checks["cache"] == "ok" else ("degraded" if healthy else "error")
    return JsonResponse({"status": status, "checks": checks}, status=200 if healthy else 503)
