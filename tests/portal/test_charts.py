"""portal.kernel.charts: scales, bar and line geometry, and the rendered SVG + table alternative."""

import re
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from portal.kernel.charts import Series, bar_chart, format_value, line_chart, nice_scale, nice_step


def test_nice_step_is_round():
    assert nice_step(100, 5) == 20
    assert nice_step(17976, 5) == 5000
    assert nice_step(7, 5) == 2
    assert nice_step(0, 5) == 1


def test_nice_scale_includes_zero_and_covers_data():
    low, high, ticks = nice_scale(3, 97)
    assert (low, high) == (0, 100)
    assert ticks == [0, 20, 40, 60, 80, 100]
    low, high, ticks = nice_scale(-94, 128)
    assert low <= -94 and high >= 128 and 0 in ticks


def test_nice_scale_of_nothing_does_not_divide_by_zero():
    assert nice_scale(0, 0)[:2] == (0, 1)


def test_bar_lengths_are_proportional_to_values():
    chart = bar_chart(
        chart_id="c",
        title="T",
        categories=["a", "b", "c"],
        series=[Series("now", [10, 20, 40])],
    )
    widths = [bar.width for bar in chart.bars]
    assert widths[1] == pytest.approx(2 * widths[0], rel=0.01)
    assert widths[2] == pytest.approx(4 * widths[0], rel=0.01)
    # Every bar starts at zero, which is the left edge here.
    assert {bar.x for bar in chart.bars} == {chart.baseline} == {chart.plot_left}
    # Bars are stacked top to bottom in category order and stay inside the plot.
    ys = [bar.y for bar in chart.bars]
    assert ys == sorted(ys)
    assert all(bar.x + bar.width <= chart.plot_right + 0.01 for bar in chart.bars)


def test_negative_bars_grow_left_of_zero():
    chart = bar_chart(
        chart_id="c", title="T", categories=["up", "down"], series=[Series("change", [128, -94])]
    )
    up, down = chart.bars
    assert up.x == pytest.approx(chart.baseline)
    assert down.x + down.width == pytest.approx(chart.baseline)
    assert chart.plot_left < chart.baseline < chart.plot_right
    # Each value is printed beyond its bar's end, on the outer side.
    assert up.label_anchor == "start" and up.label_x > up.x + up.width
    assert down.label_anchor == "end" and down.label_x < down.x
    assert not down.label_inside


def test_grouped_bars_and_missing_values():
    chart = bar_chart(
        chart_id="c",
        title="T",
        categories=["a", "b"],
        series=[Series("2026", [5, None]), Series("2025", [3, 4])],
    )
    assert [(bar.series, bar.category) for bar in chart.bars] == [(0, 0), (1, 0), (1, 1)]
    assert [entry.label for entry in chart.legend] == ["2026", "2025"]
    assert [entry.style for entry in chart.legend] == [0, 1]
    assert chart.table_rows[1].cells == ["–", "4"]


def test_series_must_match_categories():
    with pytest.raises(ValueError):
        bar_chart(chart_id="c", title="T", categories=["a", "b"], series=[Series("x", [1])])
    with pytest.raises(ValueError):
        line_chart(chart_id="c", title="T", categories=["a"], series=[])


def test_line_points_follow_values():
    chart = line_chart(
        chart_id="l",
        title="T",
        categories=["2/2024", "2/2025", "2/2026"],
        series=[
            Series("job seekers", [16052, 17093, 17976]),
            Series("long-term", [3622, None, 5546]),
        ],
        include_zero=False,
    )
    seekers, long_term = chart.lines
    xs = [point.x for point in seekers.points]
    assert xs[0] == chart.plot_left and xs[-1] == chart.plot_right
    assert xs[1] - xs[0] == pytest.approx(xs[2] - xs[1])
    # Higher values sit higher (smaller y), all inside the plot.
    ys = [point.y for point in seekers.points]
    assert ys[0] > ys[1] > ys[2]
    assert all(chart.plot_top <= y <= chart.plot_bottom for y in ys)
    # A missing value breaks the line: two lone points, no segment.
    assert len(long_term.points) == 2 and long_term.segments == []
    assert len(seekers.segments) == 1 and seekers.segments[0].startswith("M")
    assert seekers.marker != long_term.marker


def test_format_value_uses_the_language():
    with translation.override("fi"):
        assert format_value(8.8, " %") == "8,8 %"
    with translation.override("en"):
        assert format_value(8.8) == "8.8"
    assert format_value(None) == "–"


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _parse(html):
    parser = _Collect()
    parser.feed(html)
    return parser.tags


def test_bar_chart_renders_accessible_svg_and_table():
    chart = bar_chart(
        chart_id="services-by-class",
        title="Palvelut <luokittain>",
        description="Kuvaus",
        categories=["Valmennus", "Ohjaus"],
        series=[Series("Nyt", [12, 7]), Series("Ennen", [10, 9])],
        category_heading="Luokka",
    )
    with translation.override("fi"):
        html = render_to_string("components/charts/bar_chart.html", {"chart": chart})
    tags = _parse(html)
    svg = next(attrs for tag, attrs in tags if tag == "svg")
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "services-by-class-title services-by-class-desc"
    assert 'id="services-by-class-title">Palvelut &lt;luokittain&gt;</title>' in html
    # No inline style or script anywhere (CSP).
    assert not any("style" in attrs for _tag, attrs in tags)
    assert "<script" not in html
    # Series told apart by pattern: each bar is filled with its series' pattern.
    fills = [
        attrs["fill"]
        for tag, attrs in tags
        if tag == "rect" and "chart-bar-rect" in attrs.get("class", "")
    ]
    assert fills == ["url(#services-by-class-p0)", "url(#services-by-class-p1)"] * 2
    assert 'id="services-by-class-p1"' in html
    # The values are printed at the bars, and the table holds them all.
    assert re.search(r">12</text>", html)
    table = html[html.index("<table") :]
    assert '<caption class="visually-hidden">Palvelut &lt;luokittain&gt;</caption>' in table
    assert '<th scope="col">Luokka</th>' in table
    assert table.count('scope="row"') == 2
    assert re.search(
        r'<th scope="row">Ohjaus</th>\s*<td class="numeric">7</td><td class="numeric">9</td>', table
    )


def test_line_chart_renders_markers_and_table():
    chart = line_chart(
        chart_id="seekers",
        title="Työnhakijat",
        categories=["2024", "2025", "2026"],
        series=[
            Series("Kaikki", [16052, 17093, 17976]),
            Series("Pitkäaikaiset", [3622, 4450, 5546]),
        ],
    )
    with translation.override("fi"):
        html = render_to_string("components/charts/line_chart.html", {"chart": chart})
    tags = _parse(html)
    assert (
        sum(1 for tag, _ in tags if tag == "path" and "chart-line-path" in _.get("class", "")) == 2
    )
    assert sum(1 for tag, _ in tags if tag == "circle") == 4  # 3 points + legend, series 0
    assert not any("style" in attrs for _tag, attrs in tags)
    assert "17\xa0976" in html  # grouped the Finnish way, in the table
    assert '<th scope="row">2026</th>' in html
