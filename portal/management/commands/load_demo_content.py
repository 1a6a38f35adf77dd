"""Load the demo content into an empty database, or restore it on request (`--reset`)."""

from django.core.management.base import BaseCommand, CommandError

from portal.demo import content_found, load_demo


class Command(BaseCommand):
    help = (
        "Load the KEKO demo content (site pages, ecosystem register, newsletter, steering area) "
        "into an empty database. With --reset, restore the demo over existing content: the "
        "demo register records get their demo values back, deleted demo pages and records come "
        "back (content that is not part of the demo stays). Asks for confirmation unless --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Restore the demo content even though the database holds content.",
        )
        parser.add_argument(
            "--yes",
            "--noinput",
            "--no-input",
            action="store_true",
            dest="yes",
            help="Do not ask for confirmation (with --reset).",
        )

    def handle(self, *args, reset=False, yes=False, **options):
        found = content_found()
        if found and not reset:
            self.stdout.write(
                "The database holds content ("
                + ", ".join(found)
                + "): the demo is not loaded and nothing is changed. "
                "`manage.py load_demo_content --reset` restores the demo content."
            )
            return
        if found and not yes:
            self.stdout.write(
                "This restores the demo content: every demo organisation, service, relation "
                "and service path gets its demo values back (edits to them are lost), and "
                "deleted demo records, pages, newsletter and steering-area items come back. "
                "Content that is not part of the demo is left as it is."
            )
            try:
                answer = input("Type 'yes' to continue: ")
            except EOFError:
                answer = ""
            if answer.strip().lower() != "yes":
                raise CommandError("Cancelled: nothing was changed.")
        for summary in load_demo():
            self.stdout.write(summary)
