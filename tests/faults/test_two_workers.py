"""Two real workers on one queue never run one task twice: the database backend (two
`db_worker` processes on the throwaway PostgreSQL cluster) and RQ (two `rqworker` processes
on a redis-server of the test's own)."""

from __future__ import annotations

import collections
import shutil
import subprocess
import sys
import time

import pytest

from tests.faults.cluster import free_port
from tests.faults.conftest import log_of, wait_for

pytestmark = [pytest.mark.faults, pytest.mark.tasks]

TASKS = 24


@pytest.fixture
def rq_redis(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is missing")
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


@pytest.mark.parametrize("backend", ["database", "rq"])
def test_two_workers_run_every_task_exactly_once(backend, portal_env, processes, tmp_path, request):
    extra = {"TASK_BACKEND": backend}
    if backend == "rq":
        extra["TASK_REDIS_URL"] = request.getfixturevalue("rq_redis")
        command = [sys.executable, "manage.py", "rqworker", "default", "--with-scheduler"]
    else:
        command = [sys.executable, "manage.py", "db_worker", "--interval", "0.2"]
    processes.env = {**processes.env, **extra}
    workers = [processes.start(f"worker-{n}", command) for n in (1, 2)]
    journal = tmp_path / "journal.txt"
    code = (
        "from tests.faults.tasks import record_run\n"
        f"for n in range({TASKS}): record_run.enqueue({str(journal)!r}, n, 0.3)"
    )
    enqueued = portal_env.manage("shell", "-c", code, **extra)
    assert enqueued.returncode == 0, enqueued.stderr

    def lines():
        return journal.read_text().splitlines() if journal.exists() else []

    wait_for(lambda: len(lines()) >= TASKS, 90, what="every task to run")
    time.sleep(1.5)  # a duplicate run, if there were one, would show in the journal by now
    assert all(worker.poll() is None for worker in workers)
    runs = collections.Counter(int(line.split()[0]) for line in lines())
    assert runs == {n: 1 for n in range(TASKS)}
    # Both workers took their share (an RQ worker's jobs run in children of the worker).
    pids = {line.split()[2 if backend == "rq" else 1] for line in lines()}
    assert len(pids) == 2, (pids, [log_of(w) for w in workers])
