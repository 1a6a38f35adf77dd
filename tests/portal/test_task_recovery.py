"""Task rows a killed worker left RUNNING are settled when a worker starts on the same host."""

import subprocess

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal import processes
from portal.task_recovery import recover_abandoned_tasks


def _dead_worker_identity():
    child = subprocess.Popen(["sleep", "0"])
    child.wait()
    return f"{processes.host_name()}:{child.pid}:1"


def _running(task_path, worker):
    return DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [1], "kwargs": {}},
        task_path=task_path,
        backend_name="default",
        worker_ids=[worker],
        run_after=timezone.now(),
        started_at=timezone.now(),
    )


@pytest.mark.django_db
def test_rows_of_dead_workers_are_requeued_and_live_ones_are_left():
    dead = _dead_worker_identity()
    send = _running("newsletter.tasks.send_issue", dead)
    other = _running("ecosystem.exchange.tasks.import_upload", dead)
    mine = _running("ecosystem.exchange.tasks.import_upload", processes.identity())
    elsewhere = _running("newsletter.tasks.send_issue", "another-host:4242:99")

    assert recover_abandoned_tasks("default") == {"requeued": 2, "failed": 0}

    statuses = {
        row.pk: row.status
        for row in DBTaskResult.objects.filter(pk__in=[send.pk, other.pk, mine.pk, elsewhere.pk])
    }
    assert statuses == {
        send.pk: "READY",
        other.pk: "READY",
        mine.pk: "RUNNING",
        elsewhere.pk: "RUNNING",
    }
    # Queued again from the start, with one more attempt on its record.
    assert DBTaskResult.objects.get(pk=other.pk).started_at is None


def test_identity_of_a_live_process_is_not_dead_and_a_reused_pid_is():
    me = processes.identity()
    assert not processes.is_dead(me)
    host, pid, start = me.rsplit(":", 2)
    assert processes.is_dead(f"{host}:{pid}:{int(start) + 1}")  # same pid, another process
    assert not processes.is_dead(f"elsewhere:{pid}:{start}")  # cannot tell: not dead
