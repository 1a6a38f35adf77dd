"""Reading one value of an import file into its canonical form (see ecosystem.exchange.document).

`json_value` reads a JSON value, `cell_value` a spreadsheet cell (a CSV string or an openpyxl
value). Both raise ValueError with a translated message the caller attaches to a location.

Spreadsheet conventions: booleans kyllä/ei (also yes/no, true/false, 1/0), dates d.m.yyyy
or yyyy-mm-dd, several values in one cell separated by semicolons.
"""

from __future__ import annotations

import datetime
import re
import uuid
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from ecosystem.exchange.spec import (
    BOOL,
    CHOICE,
    CODE_KINDS,
    DATE,
    INT,
    KINDS,
    ORDER,
    PK,
    REF,
    REFS,
    TEXT,
    UUID,
    FieldSpec,
    KindSpec,
)
from portal.kernel.cells import (  # noqa: F401  (the exchange's cell helpers live in the kernel)
    FORMULA_STARTS,
    NO,
    YES,
    cell_text,
    escape_csv_text,
    unescape_csv_text,
)

TRUE_WORDS = frozenset({"kyllä", "kylla", "k", "true", "yes", "ja", "1", "x"})
FALSE_WORDS = frozenset({"ei", "e", "false", "no", "nej", "0"})
LIST_SEPARATOR = ";"
FINNISH_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# A cell starting with one of these is read as a formula by spreadsheet programs.


def model_default(kind: KindSpec, spec: FieldSpec) -> Any:
    """The value a field takes when the file leaves it out."""
    if spec.type == REFS:
        return []
    if spec.type in (REF, UUID, DATE, ORDER):
        return None
    field = kind.model._meta.get_field(spec.name)
    if field.has_default():
        return field.get_default()
    if spec.type == INT:
        return None
    if spec.type == BOOL:
        return False
    return ""


def parse_uuid(text: str) -> str:
    """A UUID in canonical lower-case form; ValueError with a clear message otherwise."""
    try:
        return str(uuid.UUID(text.strip()))
    except (ValueError, AttributeError, TypeError) as error:
        raise ValueError(
            _("“%(value)s” is not a UUID (e.g. 0e54ebfe-7120-5862-9a94-0ed6ad5e674d).")
            % {"value": text}
        ) from error


def parse_date(text: str) -> str:
    """A date given as d.m.yyyy or yyyy-mm-dd, as ISO text."""
    text = text.strip()
    match = FINNISH_DATE.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = ISO_DATE.match(text)
        if not match:
            raise ValueError(
                _("“%(value)s” is not a date: write it as d.m.yyyy (31.12.2026) or yyyy-mm-dd.")
                % {"value": text}
            )
        year, month, day = (int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError as error:
        raise ValueError(_("“%(value)s” is not a real date.") % {"value": text}) from error


def parse_int(text: str) -> int:
    """A whole number."""
    try:
        return int(text.strip())
    except ValueError as error:
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": text}) from error


CONTENT_LANGUAGES = ("fi", "sv", "en")
_LABEL_CACHE: dict[tuple[str, str], dict[str, str]] = {}
# {kind key: {name in any language, case-folded: code}} of the register's code lists, read
# once per import (reset_code_names() at the start of reading a file).
_NAME_CACHE: dict[str, dict[str, str]] = {}


def choice_labels(field: models.Field) -> dict[str, str]:
    """{label in fi, sv or en, case-folded: code} of a field's choices."""
    key = (field.model._meta.label, field.name)
    if key not in _LABEL_CACHE:
        labels: dict[str, str] = {}
        for language in CONTENT_LANGUAGES:
            with translation.override(language):
                for code, label in field.choices:
                    labels.setdefault(str(label).casefold(), code)
        _LABEL_CACHE[key] = labels
    return _LABEL_CACHE[key]


def reset_code_names() -> None:
    """Forget the code lists' names read for the previous file."""
    _NAME_CACHE.clear()


def _code_names(kind_key: str) -> dict[str, str]:
    if kind_key not in _NAME_CACHE:
        names: dict[str, str] = {}
        rows = KINDS[kind_key].model.objects.values_list("code", "name_fi", "name_sv", "name_en")
        for code, *localized in rows:
            for name in localized:
                if name:
                    names.setdefault(name.strip().casefold(), code)
        _NAME_CACHE[kind_key] = names
    return _NAME_CACHE[kind_key]


def check_choice(kind: KindSpec, spec: FieldSpec, value: str) -> str:
    """The code of value: one of the field's codes, or a code's label in Finnish, Swedish or
    English ("Nuoret", "Coaching"); a message listing the codes otherwise."""
    field: models.Field = kind.model._meta.get_field(spec.name)
    codes = [code for code, _label in field.choices]
    if value == "" and not field.has_default():
        raise ValueError(_("This field is required."))
    if value not in codes:
        value = choice_labels(field).get(value.casefold(), value)
    if value not in codes:
        raise ValueError(
            _("“%(value)s” is not one of the allowed codes: %(codes)s.")
            % {"value": value, "codes": ", ".join(codes)}
        )
    return value


# --- JSON ----------------------------------------------------------------------------------


def _expect(kind_of_value: str, value: Any) -> ValueError:
    return ValueError(
        _("Expected %(expected)s, found %(found)s.")
        % {"expected": kind_of_value, "found": type(value).__name__}
    )


def json_value(kind: KindSpec, spec: FieldSpec, value: Any) -> Any:
    """A JSON value in canonical form (references stay UUID text)."""
    if spec.type == PK:
        if not isinstance(value, str):
            raise _expect(_("a UUID as text"), value)
        return parse_uuid(value)
    if spec.type == TEXT:
        if value is None:
            return ""
        if not isinstance(value, str):
            raise _expect(_("text"), value)
        return value
    if spec.type in (INT, ORDER):
        if value is None:
            return model_default(kind, spec) if spec.type == INT else None
        if isinstance(value, bool) or not isinstance(value, int):
            raise _expect(_("a whole number"), value)
        return value
    if spec.type == BOOL:
        if not isinstance(value, bool):
            raise _expect(_("true or false"), value)
        return value
    if spec.type == DATE:
        if value is None:
            return None
        if not isinstance(value, str):
            raise _expect(_("a date as text"), value)
        return parse_date(value)
    if spec.type == CHOICE:
        if not isinstance(value, str):
            raise _expect(_("a code as text"), value)
        return check_choice(kind, spec, value)
    if spec.type in (UUID, REF):
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise _expect(_("a UUID as text"), value)
        return parse_uuid(value)
    if spec.type == REFS:
        if not isinstance(value, list):
            raise _expect(_("a list of UUIDs"), value)
        items = []
        for item in value:
            if not isinstance(item, str):
                raise _expect(_("a UUID as text"), item)
            items.append(parse_uuid(item))
        return items
    raise AssertionError(spec.type)


# --- Spreadsheet cells ---------------------------------------------------------------------


def _pad(spec: FieldSpec, text: str) -> str:
    if spec.pad and text.isdigit():
        return text.zfill(spec.pad)
    return text


def _reference(kind_key: str | None, text: str, spec: FieldSpec) -> str:
    if kind_key in CODE_KINDS:
        # A code, or the name of a target group or municipality in any of the languages.
        return _code_names(kind_key).get(text.casefold(), _pad_code(kind_key, text))
    return parse_uuid(text)


def _pad_code(kind_key: str, text: str) -> str:
    # Municipality codes are three digits; Excel drops leading zeros (091 -> 91).
    if kind_key == "municipalities" and text.isdigit():
        return text.zfill(3)
    return text


def cell_value(kind: KindSpec, spec: FieldSpec, value: Any) -> Any:
    """A spreadsheet cell in canonical form; REF/REFS of code kinds stay codes."""
    if spec.type == DATE and isinstance(value, datetime.date):
        return (value.date() if isinstance(value, datetime.datetime) else value).isoformat()
    text = cell_text(value)
    if spec.type == TEXT:
        return _pad(spec, text)
    stripped = text.strip()
    if spec.type == PK:
        # An empty identifier is a new row: the reader gives it one (see tabular_reader).
        return parse_uuid(stripped) if stripped else ""
    if spec.type == INT:
        return parse_int(stripped) if stripped else model_default(kind, spec)
    if spec.type == BOOL:
        word = stripped.lower()
        if word == "":
            return model_default(kind, spec)
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError(_("“%(value)s” is not “kyllä” or “ei”.") % {"value": text})
    if spec.type == DATE:
        return parse_date(stripped) if stripped else None
    if spec.type == CHOICE:
        if not stripped:
            default = model_default(kind, spec)
            if default:
                return default
        return check_choice(kind, spec, stripped)
    if spec.type == UUID:
        return parse_uuid(stripped) if stripped else None
    if spec.type == REF:
        return _reference(spec.target, stripped, spec) if stripped else None
    if spec.type == REFS:
        parts = [part.strip() for part in stripped.split(LIST_SEPARATOR)]
        return [_reference(spec.target, part, spec) for part in parts if part]
    raise AssertionError(spec.type)
