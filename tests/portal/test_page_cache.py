"""The anonymous page cache: pages are served from the cache and go stale on publishing."""

import pytest
from wagtail.models import Page


@pytest.fixture
def home_page(db):
    page = Page.objects.get(depth=2).specific
    return page


def test_second_anonymous_request_is_served_from_the_cache(client, home_page):
    first = client.get("/")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Content-Security-Policy" in second


def test_cache_hit_makes_no_database_query(client, home_page, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(0):
        assert client.get("/")["X-Page-Cache"] == "hit"


def test_publishing_a_page_invalidates_the_cache(client, home_page):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    home_page.title = "Uusi otsikko"
    home_page.save_revision().publish()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Uusi otsikko" in response.content.decode()


def test_unpublishing_invalidates_the_cache(client, home_page):
    child = home_page.add_child(instance=Page(title="Väliaikainen", slug="valiaikainen"))
    assert client.get("/valiaikainen/").status_code == 200
    assert client.get("/valiaikainen/")["X-Page-Cache"] == "hit"
    child.unpublish()
    assert client.get("/valiaikainen/").status_code == 404


def test_signed_in_users_are_never_served_cached_pages(client, home_page, django_user_model):
    client.get("/")
    user = django_user_model.objects.create_user("reader", "reader@example.fi", "x-pass-1234")
    client.force_login(user)
    response = client.get("/")
    assert "X-Page-Cache" not in response


def test_query_strings_are_cached_separately(client, home_page):
    client.get("/?page=1")
    assert client.get("/?page=2")["X-Page-Cache"] == "miss"
    assert client.get("/?page=1")["X-Page-Cache"] == "hit"


def test_post_requests_and_error_pages_are_not_cached(client, home_page):
    client.get("/missing/")
    assert "X-Page-Cache" not in client.get("/missing/")
