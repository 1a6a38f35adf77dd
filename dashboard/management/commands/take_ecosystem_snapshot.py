"""Freeze the ecosystem register in a snapshot (for cron / a scheduler).

    manage.py take_ecosystem_snapshot [--title "Ennen ohjausryhmän kokousta 3.6.2026"]
    manage.py take_ecosystem_snapshot --enqueue     # leave it to the task worker

Cron, e.g. every Monday at 6.00:
    0 6 * * 1  cd /srv/keko && .venv/bin/python manage.py take_ecosystem_snapshot
"""

from django.core.management.base import BaseCommand

from dashboard.models import SnapshotSource
from dashboard.snapshots import default_title, snapshot_take
from dashboard.tasks import take_ecosystem_snapshot


class Command(BaseCommand):
    help = "Take a snapshot of the ecosystem register (records and dashboard metrics)."

    def add_arguments(self, parser):
        parser.add_argument("--title", default="", help="Title (default: dated, in Finnish).")
        parser.add_argument(
            "--enqueue", action="store_true", help="Run it as a background task instead."
        )

    def handle(self, *args, title, enqueue, **options):
        if enqueue:
            result = take_ecosystem_snapshot.enqueue(title=title, source=SnapshotSource.SCHEDULED)
            self.stdout.write(f"Snapshot task enqueued ({result.id}).")
            return
        snapshot = snapshot_take(title=title or default_title(), source=SnapshotSource.SCHEDULED)
        counts = ", ".join(
            f"{len(snapshot.records[kind]['rows'])} {kind}" for kind in snapshot.records
        )
        self.stdout.write(f"Snapshot {snapshot.pk} “{snapshot.title}”: {counts}.")
