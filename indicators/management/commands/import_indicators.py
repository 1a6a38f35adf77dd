"""Import labour-market indicators from a CSV or XLSX file, all or nothing."""

from __future__ import annotations

from indicators.exchange.importing import indicators_import
from portal.kernel.import_command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import indicator values from a .csv, .txt or .xlsx file: a tidy table (alue, "
        "indikaattori, ryhmä, kuukausi, arvo) or the tables of the employment bulletin as "
        "printed. Any invalid row refuses the whole file."
    )
    path_help = "The .csv or .xlsx file to import."

    def add_import_arguments(self, parser):
        parser.add_argument(
            "--source",
            default="",
            help="The source stored with every value, e.g. 'Työllisyyskatsaus 3/2026'.",
        )

    def run_import(self, *, path, dry_run, source, **options):
        return indicators_import(path=path, dry_run=dry_run, source=source)
