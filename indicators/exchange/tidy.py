"""The tidy layout: one value per row, columns named in the first row.

- alue / kunta (area, municipality, område, kommun): an area's code or name; "kunta" wins
  when both are filled;
- indikaattori (indicator, indikator): an indicator's code or name;
- ryhmä (group, grupp): optional, "Kaikki yhteensä" when empty;
- kuukausi (month, månad): 2026-03, also 3/2026 or maaliskuu 2026;
- arvo (value, värde): the number, decimal comma or point;
- lähde (source, källa) and ennuste (forecast, prognos): optional text.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from indicators.exchange.cells import is_month, label_text, name_key, parse_month, parse_value
from indicators.exchange.reading import FORMULA, Table
from indicators.exchange.records import RawObservation
from portal.kernel.cells import cell_text
from portal.kernel.problems import ProblemList

COLUMNS = {
    "area": ("alue", "area", "område"),
    "municipality": ("kunta", "municipality", "kommun"),
    "indicator": ("indikaattori", "indicator", "indikator"),
    "group": ("ryhmä", "group", "grupp"),
    "month": ("kuukausi", "month", "månad"),
    "value": ("arvo", "value", "värde"),
    "source": ("lähde", "source", "källa"),
    "forecast": ("ennuste", "forecast", "prognos"),
}
REQUIRED = ("indicator", "month", "value")
HEADERS = {name_key(header): key for key, headers in COLUMNS.items() for header in headers}
EXPORT_HEADERS = ["alue", "indikaattori", "ryhmä", "kuukausi", "arvo", "lähde", "ennuste"]


def _first_row(table: Table) -> tuple[int, list[Any]] | None:
    for number, cells in table.rows:
        if any(cell is not None and cell_text(cell).strip() for cell in cells):
            return number, cells
    return None


def tidy_columns(table: Table) -> dict[str, int] | None:
    """{column key: index} when the table's first row is a tidy header, else None."""
    first = _first_row(table)
    if first is None:
        return None
    columns: dict[str, int] = {}
    for index, cell in enumerate(first[1]):
        key = HEADERS.get(name_key(label_text(cell))) if cell is not FORMULA else None
        if key is not None and key not in columns:
            columns[key] = index
    # Two known headers and no month among the cells: a tidy header, perhaps a faulty one
    # (reported by read_tidy); otherwise the bulletin layout is tried.
    if len(columns) >= 2 and not any(cell is not FORMULA and is_month(cell) for cell in first[1]):
        return columns
    return None


def _check_header(table: Table, problems: ProblemList) -> dict[str, int] | None:
    number, cells = _first_row(table)
    where = table.location(number)
    labels = [label_text(cell) if cell is not FORMULA else "=" for cell in cells]
    seen: dict[str, int] = {}
    ok = True
    unknown = [label for label in labels if label and name_key(label) not in HEADERS]
    if unknown:
        problems.add(
            where,
            _("Unknown columns: %(columns)s. The columns are: %(expected)s.")
            % {
                "columns": ", ".join(f"“{label}”" for label in unknown),
                "expected": ", ".join(EXPORT_HEADERS + ["kunta"]),
            },
        )
        ok = False
    for index, label in enumerate(labels):
        key = HEADERS.get(name_key(label))
        if key is None:
            continue
        if key in seen:
            problems.add(where, _("Columns given twice: %(columns)s.") % {"columns": f"“{label}”"})
            ok = False
        seen[key] = index
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in seen]
    if "area" not in seen and "municipality" not in seen:
        missing.insert(0, "alue")
    if missing:
        problems.add(
            where,
            _("Missing columns: %(columns)s.")
            % {"columns": ", ".join(f"“{name}”" for name in missing)},
        )
        ok = False
    return seen if ok else None


def read_tidy(table: Table, problems: ProblemList) -> list[RawObservation]:
    """The values of a tidy table; problems of single cells are added to `problems`."""
    columns = _check_header(table, problems)
    if columns is None:
        return []
    header_number, header_cells = _first_row(table)
    names = {key: label_text(header_cells[index]) for key, index in columns.items()}
    area_name = names.get("municipality") or names.get("area")
    fields = {
        "area": area_name,
        "indicator": names["indicator"],
        "group": names.get("group", "ryhmä"),
        "month": names["month"],
        "value": names["value"],
    }
    result = []
    for number, cells in table.rows:
        if number <= header_number:
            continue

        def cell(key: str, cells: list[Any] = cells) -> Any:
            index = columns.get(key)
            return cells[index] if index is not None and index < len(cells) else None

        keys = [key for key in columns]
        if all(cell(key) is None or cell_text(cell(key)).strip() == "" for key in keys):
            continue
        where = table.location(number)
        formulas = [key for key in keys if cell(key) is FORMULA]
        for key in formulas:
            problems.add(where, _("The cell holds a formula; enter the value itself."), names[key])
        if formulas:
            continue
        area = label_text(cell("municipality")) or label_text(cell("area"))
        indicator = label_text(cell("indicator"))
        ok = True
        if not area:
            problems.add(where, _("This field is required."), area_name)
            ok = False
        if not indicator:
            problems.add(where, _("This field is required."), names["indicator"])
            ok = False
        try:
            period = parse_month(cell("month"))
        except ValueError as error:
            problems.add(where, str(error), names["month"])
            ok = False
        try:
            if cell("value") is None or cell_text(cell("value")).strip() == "":
                raise ValueError(_("This field is required."))
            value = parse_value(cell("value"))
        except ValueError as error:
            problems.add(where, str(error), names["value"])
            ok = False
        if not ok:
            continue
        result.append(
            RawObservation(
                location=where,
                area=area,
                indicator=indicator,
                group=label_text(cell("group")) or None,
                period=period,
                value=value,
                source=cell_text(cell("source")).strip(),
                forecast=cell_text(cell("forecast")).strip(),
                fields=fields,
            )
        )
    return result
