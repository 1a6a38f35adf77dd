"""What members see on the area, meeting index and meeting pages."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from steering.models import MeetingPage, MeetingParticipant, ParticipantRole

pytestmark = pytest.mark.django_db

# Queries of one meeting index render for a signed-in member: session, user and session
# activity, the route, the view restrictions (checked twice: the portal's hook, then
# Wagtail's), the shell (site, settings, translations, menu), breadcrumbs, the area link,
# the two meeting lists, the user's permissions for the user bar.
MEETING_INDEX_QUERIES = 27  # 5 fewer since a session's activity is written at most once a minute


@pytest.fixture
def member(steering_user, sign_in) -> Client:
    client = Client()
    sign_in(client, steering_user)
    return client


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _add_meetings(index, count: int, *, days_from_now: int):
    for number in range(count):
        start = timezone.now() + dt.timedelta(days=days_from_now + number)
        index.add_child(
            instance=MeetingPage(title=f"Kokous {days_from_now}-{number}", start=start)
        ).save_revision().publish()


def test_area_lists_its_sections_and_meetings(steering_demo, member):
    _add_meetings(steering_demo.meeting_index, 1, days_from_now=30)
    page = _soup(member.get(steering_demo.area.url))
    assert page.h1.get_text(strip=True) == "Ohjausryhmä"
    sections = [a.get_text(strip=True) for a in page.select("nav[aria-labelledby] li a")]
    assert "Kokoukset" in sections
    upcoming = page.select_one("section[aria-labelledby=upcoming-meetings-heading]")
    past = page.select_one("section[aria-labelledby=past-meetings-heading]")
    assert "Kokous 30-0" in upcoming.get_text()
    assert steering_demo.meeting.title in past.get_text()
    assert "15.4.2026 13.00" in past.get_text()


def test_meeting_page_shows_agenda_minutes_documents_and_participants(steering_demo, member):
    meeting = steering_demo.meeting
    MeetingParticipant.objects.create(
        page=meeting, name="Keusoten edustaja", organisation="Keusote", role=ParticipantRole.CHAIR
    )
    page = _soup(member.get(meeting.url))
    items = [h.get_text(strip=True) for h in page.select("ol.agenda .agenda__title")]
    assert items[0] == "Kokouksen avaus" and items[-1] == "Kokouksen päättäminen"
    assert "15.4.2026 13.00" in page.select_one(".event-details").get_text()
    assert "Demosisältö" in page.select_one("section[aria-labelledby=minutes-heading]").get_text()
    links = page.select("section[aria-labelledby=documents-heading] a")
    assert [a["href"] for a in links] == [steering_demo.document.url]
    assert links[0].get_text(strip=True) == "Esityslista (PDF)"
    participants = page.select_one("section[aria-labelledby=participants-heading]").get_text()
    assert "Keusoten edustaja, Keusote – Puheenjohtaja" in participants


def test_user_text_is_escaped(steering_demo, member):
    meeting = steering_demo.meeting
    meeting.location = "<script>alert(1)</script>"
    meeting.save_revision().publish()
    text = member.get(meeting.url).content.decode()
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_meeting_index_queries_do_not_grow_with_meetings(
    steering_demo, member, django_assert_num_queries
):
    index = steering_demo.meeting_index
    member.get(index.url)  # warm the site root paths cache
    with CaptureQueriesContext(connection) as few:
        member.get(index.url)
    _add_meetings(index, 6, days_from_now=10)
    _add_meetings(index, 6, days_from_now=-400)
    with django_assert_num_queries(MEETING_INDEX_QUERIES):
        response = member.get(index.url)
    assert len(few) == MEETING_INDEX_QUERIES
    assert len(_soup(response).select(".event-list__item")) == 13


def _unfold(text: str) -> str:
    return text.replace("\r\n ", "")


def test_the_next_meeting_leads_the_area_with_a_calendar_invitation(steering_demo, member, client):
    index = steering_demo.meeting_index
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=20)
    later = index.add_child(
        instance=MeetingPage(title="Myöhempi kokous", start=start + dt.timedelta(days=30))
    )
    later.save_revision().publish()
    meeting = index.add_child(
        instance=MeetingPage(
            title="Ohjausryhmän kokous; syksy, 2/2026",
            start=start,
            end=start + dt.timedelta(hours=2),
            location="Järvenpää, kaupungintalo",
            summary="Tilannekuva 1:n luonnos " + "ja pitkä kuvaus " * 6,
        )
    )
    meeting.save_revision().publish()

    page = _soup(member.get(steering_demo.area.url))
    first_section = page.select_one("main section, .steering-area section")
    assert first_section["aria-labelledby"] == "next-meeting-heading"
    assert first_section.h2.get_text(strip=True) == "Seuraava kokous"
    assert meeting.title in first_section.get_text() and "Myöhempi" not in first_section.get_text()
    link = first_section.find("a", string="Lisää kalenteriin (.ics)")
    assert link["href"] == meeting.url + "calendar/" and link.has_attr("download")

    response = member.get(link["href"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    lines = _unfold(text).split("\r\n")
    assert text.count("BEGIN:VEVENT") == 1
    assert f"DTSTART:{start.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}" in lines
    assert f"DTEND:{(start + dt.timedelta(hours=2)).astimezone(dt.UTC):%Y%m%dT%H%M%SZ}" in lines
    assert "SUMMARY:Ohjausryhmän kokous\\; syksy\\, 2/2026" in lines
    assert "LOCATION:Järvenpää\\, kaupungintalo" in lines
    assert any(line.startswith("UID:meeting-") and line.endswith("@keko") for line in lines)
    assert any(line.startswith("DTSTAMP:") for line in lines)
    # Behind the area's view restriction, like the page itself.
    assert client.get(link["href"]).status_code in (302, 403)
    assert b"BEGIN:VCALENDAR" not in client.get(link["href"]).content


def test_no_upcoming_meeting_no_box(steering_demo, member):
    page = _soup(member.get(steering_demo.area.url))
    assert not page.select("#next-meeting-heading")


# The calendar invitation: session and user, the route and the view restrictions (as for
# the page), the meeting's own fields; nothing grows with the number of meetings.
MEETING_ICS_QUERIES = 20  # 5 fewer since a session's activity is written at most once a minute


def test_meeting_calendar_query_count_is_pinned(steering_demo, member):
    url = steering_demo.meeting.url + "calendar/"
    member.get(url)  # warm the site root paths cache
    with CaptureQueriesContext(connection) as first:
        assert member.get(url).status_code == 200
    _add_meetings(steering_demo.meeting_index, 5, days_from_now=10)
    with CaptureQueriesContext(connection) as again:
        member.get(url)
    assert len(first) == len(again) == MEETING_ICS_QUERIES
