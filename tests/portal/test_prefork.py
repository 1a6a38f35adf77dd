"""The warm-up gunicorn's master runs before forking its workers (portal.prefork)."""

import pytest
from django.contrib.sessions.models import Session
from django.core.wsgi import get_wsgi_application
from wagtail.models import Page

from portal import metrics, prefork


@pytest.fixture
def home_page(db):
    return Page.objects.get(depth=2).specific


def test_warm_up_renders_home_and_search_of_every_language_and_changes_nothing(home_page, client):
    answered, _seconds = prefork.warm_up(get_wsgi_application())
    assert answered == 6  # "/", "/search/?q=keko" in fi, sv and en
    assert not Session.objects.exists()  # the warm-up cookie created no session
    # Rendered, not read from the page cache: nothing was stored there either.
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_warm_up_survives_a_failing_application(db):
    def broken(environ, start_response):
        raise RuntimeError("the database is away")

    assert prefork.warm_up(broken)[0] == 0


def test_the_warm_up_is_not_counted_as_visitors_requests(home_page):
    metrics.discard_pending()
    prefork.warm_up(get_wsgi_application())
    assert metrics._pending == {}  # noqa: SLF001 (what each forked worker would inherit)
