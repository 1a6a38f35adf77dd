"""Task rows left RUNNING by a worker that was killed: settle them when a worker starts.

django-tasks' database worker marks a row RUNNING when it takes it and SUCCESSFUL or FAILED
when the task returns; a worker killed in between (SIGKILL, out of memory, a reboot) leaves
the row RUNNING for ever and nobody runs the task again. Our `manage.py db_worker`
(portal/management/commands/db_worker.py) names each worker by its process identity
(`portal.processes`) and, before taking new work, looks at the RUNNING rows: a row whose
worker ran on this host and is dead is

- put back in the queue (READY) when its task is safe to run again (RESUMABLE: the
  newsletter send, which continues where the dead worker stopped and never sends a message
  twice), so the restarted worker carries on by itself;
- marked FAILED otherwise, with a sentence saying the worker stopped, so staff see an
  outcome and can start it again.

Rows of workers on other hosts are left to those hosts' workers when they restart.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError
from django.utils import timezone

from portal import processes

logger = logging.getLogger(__name__)

# Tasks that may run again after their worker died: idempotent, resuming where it stopped.
RESUMABLE = frozenset({"newsletter.tasks.send_issue"})
DIED = "The worker running this task stopped before the task finished (the process ended)."


def recover_abandoned_tasks(backend_name: str = "default") -> dict[str, int]:
    """Settle the RUNNING rows of dead workers on this host; returns counts."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    counts = {"requeued": 0, "failed": 0}
    try:
        running = list(
            DBTaskResult.objects.filter(
                status=TaskResultStatus.RUNNING, backend_name=backend_name
            ).values_list("id", "task_path", "worker_ids")
        )
        for pk, task_path, worker_ids in running:
            worker = worker_ids[-1] if worker_ids else ""
            if not processes.is_dead(worker):
                continue
            rows = DBTaskResult.objects.filter(pk=pk, status=TaskResultStatus.RUNNING)
            if task_path in RESUMABLE:
                changed = rows.update(status=TaskResultStatus.READY, started_at=None)
                counts["requeued"] += changed
                logger.warning("Task %s (%s) of dead worker %s queued again", pk, task_path, worker)
            else:
                changed = rows.update(
                    status=TaskResultStatus.FAILED,
                    finished_at=timezone.now(),
                    exception_class_path="portal.task_recovery.WorkerDied",
                    traceback=DIED,
                )
                counts["failed"] += changed
                logger.warning("Task %s (%s) of dead worker %s failed", pk, task_path, worker)
    except DatabaseError:
        logger.exception("Could not look for tasks of dead workers")
    return counts
