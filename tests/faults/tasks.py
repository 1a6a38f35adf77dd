"""Tasks the fault tests enqueue; the real worker imports them from here."""

from pathlib import Path

from django_tasks import task


@task()
def write_marker(path: str, text: str) -> str:
    """Leave a file behind, so the test can see that a worker ran the task."""
    Path(path).write_text(text)
    return text


@task()
def create_groups_slowly(prefix: str, count: int, pause: float, marker_dir: str) -> int:
    """A long task that writes in one transaction, as the imports and snapshots do: a row,
    a pause, the next row… A marker file says an attempt has begun writing. Only the first
    attempt pauses (long enough to be killed in the middle on a busy machine); a rerun
    goes straight through."""
    import time

    from django.contrib.auth.models import Group
    from django.db import transaction

    attempt = len(list(Path(marker_dir).glob("started-*"))) + 1
    if attempt > 1:
        pause = 0.05
    with transaction.atomic():
        for number in range(count):
            Group.objects.create(name=f"{prefix}-{number}")
            if number == 0:
                (Path(marker_dir) / f"started-{attempt}").write_text("")
            time.sleep(pause)
    return count


@task()
def record_run(path: str, number: int, pause: float) -> int:
    """Append "number pid parent-pid" to a shared file: which worker ran which task, and how
    often (an RQ worker runs each job in a child process of its own: the parent is the worker)."""
    import os
    import time

    time.sleep(pause)
    with open(path, "a") as journal:
        journal.write(f"{number} {os.getpid()} {os.getppid()}\n")
    return number


@task()
def report_request_id() -> str:
    """The request id the worker's log lines carry while it runs this task."""
    import logging

    from portal.logs import request_id_var

    logging.getLogger("tests.faults").info("reporting the request id")
    return request_id_var.get()


@task()
def refused_by_mail_server(address: str) -> None:
    """Fails as a send to a refused recipient does: the error's text holds the address."""
    import smtplib

    raise smtplib.SMTPRecipientsRefused({address: (550, f"5.1.1 <{address}>: unknown".encode())})
