"""Two web servers behind one address, as two hosts behind a load balancer: two gunicorn
instances share the throwaway cluster's database and one Redis cache (a redis-server of the
test's own), and a round-robin TCP proxy in the test hands each connection to the next one.

A person who signs in through one server is signed in on the other (sessions live in the
database), and failed sign-ins count against one limit whichever server took them (allauth's
rate limits live in the shared cache): five wrong passwords spread over both servers lock
the account for both, although neither server saw five.
"""

from __future__ import annotations

import http.cookiejar
import itertools
import re
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.faults.cluster import free_port
from tests.faults.conftest import http_get, log_of, wait_for

pytestmark = pytest.mark.faults

PASSWORD = "Kaksi-palvelinta-42"
USERS = f"""
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
for address in ("session@example.fi", "limited@example.fi"):
    get_user_model().objects.filter(email=address).delete()
    user = get_user_model().objects.create_user(
        username=address, email=address, password={PASSWORD!r}
    )
    EmailAddress.objects.create(user=user, email=address, primary=True, verified=True)
"""
TOO_MANY = "Too many failed login attempts"


class RoundRobinProxy:
    """Accepts connections on one port and relays each, in turn, to the next backend port;
    `chosen` lists the backend of every connection so far."""

    def __init__(self, backends: list[int]):
        self.backends = itertools.cycle(backends)
        self.chosen: list[int] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return  # closed
            with self.lock:
                backend = next(self.backends)
                self.chosen.append(backend)
            upstream = socket.create_connection(("127.0.0.1", backend), timeout=30)
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self.listener.close()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """One browser: a cookie jar, no automatic redirects (a redirect is an answer here)."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirects
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, dict, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(
            f"{self.base}{path}", data=body, headers={"Referer": f"{self.base}{path}"}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode(errors="replace")

    def csrf_token(self, path: str = "/en/accounts/login/") -> str:
        status, _headers, form = self.request(path)
        assert status == 200
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)

    def sign_in(self, token: str, email: str, password: str) -> tuple[int, dict, str]:
        return self.request(
            "/en/accounts/login/",
            {"csrfmiddlewaretoken": token, "login": email, "password": password},
        )

    def signed_in(self) -> bool:
        """The account's email page answers only a signed-in person (others are redirected
        to the sign-in page)."""
        status, headers, _page = self.request("/en/accounts/email/")
        assert status in (200, 302), status
        return status == 200


@pytest.fixture
def two_servers(portal_env, processes, redis_server):
    created = portal_env.manage("shell", "-c", USERS)
    assert created.returncode == 0, created.stderr
    cache = {"CACHE_URL": f"redis://127.0.0.1:{redis_server['port']}/0"}
    ports = [free_port(), free_port()]
    servers = [processes.gunicorn(port, 1, **cache) for port in ports]
    for port in ports:
        wait_for(
            lambda port=port: http_get(f"http://127.0.0.1:{port}/healthz")[0] == 200,
            60,
            what=f"gunicorn on port {port}",
        )
    proxy = RoundRobinProxy(ports)
    yield proxy, ports, servers
    proxy.close()
    with_cleanup = portal_env.manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model;"
        "get_user_model().objects.filter(email__in=['session@example.fi',"
        "'limited@example.fi']).delete()",
    )
    assert with_cleanup.returncode == 0, with_cleanup.stderr


def test_a_sign_in_through_one_server_holds_on_the_other(two_servers):
    proxy, ports, servers = two_servers
    visitor = Visitor(f"http://127.0.0.1:{proxy.port}")
    assert not visitor.signed_in()
    token = visitor.csrf_token()
    status, headers, _page = visitor.sign_in(token, "session@example.fi", PASSWORD)
    assert status == 302, "the sign-in did not go through"
    signed_in_on = proxy.chosen[-1]
    # The next requests go to the other server, then back: the session holds on both.
    assert visitor.signed_in()
    assert proxy.chosen[-1] != signed_in_on
    assert visitor.signed_in()
    assert proxy.chosen[-1] == signed_in_on
    assert set(proxy.chosen) == set(ports)
    # Signing out through one server signs out of both.
    token = visitor.csrf_token("/en/accounts/logout/")
    status, _headers, _page = visitor.request(
        "/en/accounts/logout/", {"csrfmiddlewaretoken": token}
    )
    assert status == 302
    assert not visitor.signed_in()
    assert not visitor.signed_in()
    for server in servers:
        assert server.poll() is None
        assert "Traceback" not in log_of(server), log_of(server)


def test_failed_sign_ins_count_across_both_servers(two_servers):
    proxy, ports, servers = two_servers
    visitor = Visitor(f"http://127.0.0.1:{proxy.port}")
    token = visitor.csrf_token()
    start = len(proxy.chosen)
    # allauth allows five failed sign-ins to one account in five minutes (login_failed
    # "5/5m/key"). Five wrong passwords, taken in turn by the two servers:
    for _attempt in range(5):
        status, _headers, page = visitor.sign_in(token, "limited@example.fi", "wrong-password")
        assert status == 200 and TOO_MANY not in page
    attempts_per_server = {port: proxy.chosen[start:].count(port) for port in ports}
    assert sorted(attempts_per_server.values()) == [2, 3]
    # Neither server saw five, yet the sixth attempt is refused, the right password too,
    # on whichever server takes it.
    for _attempt in range(2):
        status, _headers, page = visitor.sign_in(token, "limited@example.fi", PASSWORD)
        assert status == 200 and TOO_MANY in page
    assert set(proxy.chosen[-2:]) == set(ports)
    assert not visitor.signed_in()
    for server in servers:
        assert server.poll() is None
