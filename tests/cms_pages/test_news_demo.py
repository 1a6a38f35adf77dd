"""The demo communications: what a visitor sees after loading, and a second load."""

import pytest
from wagtail.models import WorkflowPage

from cms_pages import demo, demo_news
from cms_pages.events import EventPage
from cms_pages.news import NewsPage

from .conftest import soup


@pytest.fixture
def loaded(db):
    demo.load()
    return demo_news.load()


def test_demo_news_events_and_guest_blog_are_visible(client, loaded):
    news = soup(client.get("/ajankohtaista/"))
    titles = [h.get_text(strip=True) for h in news.select(".article-list__title")]
    assert titles == ["Hankkeen ohjausryhmä järjestäytyi", "KEKO-hanke käynnistyi"]
    assert "15.4.2026" in news.select_one(".article-list").get_text()

    blog = soup(client.get("/vierasblogi/"))
    assert "Ekosysteeminen johtaminen" in blog.select_one(".article-list").get_text()

    events = client.get("/tapahtumat/").content.decode()
    for title in (
        "Kuntouttava työtoiminta",
        "TE Koto",
        "TYM-toiminta",
        "Ohjaamo",
        "Ekosysteeminen johtaminen",
    ):
        assert title in events

    english = soup(client.get("/en/news/"))
    assert "The KEKO project has started" in english.get_text()
    assert client.get("/en/events/").status_code == 200
    assert client.get("/sv/aktuellt/").status_code == 200


def test_guest_blog_index_uses_the_review_workflow(loaded):
    blog = NewsPage.objects.filter(slug="ekosysteeminen-johtaminen").get().get_parent()
    assert WorkflowPage.objects.get(page=blog).workflow.name == "Guest blog review"


def test_second_load_creates_nothing(loaded):
    counts = (NewsPage.objects.count(), EventPage.objects.count())
    assert loaded  # the first load created pages
    assert demo_news.load() == ""
    assert (NewsPage.objects.count(), EventPage.objects.count()) == counts
    assert EventPage.objects.filter(status="held").count() == 8  # 4 sessions × fi, en
