"""Fixtures of the indicator tests: municipalities, reference data, the demo page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seed" / "000_86c54a270de407a0.txt"


@pytest.fixture
def municipalities(db):
    """The six municipalities of Central Uusimaa, as the ecosystem demo has them."""
    from ecosystem.models import Municipality

    document = json.loads((REPO / "ecosystem/demo/demo_ecosystem.json").read_text("utf-8"))
    return [Municipality.objects.create(**record) for record in document["municipalities"]]


@pytest.fixture
def reference(municipalities):
    """Standard areas, indicators and groups."""
    from indicators.reference import ensure_reference_data

    ensure_reference_data()


@pytest.fixture
def steering_area(site_demo):
    """The home page (site demo) with the steering group's private area under it."""
    from cms_pages.models import HomePage
    from steering.models import SteeringAreaPage

    home = HomePage.objects.order_by("path").first()
    area = SteeringAreaPage(title="Ohjausryhmä", slug="ohjausryhma")
    home.add_child(instance=area)
    area.save_revision().publish()
    return area


@pytest.fixture
def demo_indicators(municipalities, steering_area):
    """The indicators demo loaded (values and the page under the steering area)."""
    from indicators import demo
    from indicators.models import IndicatorsPage

    demo.load()
    return IndicatorsPage.objects.get()


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


# --- The two tables of the source document, read straight from it --------------------------

# The document's row labels and the indicator/group codes they stand for.
COMPARISON_LABELS = {
    "Työttömät työnhakijat": "unemployed",
    "Työssä olevat yhteensä": "employed",
    "Kokoaikatyössä": "full_time",
    "Osa-aikatyössä": "part_time",
    "Työllistettynä": "subsidised",
    "Työvoiman ulkopuolella": "outside_labour_force",
    "työllistymistä edistävässä palvelussa": "in_services",
    "koulutuksessa": "in_training",
    "Kaikki työnhakijat yhteensä": "job_seekers",
}
COMPARISON_AREAS = {"Keski-Uudenmaan työllisyysalue": "keski-uusimaa", "Tuusulan kunta": "858"}
GROUP_LABELS = {
    "Kaikki yhteensä": "all",
    "Suomalaiset": "finnish",
    "Ulkomaalaiset / maahanmuuttajat": "foreign",
    "Alle 30 vuotiaat": "under_30",
}
GROUP_INDICATORS = {"Työnhakijoita": "job_seekers", "Pitkäaikaistyöttömät": "long_term_unemployed"}


def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


def _table_lines(header_start: str) -> tuple[list[str], list[str]]:
    """(the header line with the line above it, the data lines up to the next empty line)."""
    lines = seed_lines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    data = []
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        data.append(line)
    return lines[start - 1 : start + 1], data


def _number(text: str):
    from decimal import Decimal

    return Decimal(text.replace("%", "").strip().replace(",", "."))


def _label(text: str) -> str:
    return text.replace("<i>", "").replace("</i>", "").strip()


def seed_comparison_table() -> list[dict]:
    """Rows of the March table: area, indicator codes, the printed numbers."""
    (title, _header), data = _table_lines("TYÖNHAKIJAT\t")
    areas = [cell for cell in title.split("\t") if cell.strip()]
    rows = []
    for line in data:
        cells = line.split("\t")
        for block, area in enumerate(areas):
            label, latest, earlier, change, percent = cells[block * 5 : block * 5 + 5]
            rows.append(
                {
                    "area": COMPARISON_AREAS[area],
                    "label": _label(label),
                    "indicator": COMPARISON_LABELS[_label(label)],
                    "latest": _number(latest),
                    "earlier": _number(earlier),
                    "change": _number(change),
                    "percent": _number(percent),
                }
            )
    return rows


def seed_group_table() -> list[dict]:
    """Rows of the February table by group, with the group carried down to sub-rows."""
    _lines, data = _table_lines("Ryhmä\t")
    rows, group = [], None
    for line in data:
        cells = line.split("\t")
        group = cells[0].strip() or group
        rows.append(
            {
                "group": GROUP_LABELS[group],
                "group_label": group,
                "indicator": GROUP_INDICATORS[cells[1].strip()],
                "values": [_number(cell) for cell in cells[2:5]],
                "change_1": _number(cells[5]),
                "change_2": _number(cells[6]),
                "percent_1": _number(cells[7]),
                "percent_2": _number(cells[8]),
                "forecast": cells[9].strip(),
            }
        )
    return rows


def seed_table_text() -> str:
    """Both tables as the document prints them (tab separated), for the wide import."""
    a_title, a_data = _table_lines("TYÖNHAKIJAT\t")
    b_header, b_data = _table_lines("Ryhmä\t")
    return "\n".join([*a_title, *a_data, "", b_header[1], *b_data]) + "\n"
