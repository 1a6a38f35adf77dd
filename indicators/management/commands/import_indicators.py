"""Import labour-market indicators from a CSV or XLSX file, all or nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from indicators.exchange.importing import ImportRefused, indicators_import


class Command(BaseCommand):
    help = (
        "Import indicator values from a .csv, .txt or .xlsx file: a tidy table (alue, "
        "indikaattori, ryhmä, kuukausi, arvo) or the tables of the employment bulletin as "
        "printed. Any invalid row refuses the whole file."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .csv or .xlsx file to import.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and report what would change, without saving anything.",
        )
        parser.add_argument(
            "--source",
            default="",
            help="The source stored with every value, e.g. 'Työllisyyskatsaus 3/2026'.",
        )

    def handle(self, *args, path, dry_run, source, **options):
        try:
            summary = indicators_import(path=path, dry_run=dry_run, source=source)
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
        for line in summary.lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(_("Dry run: nothing was saved."))
        else:
            self.stdout.write(self.style.SUCCESS(_("Import done.")))
