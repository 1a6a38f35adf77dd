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

    document = json.loads((REPO / "ecosystem/fixtures/demo_ecosystem.json").read_text("utf-8"))
    return [Municipality.objects.create(**record) for record in document["municipalities"]]


@pytest.fixture
def reference(municipalities):
    """Standard areas, indicators and groups."""
    from indicators.reference import ensure_reference_data

    ensure_reference_data()


@pytest.fixture
def steering_area(db):
    """The home page (site demo) with the steering group's private area under it."""
    from cms_pages import demo as cms_demo
    from cms_pages.models import HomePage
    from steering.models import SteeringAreaPage

    cms_demo.load()
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
