"""Import the ecosystem register from JSON, XLSX or CSV, all or nothing (ecosystem.exchange)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecosystem.exchange.importing import register_import
from ecosystem.exchange.problems import ImportRefused


class Command(BaseCommand):
    help = (
        "Import the ecosystem register from a .json, .xlsx, .zip or .csv file or a directory "
        "of CSV files. Records are upserted by UUID; any invalid row refuses the whole file."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file or CSV directory to import.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and report what would change, without saving anything.",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete stored records of the kinds in the file that the file lacks.",
        )

    def handle(self, *args, path, dry_run, replace, **options):
        try:
            result = register_import(path=path, dry_run=dry_run, replace=replace)
        except ImportRefused as refused:
            for line in refused.messages():
                self.stderr.write(line)
            count = len(refused.problems)
            raise CommandError(
                ngettext(
                    "Nothing was imported: %(count)d problem in %(path)s.",
                    "Nothing was imported: %(count)d problems in %(path)s.",
                    count,
                )
                % {"count": count, "path": path}
            ) from None
        for line in result.lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(_("Dry run: nothing was saved."))
        else:
            self.stdout.write(self.style.SUCCESS(_("Import done.")))
