"""One base address for everything a search engine or a sharing service reads, and the
description and Open Graph tags of every public page, CMS page or not."""

import xml.etree.ElementTree as ET

import pytest

from .conftest import soup

BASE = "https://keko.example.fi"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

# Public pages of every kind: Wagtail pages in three languages and Django views.
PUBLIC_PAGES = {
    "/": "fi_FI",
    "/sv/": "sv_FI",
    "/en/": "en_GB",
    "/hankkeesta/": "fi_FI",
    "/en/about-the-project/": "en_GB",
    "/search/": "fi_FI",
    "/sv/search/": "sv_FI",
    "/accounts/login/": "fi_FI",
    "/en/accounts/login/": "en_GB",
    "/ecosystem/map/text/": "fi_FI",
    "/newsletter/subscribe/": "fi_FI",
    "/sv/newsletter/subscribe/": "sv_FI",
    "/newsletter/subscribe/check-your-inbox/": "fi_FI",
}


@pytest.fixture
def production_address(settings):
    settings.BASE_URL = BASE


def _meta(page, **attrs):
    tag = page.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def test_sitemap_lists_addresses_on_the_configured_base_url(client, demo_pages, production_address):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [url.findtext(f"{SITEMAP}loc") for url in root]

    assert f"{BASE}/" in locations
    assert f"{BASE}/sv/" in locations
    assert f"{BASE}/en/about-the-project/" in locations
    assert all(location.startswith(f"{BASE}/") for location in locations)


def test_robots_canonical_and_sitemap_agree_on_the_address(client, demo_pages, production_address):
    robots = client.get("/robots.txt").content.decode()
    page = soup(client.get("/en/about-the-project/"))

    assert f"Sitemap: {BASE}/sitemap.xml" in robots.splitlines()
    assert page.find("link", rel="canonical")["href"] == f"{BASE}/en/about-the-project/"
    assert _meta(page, property="og:url") == f"{BASE}/en/about-the-project/"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_has_a_description_and_open_graph_tags(
    client, demo_pages, production_address, path
):
    response = client.get(path)
    page = soup(response)
    locale = PUBLIC_PAGES[path]
    alternates = [tag["content"] for tag in page.find_all("meta", property="og:locale:alternate")]
    title = page.find("title").get_text()

    assert response.status_code == 200
    assert len(_meta(page, name="description")) > 30
    assert _meta(page, property="og:description") == _meta(page, name="description")
    assert _meta(page, property="og:title") and _meta(page, property="og:title") in title
    assert _meta(page, property="og:locale") == locale
    assert sorted(alternates) == sorted({"fi_FI", "sv_FI", "en_GB"} - {locale})
    assert _meta(page, property="og:image").startswith(f"{BASE}/static/img/share/keko-share-")
    assert _meta(page, property="og:image").endswith(f"-{locale[:2]}.png")
    assert _meta(page, name="twitter:card") == "summary_large_image"
    assert len(page.find_all("meta", attrs={"name": "description"})) == 1


def test_the_default_share_images_exist_and_are_1200_by_630():
    from pathlib import Path

    from PIL import Image

    folder = Path(__file__).resolve().parents[2] / "static" / "img" / "share"
    for language in ("fi", "sv", "en"):
        with Image.open(folder / f"keko-share-{language}.png") as image:
            assert image.size == (1200, 630)
