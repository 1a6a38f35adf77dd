"""A task worker killed half way through a long task (SIGKILL, as the out-of-memory killer
does): nothing half-written stays, and the next worker runs the task again to the end."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.faults.conftest import log_of, wait_for

pytestmark = pytest.mark.faults

WORKER = [sys.executable, "manage.py", "db_worker", "--interval", "0.3", "--reclaim-after", "3"]


def _shell(portal_env, code: str) -> str:
    result = portal_env.manage("shell", "-c", code)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def _query(portal_env, sql: str, *params) -> list[tuple]:
    """Read the portal's database directly (a manage.py process per look is slow)."""
    import psycopg

    with psycopg.connect(portal_env.env["DATABASE_URL"], connect_timeout=5) as conn:
        return conn.execute(sql, params).fetchall()


def _groups(portal_env, prefix: str) -> list[str]:
    rows = _query(
        portal_env, "SELECT name FROM auth_group WHERE name LIKE %s ORDER BY name", prefix + "-%"
    )
    return [name for (name,) in rows]


def _task(portal_env, task_id: str) -> dict:
    [(status, workers, return_value)] = _query(
        portal_env,
        "SELECT status, worker_ids, return_value FROM django_tasks_database_dbtaskresult "
        "WHERE id = %s",
        task_id,
    )
    return {"status": status, "workers": workers, "return_value": return_value}


def test_a_task_cut_short_by_sigkill_leaves_nothing_and_is_finished_by_the_next_worker(
    portal_env, processes, tmp_path
):
    first = processes.start("worker-1", WORKER)
    code = (
        "from tests.faults.tasks import create_groups_slowly; "
        f"print(create_groups_slowly.enqueue('killed', 4, 30.0, {str(tmp_path)!r}).id)"
    )
    task_id = _shell(portal_env, code)
    wait_for((tmp_path / "started-1").exists, 60, what="the first attempt to begin writing")

    subprocess.run(["kill", "-KILL", str(first.pid)], check=True)
    first.wait(timeout=10)

    # The transaction died with the worker: not one of the rows it had written is there.
    assert _groups(portal_env, "killed") == []
    assert _task(portal_env, task_id)["status"] == "RUNNING"

    second = processes.start("worker-2", WORKER)
    wait_for(lambda: _task(portal_env, task_id)["status"] == "SUCCESSFUL", 60, what="the rerun")
    task = _task(portal_env, task_id)
    assert len(task["workers"]) == 2 and task["workers"][0] != task["workers"][1]
    assert task["return_value"] == 4
    assert _groups(portal_env, "killed") == [f"killed-{n}" for n in range(4)]
    assert (tmp_path / "started-2").exists()
    # The next worker queues the task again: at its start, as its dead predecessor ran on this
    # host (portal.task_recovery), or once that worker's heartbeat has gone silent.
    assert "queued again" in log_of(second)
    assert "Traceback" not in log_of(second)
