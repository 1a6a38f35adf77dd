"""A failed send, a failed newsletter task and a refused subscriber import are each logged
once, at ERROR, with what an operator needs and no address or name (portal.kernel.failures).
The real paths: the send task against a real SMTP server that refuses, the confirmation task,
the subscriber CSV import."""

from __future__ import annotations

import json
import logging

import pytest

from newsletter.services.sending import send_start
from newsletter.services.subscriber_csv import ImportFailed, import_csv
from newsletter.services.subscriptions import subscription_request
from newsletter.tasks import deliver_confirmation, send_issue
from portal.logs import JsonFormatter
from tests.newsletter.conftest import make_subscriber
from tests.portal.test_failure_log import assert_nothing_personal, errors

PEOPLE = ("anna.virtanen@example.fi", "mikko.korhonen@example.fi")
PERSONAL = ("@", "anna", "virtanen", "mikko", "korhonen", "example.fi")


@pytest.mark.django_db
def test_a_stopped_send_is_logged_once_with_its_issue_and_counts(smtp_sink, lists, issue, caplog):
    for address in PEOPLE:
        make_subscriber(address, lists["general"])
    send, _created = send_start(issue=issue, mailing_list=lists["general"])
    smtp_sink.refuse_sender = True
    caplog.set_level(logging.INFO)

    result = send_issue.enqueue(send.pk)

    assert result.status == "FAILED"
    [record] = errors(caplog)
    assert record.name == "keko.failures"
    assert record.failure == {
        "kind": "send",
        "send_id": send.pk,
        "issue_id": issue.pk,
        "list_id": lists["general"].pk,
        "pending": 2,
        "sending": 0,
        "sent": 0,
        "failed": 0,
        "skipped": 0,
        "uncertain": 0,
        "error": "SendInterrupted",
        "message": record.failure["message"],
        "where": record.failure["where"],
    }
    assert "550" in record.failure["message"]  # the server's answer, without the address
    assert f"issue_id={issue.pk}" in record.getMessage()
    line = json.loads(JsonFormatter().format(record))
    assert line["failure"]["kind"] == "send" and line["level"] == "ERROR"
    assert_nothing_personal(record, PERSONAL)
    # The task's end is a line, not a second record of the same failure.
    assert any("failure logged above" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_a_failed_confirmation_task_is_logged_once_without_the_address(
    smtp_sink, lists, caplog, django_capture_on_commit_callbacks
):
    smtp_sink.refuse.add(PEOPLE[0])
    caplog.set_level(logging.INFO)

    with django_capture_on_commit_callbacks(execute=True):
        consent = subscription_request(
            email=PEOPLE[0],
            language="fi",
            lists=[lists["general"]],
            consent_text="Haluan uutiskirjeen.",
            consent_language="fi",
        )

    assert consent is not None and consent.confirmed_at is None
    [record] = errors(caplog)
    assert record.failure["kind"] == "task"
    assert record.failure["task"] == deliver_confirmation.module_path
    assert record.failure["error"] == "SMTPRecipientsRefused"
    assert record.failure["attempt"] == 1 and record.failure["attempts"] == 1
    assert "550" in record.failure["message"]
    assert_nothing_personal(record, PERSONAL)


@pytest.mark.django_db
def test_a_refused_subscriber_import_is_logged_once_with_its_problem_count(lists, caplog):
    data = (
        b"email,lists\n"
        b"anna.virtanen@example.fi,general\n"
        b"mikko.korhonen(at)example.fi,general\n"
        b"not-an-address,nosuchlist\n"
    )
    caplog.set_level(logging.INFO)

    with pytest.raises(ImportFailed) as refused:
        import_csv(data, basis="Tapahtuman ilmoittautuminen")

    [record] = errors(caplog)
    assert record.failure == {
        "kind": "import",
        "import": "subscribers",
        "file_kind": "csv",
        "problems": len(refused.value.errors),
        "dry_run": False,
        "error": "ImportFailed",
    }
    assert record.failure["problems"] >= 2
    assert_nothing_personal(record, PERSONAL)
