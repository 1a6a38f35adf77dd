"""Which task workers are alive, and what happens to the tasks of one that is not.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again, so a
worker killed half way (SIGKILL, out of memory, a lost machine) left its task RUNNING for
ever: nobody finished or retried it. Each worker (portal's `db_worker`) now writes a heartbeat
row every few seconds from a thread of its own, and every worker checks, now and then, for
RUNNING tasks whose worker has been silent longer than `reclaim_after` seconds: such a task
goes back to the queue (READY) and the next free worker runs it again from the start, at most
MAX_ATTEMPTS times in all. That is safe because the long tasks leave nothing half-written when
cut short: an import and a snapshot write in one transaction (which the database rolls back
when the connection dies), the analysis and the dashboard metrics write the cache only when
they are done, and a newsletter send resumes through its own lease and journal.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from datetime import timedelta

from django.db import connections, transaction
from django.utils import timezone

from portal.kernel.failures import log_failure, safe_message
from portal.models import WorkerHeartbeat

logger = logging.getLogger("portal.worker")

MAX_ATTEMPTS = 5


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "seen_at": timezone.now(),
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )


def forget(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def requeue_or_fail(task, reason: str) -> str:
    """Put a RUNNING task back in the queue, or mark it failed once it has used up its
    attempts. Only if it is still in the state we saw (another worker may have been quicker).
    Returns "requeued", "failed" or "" (someone else changed it first)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    unchanged = DBTaskResult.objects.filter(
        id=task.id, status=TaskResultStatus.RUNNING, started_at=task.started_at
    )
    if len(task.worker_ids) >= MAX_ATTEMPTS:
        updated = unchanged.update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path="portal.worker_liveness.TaskAbandoned",
            traceback=f"{reason}; given up after {len(task.worker_ids)} attempts",
        )
        if updated:
            log_failure(
                "task",
                "Task failed",
                task=task.task_path,
                task_id=str(task.id),
                backend=task.backend_name,
                attempt=len(task.worker_ids),
                attempts=MAX_ATTEMPTS,
                error="TaskAbandoned",
                message=safe_message(reason),
            )
        return "failed" if updated else ""
    updated = unchanged.update(status=TaskResultStatus.READY, started_at=None)
    if updated:
        logger.warning("Task %s (%s) %s; queued again", task.id, task.task_path, reason)
    return "requeued" if updated else ""


def reclaim_orphans(*, reclaim_after: float, backend_name: str) -> int:
    """Requeue the RUNNING tasks whose worker has been silent for `reclaim_after` seconds."""
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - timedelta(seconds=reclaim_after)
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True)
    )
    reclaimed = 0
    running = DBTaskResult.objects.running().filter(
        backend_name=backend_name, started_at__lt=cutoff
    )
    for task in running:
        owner = task.worker_ids[-1] if task.worker_ids else ""
        if owner in alive:
            continue
        with transaction.atomic():
            if requeue_or_fail(task, f"was left running by worker {owner or '?'}, now silent"):
                reclaimed += 1
    WorkerHeartbeat.objects.filter(seen_at__lt=cutoff - timedelta(days=1)).delete()
    return reclaimed


def drop_connections() -> None:
    """Forget every database connection of this thread: the next query opens a fresh one."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except Exception:
            # A connection to a server that went away may fail to close; it is gone anyway.
            connection.connection = None


class Heartbeat(threading.Thread):
    """Writes a worker's heartbeat every few seconds, whatever the worker's own thread is
    doing (a long task), and reclaims the tasks of silent workers — but only after having
    itself been connected for `reclaim_after` seconds: after a database outage every worker's
    heartbeat is old, and the living ones need a moment to beat again. An outage only skips
    beats."""

    def __init__(self, worker_id: str, reclaim_after: float, backend_name: str):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.interval = min(10.0, max(0.5, reclaim_after / 6))
        self.reclaim_after = reclaim_after
        self.backend_name = backend_name
        self.connected_since: float | None = None
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                beat(self.worker_id)
                now = time.monotonic()
                if self.connected_since is None:
                    self.connected_since = now
                elif now - self.connected_since >= self.reclaim_after:
                    reclaim_orphans(
                        reclaim_after=self.reclaim_after, backend_name=self.backend_name
                    )
            except Exception as error:
                self.connected_since = None
                logger.debug("Heartbeat of %s not written: %s", self.worker_id, error)
                drop_connections()
            self.stopped.wait(self.interval)
        try:
            forget(self.worker_id)
        except Exception:
            pass
        connections.close_all()

    def stop(self) -> None:
        self.stopped.set()
