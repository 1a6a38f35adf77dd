"""The demo communications: what a visitor sees after loading, and a second load."""

import pytest
from wagtail.models import Locale, WorkflowPage

from cms_pages import demo_news
from cms_pages.events import EventPage
from cms_pages.news import NewsPage

from .conftest import soup


@pytest.fixture
def loaded(site_and_news_demo):
    return site_and_news_demo


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
    assert WorkflowPage.objects.get(page=blog).workflow.name == "Vierasblogin tarkastus"


def test_second_load_creates_nothing(loaded):
    counts = (NewsPage.objects.count(), EventPage.objects.count())
    assert loaded  # the first load created pages
    assert demo_news.load() == ""
    assert (NewsPage.objects.count(), EventPage.objects.count()) == counts
    assert EventPage.objects.filter(status="held").count() == 12  # 4 sessions × fi, sv, en


def test_swedish_visitors_get_the_news_blog_and_events_in_swedish(client, loaded):
    news = soup(client.get("/sv/aktuellt/"))
    titles = [h.get_text(strip=True) for h in news.select(".article-list__title")]
    assert titles == ["Projektets styrgrupp har konstituerat sig", "KEKO-projektet har startat"]
    tags = [a.get_text(strip=True) for a in news.select(".article-list__tags a")]
    assert "styrgrupp" in tags and "ohjausryhmä" not in tags
    article = soup(client.get("/sv/aktuellt/keko-projektet-har-startat/"))
    assert article.find("html")["lang"] == "sv"
    assert "ESF+" in article.get_text() and "Projektnyheter" in article.get_text()

    blog = soup(client.get("/sv/gastblogg/"))
    assert "Ekosystemiskt ledarskap" in blog.select_one(".article-list").get_text()

    events = client.get("/sv/evenemang/").content.decode()
    for title in ("Arbetsverksamhet i rehabiliteringssyfte", "Navigatorn", "Lägesbildens resultat"):
        assert title in events
    assert "Kuntouttava työtoiminta" not in events

    event = soup(client.get("/sv/evenemang/kuntouttava-tyotoiminta/"))
    assert "Mellersta Nyland / Teams" in event.get_text()
    assert "KEKO-projektet" in event.get_text()


def test_swedish_pages_are_translations_of_the_finnish_ones(loaded):
    finnish = NewsPage.objects.get(slug="keko-hanke-kaynnistyi")
    swedish = finnish.get_translation(Locale.objects.get(language_code="sv"))
    assert swedish.title == "KEKO-projektet har startat"
    assert swedish.get_parent().specific.title == "Aktuellt"
    assert [c.name for c in swedish.specific.categories.all()] == ["Projektnyheter"]
    assert EventPage.objects.filter(locale__language_code="sv").count() == len(demo_news.EVENTS)


@pytest.mark.parametrize(
    "home, links",
    [
        ("/", ["/ajankohtaista/", "/tapahtumat/", "/vierasblogi/"]),
        ("/sv/", ["/sv/aktuellt/", "/sv/evenemang/", "/sv/gastblogg/"]),
        ("/en/", ["/en/news/", "/en/events/", "/en/guest-blog/"]),
    ],
)
def test_the_main_navigation_leads_to_news_events_and_blog_in_each_language(
    client, loaded, home, links
):
    nav = soup(client.get(home)).find("nav", class_="main-nav")
    hrefs = [a["href"] for a in nav.find_all("a")]
    for link in links:
        assert link in hrefs
