"""Task rows left RUNNING by a worker that was killed: settle them when a worker starts.

django-tasks' database worker marks a row RUNNING when it takes it and SUCCESSFUL or FAILED
when the task returns; a worker killed in between (SIGKILL, out of memory, a reboot) leaves
the row RUNNING for ever and nobody runs the task again. Our `manage.py db_worker`
(portal/management/commands/db_worker.py) names each worker by its process identity
(`portal.processes`) and, before taking new work, looks at the RUNNING rows: a row whose
worker ran on this host and is dead is

- put back in the queue (READY), so the restarted worker carries on by itself: the
  newsletter send continues where the dead worker stopped and never sends a message twice,
  and every other task writes in one transaction, so nothing of the killed run remains;
- marked FAILED once it has used up its attempts (portal.worker_liveness.MAX_ATTEMPTS),
  with a sentence saying why, so a task that kills its worker cannot loop for ever.

Rows of workers on other hosts are left to those hosts' workers when they restart.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError

from portal import processes
from portal.worker_liveness import requeue_or_fail

logger = logging.getLogger(__name__)


def recover_abandoned_tasks(backend_name: str = "default") -> dict[str, int]:
    """Settle the RUNNING rows of dead workers on this host; returns counts."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    counts = {"requeued": 0, "failed": 0}
    try:
        running = DBTaskResult.objects.filter(
            status=TaskResultStatus.RUNNING, backend_name=backend_name
        )
        for task in running:
            worker = task.worker_ids[-1] if task.worker_ids else ""
            if not processes.is_dead(worker):
                continue
            # Queued again (the tasks write in one transaction or resume where they
            # stopped), failed only after the attempts portal.worker_liveness allows.
            outcome = requeue_or_fail(task, f"lost its worker {worker}")
            if outcome:
                counts[outcome] += 1
    except DatabaseError as error:
        # The database is away (the worker may start during an outage): one line, no
        # traceback; the worker's own loop waits for the database and the next start looks
        # again.
        logger.warning(
            "Could not look for tasks of dead workers: database unavailable (%s)",
            type(error).__name__,
        )
    return counts
