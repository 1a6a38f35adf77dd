"""News index, article, tag and category pages as a visitor sees them."""

import datetime as dt

import pytest
from wagtail.models import Locale

from cms_pages.news import ARTICLES_PER_PAGE, NewsCategory

from .conftest import soup
from .news_fixtures import article, news_index, restrict


@pytest.fixture
def news(demo_pages):
    home = demo_pages["home"]["fi"]
    return news_index(home, intro="Hankkeen uutiset.")


def test_index_lists_newest_first_with_finnish_dates(client, news):
    article(news, "Hanke käynnistyi", dt.date(2026, 1, 15), author="Hanketiimi")
    article(news, "Ohjausryhmä järjestäytyi", dt.date(2026, 4, 15))

    page = soup(client.get("/ajankohtaista/"))

    titles = [h.get_text(strip=True) for h in page.select(".article-list__title")]
    assert titles == ["Ohjausryhmä järjestäytyi", "Hanke käynnistyi"]
    dates = [t.get_text(strip=True) for t in page.select(".article-meta time")]
    assert dates == ["15.4.2026", "15.1.2026"]
    assert "Hanketiimi" in page.select_one(".article-list").get_text()


def test_index_paginates(client, news):
    for number in range(ARTICLES_PER_PAGE + 2):
        article(news, f"Uutinen {number}", dt.date(2026, 1, 1) + dt.timedelta(days=number))

    first = soup(client.get("/ajankohtaista/"))
    second = soup(client.get("/ajankohtaista/?page=2"))
    beyond = client.get("/ajankohtaista/?page=99")
    garbage = client.get("/ajankohtaista/?page=abc")

    assert len(first.select(".article-list__item")) == ARTICLES_PER_PAGE
    assert [h.get_text(strip=True) for h in second.select(".article-list__title")] == [
        "Uutinen 1",
        "Uutinen 0",
    ]
    assert first.select_one("a[rel=next]")["href"] == "?page=2"
    assert beyond.status_code == 200 and "Uutinen 0" in beyond.content.decode()
    assert garbage.status_code == 200 and "Uutinen 11" in garbage.content.decode()


def test_article_page_shows_lead_author_date_tags_and_related(client, news, demo_pages):
    about = demo_pages["about"]["fi"]
    category = NewsCategory.objects.create(
        name="Hankeuutiset", slug="hankeuutiset", locale=Locale.objects.get(language_code="fi")
    )
    item = article(
        news,
        "Hanke käynnistyi",
        dt.date(2026, 1, 15),
        lead="KEKO alkoi.",
        author="Anna Kirjoittaja",
    )
    item.tags.add("kick-off")
    item.categories.add(category)
    item.related_links.create(target=about)
    item.save_revision().publish()

    page = soup(client.get("/ajankohtaista/hanke-kaynnistyi/"))

    assert page.h1.get_text(strip=True) == "Hanke käynnistyi"
    assert page.select_one(".page__lead").get_text(strip=True) == "KEKO alkoi."
    assert page.select_one(".article-meta time").get_text(strip=True) == "15.1.2026"
    assert "Anna Kirjoittaja" in page.select_one(".article-meta").get_text()
    assert page.select_one(".article__tags a")["href"] == "/ajankohtaista/avainsana/kick-off/"
    assert page.select_one(".article__categories a")["href"] == (
        "/ajankohtaista/kategoria/hankeuutiset/"
    )
    assert page.select_one(".related a").get_text(strip=True) == about.title
    assert page.find("meta", property="og:type")["content"] == "article"
    assert page.find("meta", property="og:title")["content"] == "Hanke käynnistyi"
    assert page.find("meta", attrs={"name": "description"})["content"] == "KEKO alkoi."


def test_tag_and_category_pages_filter(client, news):
    fi = Locale.objects.get(language_code="fi")
    category = NewsCategory.objects.create(name="Tapahtumat", slug="tapahtumat", locale=fi)
    tagged = article(news, "Työpaja pidettiin", dt.date(2026, 3, 1))
    tagged.tags.add("tilannekuva")
    tagged.categories.add(category)
    tagged.save_revision().publish()
    article(news, "Muu uutinen", dt.date(2026, 3, 2))

    by_tag = soup(client.get("/ajankohtaista/avainsana/tilannekuva/"))
    by_category = soup(client.get("/ajankohtaista/kategoria/tapahtumat/"))

    for page in (by_tag, by_category):
        titles = [h.get_text(strip=True) for h in page.select(".article-list__title")]
        assert titles == ["Työpaja pidettiin"]
    assert "tilannekuva" in by_tag.h1.get_text()
    assert client.get("/ajankohtaista/avainsana/ei-ole/").status_code == 404
    assert client.get("/ajankohtaista/kategoria/ei-ole/").status_code == 404
    assert client.get("/ajankohtaista/tag/ei-ole/").status_code == 404


def test_english_words_in_old_finnish_tag_and_category_addresses_redirect(client, news):
    fi = Locale.objects.get(language_code="fi")
    category = NewsCategory.objects.create(name="Tapahtumat", slug="tapahtumat", locale=fi)
    tagged = article(news, "Työpaja pidettiin", dt.date(2026, 3, 1))
    tagged.tags.add("tilannekuva")
    tagged.categories.add(category)
    tagged.save_revision().publish()

    old_tag = client.get("/ajankohtaista/tag/tilannekuva/?sivu=1")
    assert old_tag.status_code == 301
    assert old_tag["Location"] == "/ajankohtaista/avainsana/tilannekuva/?sivu=1"
    old_category = client.get("/ajankohtaista/category/tapahtumat/")
    assert old_category.status_code == 301
    assert old_category["Location"] == "/ajankohtaista/kategoria/tapahtumat/"
    # A Swedish word on a Finnish index is not its address either.
    assert client.get("/ajankohtaista/tagg/tilannekuva/")["Location"] == (
        "/ajankohtaista/avainsana/tilannekuva/"
    )


def test_private_and_draft_articles_are_not_listed(client, news):
    secret = article(news, "Salainen uutinen", dt.date(2026, 2, 1))
    restrict(secret)
    draft = article(news, "Luonnos", dt.date(2026, 2, 2))
    draft.unpublish()
    article(news, "Julkinen uutinen", dt.date(2026, 2, 3))

    html = client.get("/ajankohtaista/").content.decode()

    assert "Julkinen uutinen" in html
    assert "Salainen uutinen" not in html and "Luonnos" not in html


def test_news_pages_link_their_feeds_and_stay_cacheable(client, news):
    article(news, "Hanke käynnistyi", dt.date(2026, 1, 15))

    for url in ("/ajankohtaista/", "/ajankohtaista/hanke-kaynnistyi/"):
        response = client.get(url)
        page = soup(response)
        assert page.find("link", type="application/rss+xml")["href"] == "/feeds/news.rss"
        assert page.find("link", type="application/atom+xml")["href"] == "/feeds/news.atom"
        assert not response.cookies
        assert "csrfmiddlewaretoken" not in response.content.decode()


def test_index_query_count_does_not_grow_with_articles(client, news, django_assert_max_num_queries):
    for number in range(3):
        item = article(news, f"Uutinen {number}", dt.date(2026, 1, 1 + number))
        item.tags.add(f"tagi{number}")
        item.save_revision().publish()
    client.get("/ajankohtaista/")  # warm the site and locale caches

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/ajankohtaista/?x=1")
    for number in range(3, 9):
        item = article(news, f"Uutinen {number}", dt.date(2026, 1, 1 + number))
        item.tags.add(f"tagi{number}")
        item.save_revision().publish()
    with CaptureQueriesContext(connection) as many:
        client.get("/ajankohtaista/?x=2")

    assert len(many.captured_queries) == len(few.captured_queries)
