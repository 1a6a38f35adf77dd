"""Demo content of the indicators: both tables of the April 2026 briefing, exactly.

The values are indicators/fixtures/tyollisyyskatsaus_demo.csv (tidy layout), loaded through
the importer itself, so the demo exercises the import. Then an IndicatorsPage is placed
under the steering group's private area (under the home page while there is no area; a
later load moves it in). Loading twice changes nothing.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.apps import apps
from wagtail.models import Page

from indicators.exchange.importing import indicators_import
from indicators.models import Area, IndicatorsPage
from indicators.reference import EMPLOYMENT_AREA_CODE, ensure_reference_data

DEMO_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "tyollisyyskatsaus_demo.csv"
PAGE_SLUG = "tyollisyysindikaattorit"
COMPARISON_MONTH = datetime.date(2026, 3, 1)
GROUP_MONTH = datetime.date(2026, 2, 1)
TUUSULA = "858"
INTRO = (
    "<p>Työllisyyskatsauksen luvut Keski-Uudenmaan työllisyysalueelta ja sen kunnista: "
    "työttömät ja pitkäaikaistyöttömät työnhakijat, nuoret, ulkomaalaiset sekä palveluissa ja "
    "koulutuksessa olevat. Valitse alue ja indikaattori nähdäksesi aikasarjan.</p>"
)


def _parent() -> Page | None:
    if apps.is_installed("steering"):
        from steering.models import SteeringAreaPage

        area = SteeringAreaPage.objects.order_by("path").first()
        if area is not None:
            return area
    from cms_pages.models import HomePage

    return HomePage.objects.order_by("path").first()


def _page() -> str:
    parent = _parent()
    if parent is None:
        return ""
    page = IndicatorsPage.objects.order_by("path").first()
    if page is not None:
        if page.get_parent().pk != parent.pk:
            page.move(parent, pos="last-child")
            return f"Indicators demo: page moved under {parent.title}."
        return ""
    areas = list(
        Area.objects.filter(code__in=[EMPLOYMENT_AREA_CODE, TUUSULA]).order_by("sort_order")
    )
    page = IndicatorsPage(
        title="Työllisyysindikaattorit",
        slug=PAGE_SLUG,
        intro=INTRO,
        comparison_month=COMPARISON_MONTH,
        group_month=GROUP_MONTH,
        group_area=next((area for area in areas if area.code == EMPLOYMENT_AREA_CODE), None),
    )
    parent.add_child(instance=page)
    page.comparison_areas.set(areas)
    page.save_revision().publish()
    return f"Indicators demo: page created under {parent.title}."


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
    page_line = _page()
    if page_line:
        lines.append(page_line)
    return "\n".join(lines)
