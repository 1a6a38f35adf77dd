"""Subscriber CSV import and export from the command line (same rules as the admin)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsletter import conf
from newsletter.services.subscriber_csv import ImportFailed, export_csv, import_csv


class Command(BaseCommand):
    help = (
        "export [--output FILE]: subscribers as CSV (standard output by default). "
        "import FILE --basis TEXT: all-or-nothing import; nobody who unsubscribed is added back."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "import"])
        parser.add_argument("file", nargs="?")
        parser.add_argument("--output", "-o")
        parser.add_argument("--basis", default="", help="How these people agreed (import).")

    def handle(self, *args, action, file=None, output=None, basis="", **options):
        if action == "export":
            if output:
                with open(output, "w", encoding="utf-8", newline="") as stream:
                    count = export_csv(stream)
                self.stderr.write(f"Exported {count} subscribers to {output}.")
            else:
                export_csv(self.stdout)
            return
        if not file:
            raise CommandError("Give the CSV file to import.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        if path.stat().st_size > conf.get("NEWSLETTER_IMPORT_MAX_BYTES"):
            raise CommandError("The file is too large.")
        try:
            result = import_csv(path.read_bytes(), basis=basis, language="en")
        except ImportFailed as failure:
            raise CommandError("Nothing was imported.\n" + str(failure)) from failure
        self.stdout.write(
            f"Imported {result.rows} rows: {result.new_subscribers} new subscribers, "
            f"{result.subscriptions_added} subscriptions added, {result.already_subscribed} "
            f"already subscribed, {result.left_off_unsubscribed} left off (unsubscribed)."
        )
