"""sitemap.xml, robots.txt and the social-media tags."""

import datetime as dt
import xml.etree.ElementTree as ET

from .conftest import soup
from .news_fixtures import article, news_index, restrict

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _locations(response):
    return [url.findtext(f"{SITEMAP}loc") for url in ET.fromstring(response.content)]


def test_sitemap_lists_public_pages_of_every_language(client, demo_pages):
    index = news_index(demo_pages["home"]["fi"])
    article(index, "Julkinen uutinen", dt.date(2026, 1, 1))
    restrict(article(index, "Salainen uutinen", dt.date(2026, 1, 2)))
    draft = article(index, "Luonnos", dt.date(2026, 1, 3))
    draft.unpublish()

    locations = _locations(client.get("/sitemap.xml"))

    assert any(loc.endswith("/ajankohtaista/julkinen-uutinen/") for loc in locations)
    assert any("/en/" in loc for loc in locations)
    assert any("/sv/" in loc for loc in locations)
    assert not any("salainen" in loc or "luonnos" in loc for loc in locations)


def test_robots_points_at_the_absolute_sitemap(client, settings):
    response = client.get("/robots.txt")
    text = response.content.decode()

    assert response["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {settings.BASE_URL}/sitemap.xml" in text.splitlines()
    assert "Disallow: /admin/" in text.splitlines()


def test_pages_carry_open_graph_tags(client, demo_pages):
    about = demo_pages["about"]["fi"]
    page = soup(client.get(about.url))

    assert page.find("meta", property="og:title")["content"] == about.title
    assert page.find("meta", property="og:type")["content"] == "website"
    assert page.find("meta", property="og:url")["content"].endswith(about.url)
    assert page.find("meta", attrs={"name": "twitter:card"})
