"""`TASK_BACKEND=rq`: django-tasks-rq's backend, accepting the project's task priorities.

django-tasks-rq refuses any priority but the default at import time, while the register's
cache warm-up asks for a higher one (`@task(priority=10)`). RQ has no priorities, only the
front of the queue: a task with a priority above the default goes there.

The job and worker classes (settings.RQ) log a failed task once, without personal data
(portal.task_failures).
"""

import rq
from django_tasks.base import DEFAULT_TASK_PRIORITY, TASK_MAX_PRIORITY
from django_tasks_rq.backend import Job as LibraryJob
from django_tasks_rq.backend import RQBackend as LibraryRQBackend
from rq.job_lifecycle import call_exception_handlers

from portal.kernel import failures


class RQBackend(LibraryRQBackend):
    supports_priority = True

    def enqueue(self, task, args, kwargs):
        if task.priority > DEFAULT_TASK_PRIORITY:
            task = task.using(priority=TASK_MAX_PRIORITY)
        elif task.priority < DEFAULT_TASK_PRIORITY:
            task = task.using(priority=DEFAULT_TASK_PRIORITY)
        return super().enqueue(task, args, kwargs)


class Job(LibraryJob):
    """django-tasks-rq's job, handing the exception a task raised to the failure log
    (portal.kernel.failures): the result RQ has stored by then holds only its text."""

    def _execute(self):
        try:
            return super()._execute()
        except Exception as error:
            failures.remember_task_error(self.id, error)
            raise


class Worker(rq.Worker):
    """RQ's worker without its own failure record: it logged a failed job's traceback and
    arguments (personal data, possibly) at ERROR, a second record beside the one
    portal.task_failures writes. Nor does it log each job's arguments when it starts one."""

    log_job_description = False

    def __init__(self, *args, **kwargs):
        kwargs["log_job_description"] = False
        super().__init__(*args, **kwargs)

    def handle_exception(self, job, *exc_info):
        call_exception_handlers(self._exc_handlers, job, *exc_info)
