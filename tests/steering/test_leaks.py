"""Every other way the steering area could reach someone outside it: the site search, the
feeds, sitemap.xml and robots.txt, an API, previews, the anonymous page cache, the
newsletter archive, the navigation and the service map's API."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve
from wagtail.models import Page

from newsletter.news_items import news_items

pytestmark = pytest.mark.django_db

SEARCH_WORD = "järjestäytymiskokous"


@pytest.fixture(autouse=True)
def _index_at_once(settings):
    """The search index is updated by background tasks (the worker): run them at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _signed_in(sign_in, user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _private_paths(demo) -> list[str]:
    pages = [*demo.areas.values(), demo.meeting_index, *demo.meetings.values()]
    return [page.url for page in pages]


def _assert_no_private_path(text: str, demo):
    for path in _private_paths(demo):
        assert path not in text, path
    assert demo.meeting.title not in text
    assert demo.document.url not in text


def test_the_search_term_matches_the_meeting(steering_demo):
    """The search tests below would pass for nothing if the index did not hold the word."""
    found = Page.objects.live().search(SEARCH_WORD)
    assert steering_demo.meeting.pk in [page.pk for page in found]


@pytest.mark.parametrize("role", [None, "partner_user", "steering_user"])
def test_search_lists_no_private_page(steering_demo, sign_in, request, role):
    client = Client() if role is None else _signed_in(sign_in, request.getfixturevalue(role))
    for query in (SEARCH_WORD, "Ohjausryhmä", "esityslista", "Kokoukset"):
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        if role != "steering_user":  # members have the area in their menu
            _assert_no_private_path(response.content.decode(), steering_demo)
        results = response.context["results"]
        pages = [result.page for result in results or [] if result.page is not None]
        assert not any(page.get_view_restrictions().exists() for page in pages)


@pytest.mark.parametrize(
    "path", ["/feeds/news.rss", "/feeds/news.atom", "/feeds/events.ics", "/en/feeds/news.rss"]
)
def test_feeds_carry_no_private_page(client, steering_demo, path):
    response = client.get(path)
    assert response.status_code == 200
    _assert_no_private_path(response.content.decode(), steering_demo)


def test_sitemap_lists_public_pages_only(client, steering_demo):
    text = client.get("/sitemap.xml").content.decode()
    assert "<loc>" in text and "/hankkeesta/" in text
    _assert_no_private_path(text, steering_demo)
    for page in (*steering_demo.areas.values(), *steering_demo.meetings.values()):
        assert page.slug not in text


def test_robots_txt_does_not_name_the_area(client, steering_demo):
    text = client.get("/robots.txt").content.decode()
    for area in steering_demo.areas.values():
        assert area.slug not in text


def test_no_public_wagtail_api(client, steering_demo):
    assert "wagtail.api.v2" not in settings.INSTALLED_APPS
    for path in ("/api/v2/pages/", "/api/v2/documents/", "/api/pages/"):
        with pytest.raises(Resolver404):
            match = resolve(path)
            assert match.url_name == "wagtail_serve"  # caught by the page tree: a 404
            raise Resolver404
        assert client.get(path).status_code == 404


@pytest.mark.parametrize("role", ["partner_user", "steering_user"])
def test_previews_and_drafts_are_for_the_admin_only(steering_demo, sign_in, request, role):
    client = _signed_in(sign_in, request.getfixturevalue(role))
    meeting = steering_demo.meeting
    for path in (
        f"/admin/pages/{meeting.pk}/view_draft/",
        f"/admin/pages/{meeting.pk}/edit/preview/",
        f"/admin/pages/{meeting.pk}/revisions/compare/earliest...latest/",
    ):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Kokouksen avaus" not in response.content.decode()


def test_view_draft_works_for_staff(steering_demo, staff_user, sign_in):
    client = _signed_in(sign_in, staff_user)
    response = client.get(f"/admin/pages/{steering_demo.meeting.pk}/view_draft/")
    assert response.status_code == 200
    assert "Kokouksen avaus" in response.content.decode()


def test_page_cache_never_serves_a_private_page_to_another_user(
    steering_demo, steering_user, sign_in
):
    assert settings.PAGE_CACHE_SECONDS
    member = _signed_in(sign_in, steering_user)
    url = steering_demo.meeting.url
    for _ in range(2):
        assert member.get(url).status_code == 200
    anonymous = Client()
    for _ in range(2):
        response = anonymous.get(url)
        assert response.status_code == 302
        assert "X-Page-Cache" not in response
        assert b"Kokouksen avaus" not in response.content


def test_cached_anonymous_pages_carry_no_area_link(steering_demo, steering_user, sign_in):
    member = _signed_in(sign_in, steering_user)
    member_home = member.get("/").content.decode()
    assert f'href="{steering_demo.area.url}"' in member_home
    anonymous = Client()
    first = anonymous.get("/")
    second = anonymous.get("/")
    assert second["X-Page-Cache"] == "hit"
    for response in (first, second):
        text = response.content.decode()
        assert steering_demo.area.url not in text
        assert "Ohjausryhmä</a>" not in text


@pytest.mark.parametrize("role", [None, "partner_user"])
def test_navigation_has_no_area_link_outside_the_group(steering_demo, sign_in, request, role):
    client = Client() if role is None else _signed_in(sign_in, request.getfixturevalue(role))
    for path in ("/", "/hankkeesta/", "/en/"):
        text = client.get(path).content.decode()
        for area in steering_demo.areas.values():
            assert f'href="{area.url}"' not in text


@pytest.mark.parametrize("role", ["steering_user", "staff_user", "admin_user"])
def test_navigation_and_account_page_link_the_area(steering_demo, sign_in, request, role):
    client = _signed_in(sign_in, request.getfixturevalue(role))
    assert f'href="{steering_demo.area.url}"' in client.get("/hankkeesta/").content.decode()
    english = client.get("/en/").content.decode()
    assert f'href="{steering_demo.areas["en"].url}"' in english
    account = client.get("/accounts/").content.decode()
    assert f'href="{steering_demo.area.url}"' in account
    assert "Ohjausryhmän sivut" in account
    meeting = client.get(steering_demo.meeting.url).content.decode()
    assert 'aria-current="true"' in meeting


def test_partner_account_page_has_no_area_link(steering_demo, partner_user, sign_in):
    client = _signed_in(sign_in, partner_user)
    assert steering_demo.area.url not in client.get("/accounts/").content.decode()


def test_newsletter_news_items_skip_private_pages(steering_demo):
    about = Page.objects.get(slug="hankkeesta")
    items = news_items([steering_demo.meeting, steering_demo.area, about], "fi")
    assert [item.title for item in items] == [about.title]
    # The Swedish translation of a private page is private too.
    items = news_items([steering_demo.meeting], "sv")
    assert items == []


def test_newsletter_archive_issue_does_not_show_a_chosen_private_page(client, steering_demo):
    from newsletter import demo as newsletter_demo
    from newsletter.models import NewsletterIssuePage

    newsletter_demo.load()
    issue = NewsletterIssuePage.objects.filter(locale__language_code="fi").first()
    issue.body = [("news_items", {"heading": "Poimintoja", "pages": [steering_demo.meeting]})]
    issue.save_revision().publish()
    response = client.get(issue.url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Poimintoja" in text
    _assert_no_private_path(text, steering_demo)


@pytest.mark.parametrize(
    "path", ["/api/ecosystem/map.json", "/api/ecosystem/map.csv", "/ecosystem/map/text/"]
)
def test_service_map_apis_hold_no_pages(client, steering_demo, path):
    response = client.get(path)
    assert response.status_code == 200
    text = b"".join(response.streaming_content) if response.streaming else response.content
    _assert_no_private_path(text.decode(), steering_demo)
    assert "Ohjausryhmä" not in text.decode()
