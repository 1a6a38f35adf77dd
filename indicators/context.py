"""The context of the indicators page: filter form, time series charts, bulletin tables.

A fixed number of queries (areas, indicators, groups, the page's comparison areas, one per
table and one for the charts), however many values are stored.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models.records import Area, Group, Indicator
from indicators.selectors import (
    ALL_GROUP,
    SeriesData,
    comparison_table,
    group_table,
    indicator_series,
)
from portal.kernel.charts import Series, line_chart

DEFAULT_INDICATOR = "unemployed"
CHART_MONTHS = 36


class IndicatorFilterForm(forms.Form):
    """Which area and indicator the charts show (GET, labelled select boxes)."""

    area = forms.ChoiceField(label=gettext_lazy("Area"), required=False)
    indicator = forms.ChoiceField(label=gettext_lazy("Indicator"), required=False)

    def __init__(self, data, *, areas: list[Area], indicators: list[Indicator]):
        super().__init__(data)
        self.fields["area"].choices = [(area.code, area.localized_name) for area in areas]
        self.fields["indicator"].choices = [
            (indicator.code, indicator.localized_name) for indicator in indicators
        ]


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def month_label(month) -> str:
    """'3/2026': short enough for a chart axis."""
    return f"{month.month}/{month.year}"


def _chart(chart_id: str, title: str, description: str, data: SeriesData, heading: str):
    if not data.series or not data.months:
        return None
    if len(data.months) > CHART_MONTHS:
        # A long history would crowd the axis: the latest months, said so in the description.
        data = SeriesData(
            data.months[-CHART_MONTHS:],
            [(label, values[-CHART_MONTHS:]) for label, values in data.series],
        )
        description = f"{description} " + _("The latest %(count)d months with values.") % {
            "count": CHART_MONTHS
        }
    return line_chart(
        chart_id=chart_id,
        title=title,
        description=description,
        categories=[month_label(month) for month in data.months],
        series=[
            Series(label, [_number(value) for value in values]) for label, values in data.series
        ],
        category_heading=heading,
        include_zero=False,
    )


def _pick(items: list, code: str | None, default):
    return next((item for item in items if item.code == code), default)


def indicators_page_context(page, params: QueryDict) -> dict[str, Any]:
    """Everything the indicators page template needs."""
    areas = list(Area.objects.all())
    indicators = list(Indicator.objects.all())
    groups = list(Group.objects.all())
    all_group = next((group for group in groups if group.code == ALL_GROUP), None)
    default_area = next(
        (area for area in areas if area.level == Area.Level.EMPLOYMENT_AREA),
        areas[0] if areas else None,
    )
    default_indicator = _pick(indicators, DEFAULT_INDICATOR, indicators[0] if indicators else None)
    form = IndicatorFilterForm(
        {
            "area": params.get("area", default_area.code if default_area else ""),
            "indicator": params.get(
                "indicator", default_indicator.code if default_indicator else ""
            ),
        },
        areas=areas,
        indicators=indicators,
    )
    filter_errors = []
    area, indicator = default_area, default_indicator
    if form.is_valid():
        area = _pick(areas, form.cleaned_data["area"], default_area)
        indicator = _pick(indicators, form.cleaned_data["indicator"], default_indicator)
    else:
        filter_errors = [
            _("“%(value)s” is not one of the choices; showing the default.")
            % {"value": params.get(name, "")}
            for name in form.errors
        ]
        form = IndicatorFilterForm(
            {"area": area.code if area else "", "indicator": indicator.code if indicator else ""},
            areas=areas,
            indicators=indicators,
        )
    context: dict[str, Any] = {
        "filter_form": form,
        "filter_errors": filter_errors,
        "selected_area": area,
        "selected_indicator": indicator,
        "group_chart": None,
        "area_chart": None,
        "comparison": None,
        "group_table": None,
    }
    if area is not None and indicator is not None:
        by_group, by_area = indicator_series(
            indicator=indicator, area=area, areas=areas, groups=groups
        )
        context["group_chart"] = _chart(
            "indicator-by-group",
            _("%(indicator)s by group: %(area)s")
            % {"indicator": indicator.localized_name, "area": area.localized_name},
            _("Monthly values of each population group."),
            by_group,
            _("Month"),
        )
        context["area_chart"] = _chart(
            "indicator-by-area",
            _("%(indicator)s by area") % {"indicator": indicator.localized_name},
            _("Monthly values of each area, all groups together."),
            by_area,
            _("Month"),
        )
    if page.comparison_month and all_group is not None:
        chosen = set(page.comparison_areas.values_list("pk", flat=True))
        context["comparison"] = comparison_table(
            month=page.comparison_month.replace(day=1),
            areas=[one for one in areas if one.pk in chosen],
            indicators=indicators,
            group=all_group,
        )
    if page.group_month:
        table_area = next((one for one in areas if one.pk == page.group_area_id), default_area)
        if table_area is not None:
            context["group_table"] = group_table(
                month=page.group_month.replace(day=1),
                area=table_area,
                indicators=indicators,
                groups=groups,
            )
    return context
