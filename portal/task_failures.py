"""A failed task is logged once, without personal data (portal.kernel.failures).

django-tasks logs a failed task with `logger.exception` (the traceback, exception messages
and all) and RQ's worker logs it again with the job's arguments; `portal.apps` replaces the
first receiver with `task_ended` below and `portal.tasks_rq.Worker` drops the second. Every
backend comes through here: the database worker (which hands over the exception it caught),
RQ (whose job class does the same) and the immediate backend (read from the result).
"""

from __future__ import annotations

import logging
from typing import Any

from django_tasks.base import TaskResultStatus

from portal.kernel.failures import end_task, error_fields, log_failure, safe_message
from portal.worker_liveness import MAX_ATTEMPTS

task_logger = logging.getLogger("django_tasks")


def _recorded_error(task_result) -> dict[str, Any]:
    """The error fields from a result's own record (the immediate backend's)."""
    errors = getattr(task_result, "errors", None) or []
    if not errors:
        return {"error": "", "message": ""}
    last = errors[-1]
    lines = [line for line in (last.traceback or "").strip().splitlines() if line.strip()]
    message = lines[-1] if lines else ""
    name = last.exception_class_path.rsplit(".", 1)[-1]
    for prefix in (f"{last.exception_class_path}: ", f"{name}: "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
            break
    else:
        message = "" if message in (last.exception_class_path, name) else message
    return {"error": name, "message": safe_message(message)}


def max_attempts(task_result) -> int:
    """The database backend runs a task again after its worker died or lost the database
    (portal.worker_liveness); RQ and the immediate backend run it once."""
    backend = type(task_result.task.get_backend())
    return MAX_ATTEMPTS if backend.__module__.startswith("django_tasks_db") else 1


def task_fields(task_result) -> dict[str, Any]:
    return {
        "task": task_result.task.module_path,
        "task_id": str(task_result.id),
        "backend": task_result.backend,
        "attempt": max(1, len(task_result.worker_ids or [])),
        "attempts": max_attempts(task_result),
    }


def task_ended(sender, task_result, **kwargs) -> None:
    """django-tasks' task_finished: an INFO line for a success, the one failure record for
    a failure (unless the task logged its failure itself: a send, with its counts)."""
    state = end_task(task_result.id)
    line = "Task id=%s path=%s state=%s"
    args = (task_result.id, task_result.task.module_path, task_result.status)
    if task_result.status != TaskResultStatus.FAILED:
        task_logger.info(line, *args)
        return
    if state is not None and state["logged"]:
        task_logger.info(line + " (failure logged above)", *args)
        return
    error = state["error"] if state is not None else None
    facts = error_fields(error) if error is not None else _recorded_error(task_result)
    log_failure("task", "Task failed", **task_fields(task_result), **facts)
