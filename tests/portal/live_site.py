"""A small real portal for tests that need real processes: its own database, gunicorn.

Lighter than tests/browser/server.py (no demo content): a copy of the migrated template
database (tests/migrated_database.py: what `manage.py migrate` leaves, built once per run),
`collectstatic`, a user or two made through `manage.py shell`, and gunicorn in production mode
on a free port. The database is a SQLite file in the test's temporary folder, or
`<name>_<suffix>_<pid>_<random>` beside the run's PostgreSQL database.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.migrated_database import create_migrated

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "Kesto-Salasana-2026"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_run() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def database_url(tmp: Path, suffix: str) -> str:
    """Where the site's database goes (`prepare()` makes it)."""
    if not postgres_run():
        return f"sqlite:///{tmp / 'site.sqlite3'}"
    parts = urlsplit(os.environ["DATABASE_URL"])
    # Unique per site: two runs (or test processes) against one server never meet.
    name = f"{parts.path.lstrip('/') or 'keko'}_{suffix}_{os.getpid()}_{secrets.token_hex(3)}"
    return urlunsplit(parts._replace(path=f"/{name}"))


class LiveSite:
    def __init__(self, tmp: Path, suffix: str, **env_overrides: str):
        self.tmp = tmp
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "DJANGO_SETTINGS_MODULE")
        }
        env.update(
            DJANGO_SETTINGS_MODULE="portal.settings",
            DEBUG="false",
            KEKO_MODE="local",
            SECRET_KEY=secrets.token_urlsafe(64),
            DATABASE_URL=database_url(tmp, suffix),
            CACHE_URL=f"filecache://{tmp / 'cache'}",
            EMAIL_URL="consolemail://",
            TASK_BACKEND="immediate",
            STATIC_ROOT=str(tmp / "static"),
            MEDIA_ROOT=str(tmp / "media"),
            BASE_URL=self.base_url,
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        env.update(env_overrides)
        self.env = env

    def manage(self, *args: str, timeout: float = 600, check: bool = True):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and result.returncode != 0:
            raise RuntimeError(result.stdout[-3000:] + result.stderr[-3000:])
        return result

    def python(self, code: str) -> dict:
        """Run code in the site's Django shell; the last line it prints is JSON."""
        out = self.manage("shell", "-c", code).stdout
        return json.loads(out.strip().splitlines()[-1])

    def prepare(self) -> None:
        """A migrated database (a copy of the run's template) and the collected static files."""
        create_migrated(self.env["DATABASE_URL"])
        self.manage("collectstatic", "--noinput", "-v0", timeout=300)

    def add_user(self, email: str, groups: tuple[str, ...] = ()) -> None:
        self.python(
            f"""
import json
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
user = get_user_model().objects.create_user(username={email!r}, email={email!r},
                                            password={PASSWORD!r})
user.groups.add(*Group.objects.filter(name__in={list(groups)!r}))
EmailAddress.objects.create(user=user, email={email!r}, verified=True, primary=True)
print(json.dumps({{"id": user.pk}}))
"""
        )

    def start(self, port: int | None = None) -> None:
        log = open(self.tmp / "gunicorn.log", "w")  # noqa: SIM115 - lives as long as the server
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--timeout",
                "60",
            ],
            cwd=REPO,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.log())
            try:
                with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=5):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer:\n" + self.log())

    def log(self) -> str:
        path = self.tmp / "gunicorn.log"
        return path.read_text()[-5000:] if path.exists() else ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(15)
        drop_database(self.env["DATABASE_URL"])


def drop_database(url: str) -> None:
    """Drop a site's PostgreSQL database (nothing to do for SQLite: the file goes with tmp)."""
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def signed_in_opener(
    base_url: str,
    email: str,
    password: str,
    headers: dict | None = None,
    *,
    follow_redirects: bool = False,
) -> tuple[int, urllib.request.OpenerDirector]:
    """Sign in through the real sign-in page over HTTP: (status of the POST, 302 = in, or of
    the page it leads to when redirects are followed; an opener holding the session)."""
    jar = http.cookiejar.CookieJar()
    handlers = [urllib.request.HTTPCookieProcessor(jar)]
    if not follow_redirects:
        handlers.append(NoRedirect)
    opener = urllib.request.build_opener(*handlers)
    headers = dict(headers or {})
    login = f"{base_url}/accounts/login/"
    with opener.open(urllib.request.Request(login, headers=headers), timeout=60) as page:
        html = page.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "login": email, "password": password}
    )
    request = urllib.request.Request(
        login,
        data=body.encode(),
        headers={**headers, "Referer": login, "Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with opener.open(request, timeout=90) as response:
            response.read()
            return response.status, opener
    except urllib.error.HTTPError as error:
        return error.code, opener


def sign_in(base_url: str, email: str, password: str, headers: dict | None = None) -> int:
    """Sign in through the real sign-in page over HTTP; the status of the POST (302 = in)."""
    return signed_in_opener(base_url, email, password, headers)[0]
