"""The failure log (portal.kernel.failures): refused imports and failed tasks on the real
paths, each one ERROR record with the facts and nothing personal; the cleaning of messages."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from portal.kernel.failures import file_kind, safe_message
from portal.logs import JsonFormatter
from portal.worker_liveness import MAX_ATTEMPTS, requeue_or_fail

PERSONAL = ("@", "matti", "meikäläinen", "meikalainen")


def errors(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.levelno >= logging.ERROR]


def assert_nothing_personal(record: logging.LogRecord, personal=PERSONAL) -> None:
    """None of the `personal` words in the record, as text or as JSON, and no traceback (it
    would carry the exception messages)."""
    for text in (record.getMessage(), JsonFormatter().format(record)):
        for word in personal:
            assert word not in text.lower(), (word, text)
    assert record.exc_info is None


def test_messages_lose_addresses_names_with_them_and_quoted_values():
    assert safe_message("Could not reach Matti Meikäläinen <matti@example.fi>") == "[address]"
    assert (
        safe_message("{'matti.meikalainen@example.fi': (550, b'5.1.1 <matti@x.fi>: no')}")
        == "{“…”: (550, b“…”)}"
    )
    assert safe_message(
        'duplicate key value violates unique constraint "email_key"\n'
        "DETAIL:  Key (email)=(matti@example.fi) already exists."
    ) == ("duplicate key value violates unique constraint “…”")
    assert safe_message("file “Matti Meikäläinen.csv”, row 3: Key (name)=(Matti)") == (
        "file “…”, row 3: Key (name)=(…)"
    )
    assert len(safe_message("x" * 1000)) == 200


def test_a_file_kind_is_a_known_suffix_never_a_name():
    assert file_kind("Palvelut 2026.XLSX") == "xlsx"
    assert file_kind(None, "/tmp/upload/abc.csv") == "csv"
    assert file_kind("Matti.Meikäläinen") == "other"
    assert file_kind("no suffix") == "other"


@pytest.mark.django_db
def test_a_refused_register_import_is_logged_once_with_kind_and_problem_count(tmp_path, caplog):
    # A file named after a person, full of addresses: neither reaches the log.
    path = tmp_path / "Matti Meikäläinen palvelut.csv"
    path.write_text(
        "organisation_name,email\nMatti Meikäläinen,matti@example.fi\n", encoding="utf-8"
    )
    caplog.set_level(logging.INFO)

    with pytest.raises(CommandError):
        call_command("import_ecosystem", str(path), "--dry-run", stderr=io.StringIO())

    [record] = errors(caplog)
    assert record.name == "keko.failures"
    facts = record.failure
    assert facts["kind"] == "import" and facts["import"] == "register"
    assert facts["file_kind"] == "csv" and facts["dry_run"] is True
    assert facts["problems"] >= 1 and facts["error"] == "ImportRefused"
    assert f"problems={facts['problems']}" in record.getMessage()
    assert_nothing_personal(record)


@pytest.mark.django_db
def test_a_refused_indicator_import_is_logged_once(tmp_path, caplog):
    path = tmp_path / "matti@example.fi.xlsx"
    path.write_bytes(b"not a spreadsheet")
    caplog.set_level(logging.INFO)

    with pytest.raises(CommandError):
        call_command("import_indicators", str(path), stderr=io.StringIO())

    [record] = errors(caplog)
    assert record.failure["import"] == "indicators"
    assert record.failure["file_kind"] == "xlsx" and record.failure["problems"] == 1
    assert_nothing_personal(record)


@pytest.mark.django_db
def test_a_failed_task_on_the_database_worker_is_logged_once(settings, monkeypatch, caplog):
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    from tests.faults.tasks import refused_by_mail_server

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = refused_by_mail_server.enqueue("matti.meikalainen@example.fi")
    caplog.set_level(logging.INFO)

    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--interval", "0",
        stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip

    row = DBTaskResult.objects.get()
    assert row.status == "FAILED"
    assert "matti.meikalainen@example.fi" in row.traceback  # staff still see it all
    [record] = errors(caplog)
    assert record.failure == {
        "kind": "task",
        "task": "tests.faults.tasks.refused_by_mail_server",
        "task_id": str(result.id),
        "backend": "default",
        "attempt": 1,
        "attempts": MAX_ATTEMPTS,
        "error": "SMTPRecipientsRefused",
        "message": "{“…”: (550, b“…”)}",
        "where": record.failure["where"],
    }
    assert record.failure["where"].startswith("tasks.py:")
    line = json.loads(JsonFormatter().format(record))
    assert line["failure"]["task_id"] == str(result.id) and "traceback" not in line
    assert_nothing_personal(record)


@pytest.mark.django_db
def test_a_task_given_up_after_its_workers_died_is_logged_once(settings, caplog):
    from django_tasks_db.models import DBTaskResult

    from tests.faults.tasks import write_marker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = write_marker.enqueue("/nonexistent", "text")
    DBTaskResult.objects.filter(id=result.id).update(
        status="RUNNING",
        started_at=timezone.now(),
        worker_ids=[f"host:{n}:0" for n in range(MAX_ATTEMPTS)],
    )
    caplog.set_level(logging.INFO)

    assert requeue_or_fail(DBTaskResult.objects.get(id=result.id), "lost its worker") == "failed"

    [record] = errors(caplog)
    assert record.failure["error"] == "TaskAbandoned"
    assert record.failure["attempt"] == record.failure["attempts"] == MAX_ATTEMPTS
    assert record.failure["task_id"] == str(result.id)
