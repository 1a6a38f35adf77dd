"""The dashboard page: what a steering-group member sees, the print view, who may see it,
and how many queries it takes."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dashboard.snapshots import snapshot_take
from ecosystem.models import Organisation, Relation, Service
from portal import page_cache
from tests.dashboard.conftest import new_data_version, store_metrics
from tests.ecosystem.factories import (
    OrganisationFactory,
    RelationFactory,
    ServiceFactory,
    ServiceOrganisationFactory,
)

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def card(page, key):
    return page.select_one(f".figure-card--{key} dd").get_text(strip=True)


def test_steering_member_sees_the_figures_the_register_holds(
    client, steering_user, dashboard_page, stored_metrics
):
    # A service with no target group, added after the metrics: not shown until recomputed.
    ServiceFactory(name_fi="Kohderyhmätön testipalvelu", status="active")
    store_metrics()
    client.force_login(steering_user)
    response = client.get(dashboard_page.url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = soup(response)
    assert card(page, "organisations") == str(Organisation.objects.count())
    assert card(page, "services") == str(Service.objects.count())
    assert card(page, "relations") == str(Relation.objects.count())
    without_group = Service.objects.filter(target_groups=None).count()
    quality = page.find("h3", string=lambda s: s and "ilman kohderyhmää" in s)
    assert quality.get_text(strip=True).endswith(f": {without_group}")
    assert "Kohderyhmätön testipalvelu" in quality.find_next("ul").get_text()
    # How much of the register that is, in words and as a meter (most have no channel).
    services = Service.objects.count()
    without_channel = Service.objects.filter(channels=None).count()
    channels = page.find("h3", string=lambda s: s and "ilman asiointikanavaa" in s)
    share = round(100 * without_channel / services)
    assert channels.find_next("p").get_text(strip=True) == (
        f"{without_channel}/{services} palvelusta ({share} %)"
    )
    assert channels.find_next("meter")["value"] == str(share)
    # Not staff: the list names services without admin links.
    assert not quality.find_next("ul").find("a")
    # Charts with their tables, the coverage matrix, brokers, service paths.
    assert page.select("figure.chart svg[role=img]")
    assert page.select("table.coverage-table tbody tr")
    for heading in ("Palvelupolut", "Tietojen laatu", "Hankkeen eteneminen"):
        assert page.find("h2", string=heading)


def test_staff_get_edit_links_for_data_quality(client, staff_user, dashboard_page, demo_register):
    service = ServiceFactory(name_fi="Kanavaton palvelu")
    store_metrics()
    client.force_login(staff_user)
    page = soup(client.get(dashboard_page.url))
    link = page.find("a", string="Kanavaton palvelu")
    assert link["href"].endswith(f"/snippets/ecosystem/service/edit/{service.pk}/")
    without_channel = Service.objects.filter(channels=None).count()
    heading = page.find("h3", string=lambda s: s and "ilman asiointikanavaa" in s)
    assert heading.get_text(strip=True).endswith(f": {without_channel}")
    assert 0 < without_channel < Service.objects.count()


def test_dashboard_falls_back_to_the_latest_snapshot_while_computing(
    client, steering_user, dashboard_page, demo_register
):
    snapshot_take(title="Edellinen")
    ServiceFactory(name_fi="Uusi palvelu")
    new_data_version()  # no metrics for the new data yet
    client.force_login(steering_user)
    page = soup(client.get(dashboard_page.url))
    assert "Edellinen" in page.select_one(".message--warning").get_text()
    assert card(page, "services") == str(Service.objects.count() - 1)


def test_without_metrics_or_snapshots_the_page_says_so(client, steering_user, dashboard_page):
    client.force_login(steering_user)
    response = client.get(dashboard_page.url)
    assert response.status_code == 200
    assert "lasketaan" in soup(response).select_one(".message--warning").get_text()


def test_print_view_has_no_navigation(client, steering_user, dashboard_page, stored_metrics):
    client.force_login(steering_user)
    response = client.get(dashboard_page.url + "print/")
    assert response.status_code == 200
    page = soup(response)
    assert not page.select(".site-header, .main-nav, .site-footer, .compare-form")
    assert page.find("link", href=lambda h: h and h.endswith("css/dashboard.css"))
    assert card(page, "services") == str(Service.objects.count())
    assert page.select_one(".print-footer")  # the EU emblem stays on paper


@pytest.mark.parametrize("route", ["", "print/", "compare/", "compare/print/?from=1&to=2"])
def test_anonymous_visitors_are_sent_to_sign_in(client, dashboard_page, stored_metrics, route):
    response = client.get(dashboard_page.url + route)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("route", ["", "print/", "compare/"])
def test_partners_do_not_get_in(client, partner_user, dashboard_page, stored_metrics, route):
    client.force_login(partner_user)
    response = client.get(dashboard_page.url + route)
    assert response.status_code in (302, 403)
    assert b"figure-card" not in response.content


def test_partner_refused_even_if_the_page_is_placed_outside_the_private_area(
    client, partner_user, home_page, stored_metrics
):
    from dashboard.models import DashboardPage

    page = DashboardPage(title="Väärässä paikassa", slug="vaarassa-paikassa")
    home_page.add_child(instance=page)
    client.force_login(partner_user)
    assert client.get(page.url).status_code == 403
    client.logout()
    assert client.get(page.url).status_code == 302


def _grow_register(count):
    organisation = OrganisationFactory()
    services = [ServiceFactory(status="active") for _ in range(count)]
    for service in services:
        ServiceOrganisationFactory(service=service, organisation=organisation)
    for first, second in zip(services, services[1:], strict=False):
        RelationFactory(source_service=first, target_service=second)


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# The dashboard's gate and the steering menu read the user's roles once between them
# (portal.accounts.access keeps them on the user); 4 queries: the live stewardship figures.
# Rendered: 2 more since a page is kept for its audience (portal.page_cache: whether the
# site has password restrictions, whether the user has permissions of their own).
DASHBOARD_QUERIES = 34
DASHBOARD_KEPT_QUERIES = 4  # kept for the audience (portal.page_cache)
PRINT_QUERIES = 26  # 1 more since it is kept for its audience (see DASHBOARD_QUERIES)


def test_dashboard_query_count_is_pinned_and_does_not_grow(
    client, steering_user, dashboard_page, stored_metrics, django_assert_num_queries
):
    snapshot_take(title="Yksi")
    client.force_login(steering_user)
    client.get(dashboard_page.url)  # warm the session and site caches
    page_cache.invalidate()  # rendered again, as after any change
    with django_assert_num_queries(DASHBOARD_QUERIES):
        assert client.get(dashboard_page.url)["X-Page-Cache"] == "audience-miss"
    # Then kept for the steering group: session, user, own permissions, groups.
    with django_assert_num_queries(DASHBOARD_KEPT_QUERIES):
        assert client.get(dashboard_page.url)["X-Page-Cache"] == "audience-hit"
    _grow_register(40)
    store_metrics()
    snapshot_take(title="Kaksi")
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get(dashboard_page.url)
    assert card(soup(response), "services") == str(Service.objects.count())
    with django_assert_num_queries(PRINT_QUERIES):
        client.get(dashboard_page.url + "print/")


def test_progress_counts_sessions_from_the_events_and_shows_item_statuses(
    client, steering_user, dashboard_page, home_page
):
    import datetime as dt

    from django.utils import timezone

    from cms_pages.events import EventPage
    from dashboard.models import ProgressItem

    start = timezone.make_aware(dt.datetime(2026, 5, 1, 9))
    for number, (kind, status) in enumerate(
        [
            ("expert_interview", "held"),
            ("workshop", "held"),
            ("working_group", "scheduled"),
            ("workshop", "cancelled"),
            ("seminar", "held"),  # not a session of the situational picture
        ]
    ):
        # A scheduled session lies ahead: one whose date has passed counts as held.
        when = timezone.now() + dt.timedelta(days=30) if status == "scheduled" else start
        home_page.add_child(
            instance=EventPage(
                title=f"Tilaisuus {number}",
                slug=f"tilaisuus-{number}",
                start=when,
                end=when + dt.timedelta(hours=2),
                event_type=kind,
                status=status,
            )
        )
    ProgressItem.objects.create(
        kind="milestone", name_fi="Tilannekuva 1 valmis", status="in_progress"
    )
    ProgressItem.objects.create(kind="communication", name_fi="LinkedIn-sivu", status="done")
    client.force_login(steering_user)
    page = soup(client.get(dashboard_page.url))
    progress = page.select_one(".dashboard-section--progress")
    assert "2/3 tilaisuutta pidetty, 1 kalenteroitu." in progress.get_text()
    rows = {
        row.th.get_text(" ", strip=True): row.find("td").get_text(" ", strip=True)
        for row in progress.select("table.progress-table tbody tr")
    }
    assert rows["Tilannekuva 1 valmis"].endswith("Käynnissä")
    assert rows["LinkedIn-sivu"].endswith("Valmis")


def test_chart_tables_sit_behind_a_disclosure_open_on_paper(
    client, steering_user, dashboard_page, stored_metrics
):
    client.force_login(steering_user)
    page = soup(client.get(dashboard_page.url))
    charts = page.select("figure.chart")
    assert charts
    for chart in charts:
        # The figures stay in the page (screen readers, no script), behind a named control;
        # the chart's heading is not printed a second time above its table.
        details = chart.select_one("details.chart-details")
        assert details is not None and not details.has_attr("open")
        summary = details.summary.get_text(" ", strip=True)
        assert summary.startswith("Luvut taulukkona")
        assert chart.figcaption.get_text(strip=True) in summary
        assert "visually-hidden" in details.table.caption["class"]
        assert details.select("tbody tr")
    printed = soup(client.get(dashboard_page.url + "print/"))
    assert all(d.has_attr("open") for d in printed.select("details.chart-details"))


# The page around it (session, roles, site, menus, breadcrumbs) and one query for the list.
QUALITY_LIST_QUERIES = 27  # 2 more since it is kept for its audience (see DASHBOARD_QUERIES)


def test_show_all_lists_every_service_of_a_data_quality_list(
    client,
    steering_user,
    staff_user,
    partner_user,
    dashboard_page,
    stored_metrics,
    django_assert_num_queries,
):
    _grow_register(30)  # 30 services without a channel: more than the dashboard lists
    store_metrics()
    without_channel = Service.objects.filter(channels=None).count()
    client.force_login(steering_user)
    page = soup(client.get(dashboard_page.url))
    heading = page.find("h3", string=lambda s: s and "ilman asiointikanavaa" in s)
    [link] = [a for a in heading.find_parent("div").find_all("a") if "Näytä kaikki" in a.text]
    assert link.get_text(" ", strip=True).startswith(f"Näytä kaikki {without_channel}")
    assert link["href"] == dashboard_page.url + "quality/without_channel/"

    client.get(link["href"])  # warm the session and site caches
    page_cache.invalidate()  # rendered again, as after any change (else kept: 4 queries)
    with django_assert_num_queries(QUALITY_LIST_QUERIES):
        response = client.get(link["href"])
    listing = soup(response)
    assert "no-store" in response["Cache-Control"]
    assert len(listing.select("ol.quality-full-list li")) == without_channel
    assert listing.h1.get_text(strip=True).endswith(f": {without_channel}")
    assert not listing.select("ol.quality-full-list a")  # steering members: names only
    _grow_register(10)
    with django_assert_num_queries(QUALITY_LIST_QUERIES):
        client.get(link["href"])

    client.force_login(staff_user)
    staff_listing = soup(client.get(link["href"]))
    assert len(staff_listing.select("ol.quality-full-list a")) == without_channel + 10
    assert client.get(dashboard_page.url + "quality/nothing/").status_code == 404
    client.force_login(partner_user)
    assert client.get(link["href"]).status_code in (302, 403)
