"""Pinned query counts of the shell's page types (page cache off, Wagtail's caches warm).

Wagtail's routing takes most of them (site, locale, the localized root, one query per path
segment, the specific page, view restrictions). The shell adds three: the site settings, one
query for every translation it links to and one for the menu. More menu items must not add
queries. The home page adds three for its latest news and next events (the view restrictions
once, then each list).
"""

import pytest

from cms_pages.models import StandardPage

PINNED = {
    "/": 11,
    "/sv/": 12,
    "/en/": 12,
    "/hankkeesta/": 11,
    "/en/about-the-project/": 12,
    "/ei-ole/": 8,
    "/en/missing/": 9,
}


@pytest.fixture
def uncached(settings):
    """No whole-page cache, so every request renders."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.mark.parametrize("path", PINNED)
def test_query_count_is_pinned(client, demo_pages, uncached, django_assert_num_queries, path):
    client.get(path)  # fills Wagtail's site-root-path cache: the steady state is measured
    with django_assert_num_queries(PINNED[path]):
        client.get(path)


@pytest.mark.parametrize("path", ["/", "/hankkeesta/"])
def test_more_menu_items_add_no_queries(
    client, demo_pages, uncached, django_assert_num_queries, path
):
    home = demo_pages["home"]["fi"]
    for number in range(12):
        home.add_child(
            instance=StandardPage(title=f"Sivu {number}", slug=f"sivu-{number}", show_in_menus=True)
        )
    client.get(path)
    with django_assert_num_queries(PINNED[path]):
        response = client.get(path)
    nav_links = response.content.decode().count('class="main-nav__link"')
    assert nav_links == 1 + 1 + 12  # home, "Hankkeesta" and the new pages
