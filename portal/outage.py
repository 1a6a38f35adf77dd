"""What a visitor gets while the database cannot be reached: a translated 503 page.

A database restart or a network blip must not show a 500 page, a traceback or the driver's
message. Anonymous pages already in the page cache keep being served (portal.page_cache runs
before this middleware and never touches the database on a hit); every other request gets
the 503 page with `Retry-After`, and the portal serves again by itself as soon as the
database answers (Django's connection health checks reconnect on the next request).

Two ways in: the middleware turns an error raised by a view (or its template) into the 503
page before Django logs it as a server error, and `server_error`, the project's handler500,
does the same for an error raised in a middleware (sessions, allauth's user sessions).
"""

from __future__ import annotations

import logging
import sys
import threading
import time

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger("portal.outage")

# Seconds a client (or a proxy) is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30
# One log line per process at most this often while the database is away, not one a request.
LOG_INTERVAL_SECONDS = 10.0

_log_lock = threading.Lock()
_last_logged = 0.0


def is_outage(error: BaseException | None) -> bool:
    """Whether `error` means the database cannot be reached (or is refusing work) right now."""
    return isinstance(error, (OperationalError, InterfaceError))


def _log_outage(request, error: BaseException) -> None:
    global _last_logged
    now = time.monotonic()
    with _log_lock:
        if now - _last_logged < LOG_INTERVAL_SECONDS:
            return
        _last_logged = now
    # The driver's message names the server and the reason; no traceback, no request data.
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    logger.warning(
        "Database unavailable, answering 503 (%s %s): %s: %s",
        request.method if request is not None else "-",
        request.path if request is not None else "-",
        type(error).__name__,
        reason,
    )


def outage_response(request=None) -> HttpResponse:
    """The translated 503 page, rendered without a request so that nothing in it needs the
    database (the same rule as the 500 page)."""
    content = loader.get_template("503.html").render()
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response.keko_outage = True
    return response


class DatabaseOutageMiddleware:
    """Turns a database connection error raised by a view into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_outage(exception):
            return None
        _log_outage(request, exception)
        return outage_response(request)


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """handler500: the 503 page when the error is the database being away, else the 500 page."""
    error = sys.exc_info()[1]
    if is_outage(error):
        _log_outage(request, error)
        response = outage_response(request)
        # Logged above in one line; Django would log it again as an error with a traceback.
        response._has_been_logged = True
        return response
    try:
        template = loader.get_template(template_name)
    except Exception:
        return HttpResponseServerError(b"<h1>Server Error (500)</h1>", content_type="text/html")
    return HttpResponseServerError(template.render())
