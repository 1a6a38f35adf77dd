"""Redis as the cache goes away and comes back under a running portal (a redis-server of the
test's own, on a free port): pages still serve, sign-in rate limits fail closed, /healthz
names the cache."""

from __future__ import annotations

import http.cookiejar
import json
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.faults.conftest import http_get, log_of, wait_for

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is missing"),
]


def _sign_in_attempt(base: str) -> int:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base}/accounts/login/", timeout=15) as response:
        form = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "login": "nobody@example.fi", "password": "wrong-password"}
    ).encode()
    request = urllib.request.Request(
        f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/accounts/login/"}
    )
    try:
        with opener.open(request, timeout=15) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_pages_serve_while_redis_is_away(portal_env, processes, redis_server, web_port):
    base = f"http://127.0.0.1:{web_port}"
    web = processes.gunicorn(web_port, 2, CACHE_URL=f"redis://127.0.0.1:{redis_server['port']}/0")
    wait_for(lambda: http_get(f"{base}/healthz")[0] == 200, 60, what="the portal")
    assert http_get(f"{base}/")[0] == 200
    assert http_get(f"{base}/")[1]["X-Page-Cache"] == "hit"
    # A wrong password with the cache up is just a wrong password (the form again).
    assert _sign_in_attempt(base) == 200

    redis_server["stop"]()

    status, _headers, body = http_get(f"{base}/healthz")
    body = json.loads(body)
    assert status == 200
    assert body["status"] == "degraded"
    assert body["down"] == ["cache"]
    assert body["backends"]["cache"] == "redis"
    # Reading fails open: pages are rendered instead of read from the cache.
    for path in ("/", "/en/", "/sv/"):
        status, headers, page = http_get(f"{base}{path}")
        assert status == 200, path
        assert "X-Page-Cache" not in headers or headers["X-Page-Cache"] == "miss"
    # Signing in fails closed: without a working cache no attempt can be counted.
    assert _sign_in_attempt(base) == 429

    redis_server["start"]()

    wait_for(lambda: json.loads(http_get(f"{base}/healthz")[2])["status"] == "ok", 30,
             what="/healthz to see the cache again")  # fmt: skip
    http_get(f"{base}/")
    assert http_get(f"{base}/")[1].get("X-Page-Cache") == "hit"
    assert _sign_in_attempt(base) == 200
    assert web.poll() is None
    assert "Traceback" not in log_of(web), log_of(web)
