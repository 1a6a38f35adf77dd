"""Compile the project's .po files to .mo with polib, so no GNU gettext is needed."""

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.translations import compile_catalogues


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po into .mo files (no GNU gettext needed)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, quiet=False, **options):
        compiled = compile_catalogues(settings.LOCALE_PATHS)
        if not quiet:
            self.stdout.write(f"Compiled {compiled} translation file(s).")
