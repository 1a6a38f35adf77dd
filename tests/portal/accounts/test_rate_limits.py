"""allauth's rate limits (ACCOUNT_RATE_LIMITS) hold with every cache backend the settings accept
(portal.config.cache: local memory, file, database, Redis), each a real cache, configured from
the same kind of CACHE_URL the settings read."""

import os
import re
import socket
import uuid

import environ
import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings

from portal.accounts.roles import NETWORK_PARTNERS
from portal.accounts.services import invitation_create
from tests.conftest import configured_cache_settings

# The run's own Redis database when CACHE_URL names one (CI's PostgreSQL + Redis run), else 15.
REDIS_URL = (
    os.environ["CACHE_URL"]
    if os.environ.get("CACHE_URL", "").startswith("redis://")
    else "redis://127.0.0.1:6379/15"
)


def redis_is_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def cache_config(kind, tmp_path):
    url = {
        "locmem": "locmemcache://keko-ratelimit",
        "file": f"filecache://{tmp_path}/cache",
        "database": "dbcache://keko_ratelimit_cache",
        "redis": REDIS_URL,
    }[kind]
    config = environ.Env.cache_url_config(url)
    # A key prefix of its own: nothing here touches (or clears) anybody else's entries.
    config["KEY_PREFIX"] = f"ratelimit-test-{uuid.uuid4().hex}"
    return config


@pytest.fixture(params=["configured", "locmem", "file", "database", "redis"])
def rate_limit_cache(request, tmp_path, db):
    """Run the test against the cache CACHE_URL configures (the other tests use a cache of
    their own in memory), then against each accepted backend."""
    if request.param == "configured":
        with override_settings(CACHES=configured_cache_settings()):
            yield request.param
        return
    if request.param == "redis" and not redis_is_running():
        pytest.skip("no Redis server on 127.0.0.1:6379")
    with override_settings(CACHES={"default": cache_config(request.param, tmp_path)}):
        if request.param == "database":
            call_command("createcachetable", verbosity=0)
        yield request.param


def failed_login(client, email):
    return client.post("/en/accounts/login/", {"login": email, "password": "wrong-password"})


def test_failed_sign_ins_lock_the_address_for_a_while(rate_limit_cache, make_account):
    user = make_account(f"limited-{uuid.uuid4().hex[:8]}@example.org", groups=[NETWORK_PARTNERS])
    client = Client()
    for _ in range(5):  # "login_failed": "5/5m/key"
        response = failed_login(client, user.email)
        assert b"not correct" in response.content
    response = client.post(
        "/en/accounts/login/", {"login": user.email, "password": user.test_password}
    )
    assert response.status_code == 200
    assert b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in client.session

    # Another address from the same place is not locked.
    other = make_account(f"other-{uuid.uuid4().hex[:8]}@example.org", groups=[NETWORK_PARTNERS])
    client.post("/en/accounts/login/", {"login": other.email, "password": other.test_password})
    assert client.session["_auth_user_id"] == str(other.pk)


def test_password_reset_requests_are_limited_with_a_translated_page(rate_limit_cache, db):
    client = Client()
    email = f"reset-{uuid.uuid4().hex[:8]}@example.org"
    for _ in range(5):  # "reset_password": "20/m/ip,5/m/key"
        response = client.post("/en/accounts/password/reset/", {"email": email})
        assert response.status_code == 302
    response = client.post("/en/accounts/password/reset/", {"email": email})
    assert response.status_code == 429
    assert b"Too many attempts" in response.content
    assert b'<main id="main-content"' in response.content


def test_invitation_acceptance_is_rate_limited(db, settings):
    settings.BASE_URL = "https://keko.example.fi"
    invitation_create(email="flood@example.org", role="partner", language="en")
    path = re.search(r"https://keko\.example\.fi(/\S+/)", mail.outbox[-1].body).group(1)
    client = Client()
    bad = {"first_name": "A", "last_name": "B", "password1": "x", "password2": "y"}
    for _ in range(20):  # "signup": "20/m/ip"
        assert client.post(path, bad).status_code == 200
    assert client.post(path, bad).status_code == 429
