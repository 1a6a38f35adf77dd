"""Rate limits key on the visitor's own address, also behind a TLS proxy (TRUSTED_PROXY_COUNT /
TRUSTED_PROXIES): tested with a real reverse proxy (a small Python one) in front of gunicorn."""

from __future__ import annotations

import http.client
import http.server
import re
import threading
import urllib.parse
from http.cookies import SimpleCookie

import pytest

from portal.client_address import client_address
from tests.portal.live_site import PASSWORD, LiveSite, free_port


@pytest.mark.parametrize(
    ("count", "proxies", "remote", "forwarded", "expected"),
    [
        (0, [], "10.0.0.5", "203.0.113.9", "10.0.0.5"),  # nothing trusted: header ignored
        (1, [], "10.0.0.5", "203.0.113.9", "203.0.113.9"),
        (1, [], "10.0.0.5", "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # forged entry left of it
        (2, [], "10.0.0.6", "6.6.6.6, 203.0.113.9, 10.0.0.5", "203.0.113.9"),
        (1, [], "10.0.0.5", "", "10.0.0.5"),
        (1, [], "10.0.0.5", "not-an-address", "10.0.0.5"),
        (0, ["10.0.0.0/24"], "10.0.0.5", "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        (0, ["10.0.0.0/24"], "10.0.0.5", "203.0.113.9, 10.0.0.7", "203.0.113.9"),
        (0, ["10.0.0.0/24"], "198.51.100.1", "203.0.113.9", "198.51.100.1"),  # not our proxy
        (0, ["10.0.0.5"], "10.0.0.5", "[2001:db8::1]:4711", "2001:db8::1"),
    ],
)
def test_client_address(settings, count, proxies, remote, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    settings.TRUSTED_PROXIES = proxies
    meta = {"REMOTE_ADDR": remote, "HTTP_X_FORWARDED_FOR": forwarded}
    assert client_address(meta) == expected


class ForwardingHandler(http.server.BaseHTTPRequestHandler):
    """A reverse proxy as nginx's `proxy_add_x_forwarded_for` does it."""

    upstream_port = 0

    def _forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
        previous = self.headers.get("X-Forwarded-For")
        seen = self.client_address[0]
        headers["X-Forwarded-For"] = f"{previous}, {seen}" if previous else seen
        headers["X-Forwarded-Proto"] = "http"
        upstream = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=60)
        upstream.request(self.command, self.path, body=body, headers=headers)
        response = upstream.getresponse()
        data = response.read()
        self.send_response_only(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)
        upstream.close()

    do_GET = do_POST = do_HEAD = _forward

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def proxied_site(tmp_path_factory):
    site = LiveSite(tmp_path_factory.mktemp("proxy"), "proxy", TRUSTED_PROXY_COUNT="1")
    site.prepare()
    site.add_user("kumppani@example.fi", ("Network partners",))
    site.start()
    handler = type("Handler", (ForwardingHandler,), {"upstream_port": site.port})
    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    yield site, proxy.server_address[1]
    proxy.shutdown()
    site.stop()


class Visitor:
    """A browser-like client connecting to the proxy from its own loopback address."""

    def __init__(self, port: int, source: str, headers: dict | None = None):
        self.port, self.source, self.cookies = port, source, {}
        self.headers = headers or {}

    def request(self, method, path, form=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=60, source_address=(self.source, 0)
        )
        headers = {**self.headers, "Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                for key, morsel in SimpleCookie(value).items():
                    self.cookies[key] = morsel.value
        connection.close()
        return response.status, text

    def sign_in(self, email, password):
        """(status, page text) of the sign-in POST on the English page."""
        _status, html = self.request("GET", "/en/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        return self.request(
            "POST",
            "/en/accounts/login/",
            {"csrfmiddlewaretoken": token, "login": email, "password": password},
        )


def test_failed_sign_ins_of_one_visitor_do_not_block_another(proxied_site):
    site, port = proxied_site
    # The attacker also forges X-Forwarded-For: the proxy appends the real address after it.
    attacker = Visitor(port, "127.0.0.2", {"X-Forwarded-For": "198.51.100.77"})
    answers = [attacker.sign_in(f"arvaus{i}@example.fi", "väärä-salasana") for i in range(12)]
    assert "not correct" in answers[0][1]
    # "login_failed": "10/m/ip": the attacker's own address is locked.
    assert "Too many failed login attempts" in answers[-1][1]

    partner = Visitor(port, "127.0.0.3")
    status, text = partner.sign_in("kumppani@example.fi", PASSWORD)
    assert "Too many failed login attempts" not in text
    assert status == 302, site.log()


def test_gunicorn_names_no_server_software_and_long_addresses_get_the_site_page(proxied_site):
    site, _port = proxied_site
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=60)
    connection.request("GET", "/healthz")
    response = connection.getresponse()
    response.read()
    assert response.status == 200
    assert response.getheader("Server") is None
    # Longer than gunicorn's default request-line limit (4094), shorter than ours (8190):
    # the portal answers with its own translated page, not gunicorn's bare one.
    connection.request("GET", "/en/" + "a" * 5000)
    response = connection.getresponse()
    html = response.read().decode()
    assert response.status == 414
    assert "The address is too long" in html
    connection.close()
