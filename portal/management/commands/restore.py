"""`manage.py restore ARCHIVE [--force]`: put a backup back (database + media)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an empty installation (--force: replace a non-empty "
        "one). Newsletter unsubscribes and erasures made since the backup stay in force."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true", help="replace existing content")

    def handle(self, *args, archive, force, **options):
        try:
            outcome = backup_restore(Path(archive), force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the backup of {outcome['created']}; "
            f"{outcome['suppressed_again']} subscriber(s) kept unsubscribed or erased."
        )
