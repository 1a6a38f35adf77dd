"""`TASK_BACKEND=rq`: django-tasks-rq's backend, accepting the project's task priorities.

django-tasks-rq refuses any priority but the default at import time, while the register's
cache warm-up asks for a higher one (`@task(priority=10)`). RQ has no priorities, only the
front of the queue: a task with a priority above the default goes there.
"""

from django_tasks.base import DEFAULT_TASK_PRIORITY, TASK_MAX_PRIORITY
from django_tasks_rq.backend import RQBackend as LibraryRQBackend


class RQBackend(LibraryRQBackend):
    supports_priority = True

    def enqueue(self, task, args, kwargs):
        if task.priority > DEFAULT_TASK_PRIORITY:
            task = task.using(priority=TASK_MAX_PRIORITY)
        elif task.priority < DEFAULT_TASK_PRIORITY:
            task = task.using(priority=DEFAULT_TASK_PRIORITY)
        return super().enqueue(task, args, kwargs)
