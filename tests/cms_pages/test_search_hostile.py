"""Hostile search queries get an answer, never a 500 (on SQLite's FTS5 and on PostgreSQL)."""

import datetime as dt

import pytest

from .conftest import soup
from .news_fixtures import article, news_index

HOSTILE_QUERIES = [
    '"',
    'tilannekuva"',
    '"tilannekuva',
    '""""',
    'a"b"c"',
    "\x00",
    "tilanne\x00kuva",
    "\x00\x00\x00",
    "'",
    "' OR 1=1 --",
    "*",
    "tilanne*",
    "^",
    "(",
    ")",
    "((a)",
    "a:b",
    "title:tilannekuva",
    "NEAR(a b)",
    "AND",
    "OR",
    "NOT",
    "a AND",
    "-",
    "+",
    "\\",
    "%",
    "_",
    "{}",
    "[",
    "~",
    "\x01\x1f\x7f",
    "\u202etilannekuva",
    "💥",
    "\ufffd",
    "tilannekuva " * 60,
    "x" * 3000,  # longer addresses get the 414 page (tests/portal/test_error_pages.py)
]


@pytest.fixture(autouse=True)
def _index_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def searchable(demo_pages):
    fi = news_index(demo_pages["home"]["fi"])
    article(fi, "Tilannekuvatyöpaja pidettiin", dt.date(2026, 3, 1), lead="Työpaja Keravalla.")
    return fi


@pytest.mark.parametrize("prefix", ["", "/sv", "/en"])
def test_every_hostile_query_gets_a_page_not_a_500(client, searchable, prefix):
    for query in HOSTILE_QUERIES:
        response = client.get(f"{prefix}/search/", {"q": query})
        assert response.status_code == 200, (query, response.status_code)
        page = soup(response)
        assert page.select_one("h1").get_text(strip=True)
        # What was typed comes back as text, never markup; NUL bytes are never echoed.
        assert "\x00" not in response.content.decode()
    for page_number in ["\x00", "-1", "1e9", "abc", "9" * 40]:
        response = client.get("/search/", {"q": "tilannekuva", "page": page_number})
        assert response.status_code == 200, page_number


def test_a_query_with_an_unbalanced_quote_still_finds_the_page(client, searchable):
    response = client.get("/search/", {"q": 'tilannekuvatyöpaja"'})
    titles = [h.get_text(strip=True) for h in soup(response).select(".search-results h2")]
    assert titles == ["Tilannekuvatyöpaja pidettiin"]


def test_a_query_of_only_symbols_is_answered_in_the_visitors_language(client, searchable):
    response = client.get("/en/search/", {"q": "\x00"})
    assert response.status_code == 200
    text = soup(response).get_text(" ", strip=True)
    assert "Type one or more words to search." in text
