"""Export the ecosystem register: JSON, CSV, XLSX, GraphML or HSDS 3.0 (ecosystem.exchange)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ecosystem.exchange.exporting import FORMATS, PUBLIC_ONLY_FORMATS, register_export


class Command(BaseCommand):
    help = (
        "Export the ecosystem register. json and xlsx are lossless copies; csv writes a "
        "directory of files (or a .zip); graphml the register graph; hsds a directory of "
        "HSDS 3.0 organizations.json, services.json and service_at_locations.json."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, required=True, help="Export format.")
        parser.add_argument(
            "-o", "--output", required=True, help="File, or directory for csv and hsds."
        )
        parser.add_argument(
            "--public-only",
            action="store_true",
            help="Leave out partner-only records (graphml and hsds only).",
        )

    def handle(self, *args, format, output, public_only, **options):
        if public_only and format not in PUBLIC_ONLY_FORMATS:
            raise CommandError(
                _("--public-only works with %(formats)s; json, csv and xlsx are full copies.")
                % {"formats": ", ".join(PUBLIC_ONLY_FORMATS)}
            )
        path = Path(output)
        if format == "hsds" and path.exists() and not path.is_dir():
            raise CommandError(
                _("%(path)s is a file; HSDS is written to a directory.") % {"path": path}
            )
        try:
            register_export(format=format, path=path, public_only=public_only)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(reason)s") % {"path": path, "reason": error.strerror}
            ) from error
        self.stdout.write(
            _("Exported the register as %(format)s to %(path)s.") % {"format": format, "path": path}
        )
