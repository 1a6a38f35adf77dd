"""The wide layout: the employment bulletin's tables as printed (Työllisyyskatsaus).

A header row holds month columns ("maalis.26", "2026 helmikuu"), change columns ("LKM",
"%", "Muutos 1 v", "Muutos 2 v"; a repeated "Muutos N v" is the percentage) and perhaps a
forecast column ("Ennuste …"). Label columns before the months name the row: one column
is the indicator; two are the group (carried down to its sub-rows) and the indicator.
Several areas may stand side by side, each block of columns starting with its own label
column; the row above the header names each block's area (a table without one is about the
employment area as a whole). Data rows run until an empty row.

Printed changes are checked against the values: a count must be the difference exactly, a
percentage must equal the change relative to the earlier month (as in the bulletin's
March table) or to the latest month (as in its group table), rounded to the decimals
printed. Any mismatch refuses the file.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from indicators.exchange.cells import (
    is_month,
    label_text,
    name_key,
    parse_month,
    parse_number,
    parse_value,
)
from indicators.exchange.reading import FORMULA, Table
from indicators.exchange.records import RawObservation
from portal.kernel.cells import cell_text
from portal.kernel.problems import Location, ProblemList

COUNT = "count"
PERCENT = "percent"
CHANGE = re.compile(r"^(?:lkm|muutos|change|förändring)(?: \(?(\d+) ?(?:v|y|år)\)?)?(?: (%))?$")
PERCENT_HEADERS = {"%", "muutos %", "change %", "förändring %"}
FORECAST_WORDS = ("ennuste", "forecast", "prognos")
SOURCE_NAME = "Työllisyyskatsaus"  # the bulletin's name, as its data says where it is from


@dataclass
class Change:
    column: int
    header: str
    kind: str
    years: int | None


@dataclass
class Block:
    """A run of columns about one area: labels, months, changes, forecast."""

    label_columns: list[int] = field(default_factory=list)
    months: list[tuple[int, str, datetime.date]] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    forecast: int | None = None
    forecast_header: str = ""
    area: str | None = None

    @property
    def has_values(self) -> bool:
        return bool(self.months or self.changes or self.forecast is not None)


def _text(cell: Any) -> str:
    return "" if cell is None or cell is FORMULA else label_text(cell)


def _is_empty(cells: list[Any]) -> bool:
    return all(
        cell is None or (cell is not FORMULA and not cell_text(cell).strip()) for cell in cells
    )


def is_header(cells: list[Any]) -> bool:
    """True when the row holds month columns: the header of a bulletin table."""
    return any(cell is not FORMULA and is_month(cell) for cell in cells)


def _change(header: str, column: int, seen: set[tuple[str, int | None]]) -> Change | None:
    key = name_key(header)
    if key in PERCENT_HEADERS:
        return Change(column, header, PERCENT, None)
    match = CHANGE.match(key)
    if not match:
        return None
    years = int(match[1]) if match[1] else None
    kind = PERCENT if match[2] else COUNT
    if kind == COUNT and (COUNT, years) in seen:
        kind = PERCENT  # "Muutos 1 v" printed twice: persons, then per cent
    seen.add((kind, years))
    return Change(column, header, kind, years)


def parse_header(cells: list[Any]) -> list[Block]:
    """The blocks of a header row."""
    blocks: list[Block] = []
    current = Block()
    seen: set[tuple[str, int | None]] = set()
    for column, cell in enumerate(cells):
        header = _text(cell)
        if header and is_month(cell):
            current.months.append((column, header, parse_month(cell)))
            continue
        change = _change(header, column, seen) if header else None
        if change is not None:
            current.changes.append(change)
            continue
        if header and name_key(header).startswith(FORECAST_WORDS):
            current.forecast, current.forecast_header = column, header
            continue
        if current.has_values:
            if not header:
                continue  # a gap after a block's values
            blocks.append(current)
            current, seen = Block(), set()
        current.label_columns.append(column)
    if current.has_values:
        blocks.append(current)
    return [block for block in blocks if block.months]


def _area_names(blocks: list[Block], title: list[Any] | None) -> None:
    if not title:
        return
    for index, block in enumerate(blocks):
        start = block.label_columns[0] if block.label_columns else block.months[0][0]
        end = blocks[index + 1].label_columns[0] if index + 1 < len(blocks) else len(title)
        names = [_text(cell) for cell in title[start:end] if _text(cell)]
        block.area = names[0] if names else None


def _rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _check_changes(
    block: Block,
    values: dict[datetime.date, Decimal],
    cells: list[Any],
    where: Location,
    problems: ProblemList,
) -> None:
    if not values:
        return
    latest = max(values)
    for change in block.changes:
        cell = cells[change.column] if change.column < len(cells) else None
        if cell is None or (cell is not FORMULA and not cell_text(cell).strip()):
            continue
        if cell is FORMULA:
            problems.add(
                where, _("The cell holds a formula; enter the value itself."), change.header
            )
            continue
        if change.years is None:
            others = [month for month in values if month != latest]
            earlier = others[0] if len(others) == 1 else None
        else:
            earlier = latest.replace(year=latest.year - change.years)
        if earlier not in values:
            problems.add(
                where,
                _("The change has no earlier month in this table to compare with."),
                change.header,
            )
            continue
        try:
            printed = parse_number(cell)
        except ValueError as error:
            problems.add(where, str(error), change.header)
            continue
        difference = values[latest] - values[earlier]
        if change.kind == COUNT:
            if printed != difference:
                problems.add(
                    where,
                    _("The printed change %(printed)s does not match the values: %(computed)s.")
                    % {"printed": cell_text(cell).strip(), "computed": difference},
                    change.header,
                )
            continue
        decimals = max(-printed.as_tuple().exponent, 0)
        candidates = [
            _rounded(difference / base * 100, decimals)
            for base in (values[earlier], values[latest])
            if base
        ]
        if printed not in candidates:
            computed = candidates[0] if candidates else "–"
            problems.add(
                where,
                _(
                    "The printed change %(printed)s %% does not match the values: "
                    "%(computed)s %% of the earlier month."
                )
                % {"printed": cell_text(cell).strip(), "computed": computed},
                change.header,
            )


def read_wide(table: Table, problems: ProblemList, *, source: str = "") -> list[RawObservation]:
    """The values of the bulletin tables found in `table`."""
    result: list[RawObservation] = []
    rows = table.rows
    index = 0
    found = False
    while index < len(rows):
        number, cells = rows[index]
        if not is_header(cells):
            index += 1
            continue
        found = True
        blocks = parse_header(cells)
        previous = rows[index - 1][1] if index > 0 and not _is_empty(rows[index - 1][1]) else None
        _area_names(blocks, previous)
        groups: dict[int, str | None] = {id(block): None for block in blocks}
        index += 1
        while index < len(rows) and not _is_empty(rows[index][1]) and not is_header(rows[index][1]):
            number, cells = rows[index]
            index += 1
            where = table.location(number)
            for block in blocks:
                result.extend(_read_row(block, cells, where, groups, problems, source))
    if not found:
        problems.add(
            table.location(),
            _(
                "No table recognised. Give the columns alue, indikaattori, ryhmä, kuukausi "
                "and arvo in the first row, or a bulletin table with months as column "
                "headings (e.g. maalis.26)."
            ),
        )
    return result


def _read_row(
    block: Block,
    cells: list[Any],
    where: Location,
    groups: dict[int, str | None],
    problems: ProblemList,
    source: str,
) -> list[RawObservation]:
    """The values of one block of a data row; a group label is carried down in `groups`."""
    labels = [
        _text(cells[column]) if column < len(cells) else "" for column in block.label_columns
    ] or [""]
    if len(labels) >= 2:
        if labels[0]:
            groups[id(block)] = labels[0]
        group, indicator = groups[id(block)], labels[-1]
    else:
        group, indicator = None, labels[0]
    value_cells = [
        (column, header, month, cells[column] if column < len(cells) else None)
        for column, header, month in block.months
    ]
    filled = [item for item in value_cells if item[3] is not None and cell_text(item[3]).strip()]
    if not indicator:
        if filled:
            problems.add(where, _("The row has values but no name."))
        return []
    values: dict[datetime.date, Decimal] = {}
    for _column, header, month, cell in filled:
        if cell is FORMULA:
            problems.add(where, _("The cell holds a formula; enter the value itself."), header)
            continue
        try:
            values[month] = parse_value(cell)
        except ValueError as error:
            problems.add(where, str(error), header)
    _check_changes(block, values, cells, where, problems)
    forecast = ""
    if block.forecast is not None and block.forecast < len(cells):
        forecast = _text(cells[block.forecast])
    latest = max(values) if values else None
    fields = {
        "area": _("area"),
        "indicator": _("indicator"),
        "group": _("population group"),
        "month": _("month"),
        "value": _("value"),
    }
    return [
        RawObservation(
            location=where,
            area=block.area,
            indicator=indicator,
            group=group,
            period=month,
            value=value,
            source=source or f"{SOURCE_NAME} {latest.month}/{latest.year}",
            forecast=forecast if month == latest else "",
            fields={**fields, "value": next(h for _c, h, m in block.months if m == month)},
        )
        for month, value in sorted(values.items())
    ]
