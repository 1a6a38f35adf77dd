"""Reading one cell of an indicator file: months, numbers and names.

Each parser raises ValueError with a translated message; the caller adds the location.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from portal.kernel.cells import cell_text

# Month names by their stem: Finnish (tammikuu, "tammi."), Swedish and English.
MONTHS = {
    "tammi": 1, "helmi": 2, "maalis": 3, "huhti": 4, "touko": 5, "kesä": 6,
    "heinä": 7, "elo": 8, "syys": 9, "loka": 10, "marras": 11, "joulu": 12,
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6,
    "juli": 7, "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "okt": 10, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
SLASH_MONTH = re.compile(r"^(\d{1,2})\s*/\s*(\d{4}|\d{2})$")
YEAR_NAME = re.compile(r"^(\d{4})\s+([^\W\d_]+)\.?$")
NAME_YEAR = re.compile(r"^([^\W\d_]+)\.?\s*(\d{4}|\d{2})$")
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
MINUS_SIGNS = ("\u2212", "\u2013")  # minus sign, en dash: how documents print a minus
SPACES = (" ", "\u00a0", "\u202f", "\u2009")
TAGS = re.compile(r"<[^>]*>")
MAX_DECIMALS = 2
MAX_VALUE = Decimal("999999999999")


def month_from_name(name: str) -> int | None:
    """The month number of a month name or its stem (maaliskuu, maalis, mars, March)."""
    word = name.strip().lower().rstrip(".")
    if word.endswith("kuu"):
        word = word[: -len("kuu")]
    return MONTHS.get(word)


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if year < 100 else year


def _month(year: int, month: int, original: str) -> datetime.date:
    if not 1 <= month <= 12 or not 1900 <= year <= 2200:
        raise ValueError(_("“%(value)s” is not a real month.") % {"value": original})
    return datetime.date(year, month, 1)


def parse_month(value: Any) -> datetime.date:
    """A month as the first day of it, from a date cell, 2026-03, 3/2026, maalis.26,
    maaliskuu 2026 or 2026 helmikuu."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    text = " ".join(cell_text(value).split())
    if match := ISO_MONTH.match(text):
        return _month(int(match[1]), int(match[2]), text)
    if match := SLASH_MONTH.match(text):
        return _month(_year(match[2]), int(match[1]), text)
    for pattern, name_group, year_group in ((YEAR_NAME, 2, 1), (NAME_YEAR, 1, 2)):
        if match := pattern.match(text):
            month = month_from_name(match[name_group])
            if month is not None:
                return _month(_year(match[year_group]), month, text)
    raise ValueError(
        _("“%(value)s” is not a month: write it as YYYY-MM (2026-03).") % {"value": text}
    )


def is_month(value: Any) -> bool:
    """True when the cell names a month (a column header of the bulletin tables)."""
    if value is None or cell_text(value).strip() == "":
        return False
    try:
        parse_month(value)
    except ValueError:
        return False
    return True


def parse_number(value: Any) -> Decimal:
    """A number from a numeric cell or text such as "11 860", "-2,1", "4,9 %" or "−12"."""
    if isinstance(value, bool):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": value})
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = cell_text(value).strip()
        cleaned = text.removesuffix("%").strip()
        for space in SPACES:
            cleaned = cleaned.replace(space, "")
        for minus in MINUS_SIGNS:
            cleaned = cleaned.replace(minus, "-")
        cleaned = cleaned.replace(",", ".")
        if not NUMBER.match(cleaned):
            raise ValueError(_("“%(value)s” is not a number.") % {"value": text})
        number = Decimal(cleaned)
    if not number.is_finite() or abs(number) > MAX_VALUE:
        raise ValueError(_("“%(value)s” is too large.") % {"value": value})
    return number


def parse_value(value: Any) -> Decimal:
    """An observation's value: a number with at most two decimals."""
    number = parse_number(value)
    try:
        if number != number.quantize(Decimal(1).scaleb(-MAX_DECIMALS)):
            raise ValueError(
                _("“%(value)s” has more than %(n)d decimals.")
                % {"value": cell_text(value), "n": MAX_DECIMALS}
            )
    except InvalidOperation as error:
        raise ValueError(_("“%(value)s” is too large.") % {"value": value}) from error
    return Decimal(int(number)) if number == number.to_integral_value() else number


def label_text(value: Any) -> str:
    """A row or column label: text without markup (<i>…</i> of pasted tables), one space."""
    return " ".join(TAGS.sub("", cell_text(value)).split())


def name_key(text: str) -> str:
    """How names are compared: case, spacing and hyphen/space differences ignored."""
    return " ".join(text.replace("-", " ").casefold().split())
