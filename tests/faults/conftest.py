"""Fixtures of the fault tests: a throwaway PostgreSQL cluster and the portal's real processes.

The cluster is made once per session (initdb, migrate or restore a dump of a migrated database
made by an earlier run, collectstatic) and shared by the fault tests; each test starts the
processes it needs (gunicorn, db_worker, run_scheduler, scripts/supervise.py) against it and
stops them itself. The tests skip where PostgreSQL's server binaries are missing.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.faults.cluster import ThrowawayPostgres, free_port, unavailable_reason
from tests.migrated_database import CACHE_DIR, schema_key

REPO_DIR = Path(__file__).resolve().parents[2]
DROPPED_ENV = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "KEKO_MODE",
    "DATABASE_URL",
    "CACHE_URL",
    "TASK_BACKEND",
    "LOG_FORMAT",
}


def pytest_collection_modifyitems(config, items):
    reason = unavailable_reason()
    if reason is None:
        return
    skip = pytest.mark.skip(reason=f"fault tests need a throwaway PostgreSQL: {reason}")
    for item in items:
        if "faults" in item.keywords:
            item.add_marker(skip)


@dataclass
class PortalEnvironment:
    cluster: ThrowawayPostgres
    root: Path
    env: dict[str, str]

    def manage(self, *args: str, timeout: float = 120, **extra: str):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO_DIR,
            env={**self.env, **extra},
            capture_output=True,
            text=True,
            timeout=timeout,
        )


@pytest.fixture(scope="session")
def portal_env(tmp_path_factory):
    """A migrated portal database in a throwaway cluster, with its own static/media/cache."""
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("faults")
    cluster = ThrowawayPostgres().init()
    cluster.start()
    try:
        url = cluster.create_database("keko")
        env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
        env.update(
            DATABASE_URL=url,
            CACHE_URL=f"filecache://{root / 'cache'}",
            MEDIA_ROOT=str(root / "media"),
            STATIC_ROOT=str(root / "static"),
            SECRET_KEY=secrets.token_urlsafe(50),
            DEBUG="false",
            TASK_BACKEND="database",
            PYTHONUNBUFFERED="1",
            DJANGO_SETTINGS_MODULE="portal.settings",
        )
        portal = PortalEnvironment(cluster, root, env)
        # Side by side: collectstatic needs no database, migrate no static files.
        with ThreadPoolExecutor(2) as pool:
            migrated = pool.submit(_migrate_or_restore, portal)
            collected = pool.submit(portal.manage, "collectstatic", "--noinput", "-v0", timeout=300)
            migrated.result()
            result = collected.result()
        assert result.returncode == 0, result.stdout + result.stderr
        yield portal
    finally:
        cluster.destroy()


def _migrate_or_restore(portal: PortalEnvironment) -> None:
    """The cluster's `keko` database as `manage.py migrate` leaves it: migrated the first time
    for a schema (tests/migrated_database.py's key), then dumped to var/test-databases/ and
    restored from there by later runs (and by a second test process), about a second instead
    of a migration's 13."""
    cluster = portal.cluster
    version = cluster.bin_dir.parent.name
    dump = CACHE_DIR / f"faults-cluster-{schema_key('postgresql')}-pg{version}.dump"
    url = portal.env["DATABASE_URL"]
    if dump.exists():
        restore = [str(cluster.bin_dir / "pg_restore"), "--no-owner", "--exit-on-error"]
        restored = subprocess.run(
            [*restore, "-d", url, str(dump)], capture_output=True, text=True, timeout=300
        )
        assert restored.returncode == 0, restored.stderr
        return
    result = portal.manage("migrate", "-v0", timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    partial = dump.with_suffix(f".partial-{os.getpid()}")
    dumped = subprocess.run(
        [str(cluster.bin_dir / "pg_dump"), "-Fc", "-f", str(partial), url],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert dumped.returncode == 0, dumped.stderr
    os.replace(partial, dump)
    for old in CACHE_DIR.glob("faults-cluster-*.dump"):
        if old != dump:
            old.unlink(missing_ok=True)


@dataclass
class Processes:
    """Processes a test started, each logging to a file; all stopped when the test ends."""

    root: Path
    env: dict[str, str]
    started: list[tuple[subprocess.Popen, Path]] = field(default_factory=list)

    def start(self, name: str, command: list[str], **extra: str) -> subprocess.Popen:
        log = self.root / f"{name}-{len(self.started)}.log"
        process = subprocess.Popen(
            command,
            cwd=REPO_DIR,
            env={**self.env, **extra},
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.log_path = log
        self.started.append((process, log))
        return process

    def gunicorn(self, port: int, workers: int = 2, *flags: str, **extra) -> subprocess.Popen:
        binary = str(Path(sys.executable).parent / "gunicorn")
        command = [binary, "--bind", f"127.0.0.1:{port}", "--workers", str(workers), *flags]
        return self.start("gunicorn", command, **extra)

    def stop_all(self) -> None:
        for process, _log in self.started:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for process, _log in self.started:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@pytest.fixture
def processes(portal_env, tmp_path):
    procs = Processes(tmp_path, portal_env.env)
    yield procs
    procs.stop_all()
    if not portal_env.cluster.running():
        portal_env.cluster.start()


def log_of(process) -> str:
    return Path(process.log_path).read_text(errors="replace")


def http_get(url: str, timeout: float = 10) -> tuple[int, dict[str, str], str]:
    """(status, headers, body) of a GET; an HTTP error status is an answer, not an exception."""
    request = urllib.request.Request(url, headers={"Accept-Language": "fi"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")


def wait_for(predicate, timeout: float, interval: float = 0.25, what: str = "condition"):
    """Poll until `predicate()` is truthy; return its value, or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception as error:  # a refused connection while a server starts
            last_error = error
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout} s waiting for {what} (last error: {last_error})")


@pytest.fixture
def web_port():
    return free_port()


@pytest.fixture
def redis_server(tmp_path):
    """A redis-server of the test's own on a free port, which the test may stop and start."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is missing")
    port = free_port()
    command = [
        "redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no", "--dir", str(tmp_path),
    ]  # fmt: skip
    server = {"port": port, "process": None}

    def start():
        server["process"] = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        wait_for(lambda: _redis_ping(port), 10, what="redis-server to start")

    def stop():
        server["process"].terminate()
        server["process"].wait(timeout=10)

    server.update(start=start, stop=stop)
    start()
    yield server
    if server["process"].poll() is None:
        stop()


def _redis_ping(port) -> bool:
    import redis

    return redis.Redis(port=port, socket_connect_timeout=1).ping()
