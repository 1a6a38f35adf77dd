"""Opening an indicator file as tables of cells, within the size limits.

.csv, .tsv and .txt are delimited text (semicolons, tabs or commas, detected; a document's
text with tables pasted in works too: its table lines are tab separated); .xlsx a workbook.

A CSV file is one table; an XLSX workbook one table per sheet. A CSV cell starting with "="
and an XLSX formula cell become FORMULA (refused by the layout readers); a CSV cell guarded
by an apostrophe (the export's formula guard) loses it.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from portal.kernel.cells import decode_csv, unescape_csv_text
from portal.kernel.limits import check_size, check_zip
from portal.kernel.problems import ImportRefused, Location, Problem, ProblemList

EXTENSIONS = (".csv", ".xlsx", ".tsv", ".txt")
TEXT_EXTENSIONS = (".csv", ".tsv", ".txt")  # delimited text, the delimiter detected
MAX_ROWS = 100_000
MAX_COLUMNS = 200
FORMULA = object()  # marks a cell holding a spreadsheet formula


@dataclass
class Table:
    """One CSV file or XLSX sheet: rows as (row number as the spreadsheet shows it, cells)."""

    name: str
    is_sheet: bool
    rows: list[tuple[int, list[Any]]]

    def location(self, row: int | None = None) -> Location:
        return Location(self.name, row=row, sheet=self.is_sheet)


def _refuse(source: str, message: str) -> ImportRefused:
    return ImportRefused([Problem(Location(source), message)])


def _too_many_rows(table_name: str, is_sheet: bool) -> ImportRefused:
    return ImportRefused(
        [
            Problem(
                Location(table_name, sheet=is_sheet),
                _("Too many rows: at most %(n)d.") % {"n": MAX_ROWS},
            )
        ]
    )


def _delimiter(text: str) -> str:
    """The header line's delimiter; for text pasted from a document (a title first, no
    delimiter in it) the one most lines use, tabs first (tables copied from slides)."""
    lines = text.split("\n", 200)[:200]
    counts = {delimiter: lines[0].count(delimiter) for delimiter in (";", "\t", ",")}
    if not any(counts.values()):
        counts = {
            delimiter: sum(line.count(delimiter) >= 2 for line in lines)
            for delimiter in ("\t", ";", ",")
        }
        if counts["\t"]:
            return "\t"  # prose has commas; only tables have tabs
    return max(counts, key=lambda delimiter: counts[delimiter])


def read_csv(content: bytes, source: str) -> list[Table]:
    """One table from CSV bytes (encoding and delimiter detected)."""
    text = decode_csv(content)
    if "\x00" in text:
        raise _refuse(source, _("The file holds binary data, not CSV text."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[tuple[int, list[Any]]] = []
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            if number > MAX_ROWS:
                raise _too_many_rows(source, False)
            rows.append(
                (
                    number,
                    [
                        FORMULA if cell.startswith("=") else unescape_csv_text(cell)
                        for cell in cells[:MAX_COLUMNS]
                    ],
                )
            )
    except csv.Error as error:
        problems = ProblemList()
        problems.add(
            Location(source, row=number + 1),
            _("The CSV cannot be read: %(reason)s") % {"reason": str(error)},
        )
        problems.raise_if_any()
    return [Table(source, False, rows)]


def UNREADABLE_WORKBOOK() -> str:  # noqa: N802 - a translated constant
    return _(
        "The XLSX workbook cannot be read: a part of it is missing or damaged. Save it again "
        "from the spreadsheet program as an .xlsx workbook."
    )


def read_xlsx(path: Path, source: str) -> list[Table]:
    """One table per sheet of an XLSX workbook, read in openpyxl's read-only mode."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(path) as archive:
            message = check_zip(archive)
    except (zipfile.BadZipFile, OSError):
        message = _("The file is not an XLSX workbook (it cannot be opened as one).")
    if message:
        raise _refuse(source, message)
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # damaged parts, an entity bomb refused by defusedxml…
        # openpyxl's messages name the stored upload's path and are English: not shown.
        raise _refuse(source, UNREADABLE_WORKBOOK()) from None
    tables = []
    try:
        for worksheet in workbook.worksheets:
            rows = []
            for number, row in enumerate(worksheet.iter_rows(max_col=MAX_COLUMNS), start=1):
                if number > MAX_ROWS:
                    raise _too_many_rows(worksheet.title, True)
                rows.append(
                    (
                        number,
                        [
                            FORMULA if getattr(cell, "data_type", None) == "f" else cell.value
                            for cell in row
                        ],
                    )
                )
            tables.append(Table(worksheet.title, True, rows))
    except ImportRefused:
        raise
    except Exception:
        raise _refuse(source, UNREADABLE_WORKBOOK()) from None
    finally:
        workbook.close()
    return tables


def read_tables(path: Path, source: str | None = None) -> list[Table]:
    """The tables of the file at path; ImportRefused when it cannot be read.

    source is the name shown in messages (an uploaded file's own name), path's name by
    default; its extension decides the format.
    """
    path = Path(path)
    source = source or path.name
    if not path.is_file():
        raise _refuse(source, _("No such file."))
    message = check_size(path)
    if message:
        raise _refuse(source, message)
    suffix = Path(source).suffix.lower() or path.suffix.lower()
    if suffix in TEXT_EXTENSIONS:
        return read_csv(path.read_bytes(), source)
    if suffix == ".xlsx":
        return read_xlsx(path, source)
    raise _refuse(
        source,
        _("Unknown file type “%(suffix)s”: import a .csv, .txt or .xlsx file.")
        % {"suffix": suffix or "—"},
    )
