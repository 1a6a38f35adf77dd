"""The shared shape of the all-or-nothing import commands (import_ecosystem, import_indicators):
a refused file prints every problem to stderr and exits non-zero; an accepted one prints what
changed, or that a dry run saved nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.kernel.problems import ImportRefused


class ImportCommand(BaseCommand):
    """Subclasses describe the file in `path_help`, add their own options in
    `add_import_arguments` and run the import in `run_import`, which returns an object with
    `lines()` or raises ImportRefused."""

    path_help = "The file to import."

    def add_arguments(self, parser):
        parser.add_argument("path", help=self.path_help)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and report what would change, without saving anything.",
        )
        self.add_import_arguments(parser)

    def add_import_arguments(self, parser) -> None:
        """Options of this import besides the path and --dry-run."""

    def run_import(self, *, path: str, dry_run: bool, **options: Any) -> Any:
        raise NotImplementedError

    def handle(self, *args, path, dry_run, **options):
        try:
            result = self.run_import(path=path, dry_run=dry_run, **options)
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
