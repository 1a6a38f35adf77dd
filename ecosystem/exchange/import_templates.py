"""Blank import templates a staff member can fill in alone: the register's sheets (XLSX) or
files (CSV in a ZIP) with their column headers, one example row on the services sheet, and a
list of every code (organisation types, service classes, relation types, target groups,
municipalities and the other choices) with its label in Finnish, Swedish and English.

The import reads a template back as it is: the code list (sheet "Koodit", file koodit.csv)
is skipped, an empty identifier gets a new one, and a code may be given by any of its labels.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from django.db import models
from django.utils import translation

from ecosystem.exchange.spec import KINDS, SHEETS, KindSpec
from ecosystem.exchange.tabular_reader import CODE_COLUMNS, CODE_SHEETS
from ecosystem.exchange.tabular_writer import zip_time
from ecosystem.models import Municipality, TargetGroup

CODES_FILE = "koodit.csv"
LANGUAGES = ("fi", "sv", "en")


def code_rows() -> list[list[str]]:
    """[list, code, fi, sv, en] for every choice of every column and every target group and
    municipality of the register."""
    rows: list[list[str]] = []
    seen: set[tuple[str, str]] = set()
    for kind in SHEETS:
        for spec in kind.tabular_fields:
            if spec.type != "choice":
                continue
            field: models.Field = kind.model._meta.get_field(spec.name)
            if (spec.header, field.name) in seen:
                continue
            seen.add((spec.header, field.name))
            for code, label in field.choices:
                labels = []
                for language in LANGUAGES:
                    with translation.override(language):
                        labels.append(str(label))
                rows.append([spec.header, code, *labels])
    for model, header in ((TargetGroup, "Kohderyhmät"), (Municipality, "Kunnat")):
        for code, *names in model.objects.order_by("code").values_list(
            "code", "name_fi", "name_sv", "name_en"
        ):
            rows.append([header, code, *(name or "" for name in names)])
    return rows


def example_row(kind: KindSpec) -> list[str] | None:
    """One filled-in example row of the services sheet (identifier left empty)."""
    if kind.key != "services":
        return None
    example = {
        "name_fi": "Työnhakuvalmennus",
        "name_en": "Job-search coaching",
        "description_fi": "Ryhmävalmennus työnhakuun.",
        "status": "Aktiivinen",
        "obligation": "Täydentävä",
        "service_class": "Valmennus",
        # A target group by its Finnish name, when the register has one to name.
        "target_groups": TargetGroup.objects.order_by("sort_order", "code")
        .values_list("name_fi", flat=True)
        .first()
        or "",
        "visibility": "Julkinen",
        "cost": "Maksuton",
    }
    by_header = {spec.header: example.get(spec.name, "") for spec in kind.tabular_fields}
    return [by_header.get(header, "") for header in kind.headers]


def write_template_xlsx(path: Path) -> None:
    """The XLSX template: a sheet per kind (headers in bold, frozen) and the code list."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for kind in SHEETS:
        sheet = workbook.create_sheet(kind.sheet)
        sheet.append(kind.headers)
        for index, header in enumerate(kind.headers, start=1):
            sheet.cell(row=1, column=index).font = bold
            sheet.column_dimensions[get_column_letter(index)].width = max(14, len(header) + 2)
        sheet.freeze_panes = "A2"
        row = example_row(kind)
        if row:
            sheet.append(row)
    codes = workbook.create_sheet(CODE_SHEETS[0])
    codes.append(list(CODE_COLUMNS))
    for index in range(1, len(CODE_COLUMNS) + 1):
        codes.cell(row=1, column=index).font = bold
        codes.column_dimensions[get_column_letter(index)].width = 28
    codes.freeze_panes = "A2"
    for row in code_rows():
        codes.append(row)
    workbook.save(path)


def _csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def write_template_csv(path: Path) -> None:
    """The CSV template: a ZIP of one file per kind (header row) and koodit.csv."""
    dated = zip_time()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for kind in SHEETS:
            rows = [kind.headers]
            if example := example_row(kind):
                rows.append(example)
            info = zipfile.ZipInfo(kind.csv_name, date_time=dated)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, _csv_bytes(rows))
        info = zipfile.ZipInfo(CODES_FILE, date_time=dated)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, _csv_bytes([list(CODE_COLUMNS), *code_rows()]))


__all__ = ["KINDS", "code_rows", "write_template_csv", "write_template_xlsx"]
