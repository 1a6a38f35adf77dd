"""Export every indicator value as a tidy CSV file (the layout import_indicators reads)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from indicators.exchange.exporting import export_csv


class Command(BaseCommand):
    help = "Write all indicator values to PATH as CSV (UTF-8 with BOM, semicolons)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .csv file to write.")

    def handle(self, *args, path, **options):
        Path(path).write_bytes(export_csv())
        self.stdout.write(path)
