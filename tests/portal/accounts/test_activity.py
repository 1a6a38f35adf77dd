"""When each session was last seen is recorded at most once a minute per session and client
(portal.accounts.activity), not with a database write on every signed-in request."""

from allauth.usersessions.models import UserSession
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if "usersessions_usersession" in q["sql"]]


def test_a_signed_in_session_is_recorded_once_a_minute(partner_user, sign_in):
    client = Client(HTTP_USER_AGENT="KEKO laptop browser")
    sign_in(client, partner_user)
    session = UserSession.objects.get(user=partner_user)
    cache.clear()  # the sign-in's own requests were recorded: start the minute afresh
    client.get("/en/accounts/")
    seen = UserSession.objects.get(pk=session.pk).last_seen_at
    assert seen >= session.last_seen_at

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/accounts/").status_code == 200
    assert _writes(queries.captured_queries) == []
    assert UserSession.objects.get(pk=session.pk).last_seen_at == seen


def test_a_new_browser_or_address_is_recorded_at_once(partner_user, sign_in):
    client = Client(HTTP_USER_AGENT="KEKO laptop browser")
    sign_in(client, partner_user)
    client.get("/en/accounts/")
    client.defaults["HTTP_USER_AGENT"] = "KEKO other browser"
    client.get("/en/accounts/")
    assert UserSession.objects.get(user=partner_user).user_agent == "KEKO other browser"
    client.defaults["REMOTE_ADDR"] = "192.0.2.7"
    client.get("/en/accounts/")
    assert UserSession.objects.get(user=partner_user).ip == "192.0.2.7"


def test_without_a_cache_every_request_is_recorded(partner_user, sign_in, monkeypatch):
    client = Client()
    sign_in(client, partner_user)

    def away(*args, **kwargs):
        raise ConnectionError("the cache is away")

    monkeypatch.setattr(cache, "add", away)
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/accounts/")
    assert any(sql.startswith("UPDATE") for sql in _writes(queries.captured_queries))
