"""Server-rendered SVG charts: geometry in Python, markup in templates, no JavaScript.

Usage (a view or a page's get_context)::

    from portal.kernel.charts import Series, bar_chart, line_chart

    chart = bar_chart(
        chart_id="services-by-class",          # unique on the page; used for ids and aria
        title=_("Services by class"),
        description=_("Number of services in the register by service class."),
        categories=["Coaching", "Guidance"],    # one label per group of bars (shown on the axis)
        series=[Series(_("Now"), [12, 7]), Series(_("Before"), [10, 9])],
        unit="",                               # appended to value labels, e.g. " %"
    )
    chart = line_chart(chart_id=..., title=..., categories=["2/2024", "2/2025", "2/2026"],
                       series=[Series(_("Job seekers"), [16052, 17093, 17976])])

and in the template::

    {% include "components/charts/bar_chart.html" with chart=chart %}
    {% include "components/charts/line_chart.html" with chart=chart %}

Each chart template renders the SVG (role="img", <title>/<desc> joined by aria-labelledby)
and then its table alternative (components/charts/data_table.html, also usable alone with
``chart=chart``). Bars are horizontal so that long Finnish category labels fit. Series are
told apart without colour: bars get a fill pattern per series (solid, hatched, dotted, …) and
a printed value, lines a marker shape and dash pattern per series; the legend repeats them.
Colours, patterns' strokes and dashes come from CSS classes in static/css/charts.css (the
public CSP forbids style attributes); include that stylesheet on the page.

Missing values (None) are skipped: no bar, a gap in the line, "–" in the table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.formats import number_format

SERIES_STYLES = 6  # chart-series-0 … chart-series-5 in charts.css; more series cycle
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "circle")


@dataclass(frozen=True)
class Series:
    """One labelled row of values, one value per category (None for missing)."""

    label: str
    values: Sequence[float | int | None]


@dataclass(frozen=True)
class Tick:
    value: float
    position: float  # pixels along the value axis
    label: str


@dataclass(frozen=True)
class Bar:
    series: int
    category: int
    x: float
    y: float
    width: float
    height: float
    value: float
    label: str  # formatted value, printed next to the bar
    label_x: float
    label_y: float
    label_inside: bool  # white on the bar (a long bar at the plot's edge)
    label_anchor: str  # SVG text-anchor: "start" or "end"
    style: int  # index of the CSS class / pattern


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: float
    label: str


@dataclass(frozen=True)
class Line:
    series: int
    label: str
    style: int
    marker: str
    segments: list[str]  # SVG path "d" strings; a missing value breaks the line
    points: list[Point]


@dataclass(frozen=True)
class LegendEntry:
    label: str
    style: int
    marker: str
    x: float
    y: float

    @property
    def middle_y(self) -> float:
        return self.y + 7

    @property
    def swatch_end_x(self) -> float:
        return self.x + 24

    @property
    def marker_x(self) -> float:
        return self.x + 12

    @property
    def bar_text_x(self) -> float:
        return self.x + 20

    @property
    def line_text_x(self) -> float:
        return self.x + 32

    @property
    def text_y(self) -> float:
        return self.y + 12


@dataclass(frozen=True)
class CategoryLabel:
    label: str
    x: float
    y: float


@dataclass(frozen=True)
class TableRow:
    label: str
    cells: list[str]


@dataclass
class Chart:
    """Everything a chart template needs; built by bar_chart / line_chart."""

    kind: str
    chart_id: str
    title: str
    description: str
    width: int
    height: int
    plot_left: float
    plot_top: float
    plot_width: float
    plot_height: float
    ticks: list[Tick]
    categories: list[CategoryLabel]
    legend: list[LegendEntry]
    table_columns: list[str]
    table_rows: list[TableRow]
    category_heading: str
    bars: list[Bar] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    baseline: float = 0.0  # pixel position of value 0 on the value axis
    styles: list[int] = field(default_factory=list)

    @property
    def plot_right(self) -> float:
        return self.plot_left + self.plot_width

    @property
    def plot_bottom(self) -> float:
        return self.plot_top + self.plot_height

    @property
    def tick_label_y(self) -> float:
        """Where a bar chart's value labels sit, under the plot."""
        return self.plot_bottom + 18

    @property
    def tick_label_x(self) -> float:
        """Where a line chart's value labels end, left of the plot."""
        return self.plot_left - 8

    @property
    def title_id(self) -> str:
        return f"{self.chart_id}-title"

    @property
    def desc_id(self) -> str:
        return f"{self.chart_id}-desc"

    @property
    def table_id(self) -> str:
        return f"{self.chart_id}-table"


# Integers from this on are written with thousands grouped (12 345; 9876 stays whole, as
# Finnish style writes four-digit numbers); the indicator tables use the same rule.
GROUPING_FROM = 10000


def format_value(value: float | int | None, unit: str = "") -> str:
    """A value as the current language writes it (decimal comma in Finnish), or "–"."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        text = number_format(round(value, 2), decimal_pos=None, use_l10n=True)
    else:
        text = number_format(int(value), use_l10n=True, force_grouping=abs(value) >= GROUPING_FROM)
    return f"{text}{unit}"


def nice_step(span: float, count: int) -> float:
    """A round step (1, 2, 2.5 or 5 × 10^n) dividing `span` into about `count` intervals."""
    if span <= 0:
        return 1.0
    raw = span / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def nice_scale(low: float, high: float, count: int = 5) -> tuple[float, float, list[float]]:
    """(axis minimum, axis maximum, tick values): round numbers covering low..high.

    Zero is always inside the range (bars grow from zero); an all-zero or empty range gives
    0..1 so that nothing divides by zero.
    """
    low, high = min(low, 0.0), max(high, 0.0)
    if low == high:
        high = low + 1
    step = nice_step(high - low, count)
    start = math.floor(low / step) * step
    stop = math.ceil(high / step) * step
    ticks = []
    value = start
    while value <= stop + step / 1000:
        ticks.append(round(value, 10))
        value += step
    return start, stop, ticks


def _values(series: Sequence[Series]) -> list[float]:
    return [float(v) for s in series for v in s.values if v is not None]


def _check(categories: Sequence[str], series: Sequence[Series]) -> None:
    if not series:
        raise ValueError("a chart needs at least one series")
    for one in series:
        if len(one.values) != len(categories):
            raise ValueError(
                f"series {one.label!r} has {len(one.values)} values for "
                f"{len(categories)} categories"
            )


def _table(
    categories: Sequence[str], series: Sequence[Series], unit: str
) -> tuple[list[str], list[TableRow]]:
    columns = [one.label for one in series]
    rows = [
        TableRow(label, [format_value(one.values[index], unit) for one in series])
        for index, label in enumerate(categories)
    ]
    return columns, rows


def _legend(series: Sequence[Series], x: float, y: float) -> list[LegendEntry]:
    return [
        LegendEntry(one.label, index % SERIES_STYLES, MARKERS[index % len(MARKERS)], x, y + 20 * i)
        for i, (index, one) in enumerate(enumerate(series))
    ]


def bar_chart(
    *,
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    description: str = "",
    unit: str = "",
    category_heading: str = "",
    width: int = 640,
    bar_height: int = 18,
    label_width: int = 210,
    ticks: int = 5,
) -> Chart:
    """Horizontal grouped bars: one group per category, one bar per series.

    The height follows the number of bars; the value axis runs along the top/bottom with
    round ticks and includes zero, so negative values (changes) grow to the left.
    """
    _check(categories, series)
    values = _values(series)
    low, high, tick_values = nice_scale(min(values, default=0), max(values, default=0), ticks)
    legend_height = 20 * len(series) + 10 if len(series) > 1 else 0
    top = 10 + legend_height
    group_gap = bar_height
    group_height = bar_height * len(series)
    plot_height = max(len(categories), 1) * (group_height + group_gap)
    plot_left, plot_width = float(label_width), float(width - label_width - 60)
    height = int(top + plot_height + 30)

    def position(value: float) -> float:
        return plot_left + (value - low) / (high - low) * plot_width

    zero = position(0.0)
    bars, labels = [], []
    for c_index, category in enumerate(categories):
        group_top = top + c_index * (group_height + group_gap) + group_gap / 2
        labels.append(CategoryLabel(category, plot_left - 8, group_top + group_height / 2))
        for s_index, one in enumerate(series):
            value = one.values[c_index]
            if value is None:
                continue
            end = position(float(value))
            x, w = min(zero, end), abs(end - zero)
            y = group_top + s_index * bar_height
            text = format_value(value, unit)
            # The value goes past the bar's end; inside it if the bar is near the plot's edge.
            inside = value >= 0 and end + 8 * len(text) > plot_left + plot_width + 55
            # Outside the bar's end: right of a positive bar, left of a negative one.
            label_x = end - 4 if inside or value < 0 else end + 4
            bars.append(
                Bar(
                    series=s_index,
                    category=c_index,
                    x=round(x, 2),
                    y=round(y + 1, 2),
                    width=round(max(w, 0.0), 2),
                    height=bar_height - 2,
                    value=float(value),
                    label=text,
                    label_x=round(label_x, 2),
                    label_y=round(y + bar_height / 2, 2),
                    label_inside=inside,
                    label_anchor="end" if inside or value < 0 else "start",
                    style=s_index % SERIES_STYLES,
                )
            )
    columns, rows = _table(categories, series, unit)
    return Chart(
        kind="bar",
        chart_id=chart_id,
        title=title,
        description=description,
        width=width,
        height=height,
        plot_left=plot_left,
        plot_top=float(top),
        plot_width=plot_width,
        plot_height=float(plot_height),
        ticks=[Tick(v, round(position(v), 2), format_value(v)) for v in tick_values],
        categories=labels,
        legend=_legend(series, plot_left, 10) if len(series) > 1 else [],
        table_columns=columns,
        table_rows=rows,
        category_heading=category_heading,
        bars=bars,
        baseline=round(zero, 2),
        styles=sorted({i % SERIES_STYLES for i in range(len(series))}),
    )


def line_chart(
    *,
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    description: str = "",
    unit: str = "",
    category_heading: str = "",
    width: int = 640,
    height: int = 320,
    ticks: int = 5,
    include_zero: bool = True,
) -> Chart:
    """Lines over ordered categories (time points), one per series, with point markers.

    include_zero=False lets the value axis start near the data (for series far from zero,
    such as tens of thousands of job seekers, where the change is the point).
    """
    _check(categories, series)
    values = _values(series)
    low_value, high_value = min(values, default=0), max(values, default=0)
    if include_zero:
        low, high, tick_values = nice_scale(low_value, high_value, ticks)
    else:
        span = (high_value - low_value) or abs(high_value) or 1
        step = nice_step(span, ticks)
        low = math.floor((low_value - step / 2) / step) * step
        high = math.ceil((high_value + step / 2) / step) * step
        tick_values = [
            round(low + i * step, 10) for i in range(int(round((high - low) / step)) + 1)
        ]
    legend_height = 20 * len(series) + 10
    plot_left, plot_top = 70.0, float(10 + legend_height)
    plot_width = float(width - plot_left - 30)
    plot_height = float(height - plot_top - 40)
    count = len(categories)

    def x_at(index: int) -> float:
        if count == 1:
            return plot_left + plot_width / 2
        return plot_left + index * plot_width / (count - 1)

    def y_at(value: float) -> float:
        return plot_top + plot_height - (value - low) / (high - low) * plot_height

    lines = []
    for s_index, one in enumerate(series):
        points, segments, current = [], [], []
        for c_index, value in enumerate(one.values):
            if value is None:
                if current:
                    segments.append(current)
                current = []
                continue
            point = Point(
                round(x_at(c_index), 2),
                round(y_at(float(value)), 2),
                float(value),
                format_value(value, unit),
            )
            points.append(point)
            current.append(point)
        if current:
            segments.append(current)
        lines.append(
            Line(
                series=s_index,
                label=one.label,
                style=s_index % SERIES_STYLES,
                marker=MARKERS[s_index % len(MARKERS)],
                segments=[
                    "M" + " L".join(f"{p.x},{p.y}" for p in segment)
                    for segment in segments
                    if len(segment) > 1
                ],
                points=points,
            )
        )
    columns, rows = _table(categories, series, unit)
    return Chart(
        kind="line",
        chart_id=chart_id,
        title=title,
        description=description,
        width=width,
        height=height,
        plot_left=plot_left,
        plot_top=plot_top,
        plot_width=plot_width,
        plot_height=plot_height,
        ticks=[Tick(v, round(y_at(v), 2), format_value(v)) for v in tick_values],
        categories=[
            CategoryLabel(label, round(x_at(i), 2), plot_top + plot_height + 20)
            for i, label in enumerate(categories)
        ],
        legend=_legend(series, plot_left, 10),
        table_columns=columns,
        table_rows=rows,
        category_heading=category_heading,
        lines=lines,
        baseline=round(y_at(0.0), 2) if low <= 0 <= high else round(plot_top + plot_height, 2),
        styles=sorted({i % SERIES_STYLES for i in range(len(series))}),
    )
