"""Writing the observations as a tidy CSV file, the layout the import reads back.

UTF-8 with a BOM (Excel detects the encoding), semicolons (Finnish Excel's list
separator), a decimal comma, areas/indicators/groups by code, months as YYYY-MM. Text
starting with = + - @ gets the apostrophe guard the import removes.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from indicators.exchange.tidy import EXPORT_HEADERS
from indicators.models import Observation
from portal.kernel.cells import escape_csv_text


def _number(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))
    return text.replace(".", ",")


def export_rows(queryset=None):
    """The export's rows (header first) from the observations (all by default)."""
    queryset = queryset if queryset is not None else Observation.objects.all()
    yield EXPORT_HEADERS
    observations = queryset.select_related("area", "indicator", "group").order_by(
        "area__sort_order", "area__code", "indicator__sort_order", "indicator__code",
        "group__sort_order", "group__code", "period",
    )  # fmt: skip
    for obs in observations.iterator(chunk_size=2000):
        yield [
            escape_csv_text(obs.area.code),
            escape_csv_text(obs.indicator.code),
            escape_csv_text(obs.group.code),
            f"{obs.period:%Y-%m}",
            _number(obs.value),
            escape_csv_text(obs.source),
            escape_csv_text(obs.forecast),
        ]


def export_csv(queryset=None) -> bytes:
    """The observations as CSV bytes (UTF-8 with BOM, semicolons)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(export_rows(queryset))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
