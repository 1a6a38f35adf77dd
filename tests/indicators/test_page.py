"""The indicators page: private, filterable, charts with tables, fi/sv strings, fixed queries."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from indicators.models import Area, Group, Indicator, Observation
from tests.indicators.conftest import soup

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_sign_in(demo_indicators, client):
    response = client.get(demo_indicators.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert b"11860" not in response.content


def test_network_partners_do_not_see_the_page(demo_indicators, client, partner_user, sign_in):
    sign_in(client, partner_user)
    response = client.get(demo_indicators.url)
    assert response.status_code in (302, 403)
    assert b"11860" not in response.content


def test_project_staff_see_the_page(demo_indicators, client, staff_user, sign_in):
    sign_in(client, staff_user)
    response = client.get(demo_indicators.url)
    assert response.status_code == 200
    assert "Keski-Uudenmaan työllisyysalue" in response.content.decode()


def test_the_filter_form_has_labelled_controls_and_filters(
    demo_indicators, client, steering_user, sign_in
):
    sign_in(client, steering_user)
    page = soup(client.get(demo_indicators.url))
    form = page.find("form", class_="indicators-filter")
    assert form["method"] == "get"
    for name in ("area", "indicator"):
        select = form.find("select", attrs={"name": name})
        assert form.find("label", attrs={"for": select["id"]}).get_text(strip=True)
    assert [o.get_text() for o in form.find("select", attrs={"name": "area"}).find_all("option")][
        :2
    ] == ["Keski-Uudenmaan työllisyysalue", "Hyvinkää"]

    page = soup(client.get(demo_indicators.url, {"area": "858", "indicator": "job_seekers"}))
    assert page.find("option", value="858").has_attr("selected")
    chart = page.find("figure", id="indicator-by-group")
    assert "Tuusula" in chart.find("caption").get_text()
    rows = {
        tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in chart.find("tbody").find_all("tr")
    }
    assert rows == {"3/2025": ["3035"], "3/2026": ["3047"]}
    # The chart is an image with a title and description tied to it, and a table after it.
    svg = chart.find("svg")
    assert svg["role"] == "img" and svg["aria-labelledby"]


def test_the_area_chart_compares_areas_over_the_months(
    demo_indicators, client, steering_user, sign_in
):
    sign_in(client, steering_user)
    page = soup(client.get(demo_indicators.url, {"indicator": "job_seekers"}))
    table = page.find("figure", id="indicator-by-area").find("table")
    header = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    assert header == ["Kuukausi", "Keski-Uudenmaan työllisyysalue", "Tuusula"]
    months = [tr.th.get_text(strip=True) for tr in table.tbody.find_all("tr")]
    assert months == ["2/2024", "2/2025", "3/2025", "2/2026", "3/2026"]


def test_an_unknown_filter_value_shows_a_message_not_an_error(
    demo_indicators, client, steering_user, sign_in
):
    sign_in(client, steering_user)
    response = client.get(demo_indicators.url, {"area": "<script>x</script>", "indicator": "x"})
    assert response.status_code == 200
    page = soup(response)
    errors = [p.get_text() for p in page.find_all("p", class_="form-error")]
    assert "”<script>x</script>” ei ole vaihtoehtojen joukossa; näytetään oletus." in errors
    assert b"<script>x</script>" not in response.content
    assert page.find("figure", id="indicator-by-group")


def test_the_tables_name_their_source_and_have_captions(
    demo_indicators, client, steering_user, sign_in
):
    sign_in(client, steering_user)
    page = soup(client.get(demo_indicators.url))
    for table_id in ("comparison-keski-uusimaa", "comparison-858", "group-table"):
        table = page.find("table", id=table_id)
        assert table.caption.get_text(strip=True)
        assert all(th.has_attr("scope") for th in table.find_all("th"))
    caption = page.find("table", id="comparison-858").caption.get_text(" ", strip=True)
    assert caption == "Tuusula: työnhakijat maaliskuu 2026 ja maaliskuu 2025"
    sources = " ".join(p.get_text() for p in page.find_all("p", class_="indicator-source"))
    assert "Lähde: Työllisyyskatsaus 3/2026" in sources
    assert "Lähde: Työllisyyskatsaus 2/2026" in sources


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", ["Aikasarjat", "Työttömyyden rakenne ryhmittäin", "Muutos, henkilöä"]),
        ("sv", ["Tidsserier", "Arbetslöshetens struktur per grupp", "Förändring, personer"]),
        ("en", ["Time series", "Structure of unemployment by group", "Change, persons"]),
    ],
)
def test_the_page_speaks_finnish_swedish_and_english(
    demo_indicators, steering_user, language, expected
):
    request = RequestFactory().get(demo_indicators.url)
    request.user = steering_user
    with translation.override(language):
        html = render_to_string(
            demo_indicators.get_template(request),
            demo_indicators.get_context(request),
            request=request,
        )
    for text in expected:
        assert text in html
    if language == "sv":
        assert "Tusby" in html  # the municipality's Swedish name


def _add_history(months: int) -> None:
    """`months` more months of values for every area, indicator and group."""
    areas, indicators, groups = Area.objects.all(), Indicator.objects.all(), Group.objects.all()
    observations = []
    for number in range(months):
        period = datetime.date(2000 + number // 12, number % 12 + 1, 1)
        for area in areas:
            for indicator in indicators:
                for group in groups:
                    observations.append(
                        Observation(
                            area=area, indicator=indicator, group=group, period=period, value=100
                        )
                    )
    Observation.objects.bulk_create(observations)


def _own(queries) -> list[str]:
    return [query["sql"] for query in queries if 'FROM "indicators_' in query["sql"]]


def test_the_query_count_is_pinned_and_does_not_grow_with_the_values(
    demo_indicators, client, steering_user, sign_in, django_assert_num_queries
):
    sign_in(client, steering_user)
    url = demo_indicators.url
    client.get(url)  # warm the per-process caches (site root, content types)
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(url).status_code == 200
    # The page's own: its row, areas, indicators, groups, the chart values, the comparison
    # table's areas and values, the group table's values. The rest is the site shell
    # (session, user, page route, privacy check, menus, settings), the same on every page.
    assert len(_own(baseline.captured_queries)) == PAGE_QUERIES
    _add_history(24)  # 24 months × 7 areas × 10 indicators × 4 groups = 6,720 more values
    assert Observation.objects.count() > 6000
    with django_assert_num_queries(len(baseline.captured_queries)) as grown:
        response = client.get(url, {"indicator": "long_term_unemployed"})
    assert response.status_code == 200
    assert len(_own(grown.captured_queries)) == PAGE_QUERIES
    # The longer history is really shown: 24 more months in the chart's table.
    table = soup(response).find("figure", id="indicator-by-group").find("tbody")
    assert len(table.find_all("tr")) == 24 + 3


def test_a_long_history_is_charted_for_its_latest_36_months(
    demo_indicators, client, steering_user, sign_in
):
    _add_history(60)
    sign_in(client, steering_user)
    figure = soup(client.get(demo_indicators.url)).find("figure", id="indicator-by-group")
    months = [tr.th.get_text(strip=True) for tr in figure.find("tbody").find_all("tr")]
    # 2000-2004 and the demo's March 2025 and 2026: the last 34 history months and those two
    assert len(months) == 36 and months[0] == "3/2002" and months[-2:] == ["3/2025", "3/2026"]
    assert "36" in figure.find("desc").get_text()


PAGE_QUERIES = 8


def test_the_swedish_page_speaks_swedish(
    municipalities, steering_area, client, steering_user, sign_in
):
    from cms_pages.models import HomePage
    from indicators import demo
    from indicators.models import IndicatorsPage
    from steering.models import SteeringAreaPage

    swedish_home = HomePage.objects.get(locale__language_code="sv")
    area = SteeringAreaPage(
        title="Styrgruppen",
        slug="styrgruppen",
        locale=swedish_home.locale,
        translation_key=steering_area.translation_key,
    )
    swedish_home.add_child(instance=area)
    area.save_revision().publish()
    demo.load()
    page = IndicatorsPage.objects.get(locale__language_code="sv")
    assert page.get_parent().pk == area.pk
    sign_in(client, steering_user)
    response = client.get(page.url)
    assert response.status_code == 200
    html = soup(response)
    assert html.find("h1").get_text(strip=True) == "Arbetsmarknadsindikatorer"
    caption = html.find("table", id="comparison-858").caption.get_text(" ", strip=True)
    assert caption == "Tusby: arbetssökande mars 2026 och mars 2025"
    assert "Källa: Työllisyyskatsaus 3/2026" in html.get_text()
    # The Finnish page is there too, with the same translation key.
    assert IndicatorsPage.objects.get(locale__language_code="fi").translation_key == (
        page.translation_key
    )


def test_the_private_page_leaks_neither_to_search_nor_to_the_sitemap(demo_indicators, client):
    from django.urls import reverse

    search = client.get(reverse("search"), {"q": "Työllisyysindikaattorit"})
    assert search.status_code == 200
    assert demo_indicators.url not in search.content.decode()
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert "tyollisyysindikaattorit" not in sitemap.content.decode()


def test_staff_edit_the_page_in_the_admin(demo_indicators, client, staff_user, sign_in):
    from django.urls import reverse

    sign_in(client, staff_user)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[demo_indicators.pk]))
    assert edit.status_code == 200
    assert 'name="comparison_month"' in edit.content.decode()
    parent = demo_indicators.get_parent()
    add = client.get(
        reverse("wagtailadmin_pages:add", args=["indicators", "indicatorspage", parent.pk])
    )
    assert add.status_code == 200  # the steering area accepts the page type


@pytest.mark.parametrize(
    ("language", "heading", "grouped"),
    [
        ("fi", "Työnhakijat: maaliskuu 2026 verrattuna maaliskuuhun 2025", "\xa0"),
        ("sv", "Arbetssökande: mars 2026 jämfört med mars 2025", "\xa0"),
        ("en", "Job seekers in March 2026 compared with March 2025", ","),
    ],
)
def test_the_comparison_heading_is_grammatical_and_counts_are_grouped(
    demo_indicators, steering_user, language, heading, grouped
):
    request = RequestFactory().get(demo_indicators.url)
    request.user = steering_user
    with translation.override(language):
        html = render_to_string(
            demo_indicators.get_template(request),
            demo_indicators.get_context(request),
            request=request,
        )
    page = BeautifulSoup(html, "html.parser")
    assert page.find(id="indicators-comparison-heading").get_text(strip=True) == heading
    # Counts of ten thousand and more are grouped the language's way, as in the charts
    # (12 345 with a non-breaking space in Finnish and Swedish, 12,345 in English).
    area_cells = [
        td.get_text() for td in page.find("table", id="comparison-keski-uusimaa").find_all("td")
    ]
    big = [cell for cell in area_cells if cell.replace(grouped, "").isdigit() and grouped in cell]
    assert big, area_cells
    assert all(len(cell.split(grouped)[-1]) == 3 for cell in big)
    assert not any(
        cell.replace(grouped, "").isdigit() and len(cell) >= 5 and grouped not in cell
        for cell in area_cells
    )
