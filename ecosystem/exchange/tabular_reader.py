"""Reading spreadsheets: an XLSX workbook (one sheet per kind) or CSV files (one per kind).

A sheet's first row holds the Finnish column headers of ecosystem.exchange.spec: every
column must be there, none unknown. Empty rows are skipped. Child sheets (a service's
organisations and channels, a path's steps) refer to their parent by its UUID; the order of
their rows is the order of the children. A workbook or CSV set may carry only some kinds:
the others are left as they are.

CSV files may be UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252 (Excel's
"CSV" in Finland), separated by semicolons, commas or tabs. A CSV cell starting with "=" is
refused as a formula unless guarded by an apostrophe, which the CSV export adds.
"""

from __future__ import annotations

import csv
import io
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from ecosystem.exchange.records import ParsedInput, RawRecord
from ecosystem.exchange.spec import KINDS, SHEETS, KindSpec
from ecosystem.exchange.values import cell_value, reset_code_names, unescape_csv_text
from portal.kernel.cells import decode_csv
from portal.kernel.limits import check_zip
from portal.kernel.problems import Location, ProblemList

MAX_ROWS = 1_000_000
FORMULA = object()  # marks a cell holding a spreadsheet formula


@dataclass
class Sheet:
    """One sheet (XLSX) or CSV file: its kind, header and data rows (row number, cells)."""

    kind: KindSpec
    name: str
    is_sheet: bool
    header: list[str]
    rows: Iterator[tuple[int, list[Any]]]


def _location(sheet: Sheet, row: int) -> Location:
    return Location(sheet.name, row=row, sheet=sheet.is_sheet)


def _check_header(sheet: Sheet, problems: ProblemList) -> dict[str, int] | None:
    """{header: column index}, or None after reporting what is wrong with the header."""
    header = [str(cell).strip() if cell is not None else "" for cell in sheet.header]
    while header and header[-1] == "":
        header.pop()
    expected = sheet.kind.headers
    where = Location(sheet.name, row=1, sheet=sheet.is_sheet)
    ok = True
    missing = [name for name in expected if name not in header]
    if missing:
        problems.add(
            where,
            _("Missing columns: %(columns)s.") % {"columns": ", ".join(f"“{m}”" for m in missing)},
        )
        ok = False
    unknown = [name for name in header if name not in expected]
    if unknown:
        problems.add(
            where,
            _("Unknown columns: %(columns)s. The columns of this sheet are: %(expected)s.")
            % {
                "columns": ", ".join(f"“{name}”" for name in unknown),
                "expected": ", ".join(expected),
            },
        )
        ok = False
    duplicates = sorted({name for name in header if name and header.count(name) > 1})
    if duplicates:
        problems.add(
            where,
            _("Columns given twice: %(columns)s.")
            % {"columns": ", ".join(f"“{name}”" for name in duplicates)},
        )
        ok = False
    return {name: header.index(name) for name in expected} if ok else None


def _read_sheet(sheet: Sheet, problems: ProblemList) -> list[tuple[RawRecord, str | None]] | None:
    """The sheet's records, each with its parent's UUID (children) or None; None when the
    header is wrong (reported)."""
    columns = _check_header(sheet, problems)
    if columns is None:
        return None
    kind = sheet.kind
    labels = {spec.name: spec.header for spec in kind.tabular_fields}
    result = []
    for row_number, cells in sheet.rows:
        if row_number > MAX_ROWS:
            problems.add(
                _location(sheet, row_number), _("Too many rows: at most %(n)d.") % {"n": MAX_ROWS}
            )
            break
        if all(cell is None or str(cell).strip() == "" for cell in cells):
            continue
        location = _location(sheet, row_number)
        record = RawRecord(kind, location, {}, labels)
        for spec in kind.tabular_fields:
            index = columns[spec.header]
            cell = cells[index] if index < len(cells) else None
            if cell is FORMULA:
                problems.add(
                    location,
                    _("The cell holds a formula; enter the value itself."),
                    spec.header,
                )
                record.invalid.add(spec.name)
                continue
            try:
                record.values[spec.name] = cell_value(kind, spec, cell)
            except ValueError as error:
                problems.add(location, str(error), spec.header)
                record.invalid.add(spec.name)
        parent_id = None
        if kind.parent_header:
            index = columns[kind.parent_header]
            cell = cells[index] if index < len(cells) else None
            try:
                parent_id = cell_value(kind, KINDS[kind.parent].field("id"), cell)
            except ValueError as error:
                problems.add(location, str(error), kind.parent_header)
        if "id" not in record.invalid and not record.id:
            record.values["id"] = str(uuid.uuid4())
            record.new_id = True
        if record.id and not record.new_id:
            record.location = Location(
                location.source, row=location.row, sheet=location.sheet, record_id=record.id
            )
        result.append((record, parent_id))
    return result


def assemble(sheets: list[Sheet], format_name: str, problems: ProblemList) -> ParsedInput:
    """Top-level records with their children attached, from the sheets read."""
    by_kind: dict[str, list[tuple[RawRecord, str | None]]] = {}
    for sheet in sheets:
        if sheet.kind.key in by_kind:
            problems.add(
                Location(sheet.name, sheet=sheet.is_sheet),
                _("The same kind of records is given twice."),
            )
            continue
        rows = _read_sheet(sheet, problems)
        if rows is not None:
            by_kind[sheet.kind.key] = rows
    if len(by_kind) < len(sheets):
        problems.raise_if_any()  # a wrong header: the rows cannot be checked meaningfully
    records: dict[str, list[RawRecord]] = {}
    for kind in SHEETS:
        if kind.parent is None and kind.key in by_kind:
            records[kind.key] = [record for record, _parent in by_kind[kind.key]]
    for kind in SHEETS:
        if kind.parent is None or kind.key not in by_kind:
            continue
        parents = {record.id: record for record in records.get(kind.parent, []) if record.id}
        parent_kind = KINDS[kind.parent]
        if kind.parent not in records:
            problems.add(
                Location(kind.sheet if format_name == "xlsx" else kind.csv_name),
                _("These rows belong to the records of “%(parent)s”: import them together.")
                % {"parent": parent_kind.sheet if format_name == "xlsx" else parent_kind.csv_name},
            )
            problems.raise_if_any()
        for parent in parents.values():
            parent.children[kind.key] = []
        for record, parent_id in by_kind[kind.key]:
            if parent_id is None:
                continue  # already reported
            parent = parents.get(parent_id)
            if parent is None:
                problems.add(
                    record.location,
                    _("No record with this identifier in “%(parent)s” of the same import.")
                    % {
                        "parent": parent_kind.sheet
                        if format_name == "xlsx"
                        else parent_kind.csv_name
                    },
                    kind.parent_header,
                )
                continue
            siblings = parent.children[kind.key]
            record.values["sort_order"] = len(siblings)
            siblings.append(record)
    return ParsedInput(format_name, records, by_code=True, problems=problems)


# --- XLSX ----------------------------------------------------------------------------------

SHEET_KINDS = {kind.sheet: kind for kind in SHEETS}
# The import template's list of codes (a sheet, or a CSV file): skipped when reading.
CODE_SHEETS = ("Koodit",)
CODE_COLUMNS = ("Luettelo", "Koodi", "Suomeksi", "Ruotsiksi", "Englanniksi")
CSV_KINDS = {kind.csv_name: kind for kind in SHEETS}


def _xlsx_rows(worksheet) -> Iterator[tuple[int, list[Any]]]:
    for number, row in enumerate(worksheet.iter_rows(min_row=2), start=2):
        yield number, [FORMULA if cell.data_type == "f" else cell.value for cell in row]


def UNREADABLE_WORKBOOK() -> str:  # noqa: N802 - a translated constant
    return _(
        "The XLSX workbook cannot be read: a part of it is missing or damaged. Save it again "
        "from the spreadsheet program as an .xlsx workbook."
    )


def read_xlsx(path, source: str) -> ParsedInput:
    """Read an XLSX workbook; raise ImportRefused listing every problem."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    problems = ProblemList()
    reset_code_names()
    whole = Location(source)
    try:
        with zipfile.ZipFile(path) as archive:
            message = check_zip(archive)
    except (zipfile.BadZipFile, OSError):
        message = _("The file is not an XLSX workbook (it cannot be opened as one).")
    if message:
        problems.add(whole, message)
        problems.raise_if_any()
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        # openpyxl's messages name the stored upload's path and are English: not shown.
        problems.add(whole, UNREADABLE_WORKBOOK())
        problems.raise_if_any()
    except Exception:  # a damaged XML part, an entity bomb refused by defusedxml…
        problems.add(whole, UNREADABLE_WORKBOOK())
        problems.raise_if_any()
    try:
        sheets = []
        for worksheet in workbook.worksheets:
            if worksheet.title in CODE_SHEETS:
                continue  # the template's list of codes: for reading, not importing
            header_rows = list(worksheet.iter_rows(min_row=1, max_row=1, values_only=True))
            header = list(header_rows[0]) if header_rows else []
            kind = kind_from_header(header) or SHEET_KINDS.get(worksheet.title)
            if kind is None:
                problems.add(
                    Location(worksheet.title, sheet=True),
                    _(
                        "The columns of this sheet do not match any kind of register record. "
                        "The sheets of a register workbook are: %(sheets)s."
                    )
                    % {"sheets": ", ".join(SHEET_KINDS)},
                )
                continue
            sheets.append(Sheet(kind, worksheet.title, True, header, _xlsx_rows(worksheet)))
        if not sheets and not problems:
            problems.add(whole, _("The workbook has none of the register's sheets."))
        problems.raise_if_any()
        return assemble(sheets, "xlsx", problems)
    finally:
        workbook.close()


# --- CSV -----------------------------------------------------------------------------------


def _delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    counts = {delimiter: first_line.count(delimiter) for delimiter in (";", ",", "\t")}
    return max(counts, key=lambda delimiter: counts[delimiter])


def _csv_rows(
    records: Iterator[list[str]], name: str, problems: ProblemList
) -> Iterator[tuple[int, list[Any]]]:
    number = 1
    try:
        for number, cells in enumerate(records, start=2):
            row: list[Any] = []
            for cell in cells:
                if cell.startswith("="):
                    row.append(FORMULA)
                else:
                    row.append(unescape_csv_text(cell))
            yield number, row
    except csv.Error as error:
        problems.add(
            Location(name, row=number + 1),
            _("The CSV cannot be read: %(reason)s") % {"reason": str(error)},
        )


def kind_from_header(header: list[Any]) -> KindSpec | None:
    """The kind whose columns the header holds: exactly, else the one sharing most of its
    columns (at least half), so a file with a missing or misspelt column is still recognised
    and its header problems named."""
    cells = {str(cell).strip() for cell in header if cell is not None and str(cell).strip()}
    if not cells:
        return None
    for kind in SHEETS:
        if set(kind.headers) == cells:
            return kind
    best, best_score = None, 0.0
    for kind in SHEETS:
        shared = len(set(kind.headers) & cells)
        score = shared / len(set(kind.headers) | cells)
        if shared * 2 >= len(kind.headers) and score > best_score:
            best, best_score = kind, score
    return best


def csv_sheet(content: bytes, name: str, problems: ProblemList) -> Sheet | None:
    """A Sheet from one CSV file, its kind told by its header row (any file name will do;
    an export's name such as palvelut.csv decides only when the header does not)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    text = decode_csv(content)
    if "\x00" in text:
        problems.add(Location(base), _("The file holds binary data, not CSV text."))
        return None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header = next(reader, [])
    except csv.Error as error:
        problems.add(
            Location(base, row=1), _("The CSV cannot be read: %(reason)s") % {"reason": str(error)}
        )
        return None
    if [str(cell).strip() for cell in header] == list(CODE_COLUMNS):
        return None  # the template's list of codes: for reading, not importing
    kind = kind_from_header(header) or CSV_KINDS.get(base.lower())
    if kind is None:
        problems.add(
            Location(base, row=1),
            _(
                "The columns do not match any kind of register record. Start from the import "
                "template; the files of a register CSV export are: %(files)s."
            )
            % {"files": ", ".join(CSV_KINDS)},
        )
        return None
    return Sheet(kind, base, False, header, _csv_rows(reader, base, problems))


def read_csv_files(files: list[tuple[str, bytes]], source: str) -> ParsedInput:
    """Read CSV files given as (name, content) pairs; raise ImportRefused on problems."""
    problems = ProblemList()
    reset_code_names()
    sheets = [sheet for name, content in files if (sheet := csv_sheet(content, name, problems))]
    if not files:
        problems.add(
            Location(source),
            _("No CSV files found. The files of a register CSV export are: %(files)s.")
            % {"files": ", ".join(CSV_KINDS)},
        )
    problems.raise_if_any()
    return assemble(sheets, "csv", problems)


def read_csv_zip(path, source: str) -> ParsedInput:
    """Read a ZIP of CSV files (folders inside are allowed; macOS metadata is skipped)."""
    problems = ProblemList()
    try:
        with zipfile.ZipFile(path) as archive:
            message = check_zip(archive)
            if message:
                problems.add(Location(source), message)
                problems.raise_if_any()
            files = [
                (info.filename, archive.read(info))
                for info in archive.infolist()
                if not info.is_dir()
                and not info.filename.startswith("__MACOSX/")
                and not info.filename.rsplit("/", 1)[-1].startswith(".")
            ]
    except (zipfile.BadZipFile, OSError):
        problems.add(Location(source), _("The file is not a ZIP archive (it cannot be opened)."))
        problems.raise_if_any()
    return read_csv_files(files, source)
