"""What a visitor finds on every page: the newsletter, a collapsible phone menu, search on the
404 page, events shown as held once their date has passed, and the home page's listings."""

import datetime as dt

from django.utils import timezone

from .conftest import soup
from .news_fixtures import article, event, event_index, news_index


def _subscribe_forms(page):
    return [
        form
        for form in page.select("form.inline-form")
        if form.get("action", "").endswith("/newsletter/subscribe/")
    ]


def test_every_page_offers_the_newsletter_in_the_footer(client, demo_pages):
    for path, heading in (
        ("/", "Uutiskirje"),
        ("/hankkeesta/", "Uutiskirje"),
        ("/sv/", "Nyhetsbrev"),
        ("/en/about-the-project/", "Newsletter"),
        ("/ei-ole/", "Uutiskirje"),
        ("/search/", "Uutiskirje"),
    ):
        page = soup(client.get(path))
        footer = page.find("footer")
        assert heading in [h.get_text(strip=True) for h in footer.find_all("h2")], path
        (form,) = _subscribe_forms(footer)
        assert form["method"] == "get"
        assert form.find("input", attrs={"name": "email", "type": "email"})


def test_home_page_and_each_article_invite_to_subscribe(client, demo_pages):
    home = soup(client.get("/"))
    invite = home.select_one("main .newsletter-invite")
    assert invite.find("h2").get_text(strip=True) == "Tilaa KEKO-uutiskirje"
    assert _subscribe_forms(invite)

    index = news_index(demo_pages["home"]["en"], title="News", slug="news")
    article(index, "Kick-off", dt.date(2026, 1, 20))
    page = soup(client.get("/en/news/kick-off/"))
    invite = page.select_one("article .newsletter-invite")
    assert invite.find("h2").get_text(strip=True) == "Subscribe to the KEKO newsletter"


def test_the_short_form_fills_in_the_address_and_keeps_it_private(client, demo_pages):
    response = client.get("/newsletter/subscribe/", {"email": "maija@example.fi"})

    assert soup(response).find("input", attrs={"name": "email"})["value"] == "maija@example.fi"
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_the_phone_menu_has_a_button_and_its_script(client, demo_pages):
    page = soup(client.get("/"))
    toggle = page.select_one("nav.main-nav button.main-nav__toggle")

    assert toggle.get_text(strip=True) == "Valikko"
    assert toggle["aria-controls"] == "main-nav-list"
    assert page.find(id="main-nav-list").name == "ul"
    # Without JavaScript the button stays hidden and the whole menu shows.
    assert toggle.has_attr("hidden")
    assert page.find("script", src="/static/js/site-nav.js")
    assert not page.find("script", src=False)


def test_not_found_page_offers_search(client, demo_pages):
    response = client.get("/sv/finns-inte/")
    form = soup(response).select_one("main form[role=search]")

    assert response.status_code == 404
    assert form["action"] == "/sv/search/"
    assert form.find("input", attrs={"type": "search", "name": "q"})


def test_a_scheduled_event_whose_date_has_passed_shows_as_held(client, demo_pages):
    events = event_index(demo_pages["home"]["fi"])
    now = timezone.localtime()
    event(events, "Unohtunut työpaja", now - dt.timedelta(days=3), status="scheduled")
    event(events, "Peruttu seminaari", now - dt.timedelta(days=5), status="cancelled")
    event(events, "Tuleva työryhmä", now + dt.timedelta(days=5), status="scheduled")

    page = soup(client.get("/tapahtumat/"))
    statuses = {
        item.find("h3").get_text(strip=True): item.select_one(".event-meta__status").get_text()
        for item in page.select(".event-list__item")
    }

    assert statuses == {
        "Unohtunut työpaja": "Pidetty",
        "Peruttu seminaari": "Peruttu",
        "Tuleva työryhmä": "Suunniteltu",
    }


def test_home_page_lists_latest_news_and_next_events(client, demo_pages):
    home = demo_pages["home"]["fi"]
    index = news_index(home)
    for day in range(1, 6):
        article(index, f"Uutinen {day}", dt.date(2026, 3, day))
    events = event_index(home)
    now = timezone.localtime()
    event(events, "Mennyt", now - dt.timedelta(days=2))
    event(events, "Seuraava", now + dt.timedelta(days=2))

    page = soup(client.get("/"))
    news = page.find(id="latest-news-heading").parent
    upcoming = page.find(id="next-events-heading").parent

    assert [h.get_text(strip=True) for h in news.select("h3")] == [
        "Uutinen 5",
        "Uutinen 4",
        "Uutinen 3",
    ]
    assert [h.get_text(strip=True) for h in upcoming.select("h3")] == ["Seuraava"]


def test_favicon_ico_leads_to_the_site_icon(client, db):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("/img/favicon.svg")
