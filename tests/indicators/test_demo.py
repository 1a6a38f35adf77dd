"""The demo holds both tables of the source document exactly, and the page shows them.

The expected numbers are read from the source document itself (../shared/seed), not copied
into the test: every value, every printed change (LKM, %, 1 v, 2 v) and every forecast.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from indicators.models import Observation
from indicators.selectors import change, percent
from tests.indicators.conftest import seed_comparison_table, seed_group_table, soup

pytestmark = pytest.mark.django_db

MARCH_2026, MARCH_2025 = datetime.date(2026, 3, 1), datetime.date(2025, 3, 1)
FEBRUARIES = [datetime.date(2024, 2, 1), datetime.date(2025, 2, 1), datetime.date(2026, 2, 1)]


def stored() -> dict[tuple[str, str, str, datetime.date], Observation]:
    return {
        (obs.area.code, obs.indicator.code, obs.group.code, obs.period): obs
        for obs in Observation.objects.select_related("area", "indicator", "group")
    }


def test_the_source_tables_are_read_whole():
    # 9 rows × 2 areas and 4 groups × 2 rows: the test reads what the document prints.
    assert len(seed_comparison_table()) == 18
    assert len(seed_group_table()) == 8


def test_every_number_of_the_march_table_is_stored(demo_indicators):
    values = stored()
    for row in seed_comparison_table():
        latest = values[(row["area"], row["indicator"], "all", MARCH_2026)]
        earlier = values[(row["area"], row["indicator"], "all", MARCH_2025)]
        assert (latest.value, earlier.value) == (row["latest"], row["earlier"]), row
        assert latest.source == "Työllisyyskatsaus 3/2026"


def test_every_number_of_the_group_table_is_stored_with_its_forecast(demo_indicators):
    values = stored()
    for row in seed_group_table():
        observed = [
            values[("keski-uusimaa", row["indicator"], row["group"], month)] for month in FEBRUARIES
        ]
        assert [obs.value for obs in observed] == row["values"], row
        assert observed[2].forecast == row["forecast"]
        assert observed[0].forecast == observed[1].forecast == ""


def test_nothing_else_is_stored(demo_indicators):
    assert Observation.objects.count() == 2 * len(seed_comparison_table()) + 3 * len(
        seed_group_table()
    )


def _matches(computed: Decimal, printed: Decimal) -> bool:
    """The document prints -12 for -12.0: compare at the printed precision."""
    decimals = max(-printed.as_tuple().exponent, 0)
    return computed == printed or computed.quantize(Decimal(1).scaleb(-decimals)) == printed


def test_computed_changes_match_the_printed_ones():
    for row in seed_comparison_table():
        difference = change(row["latest"], row["earlier"])
        assert difference == row["change"], row
        # The March table's per cent is relative to March of the year before.
        assert _matches(percent(difference, row["earlier"]), row["percent"]), row
    for row in seed_group_table():
        two, one, latest = row["values"]
        assert change(latest, one) == row["change_1"], row
        assert change(latest, two) == row["change_2"], row
        # The group table's per cent is relative to the latest month (February 2026).
        assert percent(change(latest, one), latest) == row["percent_1"], row
        assert percent(change(latest, two), latest) == row["percent_2"], row


def test_a_percentage_against_the_wrong_base_would_be_caught():
    row = seed_group_table()[0]
    two, one, latest = row["values"]
    assert percent(change(latest, one), one) != row["percent_1"]


def test_loading_twice_changes_nothing(demo_indicators):
    from indicators import demo

    before = {key: (obs.value, obs.updated_at) for key, obs in stored().items()}
    assert demo.load() == ""
    assert {key: (obs.value, obs.updated_at) for key, obs in stored().items()} == before


def test_the_page_is_inside_the_private_steering_area(demo_indicators, steering_area):
    assert demo_indicators.get_parent().pk == steering_area.pk
    restrictions = demo_indicators.get_view_restrictions()
    assert restrictions, "the page must inherit the steering area's restriction"
    assert {group.name for r in restrictions for group in r.groups.all()} >= {
        "Steering group",
        "Project staff",
    }


def _cells(table) -> list[list[str]]:
    return [
        [" ".join(cell.get_text().split()) for cell in tr.find_all(["th", "td"])]
        for tr in table.find_all("tr")
    ]


def _printed(text: str) -> Decimal:
    return Decimal(text.replace("\xa0", "").replace(" ", "").replace(",", "."))


def test_the_page_shows_every_number_of_both_tables(
    demo_indicators, client, steering_user, sign_in
):
    sign_in(client, steering_user)
    response = client.get(demo_indicators.url)
    assert response.status_code == 200
    page = soup(response)
    for area in ("keski-uusimaa", "858"):
        table = page.find("table", id=f"comparison-{area}")
        rows = {cells[0]: cells[1:] for cells in _cells(table.tbody)}
        expected = [row for row in seed_comparison_table() if row["area"] == area]
        assert len(rows) == len(expected)
        for row in expected:
            shown = rows[row["label"][0].upper() + row["label"][1:]]
            latest, earlier, difference, per_cent = (_printed(cell) for cell in shown)
            assert (latest, earlier, difference) == (row["latest"], row["earlier"], row["change"])
            assert _matches(per_cent, row["percent"]), (row, shown)
    table = page.find("table", id="group-table")
    shown_rows = []
    for body in table.find_all("tbody"):
        group = body.find("th", scope="rowgroup").get_text(strip=True)
        for tr in body.find_all("tr"):
            cells = [" ".join(c.get_text().split()) for c in tr.find_all(["th", "td"])]
            shown_rows.append((group, cells[-9:]))  # indicator, 3 values, 4 changes, forecast
    assert len(shown_rows) == len(seed_group_table())
    for (group, cells), row in zip(shown_rows, seed_group_table(), strict=True):
        assert group.replace("-", " ") == row["group_label"]
        numbers = [_printed(cell) for cell in cells[1:8]]
        assert numbers[:3] == row["values"]
        assert numbers[3:] == [
            row["change_1"],
            row["change_2"],
            row["percent_1"],
            row["percent_2"],
        ]
        assert cells[8] == row["forecast"]
    text = page.get_text()
    assert "Työllisyyskatsaus 3/2026" in text and "Työllisyyskatsaus 2/2026" in text
