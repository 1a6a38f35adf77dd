"""Site search: live, public pages of the current language only."""

import datetime as dt

import pytest
from wagtail.models import Page

from .conftest import soup
from .news_fixtures import article, news_index, restrict


@pytest.fixture(autouse=True)
def _index_at_once(settings):
    """The search index is updated by background tasks (the worker): run them at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _titles(response):
    return [h.get_text(strip=True) for h in soup(response).select(".search-results h2")]


def test_search_finds_public_pages_in_the_current_language(client, demo_pages):
    fi = news_index(demo_pages["home"]["fi"])
    en = news_index(demo_pages["home"]["en"], title="News", slug="news")
    article(fi, "Tilannekuvatyöpaja pidettiin", dt.date(2026, 3, 1), lead="Työpaja Keravalla.")
    restrict(article(fi, "Tilannekuva ohjausryhmälle", dt.date(2026, 3, 2)))
    draft = article(fi, "Tilannekuvaluonnos", dt.date(2026, 3, 3))
    draft.unpublish()
    article(en, "Tilannekuva workshop in English", dt.date(2026, 3, 1))

    response = client.get("/search/?q=tilannekuvatyöpaja")
    titles = _titles(response)

    assert "Tilannekuvatyöpaja pidettiin" in titles
    assert "Tilannekuva workshop in English" not in _titles(client.get("/search/?q=Tilannekuva"))
    everything = _titles(client.get("/search/?q=Tilannekuva"))
    assert "Tilannekuva ohjausryhmälle" not in everything
    assert "Tilannekuvaluonnos" not in everything
    assert "Tilannekuva workshop in English" in _titles(client.get("/en/search/?q=Tilannekuva"))
    assert not response.cookies


def test_search_without_query_and_with_nonsense(client, demo_pages):
    empty = client.get("/search/")
    # 3,000 characters: longer addresses get the 414 page (tests/portal/test_error_pages.py)
    nothing = client.get("/search/?q=" + "x" * 3000)
    bad_page = client.get("/search/?q=KEKO&page=abc")

    assert empty.status_code == 200 and soup(empty).find("input", attrs={"name": "q"})
    assert nothing.status_code == 200
    assert bad_page.status_code == 200
    assert Page.objects.exists()
