"""A failed task is logged once by the real worker of the configured backend, without the
personal data its error carried (portal.kernel.failures, portal.task_failures).

The backend is the environment's TASK_BACKEND: the database backend (`manage.py db_worker`)
by default, RQ (`manage.py rqworker`) when CI runs the task tests with TASK_BACKEND=rq (on
TASK_REDIS_URL, else on a redis-server of the test's own).
"""

from __future__ import annotations

import json
import os
import sys
import time

import pytest

from tests.faults.conftest import log_of, wait_for

pytestmark = [pytest.mark.faults, pytest.mark.tasks]

ADDRESS = "liisa.laaksonen@example.fi"


def _worker_command(backend: str) -> list[str]:
    if backend == "rq":
        return [sys.executable, "manage.py", "rqworker", "default", "--with-scheduler"]
    return [sys.executable, "manage.py", "db_worker", "--interval", "0.2"]


def _lines(log: str) -> list[dict]:
    lines = []
    for line in log.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict):
            lines.append(entry)
    return lines


def test_a_failed_task_is_logged_once_without_personal_data(
    portal_env, processes, tmp_path, request
):
    backend = os.environ.get("TASK_BACKEND") or "database"
    if backend not in ("database", "rq"):
        pytest.skip(f"no worker to run for TASK_BACKEND={backend}")
    extra = {"TASK_BACKEND": backend, "LOG_FORMAT": "json"}
    if backend == "rq":
        extra["TASK_REDIS_URL"] = os.environ.get("TASK_REDIS_URL") or (
            f"redis://127.0.0.1:{request.getfixturevalue('redis_server')['port']}/0"
        )
    processes.env = {**processes.env, **extra}
    worker = processes.start("worker", _worker_command(backend))
    marker = tmp_path / "after-the-failure.txt"
    code = (
        "from tests.faults.tasks import refused_by_mail_server, write_marker\n"
        f"print(refused_by_mail_server.enqueue({ADDRESS!r}).id)\n"
        f"write_marker.enqueue({str(marker)!r}, 'done')"
    )
    enqueued = portal_env.manage("shell", "-c", code, **extra)
    assert enqueued.returncode == 0, enqueued.stderr
    task_id = enqueued.stdout.strip().splitlines()[-1]

    # The worker ran both (one queue, in order), so the failure is behind us.
    wait_for(marker.exists, 90, what="the worker to run the tasks")
    time.sleep(1)  # a second record, if there were one, would be written by now
    log = log_of(worker)
    errors = [line for line in _lines(log) if line["level"] in ("ERROR", "CRITICAL")]
    assert len(errors) == 1, log
    [record] = errors
    assert record["logger"] == "keko.failures"
    failure = record["failure"]
    assert failure["kind"] == "task"
    assert failure["task"] == "tests.faults.tasks.refused_by_mail_server"
    assert failure["task_id"] == task_id
    assert failure["error"] == "SMTPRecipientsRefused"
    assert "550" in failure["message"]
    assert failure["attempt"] == 1
    assert failure["attempts"] == (5 if backend == "database" else 1)
    assert "traceback" not in record
    # Nowhere in the worker's log: not the address, not the name in it, no traceback.
    assert "Traceback" not in log, log
    for word in ("@", "liisa", "laaksonen"):
        assert word not in log.lower(), (word, log)
    assert worker.poll() is None
