"""GET /metrics: the portal's figures in Prometheus' text format, for monitoring only.

Readable from the addresses in METRICS_ALLOWED_IPS (default: this machine) when the request
did not come through a proxy (no X-Forwarded-For / X-Real-IP: behind a proxy on the same
machine every visitor would look local), or from anywhere with
`Authorization: Bearer <METRICS_TOKEN>`. Everyone else gets 403.

Requests and their latency are counted by every web process in memory and added to the shared
cache every few seconds (one round trip per process per FLUSH_SECONDS, not one a request), so
any process answering /metrics reports the sum over all of them. The task queue, failed tasks
and newsletter sends in progress are read from the database when asked.
"""

from __future__ import annotations

import contextlib
import fcntl
import hmac
import os
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.cache import never_cache

from newsletter.models import Send

BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
FLUSH_SECONDS = 5.0
KEY = "keko:metrics:"
_lock = threading.Lock()
_pending: dict[str, float] = {}
_last_flush = time.monotonic()


def _add(name: str, amount: float = 1) -> None:
    _pending[name] = _pending.get(name, 0) + amount


def record(status: int, seconds: float) -> None:
    """Count one answered request (called by the middleware)."""
    global _last_flush
    with _lock:
        _add(f"requests:{status // 100}xx")
        for bound in BUCKETS:
            if seconds <= bound:
                _add(f"bucket:{bound}")
        _add("bucket:+Inf")
        _add("latency_sum_ms", round(seconds * 1000))
        if time.monotonic() - _last_flush < FLUSH_SECONDS:
            return
        pending = dict(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    flush(pending)


def flush_pending() -> None:
    """Add what this process has counted since its last flush (a worker that is leaving)."""
    with _lock:
        pending = dict(_pending)
        _pending.clear()
    flush(pending)


def discard_pending() -> None:
    """Forget the requests counted but not yet flushed (the warm-up's in gunicorn's master,
    portal.prefork: every forked worker would otherwise report them again)."""
    with _lock:
        _pending.clear()


@contextlib.contextmanager
def _exclusive():
    """The file cache's add and incr are a read and a write each: two processes flushing at
    once (workers recycled together) would lose one's counts. There, flushes take turns on a
    lock file beside the cache's own files; Redis counts atomically by itself."""
    location = settings.CACHES["default"].get("LOCATION", "")
    if not settings.CACHES["default"]["BACKEND"].endswith("FileBasedCache") or not location:
        yield
        return
    try:
        handle = open(os.path.join(location, ".keko-metrics.lock"), "a")  # noqa: SIM115
    except OSError:
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def flush(pending: dict[str, float]) -> None:
    if not pending:
        return
    with _exclusive():
        for name, amount in pending.items():
            key = KEY + name
            try:
                if not cache.add(key, int(amount), timeout=None):
                    cache.incr(key, int(amount))
            except Exception:
                pass  # the cache is away: these figures are lost, the request is not


class MetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        if not request.path.startswith(("/metrics", "/healthz")):
            record(response.status_code, time.monotonic() - started)
        return response


def allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    if request.headers.get("X-Forwarded-For") or request.headers.get("X-Real-IP"):
        return False
    return request.META.get("REMOTE_ADDR", "") in settings.METRICS_ALLOWED_IPS


def _task_counts() -> dict[str, int]:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend == "django_tasks_db.DatabaseBackend":
        from django.db.models import Count
        from django_tasks_db.models import DBTaskResult

        rows = DBTaskResult.objects.values("status").annotate(n=Count("id"))
        return {row["status"].lower(): row["n"] for row in rows}
    if backend.endswith("RQBackend"):
        import django_rq

        queue = django_rq.get_queue("default")
        return {
            "ready": queue.count,
            "running": queue.started_job_registry.count,
            "failed": queue.failed_job_registry.count,
        }
    return {}


@never_cache
def metrics(request):
    if not allowed(request):
        return HttpResponseForbidden("Forbidden\n", content_type="text/plain")

    flush_pending()
    names = [f"requests:{n}xx" for n in range(1, 6)]
    names += [f"bucket:{b}" for b in BUCKETS] + ["bucket:+Inf", "latency_sum_ms"]
    try:
        stored = cache.get_many([KEY + n for n in names])
    except Exception:
        stored = {}

    def value(name: str) -> int:
        return int(stored.get(KEY + name) or 0)

    lines = [
        "# HELP keko_http_requests_total Requests answered by the web processes.",
        "# TYPE keko_http_requests_total counter",
    ]
    for n in range(1, 6):
        lines.append(f'keko_http_requests_total{{status="{n}xx"}} {value(f"requests:{n}xx")}')
    lines += [
        "# HELP keko_http_request_duration_seconds Time to answer a request.",
        "# TYPE keko_http_request_duration_seconds histogram",
    ]
    for bound in BUCKETS:
        lines.append(
            f'keko_http_request_duration_seconds_bucket{{le="{bound}"}} {value(f"bucket:{bound}")}'
        )
    lines.append(f'keko_http_request_duration_seconds_bucket{{le="+Inf"}} {value("bucket:+Inf")}')
    lines.append(f"keko_http_request_duration_seconds_sum {value('latency_sum_ms') / 1000}")
    lines.append(f"keko_http_request_duration_seconds_count {value('bucket:+Inf')}")
    try:
        tasks = _task_counts()
        database_up = 1
    except Exception:
        tasks, database_up = {}, 0
    lines += [
        "# HELP keko_tasks Background tasks by state (ready = the queue's depth).",
        "# TYPE keko_tasks gauge",
    ]
    for state in ("ready", "running", "failed", "successful"):
        lines.append(f'keko_tasks{{state="{state}"}} {tasks.get(state, 0)}')
    try:
        sending = Send.objects.filter(status__in=[Send.Status.QUEUED, Send.Status.SENDING]).count()
    except Exception:
        sending, database_up = 0, 0
    lines += [
        "# HELP keko_newsletter_sends_in_progress Newsletter sends queued or sending.",
        "# TYPE keko_newsletter_sends_in_progress gauge",
        f"keko_newsletter_sends_in_progress {sending}",
        "# HELP keko_database_up Whether the database answered this scrape.",
        "# TYPE keko_database_up gauge",
        f"keko_database_up {database_up}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; version=0.0.4")
