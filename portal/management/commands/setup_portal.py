"""Everything `make run` needs before serving. Content is never touched: the demo goes only into
an empty database (portal/demo.py says what empty means); later runs change no content."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import OperationalError, connection

from portal.config import fail


class Command(BaseCommand):
    help = (
        "Check the database, migrate, collect static files, load the demo content into an "
        "empty database, ensure an admin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-demo",
            action="store_true",
            help="Do not load the demo content (even into an empty database).",
        )
        parser.add_argument("--no-static", action="store_true", help="Skip collectstatic.")

    def handle(self, *args, no_demo=False, no_static=False, **options):
        try:
            connection.ensure_connection()
        except OperationalError as error:
            reason = str(error).strip().splitlines()[0] if str(error).strip() else "no answer"
            fail(f"cannot connect to the database given by DATABASE_URL ({reason}).")
        call_command("compile_translations", quiet=True)
        call_command("migrate", interactive=False, verbosity=0)
        if settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
            call_command("createcachetable", verbosity=0)
        if not no_static and not settings.DEBUG:
            call_command("collectstatic", interactive=False, verbosity=0)
        if not no_demo:
            call_command("load_demo_content", stdout=self.stdout)
        call_command("ensure_admin")
