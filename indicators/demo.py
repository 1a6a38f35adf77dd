"""Demo content of the indicators: both tables of the April 2026 briefing, exactly.

The values are indicators/fixtures/tyollisyyskatsaus_demo.csv (tidy layout), loaded through
the importer itself, so the demo exercises the import. Then an IndicatorsPage is placed
under the steering group's private area (under the home page while there is no area; a
later load moves it in). Loading twice changes nothing.
"""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path

from django.apps import apps
from wagtail.models import Page

from cms_pages.models import HomePage
from indicators.exchange.importing import indicators_import
from indicators.models import Area, IndicatorsPage
from indicators.reference import EMPLOYMENT_AREA_CODE, ensure_reference_data
from steering.models import SteeringAreaPage

DEMO_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "tyollisyyskatsaus_demo.csv"
PAGE_KEY = uuid.UUID("6c0e1f3a-5d1b-4c61-9a55-1c2b7f0e6c6c")  # the page in every language
COMPARISON_MONTH = datetime.date(2026, 3, 1)
GROUP_MONTH = datetime.date(2026, 2, 1)
TUUSULA = "858"
PAGES = {
    "fi": {
        "title": "Työllisyysindikaattorit",
        "slug": "tyollisyysindikaattorit",
        "intro": "<p>Työllisyyskatsauksen luvut Keski-Uudenmaan työllisyysalueelta ja sen "
        "kunnista: työttömät ja pitkäaikaistyöttömät työnhakijat, nuoret, ulkomaalaiset sekä "
        "palveluissa ja koulutuksessa olevat. Valitse alue ja indikaattori nähdäksesi "
        "aikasarjan.</p>",
    },
    "sv": {
        "title": "Arbetsmarknadsindikatorer",
        "slug": "arbetsmarknadsindikatorer",
        "intro": "<p>Siffror ur sysselsättningsöversikten för Mellersta Nylands "
        "sysselsättningsområde och dess kommuner. Välj område och indikator för att se "
        "tidsserien.</p>",
    },
    "en": {
        "title": "Labour-market indicators",
        "slug": "labour-market-indicators",
        "intro": "<p>Figures of the monthly employment bulletin for the Central Uusimaa "
        "employment area and its municipalities. Choose an area and an indicator to see the "
        "time series.</p>",
    },
}


def _parents() -> dict[str, Page]:
    """The steering area page of each language; the home pages while there is none."""
    found: dict[str, Page] = {}
    if apps.is_installed("steering"):
        for area in SteeringAreaPage.objects.select_related("locale").order_by("path"):
            found.setdefault(area.locale.language_code, area)
    if found:
        return found

    for home in HomePage.objects.select_related("locale").order_by("path"):
        found.setdefault(home.locale.language_code, home)
    return found


def _pages() -> list[str]:
    """Create the missing pages (fi first), move any left under a home page into the area."""
    done = []
    existing = {
        page.locale.language_code: page
        for page in IndicatorsPage.objects.filter(translation_key=PAGE_KEY).select_related("locale")
    }
    areas = list(
        Area.objects.filter(code__in=[EMPLOYMENT_AREA_CODE, TUUSULA]).order_by("sort_order")
    )
    for code, parent in sorted(_parents().items(), key=lambda item: item[0] != "fi"):
        if code not in PAGES:
            continue
        page = existing.get(code)
        if page is not None:
            if page.get_parent().pk != parent.pk:
                page.move(parent, pos="last-child")
                done.append(f"page ({code}) moved under {parent.title}")
            continue
        page = IndicatorsPage(
            **PAGES[code],
            translation_key=PAGE_KEY,
            locale=parent.locale,
            comparison_month=COMPARISON_MONTH,
            group_month=GROUP_MONTH,
            group_area=next((area for area in areas if area.code == EMPLOYMENT_AREA_CODE), None),
        )
        parent.add_child(instance=page)
        page.comparison_areas.set(areas)
        page.save_revision().publish()
        done.append(f"page ({code}) under {parent.title}")
    return done


def load() -> str:
    """Load the demo indicators and page; return a summary (empty when nothing changed)."""
    created = ensure_reference_data()
    summary = indicators_import(path=DEMO_FIXTURE)
    lines = []
    if created or summary.changed:
        lines.append(
            f"Indicators demo: {created} reference records, "
            f"{summary.created} values created, {summary.updated} updated."
        )
    pages = _pages()
    if pages:
        lines.append("Indicators demo: " + ", ".join(pages) + ".")
    return "\n".join(lines)
