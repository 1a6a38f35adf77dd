"""A real portal for the browser tests: its own database, `setup_portal`, gunicorn on a free port.

The server runs the way `make run` serves the portal (DEBUG off, WhiteNoise, several gunicorn
workers), never against pytest-django's test database: the browser tests talk HTTP to it and
prepare their data through `manage.py shell` in the server's environment.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO_DIR = Path(__file__).resolve().parents[2]
MANAGE = REPO_DIR / "manage.py"
START_TIMEOUT = 90
SETUP_TIMEOUT = 600


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _browser_postgres_url(url: str) -> str:
    """The run's own database beside the main one: keko -> keko_browser (keko_browser_gw1 in
    pytest-xdist's worker gw1, so parallel test processes never share one)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "keko"
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    suffix = f"_browser_{worker}" if worker else "_browser"
    return urlunsplit(parts._replace(path=f"/{name}{suffix}"))


def _recreate_postgres_database(url: str) -> None:
    """Drop and create the browser tests' own PostgreSQL database (never the main one)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _drop_postgres_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except psycopg.Error:
        pass


def _cache_url(tmp_dir: Path) -> str:
    """Redis when the run uses Redis (a key prefix of its own), else a file cache.

    A file cache rather than local memory: the gunicorn workers must share page-cache
    generations, rate limits and used TOTP codes, as they do in production. The run's own
    Redis database is safe to share: the test processes keep their cache in memory and use
    the configured one only under key prefixes of their own, never clearing it.
    """
    url = os.environ.get("BROWSER_CACHE_URL") or os.environ.get("CACHE_URL", "")
    if not url.startswith(("redis://", "rediss://")):
        return f"filecache://{tmp_dir / 'cache'}"
    parts = urlsplit(url)
    query = "&".join(filter(None, [parts.query, f"key_prefix=kb-{uuid.uuid4().hex[:12]}"]))
    return urlunsplit(parts._replace(query=query))


class PortalServer:
    """One gunicorn serving the portal from a fresh database; `stop()` ends it.

    `setup_portal` migrates an empty database, as `make run` does the first time; with
    `migrated=True` it starts from a copy of the run's migrated template instead
    (tests/migrated_database.py), for tests about something else than starting up.
    `env` overrides the server's environment."""

    def __init__(self, tmp_dir: Path, workers: int = 2, migrated: bool = False, **env: str) -> None:
        self.tmp_dir = tmp_dir
        self.workers = workers
        self.migrated = migrated
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp_dir / "gunicorn.log"
        self.admin_email = "admin@keko.localhost"
        self.admin_password = secrets.token_urlsafe(16)
        self.process: subprocess.Popen | None = None
        self._log_file = None
        database_url = os.environ.get("DATABASE_URL", "")
        if database_url.startswith(("postgres://", "postgresql://")):
            self.database_url = _browser_postgres_url(database_url)
        else:
            self.database_url = f"sqlite:///{tmp_dir / 'keko.sqlite3'}"
        self.env = {**self._environment(), **env}

    def _environment(self) -> dict[str, str]:
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
            DATABASE_URL=self.database_url,
            CACHE_URL=_cache_url(self.tmp_dir),
            STATIC_ROOT=str(self.tmp_dir / "static"),
            MEDIA_ROOT=str(self.tmp_dir / "media"),
            BASE_URL=self.base_url,
            EMAIL_URL="consolemail://",
            TASK_BACKEND="immediate",
            KEKO_ADMIN_EMAIL=self.admin_email,
            KEKO_ADMIN_PASSWORD=self.admin_password,
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        return env

    def manage(self, *args: str, timeout: float = 120) -> str:
        """Run `manage.py <args>` in the server's environment; its stdout, or a clear failure."""
        result = subprocess.run(
            [sys.executable, str(MANAGE), *args],
            cwd=REPO_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"manage.py {' '.join(args[:1])} failed ({result.returncode}):\n"
                f"{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
            )
        return result.stdout

    def run_script(self, script: Path, **params: str) -> dict:
        """Run a test-data script through `manage.py shell`; it prints one JSON line last."""
        code = script.read_text()
        env_params = {f"KEKO_TEST_{key.upper()}": value for key, value in params.items()}
        saved = dict(self.env)
        self.env.update(env_params)
        try:
            output = self.manage("shell", "--no-imports", "-c", code)
        finally:
            self.env = saved
        last_line = [line for line in output.splitlines() if line.strip()][-1]
        return json.loads(last_line)

    def start(self) -> None:
        if self.migrated:
            from tests.migrated_database import create_migrated

            create_migrated(self.database_url)
        elif self.database_url.startswith("postgres"):
            _recreate_postgres_database(self.database_url)
        self.manage("setup_portal", timeout=SETUP_TIMEOUT)
        self._log_file = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "5",
            ],
            cwd=REPO_DIR,
            env=self.env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_until_healthy()

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        last_error = "no answer"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}):\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError) as error:
                last_error = str(error)
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"/healthz did not answer 200 ({last_error}):\n{self.log()}")

    def log(self, tail: int = 6000) -> str:
        """The end of gunicorn's log (access log and errors)."""
        try:
            return self.log_path.read_text(errors="replace")[-tail:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
            except ProcessLookupError:
                pass
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None
        if self.database_url.startswith("postgres"):
            _drop_postgres_database(self.database_url)
