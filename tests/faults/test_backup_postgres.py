"""`manage.py backup` and `manage.py restore` on PostgreSQL, as an operator runs them: the
same story as tests/portal/test_backup.py (SQLite), with `pg_dump`/`pg_restore` against
databases of the throwaway cluster (never the machine's shared server)."""

from __future__ import annotations

import shutil
from pathlib import Path

import psycopg
import pytest

from tests.faults.conftest import wait_for
from tests.portal.test_backup import (
    AFTER_BACKUP,
    SEED,
    _ok,
    _state,
    assert_forced_restore_keeps_what_people_withdrew,
    assert_restore_refused_without_force,
)

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is missing"),
]


def _installation(portal_env, tmp_path: Path, name: str, template: str = "") -> dict[str, str]:
    """An installation of its own: a database in the cluster (empty, or a copy of the fault
    tests' migrated one, which saves a migration), its own media."""
    cluster = portal_env.cluster
    if template:
        # The template must have no session: a process of an earlier test may still be
        # closing its connection.
        create = f'CREATE DATABASE "{name}" TEMPLATE "{template}"'
        wait_for(lambda: _try(cluster.url(), create), 30, what=f"a copy of {template}")
        url = cluster.url(name)
    else:
        url = cluster.create_database(name)
    return {
        **portal_env.env,
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(tmp_path / name / "media"),
        "CACHE_URL": "locmemcache://",
        "TASK_BACKEND": "immediate",
    }


def _try(url: str, statement: str) -> bool:
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            conn.execute(statement)
    except psycopg.errors.ObjectInUse:
        return False
    return True


def _tables(url: str) -> set[str]:
    with psycopg.connect(url, connect_timeout=10) as conn:
        rows = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
    return {row[0] for row in rows}


def test_postgres_backup_restores_into_an_empty_database_and_keeps_later_unsubscribes(
    portal_env, tmp_path
):
    live = _installation(portal_env, tmp_path, "backup_live", template="keko")
    _ok(live, "shell", "-c", SEED)
    at_backup = _state(live)
    archive = Path(_ok(live, "backup", "--output", str(tmp_path / "backups")))
    assert archive.name.startswith("keko-backup-") and archive.name.endswith(".tar.gz")
    assert not list(archive.parent.glob("*.partial"))

    # An empty database (created, never migrated) and no files get exactly what the backup held:
    # every table of the live database, the rows and the media.
    empty = _installation(portal_env, tmp_path, "backup_empty")
    assert _tables(empty["DATABASE_URL"]) == set()
    assert "Restored the backup of" in _ok(empty, "restore", str(archive))
    assert _tables(empty["DATABASE_URL"]) == _tables(live["DATABASE_URL"])
    assert _state(empty) == at_backup

    # After the backup, one person unsubscribes and one asks to be erased.
    _ok(live, "shell", "-c", AFTER_BACKUP)

    assert_restore_refused_without_force(live, archive)
    assert _state(live)["subscribers"] == [
        "leaves@example.fi",
        "new-after-backup@example.fi",
        "stays@example.fi",
    ]

    assert_forced_restore_keeps_what_people_withdrew(live, archive, at_backup)
