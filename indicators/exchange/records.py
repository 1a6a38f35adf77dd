"""One value as read from a file, before its names are matched against the database."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from portal.kernel.problems import Location


@dataclass
class RawObservation:
    """A value of the file with the names it is given by.

    `area` None means the table does not name its area (a bulletin table of the employment
    area as a whole); `group` None means everyone ("Kaikki yhteensä"). `fields` are the
    file's own names of the columns, for messages: keys area, indicator, group, month, value.
    """

    location: Location
    area: str | None
    indicator: str
    group: str | None
    period: datetime.date
    value: Decimal
    source: str
    forecast: str
    fields: dict[str, str]
