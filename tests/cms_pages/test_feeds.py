"""RSS and Atom feeds of the news, per language, without private pages."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from .news_fixtures import article, news_index, restrict

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news(demo_pages):
    fi = news_index(demo_pages["home"]["fi"])
    en = news_index(demo_pages["home"]["en"], title="News", slug="news")
    article(fi, "Hanke käynnistyi", dt.date(2026, 1, 15), lead="KEKO alkoi.", author="Tiimi")
    article(fi, "Ohjausryhmä järjestäytyi", dt.date(2026, 4, 15))
    restrict(article(fi, "Salainen", dt.date(2026, 4, 16)))
    article(en, "The project started", dt.date(2026, 1, 15))
    return fi


def test_rss_lists_public_finnish_news_newest_first(client, news, settings):
    response = client.get("/feeds/news.rss")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")

    assert response["Content-Type"].startswith("application/rss+xml")
    assert [item.findtext("title") for item in items] == [
        "Ohjausryhmä järjestäytyi",
        "Hanke käynnistyi",
    ]
    assert items[1].findtext("description") == "KEKO alkoi."
    assert items[1].findtext("link") == (settings.BASE_URL + "/ajankohtaista/hanke-kaynnistyi/")


def test_atom_feed_in_english(client, news):
    response = client.get("/en/feeds/news.atom")
    root = ET.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]

    assert response["Content-Type"].startswith("application/atom+xml")
    assert titles == ["The project started"]
