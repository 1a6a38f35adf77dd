"""`manage.py db_worker`: django-tasks-db's worker, made to outlive a database outage.

django-tasks-db's own worker exits with a traceback on the first error that is not a locked
SQLite database, so a database restart or a network blip stopped background work for good.
This command (the `portal` app comes first in INSTALLED_APPS, so it takes the name) runs the
same worker and, when the database cannot be reached, logs one line, waits with a growing
pause (1, 2, 4 … up to --max-backoff seconds) and carries on; Ctrl-C and SIGTERM still stop
it at once while it waits. Everything else (arguments, claiming, signals) is the library's.

It also keeps a heartbeat (portal.worker_liveness): a task left RUNNING by a worker that died
half way is queued again once that worker has been silent for --reclaim-after seconds. The
worker id defaults to this process's identity (host:pid:start), and before taking work the
worker settles at once the rows left RUNNING by dead workers on this host
(portal.task_recovery), so a restarted worker continues a killed send by itself.
"""

from __future__ import annotations

import logging
import time

from django.db import close_old_connections, connections
from django_tasks_db.management.commands import db_worker as library

from portal import processes, worker_liveness
from portal.kernel import failures
from portal.outage import is_outage
from portal.task_recovery import recover_abandoned_tasks

logger = logging.getLogger("portal.worker")

DEFAULT_MAX_BACKOFF = 5.0
DEFAULT_RECLAIM_AFTER = 60.0


def pause_for(attempt: int, max_backoff: float) -> float:
    """Seconds to wait before the `attempt`-th retry (1, 2, 4 … capped)."""
    return min(max_backoff, 2.0 ** max(0, attempt - 1))


drop_connections = worker_liveness.drop_connections


class TaskInterrupted(Exception):
    """The task in hand lost its database; it goes back to the queue once the database returns."""

    def __init__(self, task_id, error: BaseException):
        super().__init__(str(error))
        self.task_id = task_id
        self.error = error


def requeue(task_id) -> bool:
    """Put a task this worker had claimed back in the queue (unless it used up its attempts)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.filter(id=task_id, status=TaskResultStatus.RUNNING).first()
    if task is None:
        return False
    return worker_liveness.requeue_or_fail(task, "lost its database") == "requeued"


class ResilientWorker(library.Worker):
    max_backoff = DEFAULT_MAX_BACKOFF
    reclaim_after = DEFAULT_RECLAIM_AFTER

    def run_task(self, db_task_result) -> None:
        record_failure = db_task_result.set_failed

        def set_failed(error: BaseException) -> None:
            # A task that failed because the database went away did not fail: run it again.
            if is_outage(error):
                raise TaskInterrupted(db_task_result.id, error) from error
            failures.remember_task_error(db_task_result.id, error)
            record_failure(error)

        db_task_result.set_failed = set_failed
        super().run_task(db_task_result)

    def run(self) -> None:
        if self.batch:
            # A batch run (cron, tests) ends when the queue is empty: it reclaims nothing.
            self._run_resiliently()
            return
        heartbeat = worker_liveness.Heartbeat(self.worker_id, self.reclaim_after, self.backend_name)
        heartbeat.start()
        try:
            self._run_resiliently()
        finally:
            heartbeat.stop()
            heartbeat.join(timeout=5)

    def _run_resiliently(self) -> None:
        failures = 0
        interrupted = None
        while self.running:
            try:
                if failures:
                    connections["default"].ensure_connection()
                    logger.info("Worker %s reconnected to the database", self.worker_id)
                    failures = 0
                if interrupted is not None:
                    requeue(interrupted)
                    interrupted = None
                super().run()
                return
            except Exception as error:
                if isinstance(error, TaskInterrupted):
                    interrupted = error.task_id
                    error = error.error
                elif not is_outage(error):
                    raise
                failures += 1
                # Started once: no thundering-herd delay on every reconnection.
                self.startup_delay = False
                pause = pause_for(failures, self.max_backoff)
                reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
                logger.warning(
                    "Database unavailable (%s: %s); worker %s tries again in %.0f s",
                    type(error).__name__,
                    reason,
                    self.worker_id,
                    pause,
                )
                drop_connections()
                self._wait(pause)
                if self.running:
                    close_old_connections()

    def _wait(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while self.running and time.monotonic() < deadline:
            time.sleep(min(0.25, deadline - time.monotonic()) if seconds > 0 else 0)


class Command(library.Command):
    help = library.Command.help + " (waits and retries while the database is away)"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--max-backoff",
            type=float,
            default=DEFAULT_MAX_BACKOFF,
            help="Longest pause between reconnection attempts, in seconds (default: %(default)s)",
        )
        parser.add_argument(
            "--reclaim-after",
            type=float,
            default=DEFAULT_RECLAIM_AFTER,
            help="Requeue a task left running by a worker silent this long, in seconds "
            "(default: %(default)s)",
        )
        parser.set_defaults(worker_id=processes.identity())

    def handle(self, *args, max_backoff: float, reclaim_after: float, **options) -> None:
        ResilientWorker.max_backoff = max(0.1, max_backoff)
        ResilientWorker.reclaim_after = max(1.0, reclaim_after)
        self.configure_logging(options["verbosity"])
        recover_abandoned_tasks(options["backend_name"])
        original = library.Worker
        library.Worker = ResilientWorker
        try:
            super().handle(*args, **options)
        finally:
            library.Worker = original
