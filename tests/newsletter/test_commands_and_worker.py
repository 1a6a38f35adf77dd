"""`manage.py send_newsletter`, the lease between workers, and the default task backend
(django-tasks database backend run by `manage.py db_worker`)."""

import io
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from newsletter import conf
from newsletter.models import Send
from newsletter.services.sending import SendBusy, send_run, send_start
from tests.newsletter.conftest import make_subscriber


def _subscribers(mailing_list, n, prefix="r"):
    return [make_subscriber(f"{prefix}{i}@example.fi", mailing_list).email for i in range(n)]


def test_send_newsletter_command_sends_once(smtp_sink, lists, issue):
    general = _subscribers(lists["general"], 3)
    partners = _subscribers(lists["partners"], 2, prefix="p")
    out = io.StringIO()
    call_command("send_newsletter", issue.pk, "--list", "general", stdout=out)
    assert "sent 3" in out.getvalue()
    assert sorted(smtp_sink.recipients()) == sorted(general)

    out = io.StringIO()
    call_command("send_newsletter", issue.pk, "--list", "general", stdout=out)
    assert "nothing new" in out.getvalue()
    call_command("send_newsletter", issue.pk, stdout=io.StringIO())  # every list
    assert Counter(smtp_sink.recipients()) == Counter(general + partners)


def test_send_newsletter_command_resumes_only_when_asked(smtp_sink, lists, issue):
    addresses = _subscribers(lists["general"], 5)
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    send_run(send, batch_size=2, max_batches=1)
    with pytest.raises(CommandError, match="--resume"):
        call_command("send_newsletter", issue.pk, "--list", "general")
    call_command(
        "send_newsletter",
        issue.pk,
        "--list",
        "general",
        "--resume",
        "--batch-size",
        "2",
        stdout=io.StringIO(),
    )
    assert Counter(smtp_sink.recipients()) == Counter(addresses)


@pytest.mark.parametrize("arguments", [["999999"], ["{home}"], ["{issue}", "--list", "nope"]])
def test_send_newsletter_command_explains_bad_arguments(lists, issue, home, arguments):
    values = {"home": home.pk, "issue": issue.pk}
    with pytest.raises(CommandError):
        call_command("send_newsletter", *[a.format(**values) for a in arguments])


def test_a_live_lease_blocks_and_a_stale_one_is_taken_over(smtp_sink, lists, issue):
    _subscribers(lists["general"], 2)
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    Send.objects.filter(pk=send.pk).update(runner_token="other", heartbeat_at=timezone.now())
    with pytest.raises(SendBusy):
        send_run(send)
    assert smtp_sink.messages == []
    stale = timezone.now() - conf.get("NEWSLETTER_LEASE") - timedelta(seconds=1)
    Send.objects.filter(pk=send.pk).update(heartbeat_at=stale)
    assert send_run(send).sent == 2


def test_force_takes_over_a_live_lease(smtp_sink, lists, issue):
    _subscribers(lists["general"], 2)
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    Send.objects.filter(pk=send.pk).update(runner_token="other", heartbeat_at=timezone.now())
    assert send_run(send, force=True).sent == 2


def test_the_database_task_backend_and_db_worker_send_the_issue(
    staff_user,
    sign_in,
    client,
    smtp_sink,
    lists,
    issue,
    settings,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    """The default backend end to end: the admin queues the send, `db_worker` runs it."""
    from django_tasks_db.management.commands import db_worker

    # The worker closes "old" connections between tasks; inside this test's transaction
    # that would close the test's own connection (on PostgreSQL), so it is left open.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    addresses = _subscribers(lists["general"], 4)
    sign_in(client, staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/newsletter_sends/issue/{issue.pk}/send/",
            {"mailing_list": lists["general"].pk, "confirm": "on"},
        )
    send = Send.objects.get()
    assert send.task_result_id and smtp_sink.messages == []  # queued, not sent in the request
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--interval",
        "0",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert Counter(smtp_sink.recipients()) == Counter(addresses)
    send.refresh_from_db()
    assert send.status == Send.Status.DONE
