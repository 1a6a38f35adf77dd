"""Warm the web application once in gunicorn's master, before it forks its workers.

A Django process does a lot of work on its first requests, not at start-up: importing the
modules the URLconf names, compiling the URL patterns of every language, reading the
translation catalogues, compiling templates. In a fresh worker the first request paid for that
(about a second of CPU on the 2-core machine). Workers recycle after GUNICORN_MAX_REQUESTS
requests, so under load a worker started every few seconds and its first requests waited for
that second: the public mix's 95th percentile was mostly this.

gunicorn loads the application in the master (`preload_app`) and forks every worker from it,
so what the master has warmed every worker, first or recycled, inherits. `warm_up()` sends
a few requests through the application inside the master (the home page and the search of
each language, as an anonymous visitor whose cookie makes the page cache step aside, so the
pages are rendered, not read from the cache), then closes the database and cache connections
so that no worker shares the master's sockets or SQLite handle. The requests change nothing:
GETs without a session (the unknown session cookie is not saved), not counted in /metrics.

A failure (the database is away at start-up) is logged and ignored: the workers then warm up
on their first requests, as before.

Two more things keep a forked worker cheap, measured with wrk on a static file at 100
connections (2 cores, workers recycling every 1 000 requests): 990–1 750 → 3 300 requests/s,
p99 1.1–1.7 s → 45 ms.

- `freeze_for_workers()`, after the warm-up: the master's objects move to the garbage
  collector's permanent generation (`gc.freeze`, as Python's documentation advises for servers
  that fork). A worker's collections then never walk the inherited objects, so they neither
  cost the time nor write to (and so copy) the memory pages it shares with the master.
- `leave_quickly()`, gunicorn's `worker_exit` hook: a worker that exits cleanly (recycled after
  GUNICORN_MAX_REQUESTS, or stopped) flushes what must not be lost — its request counts for
  /metrics, its log handlers — closes its database connections and ends with `os._exit`.
  Python's own shutdown would tear down every inherited object one by one, copying the
  shared pages as it goes: a few hundred milliseconds of CPU per worker, and under load all
  workers recycle within moments of each other.
"""

from __future__ import annotations

import gc
import io
import logging
import os
import sys
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.db import connections

from portal import metrics

logger = logging.getLogger(__name__)

# A session cookie that matches no session: the page cache (portal.page_cache) does not
# answer for it, so the request renders the page; the session stays empty and is not saved.
WARM_UP_COOKIE = "keko-warm-up"
PATHS = ("/", "/search/?q=keko")


def _environ(path: str) -> dict:
    """A GET of `path` as the site's own address (BASE_URL) would receive it."""
    base = urlsplit(settings.BASE_URL)
    secure = base.scheme == "https"
    path_info, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SERVER_NAME": base.hostname or "localhost",
        "SERVER_PORT": str(base.port or (443 if secure else 80)),
        "HTTP_HOST": base.netloc,
        "HTTP_COOKIE": f"{settings.SESSION_COOKIE_NAME}={WARM_UP_COOKIE}",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": base.scheme,
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if secure:  # behind the TLS proxy (settings.SECURE_PROXY_SSL_HEADER): no redirect
        environ["HTTP_X_FORWARDED_PROTO"] = "https"
    return environ


def _language_paths() -> list[str]:
    """PATHS in every language of the site (the default one has no prefix)."""
    default = settings.LANGUAGE_CODE
    prefixes = [""] + [f"/{code}" for code, _name in settings.LANGUAGES if code != default]
    return [prefix + path for prefix in prefixes for path in PATHS]


def warm_up(application) -> tuple[int, float]:
    """Send the warm-up requests through `application` (a WSGI callable); returns (answered
    with 200, seconds). Never raises; always closes the connections it opened."""
    started = time.monotonic()
    answered = 0
    statuses: list[str] = []
    try:
        for path in _language_paths():
            status_line: list[str] = []

            def start_response(status, headers, exc_info=None, _line=status_line):
                _line.append(status)

            body = application(_environ(path), start_response)
            try:
                for _chunk in body:
                    pass
            finally:
                if hasattr(body, "close"):
                    body.close()
            statuses.append(f"{path} {status_line[0] if status_line else '?'}")
            answered += bool(status_line) and status_line[0].startswith("200")
    except Exception:
        logger.warning("Warm-up before forking the workers failed", exc_info=True)
    finally:
        metrics.discard_pending()  # not visitors' requests; every worker would count them
        for connection in connections.all(initialized_only=True):
            # The master holds no transaction; one open here is a caller's (a test's).
            if not connection.in_atomic_block:
                connection.close()
        for cache in caches.all(initialized_only=True):
            cache.close()
    seconds = time.monotonic() - started
    logger.info("Warmed up before forking: %s (%.1f s)", ", ".join(statuses), seconds)
    return answered, seconds


def freeze_for_workers() -> int:
    """In the master, after the warm-up and before the first fork: every object so far goes
    to the permanent generation, which the workers' garbage collections leave alone. Returns
    how many objects were frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def leave_quickly(worker) -> None:
    """gunicorn's `worker_exit` hook: end a worker that exits cleanly without Python's slow
    shutdown (see the module's docstring). A worker leaving with an error code (it could not
    load the application: the master must see that code) and the master itself (gunicorn also
    calls this hook there, for a worker that had already vanished) take the normal way."""
    if os.getpid() != worker.pid:
        return
    leaving = sys.exc_info()[1]
    if not isinstance(leaving, SystemExit) or leaving.code not in (0, None):
        return
    try:
        metrics.flush_pending()
        for connection in connections.all(initialized_only=True):
            connection.close()
        for cache in caches.all(initialized_only=True):
            cache.close()
    except Exception:
        logger.warning("A recycled worker could not close everything", exc_info=True)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
