"""Numbers of the indicator tables as the active language writes them."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()
MISSING = "–"


@register.filter
def indicator_value(value: Decimal | None) -> str:
    """A count as printed in the bulletin (no thousands separator), decimals only if any."""
    if value is None:
        return MISSING
    if value == value.to_integral_value():
        return number_format(int(value), use_l10n=True, force_grouping=False)
    return number_format(value.normalize(), use_l10n=True)


@register.filter
def indicator_percent(value: Decimal | None) -> str:
    """A percentage with one decimal (decimal comma in Finnish and Swedish)."""
    if value is None:
        return MISSING
    return number_format(value, decimal_pos=1, use_l10n=True)
