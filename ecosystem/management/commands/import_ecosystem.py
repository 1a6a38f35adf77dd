"""Import the ecosystem register from JSON, XLSX or CSV, all or nothing (ecosystem.exchange)."""

from __future__ import annotations

from ecosystem.exchange.importing import register_import
from portal.kernel.import_command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import the ecosystem register from a .json, .xlsx, .zip or .csv file or a directory "
        "of CSV files. Records are upserted by UUID; any invalid row refuses the whole file."
    )
    path_help = "The file or CSV directory to import."

    def add_import_arguments(self, parser):
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete stored records of the kinds in the file that the file lacks.",
        )

    def run_import(self, *, path, dry_run, replace, **options):
        return register_import(path=path, dry_run=dry_run, replace=replace)
