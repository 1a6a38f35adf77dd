"""Spreadsheet and CSV cells, the same for every import and export: values as text, the
formula guard of CSV exports (and undoing it on import), and decoding CSV bytes."""

from __future__ import annotations

import datetime
from typing import Any

YES = "kyllä"
NO = "ei"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value: Any) -> str:
    """A cell's value as text (numbers without a trailing .0, dates as ISO)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def unescape_csv_text(text: str) -> str:
    """Undo the formula guard of CSV exports: "'=x" back to "=x".

    A CSV cell starting with "=" that is not guarded is refused by the caller: a person
    typed a formula, or someone tries formula injection.
    """
    if len(text) > 1 and text[0] == "'" and (text[1] in FORMULA_STARTS or text[1] == "'"):
        return text[1:]
    return text


def escape_csv_text(text: str) -> str:
    """Guard a CSV cell against being read as a formula by a spreadsheet program."""
    if text and (
        text[0] in FORMULA_STARTS
        or (text[0] == "'" and len(text) > 1 and (text[1] in FORMULA_STARTS or text[1] == "'"))
    ):
        return "'" + text
    return text


def decode_csv(content: bytes) -> str:
    """CSV bytes as text: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")
