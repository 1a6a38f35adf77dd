"""Numbers of the indicator tables as the active language writes them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import pgettext_lazy

from portal.kernel.charts import GROUPING_FROM

register = template.Library()
MISSING = "–"


@register.filter
def indicator_value(value: Decimal | None) -> str:
    """A count as the charts write it: thousands grouped from GROUPING_FROM on in the
    language's way (a non-breaking space in Finnish and Swedish, a comma in English),
    decimals only if any."""
    if value is None:
        return MISSING
    grouped = abs(value) >= GROUPING_FROM
    if value == value.to_integral_value():
        return number_format(int(value), use_l10n=True, force_grouping=grouped)
    return number_format(value.normalize(), use_l10n=True, force_grouping=grouped)


@register.filter
def indicator_percent(value: Decimal | None) -> str:
    """A percentage with one decimal (decimal comma in Finnish and Swedish)."""
    if value is None:
        return MISSING
    return number_format(value, decimal_pos=1, use_l10n=True)


# The month a comparison is made against, in the form "compared with …" needs: Finnish puts
# it in the illative (maaliskuu 2026 verrattuna maaliskuuhun 2025); Swedish and English
# leave it as it is. One string a month, so each language inflects its own way.
COMPARED_WITH_MONTHS = (
    pgettext_lazy("compared with (month)", "January"),
    pgettext_lazy("compared with (month)", "February"),
    pgettext_lazy("compared with (month)", "March"),
    pgettext_lazy("compared with (month)", "April"),
    pgettext_lazy("compared with (month)", "May"),
    pgettext_lazy("compared with (month)", "June"),
    pgettext_lazy("compared with (month)", "July"),
    pgettext_lazy("compared with (month)", "August"),
    pgettext_lazy("compared with (month)", "September"),
    pgettext_lazy("compared with (month)", "October"),
    pgettext_lazy("compared with (month)", "November"),
    pgettext_lazy("compared with (month)", "December"),
)


@register.filter
def compared_with_month(month: date | None) -> str:
    """The month and year after "compared with" (Finnish: maaliskuuhun 2025)."""
    if month is None:
        return MISSING
    return f"{COMPARED_WITH_MONTHS[month.month - 1]} {month.year}"
