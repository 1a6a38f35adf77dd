"""Reading indicator values for pages: the bulletin's two tables and time series.

Every function runs a fixed number of queries, whatever the number of observations.
Changes are computed here, never stored:
- the comparison table (a month against the same month a year earlier, per area) gives the
  change in persons and in per cent of the earlier month, as the bulletin's March table;
- the group table (a month against one and two years earlier, per population group) gives
  the changes in per cent of the latest month, as the bulletin's group table does.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from indicators.models.records import Area, Group, Indicator, Observation

ALL_GROUP = "all"
ONE_DECIMAL = Decimal("0.1")


def years_before(month: datetime.date, years: int) -> datetime.date:
    """The same month `years` years earlier."""
    return month.replace(year=month.year - years)


def change(latest: Decimal | None, earlier: Decimal | None) -> Decimal | None:
    """latest − earlier, or None when either is missing."""
    if latest is None or earlier is None:
        return None
    return latest - earlier


def percent(difference: Decimal | None, base: Decimal | None) -> Decimal | None:
    """difference as per cent of base, to one decimal (half up), or None."""
    if difference is None or not base:
        return None
    return (difference / base * 100).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def ordered_indicators(indicators: list[Indicator]) -> list[tuple[Indicator, int]]:
    """(indicator, depth) with each indicator's parts right after it, in sort order."""
    children: dict[int | None, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        children[indicator.parent_id].append(indicator)
    known = {indicator.pk for indicator in indicators}
    result: list[tuple[Indicator, int]] = []

    def walk(parent_id, depth):
        for indicator in children.get(parent_id, []):
            result.append((indicator, depth))
            walk(indicator.pk, depth + 1)

    walk(None, 0)
    for indicator in indicators:  # parts whose parent is not listed
        if indicator.parent_id is not None and indicator.parent_id not in known:
            result.append((indicator, 1))
    return result


@dataclass
class ComparisonRow:
    indicator: Indicator
    depth: int
    latest: Decimal | None
    earlier: Decimal | None
    change: Decimal | None
    percent: Decimal | None


@dataclass
class ComparisonBlock:
    area: Area
    rows: list[ComparisonRow]


@dataclass
class ComparisonTable:
    month: datetime.date
    earlier_month: datetime.date
    blocks: list[ComparisonBlock]
    sources: list[str]


def comparison_table(
    *, month: datetime.date, areas: list[Area], indicators: list[Indicator], group: Group
) -> ComparisonTable | None:
    """The month against the same month a year earlier, every indicator with values, per area
    (group "all"). One query. None when there are no values for the month."""
    earlier_month = years_before(month, 1)
    values: dict[tuple[int, int, datetime.date], Decimal] = {}
    sources: set[str] = set()
    for obs in Observation.objects.filter(
        area__in=areas, group=group, period__in=[month, earlier_month]
    ).only("indicator_id", "area_id", "period", "value", "source"):
        values[(obs.area_id, obs.indicator_id, obs.period)] = obs.value
        if obs.period == month and obs.source:
            sources.add(obs.source)
    if not any(period == month for _area, _indicator, period in values):
        return None
    blocks = []
    for area in areas:
        rows = []
        for indicator, depth in ordered_indicators(indicators):
            latest = values.get((area.pk, indicator.pk, month))
            earlier = values.get((area.pk, indicator.pk, earlier_month))
            if latest is None and earlier is None:
                continue
            difference = change(latest, earlier)
            rows.append(
                ComparisonRow(
                    indicator, depth, latest, earlier, difference, percent(difference, earlier)
                )
            )
        if rows:
            blocks.append(ComparisonBlock(area, rows))
    return ComparisonTable(month, earlier_month, blocks, sorted(sources))


@dataclass
class GroupRow:
    indicator: Indicator
    values: list[Decimal | None]  # two years before, a year before, the month
    change_1: Decimal | None
    change_2: Decimal | None
    percent_1: Decimal | None
    percent_2: Decimal | None
    forecast: str


@dataclass
class GroupBlock:
    group: Group
    rows: list[GroupRow]


@dataclass
class GroupTable:
    area: Area
    months: list[datetime.date]  # oldest first
    blocks: list[GroupBlock]
    sources: list[str]


def group_table(
    *, month: datetime.date, area: Area, indicators: list[Indicator], groups: list[Group]
) -> GroupTable | None:
    """The month against one and two years earlier, per group and indicator, with the
    forecast given for the month. One query. None when there are no values for the month."""
    months = [years_before(month, 2), years_before(month, 1), month]
    found: dict[tuple[int, int, datetime.date], Observation] = {}
    sources: set[str] = set()
    for obs in Observation.objects.filter(area=area, period__in=months).only(
        "indicator_id", "group_id", "period", "value", "source", "forecast"
    ):
        found[(obs.group_id, obs.indicator_id, obs.period)] = obs
        if obs.period == month and obs.source:
            sources.add(obs.source)
    if not any(period == month for _group, _indicator, period in found):
        return None
    blocks = []
    for group in groups:
        rows = []
        for indicator in indicators:
            observed = [found.get((group.pk, indicator.pk, period)) for period in months]
            if observed[2] is None:
                continue  # the table is about the month: rows without its value are left out
            two, one, latest = (obs.value if obs else None for obs in observed)
            change_1, change_2 = change(latest, one), change(latest, two)
            rows.append(
                GroupRow(
                    indicator=indicator,
                    values=[two, one, latest],
                    change_1=change_1,
                    change_2=change_2,
                    percent_1=percent(change_1, latest),
                    percent_2=percent(change_2, latest),
                    forecast=observed[2].forecast,
                )
            )
        if rows:
            blocks.append(GroupBlock(group, rows))
    return GroupTable(area, months, blocks, sorted(sources))


@dataclass
class SeriesData:
    """Values of one indicator: months, and per series label the value of each month."""

    months: list[datetime.date]
    series: list[tuple[str, list[Decimal | None]]] = field(default_factory=list)


def indicator_series(
    *, indicator: Indicator, area: Area, areas: list[Area], groups: list[Group]
) -> tuple[SeriesData, SeriesData]:
    """(by group in `area`, by area for group "all") for one indicator. One query."""
    by_group: dict[int, dict[datetime.date, Decimal]] = defaultdict(dict)
    by_area: dict[int, dict[datetime.date, Decimal]] = defaultdict(dict)
    all_group = next((group for group in groups if group.code == ALL_GROUP), None)
    for area_id, group_id, period, value in Observation.objects.filter(
        indicator=indicator
    ).values_list("area_id", "group_id", "period", "value"):
        if area_id == area.pk:
            by_group[group_id][period] = value
        if all_group is not None and group_id == all_group.pk:
            by_area[area_id][period] = value

    def build(values, labelled) -> SeriesData:
        months = sorted({period for per in values.values() for period in per})
        data = SeriesData(months)
        for key, label in labelled:
            if key in values:
                data.series.append((label, [values[key].get(period) for period in months]))
        return data

    return (
        build(by_group, [(group.pk, group.localized_name) for group in groups]),
        build(by_area, [(one.pk, one.localized_name) for one in areas]),
    )
