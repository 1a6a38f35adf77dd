"""Importing a register file: all or nothing, upsert by UUID, optionally replacing.

`register_import()` reads the file (ecosystem.exchange.reading), checks every record
(ecosystem.exchange.validation) and writes the plan (ecosystem.exchange.writing) in one
transaction. Any problem refuses the whole file with ImportRefused and nothing is written.

- Records are matched by their UUID: known ones are updated, new ones created; a record
  whose data already matches is left alone (counted "unchanged").
- A record replaces the stored one whole: a field the file leaves out takes its default.
  A service's organisations and channels and a path's steps belong to the record; the
  file's list replaces the stored one. (A spreadsheet without the child sheet leaves them.)
- Nothing is deleted unless `replace` is given: then stored records of each kind the file
  carries, but absent from it, are deleted (with what cascades from them). Kinds the file
  does not carry are never deleted.
- `dry_run` (the check) plans the import and counts what --replace would delete, cascades
  included, by reading only: it never takes the database's write lock, so on SQLite (one
  write lock for the whole file) a check of a large file does not stop sign-ins and edits.
- A real import plans (reads and checks, the long part) before its write transaction and
  writes the plan in one transaction, so the write lock is held only while writing. If the
  register changed in between (its data version moved), it plans again inside the
  transaction.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, IntegrityError, transaction
from django.utils.translation import gettext as _

from ecosystem.exchange.reading import read_input
from ecosystem.exchange.spec import KINDS, TOP_LEVEL
from ecosystem.exchange.validation import plan_import
from ecosystem.exchange.writing import count_deletions, write_plan
from ecosystem.register.versioning import data_version
from portal.kernel.failures import file_kind, import_failures_logged
from portal.kernel.problems import ImportRefused, Problem

OUTCOMES = ("created", "updated", "unchanged", "deleted")


@dataclass
class ImportResult:
    """What an import did (or, for a dry run, would do), per kind of record."""

    counts: dict[str, Counter] = field(default_factory=dict)
    dry_run: bool = False
    source: str = ""
    # Record by record (created, changed field by field, deleted) and warnings: the preview.
    details: dict = field(default_factory=dict)

    def total(self, outcome: str) -> int:
        """Records with the outcome over every kind."""
        return sum(counter[outcome] for counter in self.counts.values())

    def rows(self) -> list[dict]:
        """One dict per kind in the file: kind label and the four counts (for templates)."""
        return [
            {
                "key": kind.key,
                "label": str(kind.model._meta.verbose_name_plural).capitalize(),
                **{outcome: self.counts[kind.key][outcome] for outcome in OUTCOMES},
            }
            for kind in TOP_LEVEL
            if kind.key in self.counts
        ]

    def lines(self) -> list[str]:
        """Translated lines, e.g. 'Services: 3 created, 1 updated, 80 unchanged, 0 deleted'."""
        return [
            _(
                "%(kind)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
                "%(deleted)d deleted"
            )
            % {"kind": row["label"], **{outcome: row[outcome] for outcome in OUTCOMES}}
            for row in self.rows()
        ]


def register_import(
    *, path: Path | str, source: str | None = None, dry_run: bool = False, replace: bool = False
) -> ImportResult:
    """Import the register file at path (see the module docstring).

    Raises ImportRefused, listing every problem, when the file cannot be imported whole
    (and logs the refusal once, without the file's name or content: portal.kernel.failures).
    """
    kind = file_kind(source, path)
    with import_failures_logged("register", kind, dry_run=dry_run):
        return _register_import(path=path, source=source, dry_run=dry_run, replace=replace)


def _register_import(
    *, path: Path | str, source: str | None, dry_run: bool, replace: bool
) -> ImportResult:
    parsed = read_input(Path(path), source)
    result = ImportResult(dry_run=dry_run, source=source or Path(path).name)
    try:
        version = data_version()
        plan = plan_import(parsed, replace=replace)
        if dry_run:
            deleted = count_deletions(plan)
        else:
            with transaction.atomic():
                if data_version() != version:  # someone changed the register meanwhile
                    plan = plan_import(parsed, replace=replace)
                deleted = write_plan(plan)
        for key in plan.kinds:
            result.counts[key] = Counter(plan.counts[key])
        result.details = plan.preview.as_dict()
        for key, count in deleted.items():
            if KINDS[key].parent is None:
                result.counts.setdefault(key, Counter())["deleted"] += count
    except IntegrityError as error:
        raise ImportRefused(
            [
                Problem(
                    None,
                    _("The database refused the import, so nothing was saved: %(reason)s")
                    % {"reason": str(error).splitlines()[0][:300]},
                )
            ]
        ) from error
    except DatabaseError as error:
        raise ImportRefused(
            [
                Problem(
                    None,
                    _("The import could not be saved, so nothing was saved: %(reason)s")
                    % {"reason": str(error).splitlines()[0][:300]},
                )
            ]
        ) from error
    return result
