"""The query parameters of the HSDS API: read, checked, and explained when bad.

A bad value gives `BadParameters` with a translated message per parameter (the view answers
400). A parameter an endpoint does not take is ignored, as the HSDS API description allows
clients to send the common ones everywhere. A value that is well formed but names nothing
(an unknown id, a postcode nobody serves) is not an error: it matches no record.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 1000
INTEGER_RE = re.compile(r"^-?[0-9]+$")
# RFC 3339 date-time (T or t or a space between, Z or z or an offset), or a date alone.
DATETIME_RE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[Tt ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?P<zone>[Zz]|[+-]\d{2}:?\d{2})?)?$"
)


class BadParameters(Exception):
    """Some parameters have bad values: {name: translated message}."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


@dataclass
class Params:
    """The parameters of one request, read and checked."""

    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    search: str = ""
    full: bool = False
    full_service: bool = False
    minimal: bool = False
    top_only: bool = False
    modified_after: datetime.datetime | None = None
    taxonomy_term_id: str = ""
    taxonomy_id: str = ""
    organization_id: str = ""
    parent_id: str = ""
    postcode: str = ""

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def _datetime(value: str) -> datetime.datetime | None:
    match = DATETIME_RE.match(value)
    if not match:
        return None
    date_text, time_text, zone = match.group("date", "time", "zone")
    try:
        day = datetime.date.fromisoformat(date_text)
    except ValueError:
        return None
    hours = minutes = seconds = micro = 0
    if time_text:
        parts = time_text.split(":")
        hours, minutes = int(parts[0]), int(parts[1])
        if len(parts) == 3:
            whole, _dot, fraction = parts[2].partition(".")
            seconds = min(int(whole), 59)  # a leap second is the second before it
            micro = int((fraction + "000000")[:6]) if fraction else 0
        if hours > 23 or minutes > 59 or seconds > 59:
            return None
    if zone and zone not in "Zz":
        sign = 1 if zone[0] == "+" else -1
        digits = zone[1:].replace(":", "")
        offset_hours, offset_minutes = int(digits[:2]), int(digits[2:])
        if offset_hours > 23 or offset_minutes > 59:
            return None
        tz = datetime.timezone(
            sign * datetime.timedelta(hours=offset_hours, minutes=offset_minutes)
        )
    elif zone:
        tz = datetime.UTC
    else:
        tz = timezone.get_default_timezone()
    moment = datetime.datetime.combine(day, datetime.time(hours, minutes, seconds, micro))
    try:
        aware = moment.replace(tzinfo=tz) if zone else timezone.make_aware(moment, tz)
    except (ValueError, OverflowError):
        return None
    try:
        return aware.astimezone(datetime.UTC)
    except OverflowError:  # a moment in year 1 or 9999 whose UTC time is outside the calendar
        return (datetime.datetime.min if day.year < 5000 else datetime.datetime.max).replace(
            tzinfo=datetime.UTC
        )


def read_params(query: QueryDict, accepted: tuple[str, ...]) -> Params:
    """The accepted parameters of query; BadParameters when any value is bad."""
    params = Params()
    errors: dict[str, str] = {}

    def text(name: str) -> str:
        return query.get(name, "") if name in accepted else ""

    for name in ("page", "per_page"):
        if name not in accepted or name not in query:
            continue
        raw = query[name]
        if not INTEGER_RE.match(raw):
            errors[name] = _("Give a whole number, e.g. 2.")
            continue
        number = int(raw)
        if name == "page" and number < 1:
            errors[name] = _("Pages are numbered from 1.")
        elif name == "per_page" and not 1 <= number <= MAX_PER_PAGE:
            errors[name] = _("Give a number from 1 to %(max)d.") % {"max": MAX_PER_PAGE}
        else:
            setattr(params, name, number)
    for name in ("full", "full_service", "minimal", "top_only"):
        if name not in accepted or name not in query:
            continue
        raw = query[name]
        if raw in ("true", "false"):
            setattr(params, name, raw == "true")
        else:
            errors[name] = _("Give true or false.")
    if "modified_after" in accepted and "modified_after" in query:
        moment = _datetime(query["modified_after"])
        if moment is None:
            errors["modified_after"] = _(
                "Give a date and time as in RFC 3339, e.g. 2026-12-01T08:00:00Z, or a date."
            )
        params.modified_after = moment
    if "format" in accepted and "format" in query and query["format"] != "json":
        errors["format"] = _("Only json is available.")
    if text("proximity").strip():
        errors["proximity"] = _(
            "The register has no coordinates for its service locations, so results cannot be "
            "limited by distance. Use postcode to find service points by their postal code."
        )
    for name in ("search", "taxonomy_term_id", "taxonomy_id", "organization_id", "parent_id"):
        setattr(params, name, text(name).strip())
    params.postcode = text("postcode").strip()
    if errors:
        raise BadParameters(errors)
    return params
