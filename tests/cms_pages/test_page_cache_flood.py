"""Unique query strings cannot fill the anonymous page cache."""

from django.core.cache import cache

from portal.page_cache import GENERATION_KEY


def test_unknown_parameters_are_served_but_not_stored(client, demo_pages, settings):
    settings.PAGE_CACHE_SECONDS = 600
    for number in range(5):
        response = client.get("/en/", {"utm_source": f"flood{number}"})
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert client.get("/en/", {"utm_source": "flood0"}).get("X-Page-Cache") is None


def test_known_parameters_share_one_entry_whatever_their_order(client, demo_pages, settings):
    settings.PAGE_CACHE_SECONDS = 600
    assert client.get("/en/?page=1&limit=5")["X-Page-Cache"] == "miss"
    assert client.get("/en/?limit=5&page=1")["X-Page-Cache"] == "hit"


def test_each_path_keeps_a_bounded_number_of_variants(client, demo_pages, settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_MAX_VARIANTS = 3
    cache.get(GENERATION_KEY)
    answers = [client.get("/en/", {"page": str(n)}).get("X-Page-Cache") for n in range(1, 7)]
    assert answers == ["miss", "miss", "miss", None, None, None]
    assert client.get("/en/")["X-Page-Cache"] == "miss"  # the plain page is always stored
    assert client.get("/en/", {"page": "1"})["X-Page-Cache"] == "hit"
