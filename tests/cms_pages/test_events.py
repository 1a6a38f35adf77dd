"""Event listings, event pages and their iCalendar files as a visitor sees them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cms_pages.events import EventPage
from cms_pages.icalendar import escape_text, fold

from .conftest import soup
from .news_fixtures import event, event_index, helsinki, restrict


@pytest.fixture
def events(demo_pages):
    return event_index(demo_pages["home"]["fi"])


def _unfold(text: str) -> str:
    return text.replace("\r\n ", "")


def test_upcoming_and_past_listings(client, events):
    now = timezone.localtime()
    event(events, "Pidetty työpaja", now - dt.timedelta(days=30), status="held")
    event(
        events,
        "Vanhempi haastattelu",
        now - dt.timedelta(days=60),
        status="held",
        event_type="expert_interview",
    )
    event(events, "Tuleva seminaari", now + dt.timedelta(days=10), event_type="seminar")
    event(events, "Myöhempi työryhmä", now + dt.timedelta(days=40), event_type="working_group")

    page = soup(client.get("/tapahtumat/"))
    upcoming = page.find(id="upcoming-heading").parent
    past = page.find(id="past-heading").parent

    assert [h.get_text(strip=True) for h in upcoming.select("h3")] == [
        "Tuleva seminaari",
        "Myöhempi työryhmä",
    ]
    assert [h.get_text(strip=True) for h in past.select("h3")] == [
        "Pidetty työpaja",
        "Vanhempi haastattelu",
    ]
    assert "Held" in past.get_text() or "Pidetty" in past.get_text()


def test_event_page_shows_finnish_date_time_and_details(client, events):
    item = event(
        events,
        "TE Koto -työpaja",
        helsinki(2026, 5, 20, 13, 0),
        location="Keravan kaupungintalo",
        online_url="https://meet.example.org/keko",
        organiser="KEKO-hanke",
        audience="Kotoutumispalvelujen asiantuntijat",
    )

    page = soup(client.get(item.url))

    assert page.h1.get_text(strip=True) == "TE Koto -työpaja"
    times = [t.get_text(strip=True) for t in page.select(".event-meta time")]
    assert times[0].startswith("20.5.2026") and times[0].endswith("13.00")
    assert times[1] == "15.00"
    details = page.select_one(".event-details").get_text()
    for text in (
        "Keravan kaupungintalo",
        "https://meet.example.org/keko",
        "KEKO-hanke",
        "Kotoutumispalvelujen asiantuntijat",
    ):
        assert text in details
    assert page.find("a", href=f"/feeds/event-{item.pk}.ics")


def test_event_page_offers_registration_and_venue_until_the_event_is_held(client, events):
    now = timezone.localtime()
    upcoming = event(
        events,
        "Tuleva työpaja",
        now + dt.timedelta(days=10),
        location="Tuusula",
        venue="Hyryläntie 16, kokoushuone Tuuli\nEsteetön sisäänkäynti pihan puolelta",
        registration_url="https://forms.example.org/tyopaja",
    )
    page = soup(client.get(upcoming.url))
    register = page.select_one(".event-registration a")
    assert register["href"] == "https://forms.example.org/tyopaja"
    assert register.get_text(strip=True) == "Ilmoittaudu tapahtumaan"
    venue = page.select_one(".event-details__venue")
    assert "Hyryläntie 16, kokoushuone Tuuli" in venue.get_text()
    assert venue.find("br") is not None  # the editor's lines stay lines

    held = event(
        events,
        "Pidetty työpaja",
        now - dt.timedelta(days=10),
        registration_url="https://forms.example.org/vanha",
    )
    assert soup(client.get(held.url)).select_one(".event-registration") is None


def test_event_ics_is_valid_icalendar(client, events):
    item = event(
        events,
        "Työpaja; pilotit, ja tulokset",
        helsinki(2026, 6, 2, 9, 30),
        location="Hyvinkää, Sveitsi",
        lead="Rivi 1\nRivi 2 " + "pitkä " * 20,
    )

    response = client.get(f"/feeds/event-{item.pk}.ics")
    text = response.content.decode()
    lines = _unfold(text).split("\r\n")

    assert response["Content-Type"].startswith("text/calendar")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "DTSTART:20260602T063000Z" in lines  # 9.30 in Helsinki (summer time) is 6.30 UTC
    assert "DTEND:20260602T083000Z" in lines
    assert "SUMMARY:Työpaja\\; pilotit\\, ja tulokset" in lines
    assert "LOCATION:Hyvinkää\\, Sveitsi" in lines
    assert any(line.startswith("DESCRIPTION:Rivi 1\\nRivi 2 pitkä") for line in lines)
    assert "STATUS:CONFIRMED" in lines


def test_cancelled_event_is_cancelled_in_calendar(client, events):
    item = event(
        events,
        "Peruttu seminaari",
        helsinki(2026, 9, 1, 10),
        status="cancelled",
        event_type="seminar",
    )

    assert "STATUS:CANCELLED" in client.get(f"/feeds/event-{item.pk}.ics").content.decode()
    assert "Cancelled" in soup(client.get(item.url)).select_one(".event-meta").get_text() or (
        "Peruttu" in soup(client.get(item.url)).select_one(".event-meta").get_text()
    )


def test_calendar_feed_lists_public_events_of_the_language(client, events):
    event(events, "Julkinen työpaja", helsinki(2026, 5, 1, 12))
    secret = event(events, "Ohjausryhmän kokous", helsinki(2026, 5, 2, 12))
    restrict(secret)

    text = _unfold(client.get("/feeds/events.ics").content.decode())

    assert text.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Julkinen työpaja" in text
    assert "Ohjausryhmän" not in text
    assert client.get(f"/feeds/event-{secret.pk}.ics").status_code == 404
    assert client.get("/feeds/event-999999.ics").status_code == 404
    assert client.get("/en/feeds/events.ics").content.decode().count("BEGIN:VEVENT") == 0


def test_event_cannot_end_before_it_starts(events):
    start = helsinki(2026, 5, 1, 12)
    page = EventPage(
        title="X", slug="x", start=start, end=start - dt.timedelta(hours=1), event_type="workshop"
    )
    with pytest.raises(ValidationError):
        page.full_clean()


def test_escaping_and_folding():
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    folded = fold("DESCRIPTION:" + "ä" * 80)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + "ä" * 80


def test_event_index_query_count_does_not_grow_with_events(client, events):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    now = timezone.localtime()
    for days in (-20, 20):
        event(events, f"Tapahtuma {days + 100}", now + dt.timedelta(days=days))
    client.get("/tapahtumat/")  # warm the site and locale caches
    with CaptureQueriesContext(connection) as few:
        client.get("/tapahtumat/?x=1")
    for days in (-40, -30, 30, 40, 50):
        event(events, f"Tapahtuma {days + 100}", now + dt.timedelta(days=days))
    with CaptureQueriesContext(connection) as many:
        client.get("/tapahtumat/?x=2")

    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.fixture
def many_events(events, monkeypatch):
    """Three events per listing page: 7 upcoming (3 pages) and 5 past (2 pages)."""
    monkeypatch.setattr("cms_pages.events.EVENTS_PER_PAGE", 3)
    now = timezone.localtime()
    for n in range(1, 8):
        event(events, f"Tuleva {n}", now + dt.timedelta(days=n))
    for n in range(1, 6):
        event(events, f"Mennyt {n}", now - dt.timedelta(days=n), status="held")
    return events


def _listing(page, heading_id):
    section = page.find(id=heading_id).parent
    titles = [h.get_text(strip=True) for h in section.select("h3")]
    return section, titles


def test_both_listings_are_paginated_on_their_own(client, many_events):
    page = soup(client.get("/tapahtumat/"))
    upcoming, titles = _listing(page, "upcoming-heading")
    assert titles == ["Tuleva 1", "Tuleva 2", "Tuleva 3"]
    past, past_titles = _listing(page, "past-heading")
    assert past_titles == ["Mennyt 1", "Mennyt 2", "Mennyt 3"]

    nav = upcoming.find("nav", class_="pagination")
    assert nav["aria-label"]  # each listing's page links are a named navigation landmark
    assert nav["aria-label"] != past.find("nav", class_="pagination")["aria-label"]
    numbers = [a.get_text(" ", strip=True) for a in nav.find_all("a") if not a.get("rel")]
    assert [n.split()[-1] for n in numbers] == ["1", "2", "3"]
    assert all(n.split()[0] in ("Sivu", "Page") for n in numbers)  # the number is announced
    assert nav.find("a", attrs={"aria-current": "page"}).get_text(strip=True).endswith("1")
    assert nav.find("a", rel="next")["href"] == "?upcoming=2#upcoming-heading"
    assert not nav.find("a", rel="prev")

    second = soup(client.get("/tapahtumat/?past=2"))
    _section, titles = _listing(second, "upcoming-heading")
    assert titles == ["Tuleva 1", "Tuleva 2", "Tuleva 3"]  # the other list stays put
    past, past_titles = _listing(second, "past-heading")
    assert past_titles == ["Mennyt 4", "Mennyt 5"]
    past_nav = past.find("nav", class_="pagination")
    assert past_nav.find("a", rel="prev")["href"] == "?#past-heading"
    # Moving on in the upcoming list keeps the past list's page.
    upcoming_nav = second.find(id="upcoming-heading").parent.find("nav", class_="pagination")
    assert upcoming_nav.find("a", rel="next")["href"] == "?past=2&upcoming=2#upcoming-heading"

    last = soup(client.get("/tapahtumat/?upcoming=3&past=2"))
    assert _listing(last, "upcoming-heading")[1] == ["Tuleva 7"]


@pytest.mark.parametrize("query", ["?upcoming=abc", "?upcoming=0", "?upcoming=99&past=-1"])
def test_bad_page_numbers_show_a_page_not_an_error(client, many_events, query):
    response = client.get(f"/tapahtumat/{query}")
    assert response.status_code == 200
    _section, titles = _listing(soup(response), "upcoming-heading")
    assert titles in (["Tuleva 1", "Tuleva 2", "Tuleva 3"], ["Tuleva 7"])


def test_few_events_need_no_page_links(client, events):
    event(events, "Ainoa", timezone.localtime() + dt.timedelta(days=3))
    page = soup(client.get("/tapahtumat/"))
    assert page.find("nav", class_="pagination") is None


def test_paginated_event_index_query_count_is_pinned(
    client, many_events, django_assert_num_queries
):
    """Each listing costs a count and one page of rows, however many events there are."""
    client.get("/tapahtumat/")  # warm the site and locale caches
    few = _event_index_queries(client, "/tapahtumat/?upcoming=2")
    now = timezone.localtime()
    for n in range(8, 30):
        event(many_events, f"Tuleva {n}", now + dt.timedelta(days=n))
        event(many_events, f"Mennyt {n}", now - dt.timedelta(days=n), status="held")
    assert _event_index_queries(client, "/tapahtumat/?upcoming=8&past=5") == few
    with django_assert_num_queries(few):
        client.get("/tapahtumat/?upcoming=3&past=2")


def _event_index_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)
