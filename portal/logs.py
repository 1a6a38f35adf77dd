"""Structured logs: one JSON object a line when LOG_FORMAT=json, and a request id in every line.

Each request gets an id (the proxy's `X-Request-ID` when it is a sane token, else a new one),
sent back in the `X-Request-ID` header and put on every log record written while the request
is served. A task enqueued during a request carries the id to the worker: the id is kept in
the cache under the task's id when it is enqueued and taken up again when a worker starts the
task, so the task's log lines name the request that caused them. Log lines never carry the
request's body, query string or cookies (no personal data): the message, the logger, the
level, the time, the request id and, for errors, the exception's type and traceback.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
TOKEN = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
CACHE_PREFIX = "keko:task-request:"
CACHE_SECONDS = 7 * 24 * 3600


class RequestIdFilter(logging.Filter):
    """Puts `record.request_id` on every record (a handler-level filter, so every logger)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
            "process": record.process,
        }
        failure = getattr(record, "failure", None)
        if failure is not None:  # portal.kernel.failures: the facts, as fields
            entry["failure"] = failure
        if record.exc_info:
            entry["exception"] = record.exc_info[0].__name__ if record.exc_info[0] else None
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class RequestIdMiddleware:
    """First in the chain: every later log line of the request carries its id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if TOKEN.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


def remember_for_task(sender, task_result, **kwargs) -> None:
    """django-tasks' task_enqueued: keep the enqueuing request's id for the worker."""
    request_id = request_id_var.get()
    if request_id == "-":
        return
    from django.core.cache import cache

    try:
        cache.set(f"{CACHE_PREFIX}{task_result.id}", request_id, CACHE_SECONDS)
    except Exception:
        pass  # a log detail must never stop a task from being enqueued


def adopt_for_task(sender, task_result, **kwargs) -> None:
    """django-tasks' task_started: the worker's log lines carry the request's id."""
    from django.core.cache import cache

    try:
        request_id = cache.get(f"{CACHE_PREFIX}{task_result.id}")
    except Exception:
        request_id = None
    request_id_var.set(request_id or f"task-{task_result.id}")


def adopt_finished(sender, task_result, **kwargs) -> None:
    request_id_var.set("-")


def logging_config(level: str, fmt: str) -> dict:
    """settings.LOGGING for LOG_FORMAT "text" (the default) or "json"."""
    formatter = (
        {"()": "portal.logs.JsonFormatter"}
        if fmt == "json"
        else {"format": "%(message)s"}  # as before: the message alone
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "portal.logs.RequestIdFilter"}},
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request_id"],
                "formatter": "default",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"django.db.backends": {"level": "INFO"}},
    }
