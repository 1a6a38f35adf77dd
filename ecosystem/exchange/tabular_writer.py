"""Writing the register as spreadsheets: XLSX (one sheet per kind) or CSV files (one per kind).

Rows come from the canonical document (ecosystem.exchange.document) in its order; child
sheets list each parent's children in their stored order, the parent's UUID in the second
column. Municipalities and target groups are referred to by code, several values in a cell
are separated by semicolons, booleans are kyllä/ei.

Formulas are neutralised: an XLSX text cell is always stored as text (never a formula) and
one starting with = + - @ is marked with Excel's quote prefix; a CSV cell starting with one
of them gets a leading apostrophe, which the CSV import removes again.

CSV files are UTF-8 with a BOM (so Excel detects the encoding), separated by semicolons
(Finnish Excel's list separator), dates as d.m.yyyy.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ecosystem.exchange.document import Record
from ecosystem.exchange.spec import (
    BOOL,
    CODE_KINDS,
    DATE,
    REF,
    REFS,
    SHEETS,
    FieldSpec,
    KindSpec,
)
from ecosystem.exchange.values import FORMULA_STARTS, LIST_SEPARATOR, NO, YES, escape_csv_text


class _Codes:
    """Codes of municipalities and target groups by UUID, from the document."""

    def __init__(self, document: dict[str, Any]):
        self.codes = {
            key: {record["id"]: record["code"] for record in document.get(key, [])}
            for key in CODE_KINDS
        }

    def ref(self, spec: FieldSpec, value: str | None) -> str:
        if value is None:
            return ""
        return self.codes[spec.target].get(value, value) if spec.target in CODE_KINDS else value

    def refs(self, spec: FieldSpec, values: list[str]) -> str:
        return LIST_SEPARATOR.join(sorted(self.ref(spec, value) for value in values))


def _rows(kind: KindSpec, document: dict[str, Any]) -> Iterator[tuple[str | None, Record]]:
    if kind.parent is None:
        for record in document.get(kind.key, []):
            yield None, record
        return
    for parent in document.get(kind.parent, []):
        for child in parent[kind.nested_key]:
            yield parent["id"], child


def sheet_rows(kind: KindSpec, document: dict[str, Any]) -> Iterator[list[Any]]:
    """The data rows of a kind's sheet as typed values (date objects, ints, text)."""
    codes = _Codes(document)
    for parent_id, record in _rows(kind, document):
        row: list[Any] = []
        for spec in kind.tabular_fields:
            value = record[spec.name]
            if spec.type == REF:
                row.append(codes.ref(spec, value))
            elif spec.type == REFS:
                row.append(codes.refs(spec, value))
            elif spec.type == BOOL:
                row.append(YES if value else NO)
            elif spec.type == DATE:
                row.append(datetime.date.fromisoformat(value) if value else None)
            elif value is None:
                row.append(None)
            else:
                row.append(value)
        if kind.parent_header:
            row.insert(1, parent_id)
        yield row


def write_xlsx(document: dict[str, Any], path: Path) -> None:
    """The document as an XLSX workbook at path."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for kind in SHEETS:
        sheet = workbook.create_sheet(kind.sheet)
        sheet.freeze_panes = "A2"
        for index, header in enumerate(kind.headers, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(12, len(header) + 2)
        header_cells = []
        for header in kind.headers:
            cell = WriteOnlyCell(sheet, value=header)
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in sheet_rows(kind, document):
            cells = []
            for value in row:
                if isinstance(value, str) and value:
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"  # text, never a formula
                    if value[0] in FORMULA_STARTS:
                        cell.quotePrefix = True
                    cells.append(cell)
                elif isinstance(value, datetime.date):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = "d.m.yyyy"
                    cells.append(cell)
                else:
                    cells.append(value if value != "" else None)
            sheet.append(cells)
    workbook.save(path)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return f"{value.day}.{value.month}.{value.year}"
    return escape_csv_text(str(value))


def csv_text(kind: KindSpec, document: dict[str, Any]) -> str:
    """One kind's CSV file as text (without the BOM)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(kind.headers)
    for row in sheet_rows(kind, document):
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue()


def csv_files(document: dict[str, Any]) -> Iterator[tuple[str, bytes]]:
    """(file name, UTF-8 bytes with BOM) of every kind."""
    for kind in SHEETS:
        yield kind.csv_name, csv_text(kind, document).encode("utf-8-sig")


def zip_time() -> tuple[int, int, int, int, int, int]:
    """The export's local time as a ZIP entry's date (the files are dated when exported)."""
    from django.utils import timezone

    now = timezone.localtime()
    return (now.year, now.month, now.day, now.hour, now.minute, now.second)


def write_csv(document: dict[str, Any], path: Path) -> None:
    """CSV files into a ZIP archive (path ends with .zip) or a directory (created)."""
    if path.suffix.lower() == ".zip":
        dated = zip_time()
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, content in csv_files(document):
                info = zipfile.ZipInfo(name, date_time=dated)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, content)
        return
    path.mkdir(parents=True, exist_ok=True)
    for name, content in csv_files(document):
        (path / name).write_bytes(content)
