"""Answers that depend on who is asking are marked `Cache-Control: private`, so no shared
cache (a proxy, a CDN) keeps a partner's view for the next visitor; production mode names
no server software and no internal cache state in its headers."""

import pytest

PARTNER_ONLY_DATA = [
    "/api/ecosystem/map.json",
    "/api/ecosystem/map.csv",
    "/api/ecosystem/graph.json",
    "/",
    "/en/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PARTNER_ONLY_DATA)
def test_signed_in_answers_are_private(client, partner_user, sign_in, url):
    sign_in(client, partner_user)
    response = client.get(url)
    assert response.status_code == 200, url
    assert "private" in response.get("Cache-Control", ""), (url, response.get("Cache-Control"))
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_anonymous_answers_are_not_marked_private(client):
    response = client.get("/api/ecosystem/map.json")
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_production_mode_does_not_show_the_page_cache_state(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PRODUCTION = False
    client.get("/en/")
    assert client.get("/en/").get("X-Page-Cache") == "hit"  # shown while developing
    settings.PRODUCTION = True
    assert "X-Page-Cache" not in client.get("/en/")
