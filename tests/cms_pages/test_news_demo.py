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
    hrefs = [a["href"] for a in news.select(".article-list__tags a, .article-list__categories a")]
    assert all(h.startswith(("/sv/aktuellt/tagg/", "/sv/aktuellt/kategori/")) for h in hrefs)
    by_tag = soup(client.get(next(h for h in hrefs if "/tagg/" in h)))
    assert by_tag.select(".article-list__title")
    article = soup(client.get("/sv/aktuellt/keko-projektet-har-startat/"))
    assert article.find("html")["lang"] == "sv"
    assert "ESF+" in article.get_text() and "Projektnyheter" in article.get_text()

    blog = soup(client.get("/sv/gastblogg/"))
    assert "Ekosystemiskt ledarskap" in blog.select_one(".article-list").get_text()

    events = client.get("/sv/evenemang/").content.decode()
    for title in ("Arbetsverksamhet i rehabiliteringssyfte", "Navigatorn", "Lägesbildens resultat"):
        assert title in events
    assert "Kuntouttava työtoiminta" not in events

    event = soup(client.get("/sv/evenemang/arbetsverksamhet-i-rehabiliteringssyfte/"))
    assert "Mellersta Nyland / Teams" in event.get_text()
    assert "KEKO-projektet" in event.get_text()
    assert "Keusotes experter på arbetsverksamhet" in event.get_text()

    # The event type says what the title says, in Swedish.
    workshop = soup(client.get("/sv/evenemang/verkstad-for-ledare/")).get_text()
    assert "Verkstad för ledare" in workshop
    assert "Workshop" not in workshop


def test_event_addresses_and_audiences_are_in_each_language(client, loaded):
    """No Finnish slug or Finnish audience on a Swedish or English event page."""
    for page in EventPage.objects.select_related("locale"):
        code = page.locale.language_code
        if code != "fi":
            finnish = page.get_translation(Locale.objects.get(language_code="fi")).specific
            assert page.slug != finnish.slug, page.url
            assert page.audience != finnish.audience, page.url
    english = soup(client.get("/en/events/leaders-workshop/")).get_text()
    assert "Directors at Keusote and the TE services" in english


def test_each_language_writes_its_dates_one_way(client, loaded):
    """22.4.2026 in Finnish and Finland-Swedish, 22 April 2026 in English (as the footer)."""
    english = soup(client.get("/en/events/situational-picture-seminar/"))
    assert (
        english.select_one(".event-meta time")
        .get_text(strip=True)
        .startswith("10 February 2027 at 9.00")
    )
    assert "1 January 2026 – 30 June 2028" in english.find("footer").get_text()
    news = soup(client.get("/en/news/"))
    assert news.select_one(".article-meta time").get_text(strip=True) == "15 April 2026"
    swedish = soup(client.get("/sv/evenemang/seminarium-om-lagesbilden/"))
    assert swedish.select_one(".event-meta time").get_text(strip=True).startswith("10.2.2027 kl.")


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
