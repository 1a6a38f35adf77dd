"""`manage.py backup [--output DIR]`: the database and uploaded files in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "Write a consistent, timestamped backup archive (database + media) and print its path."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="var/backups", help="folder (var/backups)")

    def handle(self, *args, output, **options):
        try:
            archive = backup_write(Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(archive))
