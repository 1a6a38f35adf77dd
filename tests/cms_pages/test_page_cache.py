"""The shell's pages are served from the anonymous page cache and go stale on publishing."""

import pytest

from cms_pages.models import SiteSettings


@pytest.mark.parametrize("path", ["/", "/sv/", "/en/", "/hankkeesta/"])
def test_second_anonymous_request_is_a_cache_hit(client, demo_pages, path):
    first = client.get(path)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    second = client.get(path)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert not second.cookies


def test_publishing_a_menu_page_refreshes_every_cached_page(client, demo_pages):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    about = demo_pages["about"]["fi"]
    about.title = "Tietoa hankkeesta"
    about.save_revision().publish()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Tietoa hankkeesta" in response.content.decode()


def test_changing_the_footer_settings_refreshes_cached_pages(client, demo_pages):
    client.get("/en/")
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    footer = SiteSettings.objects.get()
    footer.contact_email = "hanke@example.org"
    footer.save()
    response = client.get("/en/")
    assert response["X-Page-Cache"] == "miss"
    assert "hanke@example.org" in response.content.decode()


def test_signed_in_users_never_get_the_anonymous_page(client, demo_pages, django_user_model):
    anonymous = client.__class__()
    anonymous.get("/")
    assert anonymous.get("/")["X-Page-Cache"] == "hit"
    user = django_user_model.objects.create_user("staff", "staff@example.org", "pass-word-123")
    client.force_login(user)
    response = client.get("/")
    # Rendered for the user's audience (tests/portal/test_audience_cache.py), with sign-out.
    assert response["X-Page-Cache"] == "audience-miss"
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert "csrfmiddlewaretoken" not in anonymous.get("/").content.decode()
