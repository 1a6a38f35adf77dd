"""One migrated database per schema, built once and copied wherever a test needs one.

Migrating an empty database costs about 13 CPU-seconds, and the suite needs a migrated database
in each test process (pytest-django's test database) and in each real portal it starts
(tests/portal/live_site.py, the backup, worker-crash and Schemathesis tests). The first that
needs one runs the real `manage.py migrate` into a template, under a file lock so that parallel
test processes build it once; every other copies the template: a file copy on SQLite (sqlite3's
backup API for the in-memory test database), `CREATE DATABASE ... TEMPLATE` on PostgreSQL.

A template is named by a key over everything that decides what `migrate` leaves: the migration
files of every installed app, the project modules those files import, the installed
distributions, the settings files, the database engine and this file. Change any of them and the
next run builds a new template (and removes the old ones); an unchanged key is reused across
runs. SQLite templates live in var/test-databases/ (git-ignored); PostgreSQL templates beside
the run's database on its server (`<name>_migrated_<key>`), closed to connections so that a
copy never finds one open.

Tests that check migrating or starting up themselves (tests/portal/startup/, the browser
tests' server, `makemigrations --check`, restoring into an empty installation) do not use it.
"""

from __future__ import annotations

import ast
import fcntl
import hashlib
import importlib.metadata
import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import closing, contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
CACHE_DIR = REPO / "var" / "test-databases"
# The settings migrations read (Wagtail's first locale, the search configuration, the user
# model) come from these files and the environment; the database engine is part of the key.
SETTINGS_FILES = ("portal/settings.py", "portal/config.py")


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


# --- The key ------------------------------------------------------------------------------


def _project_file(module: str) -> Path | None:
    """The file of a project module (not one installed in the virtual environment)."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return None
    path = Path(spec.origin).resolve()
    if not path.is_relative_to(REPO) or path.is_relative_to(REPO / ".venv"):
        return None
    return path


def _imports(path: Path) -> set[str]:
    """Modules a file imports (absolute imports, at any depth of the file)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _migration_files() -> list[Path]:
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    files = []
    for app in apps.get_app_configs():
        module, _explicit = MigrationLoader.migrations_module(app.label)
        try:
            spec = importlib.util.find_spec(module) if module else None
        except ImportError:
            spec = None
        for location in (spec.submodule_search_locations or []) if spec else []:
            files.extend(sorted(Path(location).glob("*.py")))
    return files


def _display_name(path: Path) -> str:
    """A file's name wherever the checkout or the virtual environment is."""
    text = str(path)
    if "site-packages/" in text:
        return text.rpartition("site-packages/")[2]
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else text


@cache
def schema_key(engine: str) -> str:
    """A short hash of everything that decides what `manage.py migrate` leaves on `engine`
    ("sqlite" or "postgresql")."""
    digest = hashlib.sha256(engine.encode() + b"\0")
    migrations = _migration_files()
    # The project code the migrations run (role names, permissions, the indicator reference,
    # field validators), and what that code imports in turn.
    project: set[Path] = set()
    pending = [name for path in migrations for name in _imports(path)]
    for _depth in range(2):
        found = {_project_file(name) for name in pending} - {None} - project - set(migrations)
        project |= found
        pending = [name for path in found for name in _imports(path)]
    settings_files = [REPO / name for name in SETTINGS_FILES]
    for path in [*migrations, *sorted(project), *settings_files, Path(__file__).resolve()]:
        digest.update(_display_name(path).encode() + b"\0" + path.read_bytes() + b"\0")
    # A set: the same distribution is found once per sys.path entry that holds it, and pytest
    # puts the checkout on sys.path twice (a build of its own then had another key).
    distributions = sorted(
        {f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()}
    )
    digest.update("\n".join(distributions).encode())
    return digest.hexdigest()[:12]


# --- Building -----------------------------------------------------------------------------


@contextmanager
def _build_lock():
    """One builder at a time in this checkout (parallel test processes wait for it)."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with open(CACHE_DIR / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _migrate(database_url: str) -> None:
    """The real `manage.py migrate` into an empty database, as an operator runs it."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "KEKO_MODE", "CACHE_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DATABASE_URL=database_url,
        CACHE_URL="locmemcache://",
        TASK_BACKEND="immediate",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0:
        raise RuntimeError(
            "migrating the template database failed:\n" + result.stdout[-3000:] + result.stderr
        )


def sqlite_template() -> Path:
    """The migrated SQLite template of this schema (built now if there is none)."""
    path = CACHE_DIR / f"migrated-{schema_key('sqlite')}.sqlite3"
    if path.exists():
        return path
    with _build_lock():
        if path.exists():  # another test process built it meanwhile
            return path
        building = CACHE_DIR / f"building-{os.getpid()}.sqlite3"
        for leftover in CACHE_DIR.glob("building-*"):  # of a build that was interrupted
            leftover.unlink()
        _migrate(f"sqlite:///{building}")
        # One self-contained file (the portal's connections use WAL): fold the log back in.
        with closing(sqlite3.connect(building)) as connection:
            connection.execute("PRAGMA journal_mode=DELETE")
        os.replace(building, path)
        for old in CACHE_DIR.glob("migrated-*.sqlite3"):
            if old != path:
                old.unlink(missing_ok=True)
    return path


def _server(url: str) -> tuple[str, str]:
    """(URL of the server's `postgres` database, name of the database in `url`)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")


def _execute(admin_url: str, *statements: str) -> list:
    import psycopg

    results = []
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
        for statement in statements:
            cursor = conn.execute(statement)
            results.append(cursor.fetchall() if cursor.description else [])
    return results


def postgres_template(url: str | None = None) -> str:
    """The name of the migrated PostgreSQL template of this schema on the server of `url`
    (the run's DATABASE_URL by default), built now if there is none."""
    url = url or os.environ["DATABASE_URL"]
    admin, name = _server(url)
    # Named after the run's own database, so runs with other databases on the server (other
    # checkouts) never touch it.
    base = urlsplit(os.environ.get("DATABASE_URL", url)).path.lstrip("/") or "keko"
    prefix = f"{base}_migrated_"
    template = f"{prefix}{schema_key('postgresql')}"
    exists = "SELECT 1 FROM pg_database WHERE datname = '{}'"
    if _execute(admin, exists.format(template))[0]:
        return template
    with _build_lock():
        if _execute(admin, exists.format(template))[0]:
            return template
        building = f"{prefix}building_{os.getpid()}"
        _execute(admin, f'DROP DATABASE IF EXISTS "{building}"', f'CREATE DATABASE "{building}"')
        _migrate(urlunsplit(urlsplit(url)._replace(path=f"/{building}")))
        # Renamed only when complete, and closed to connections: a copy must find none open.
        _wait_for_no_sessions(admin, building)
        _execute(
            admin,
            f'ALTER DATABASE "{building}" RENAME TO "{template}"',
            f'ALTER DATABASE "{template}" WITH ALLOW_CONNECTIONS false',
        )
        old = _execute(
            admin,
            f"SELECT datname FROM pg_database WHERE datname LIKE '{prefix}%' "
            f"AND datname <> '{template}'",
        )[0]
        for (stale,) in old:
            try:
                _execute(admin, f'DROP DATABASE IF EXISTS "{stale}"')
            except Exception:  # in use by a run of another checkout: its business
                pass
    return template


def _wait_for_no_sessions(admin: str, name: str, timeout: float = 30) -> None:
    """The migrate process has exited, but its server session may still be closing."""
    deadline = time.monotonic() + timeout
    query = f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{name}'"
    while _execute(admin, query)[0][0][0] and time.monotonic() < deadline:
        time.sleep(0.1)


# --- Copies -------------------------------------------------------------------------------


def create_migrated(url: str) -> None:
    """Make the database at `url` a fresh copy of the migrated template (replacing what was
    there): a SQLite file, or a PostgreSQL database on the server of the URL."""
    if is_postgres(url):
        admin, name = _server(url)
        template = postgres_template(url)
        _execute(
            admin,
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
            f'CREATE DATABASE "{name}" TEMPLATE "{template}"',
        )
        return
    path = Path(url.removeprefix("sqlite:///"))
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob(f"{path.name}*"):  # the file, its -wal and -shm
        old.unlink()
    shutil.copyfile(sqlite_template(), path)


# Connections that keep in-memory test databases alive (SQLite drops one with its last
# connection).
_KEEP_ALIVE: list[sqlite3.Connection] = []


def load_into_sqlite_test_database(name: str, in_memory: bool) -> None:
    """Fill pytest-django's (empty) SQLite test database `name` from the template."""
    target = sqlite3.connect(name, uri=in_memory)
    with closing(sqlite3.connect(sqlite_template())) as source:
        source.backup(target)
    if in_memory:
        _KEEP_ALIVE.append(target)
    else:
        target.close()


def build_in_background() -> subprocess.Popen | None:
    """Start building the run's template (SQLite or PostgreSQL, as DATABASE_URL says) in a
    process of its own, unless it exists: the test processes start and collect meanwhile, and
    the first to need the template waits for the build's lock instead of starting its own."""
    url = os.environ.get("DATABASE_URL", "")
    engine = "postgresql" if is_postgres(url) else "sqlite"
    if engine == "sqlite" and (CACHE_DIR / f"migrated-{schema_key(engine)}.sqlite3").exists():
        return None
    code = (
        "import django; django.setup()\n"
        "from tests import migrated_database as m\n"
        f"m.{'postgres_template' if engine == 'postgresql' else 'sqlite_template'}()\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings"}
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
