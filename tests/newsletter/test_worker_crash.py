"""The real task worker (`manage.py db_worker`) killed with SIGKILL in the middle of a send.

A database of its own (a SQLite file, or `<name>_worker` beside the run's PostgreSQL
database), a copy of the migrated template for the module; the send is queued as the admin
queues it; an aiosmtpd sink in this process holds one message "in flight" (its DATA is never
answered) while the test kills the worker. A worker started again must, by itself: settle the task
row the dead worker left RUNNING, take over the send's lease at once (no waiting for it to
expire, no staff Resume), and send every remaining message once. Only the message in flight
may be lost, and it is counted as uncertain.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from aiosmtpd.controller import Controller

from tests.migrated_database import create_migrated
from tests.newsletter.smtp_sink import free_port

REPO = Path(__file__).resolve().parents[2]
SUBSCRIBERS = 450  # three batches of 200
HOLD_AT = 260  # the 260th message (in the second batch) is the one in flight at the kill


class HoldingSink:
    """Accepts every message except number HOLD_AT, whose DATA it never answers."""

    def __init__(self):
        self.lock = threading.Lock()
        self.accepted: list[str] = []
        self.seen = 0
        self.holding = threading.Event()
        self.held: list[str] = []
        self.hold = True

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.seen += 1
            hold = self.hold and self.seen == HOLD_AT
            if hold:
                self.held.extend(envelope.rcpt_tos)
        if hold:
            self.holding.set()
            await asyncio.sleep(3600)  # the client dies waiting for this answer
        with self.lock:
            self.accepted.extend(envelope.rcpt_tos)
        return "250 2.0.0 Accepted"


def _database_url(tmp: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp / 'worker.sqlite3'}"
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{parts.path.lstrip('/') or 'keko'}_worker"))


@pytest.fixture(scope="module")
def sink():
    handler = HoldingSink()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


@pytest.fixture(scope="module")
def site(tmp_path_factory, sink):
    """Environment of the worker processes, with a migrated database."""
    tmp = tmp_path_factory.mktemp("worker-crash")
    controller, _handler = sink
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
        DATABASE_URL=_database_url(tmp),
        CACHE_URL="locmemcache://",
        EMAIL_URL=f"smtp://127.0.0.1:{controller.port}",
        TASK_BACKEND="database",
        NEWSLETTER_JOURNAL_DIR=str(tmp / "journal"),
        MEDIA_ROOT=str(tmp / "media"),
        BASE_URL="https://keko.example.fi",
        LOG_LEVEL="WARNING",
    )
    # What `manage.py migrate` leaves, copied from the run's template (tests/migrated_database.py).
    create_migrated(env["DATABASE_URL"])
    return env


def _manage(env, *args, timeout=300):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def _python(env, code: str):
    """Run code in a Django shell of the site; the last line it prints is JSON."""
    out = _manage(env, "shell", "-c", code)
    return json.loads(out.strip().splitlines()[-1])


PREPARE = f"""
import json
from django.utils import timezone
from wagtail.models import Site
from newsletter.models import MailingList, NewsletterIndexPage, NewsletterIssuePage, Send
from newsletter.models import Subscriber, Subscription
from newsletter.services.sending import send_start
from newsletter.tasks import send_issue

root = Site.objects.get(is_default_site=True).root_page
index = NewsletterIndexPage(title="Uutiskirje", slug="uutiskirje-crash")
root.add_child(instance=index)
index.save_revision().publish()
page = NewsletterIssuePage(title="KEKO kaatuu", slug="kaatuu", lead="Testi.", body=[])
index.add_child(instance=page)
page.save_revision().publish()
general = MailingList.objects.create(slug="general", name_fi="Yleinen", sort_order=1)
now = timezone.now()
subscribers = Subscriber.objects.bulk_create(
    [Subscriber(email=f"kill{{i:04d}}@example.fi", language="fi") for i in range({SUBSCRIBERS})]
)
Subscription.objects.bulk_create(
    [Subscription(subscriber=s, mailing_list=general, status="confirmed", confirmed_at=now)
     for s in subscribers]
)
send, _ = send_start(issue=page, mailing_list=general)
result = send_issue.enqueue(send.pk)
Send.objects.filter(pk=send.pk).update(task_result_id=str(result.id))
print(json.dumps({{"send": send.pk, "task": str(result.id)}}))
"""

STATE = """
import json
from django_tasks_db.models import DBTaskResult
from newsletter.models import Delivery, Send
send = Send.objects.get(pk={send})
print(json.dumps({{
    "task": DBTaskResult.objects.get(pk="{task}").status,
    "running_tasks": DBTaskResult.objects.filter(status="RUNNING").count(),
    "send": send.status,
    "counts": send.counts(),
    "uncertain": list(Delivery.objects.filter(send=send, status="uncertain")
                      .values_list("subscriber__email", flat=True)),
}}))
"""


def _start_worker(env, *extra):
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", *extra],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def test_a_killed_worker_loses_only_the_message_in_flight_and_the_next_one_goes_on(site, sink):
    _controller, handler = sink
    ids = _python(site, PREPARE)

    worker = _start_worker(site, "--interval", "0.2")
    try:
        assert handler.holding.wait(240), "the worker never reached the message to hold"
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(30)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(30)
    handler.hold = False
    before = _python(site, STATE.format(**ids))
    assert before["task"] == "RUNNING" and before["send"] == "sending"  # what a kill leaves
    assert len(handler.accepted) == HOLD_AT - 1

    # The worker comes back (as `make run` or systemd would start it) and finishes by itself.
    again = _start_worker(site, "--batch", "--interval", "0")
    output, _ = again.communicate(timeout=600)
    assert again.returncode == 0, output[-3000:]

    after = _python(site, STATE.format(**ids))
    assert after["task"] == "SUCCESSFUL", output[-3000:]
    assert after["running_tasks"] == 0
    assert after["send"] == "done"
    # Only the message in flight is lost, counted as uncertain and never sent twice.
    assert after["uncertain"] == handler.held
    assert after["counts"]["sent"] == SUBSCRIBERS - 1
    assert len(handler.accepted) == len(set(handler.accepted)) == SUBSCRIBERS - 1
    assert handler.held[0] not in handler.accepted
