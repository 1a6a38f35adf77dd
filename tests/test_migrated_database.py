"""The migrated template database (tests/migrated_database.py): the test database copied from it
is fully migrated, and a template is rebuilt, never reused, when what it was built from changed."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing

import pytest

from tests import migrated_database


def test_the_test_database_copied_from_the_template_has_every_migration_applied(db):
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from wagtail.models import Locale, Site

    from portal.accounts.roles import NETWORK_PARTNERS, PROJECT_STAFF, STEERING_GROUP

    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    # What the data migrations leave: the role groups, Wagtail's first locale and site.
    names = set(Group.objects.values_list("name", flat=True))
    assert {NETWORK_PARTNERS, PROJECT_STAFF, STEERING_GROUP} <= names
    assert Locale.objects.filter(language_code="fi").exists()
    assert Site.objects.filter(is_default_site=True).exists()


def test_a_changed_migration_file_changes_the_key(tmp_path, monkeypatch):
    extra = tmp_path / "0099_new.py"
    extra.write_text("operations = []\n")
    files = migrated_database._migration_files()
    before = migrated_database.schema_key("sqlite")
    try:
        monkeypatch.setattr(migrated_database, "_migration_files", lambda: [*files, extra])
        migrated_database.schema_key.cache_clear()
        added = migrated_database.schema_key("sqlite")
        extra.write_text("operations = ['changed']\n")
        migrated_database.schema_key.cache_clear()
        changed = migrated_database.schema_key("sqlite")
        assert len({before, added, changed}) == 3
        assert migrated_database.schema_key("postgresql") not in {before, added, changed}
    finally:
        migrated_database.schema_key.cache_clear()


def test_a_template_is_built_once_per_key_and_a_stale_one_is_replaced(tmp_path, monkeypatch):
    key = {"value": "aaaaaaaaaaaa"}
    builds = []

    def fake_migrate(url):
        builds.append(key["value"])
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as connection:
            connection.execute(f"CREATE TABLE built_for_{key['value']} (id integer)")

    monkeypatch.setattr(migrated_database, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setattr(migrated_database, "schema_key", lambda engine: key["value"])
    monkeypatch.setattr(migrated_database, "_migrate", fake_migrate)

    first = migrated_database.sqlite_template()
    assert migrated_database.sqlite_template() == first
    assert builds == ["aaaaaaaaaaaa"]

    key["value"] = "bbbbbbbbbbbb"  # a migration changed
    second = migrated_database.sqlite_template()
    assert builds == ["aaaaaaaaaaaa", "bbbbbbbbbbbb"]
    assert second != first and not first.exists()

    # A copy for a portal of its own replaces whatever was at its path.
    site = tmp_path / "site" / "keko.sqlite3"
    site.parent.mkdir()
    site.write_bytes(b"an old database")
    migrated_database.create_migrated(f"sqlite:///{site}")
    with closing(sqlite3.connect(site)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert tables == {"built_for_bbbbbbbbbbbb"}


@pytest.mark.skipif(
    not migrated_database.is_postgres(os.environ.get("DATABASE_URL", "")),
    reason="the PostgreSQL template needs a PostgreSQL run",
)
def test_the_postgresql_template_is_closed_to_connections_and_copies_are_migrated():
    import psycopg

    template = migrated_database.postgres_template()
    admin, base = migrated_database._server(os.environ["DATABASE_URL"])
    allowed = migrated_database._execute(
        admin, f"SELECT datallowconn FROM pg_database WHERE datname = '{template}'"
    )[0]
    assert allowed == [(False,)]
    copy = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{base}_copy_{os.getpid()}"
    migrated_database.create_migrated(copy)
    try:
        with psycopg.connect(copy) as connection:
            applied = connection.execute("SELECT count(*) FROM django_migrations").fetchone()[0]
        assert applied > 100
    finally:
        migrated_database._execute(
            admin, f'DROP DATABASE IF EXISTS "{base}_copy_{os.getpid()}" WITH (FORCE)'
        )


@pytest.mark.heavy
def test_the_background_builder_computes_the_run_s_key():
    """The template is built by a process of its own (`build_in_background`): it must reach
    the key the test processes use, or it builds another template and drops theirs as stale
    (a PostgreSQL run lost its template under the Schemathesis tests that way: pytest puts
    the checkout on sys.path twice, and each entry listed the project's distribution again)."""
    import subprocess
    import sys

    code = (
        "import django; django.setup()\n"
        "from tests import migrated_database as m\n"
        "print(m.schema_key('sqlite'), m.schema_key('postgresql'))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=migrated_database.REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == [
        migrated_database.schema_key("sqlite"),
        migrated_database.schema_key("postgresql"),
    ]
