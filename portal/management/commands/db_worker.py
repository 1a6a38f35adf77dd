"""django-tasks' database worker, naming itself so that a dead worker's tasks can be settled.

Same options as django_tasks_db's `db_worker` (this command replaces it: `portal` comes first
in INSTALLED_APPS). The worker id defaults to this process's identity (host:pid:start), and
before taking work the worker settles the rows left RUNNING by dead workers on this host
(`portal.task_recovery`): a newsletter send goes back in the queue and continues.
"""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from portal import processes
from portal.task_recovery import recover_abandoned_tasks


class Command(DatabaseWorkerCommand):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=processes.identity())

    def handle(self, *args, **options):
        self.configure_logging(options["verbosity"])
        recover_abandoned_tasks(options["backend_name"])
        return super().handle(*args, **options)
