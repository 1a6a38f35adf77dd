"""Structured logs: JSON lines with a request id, carried from a request to the task worker."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory

from portal.logs import JsonFormatter, RequestIdFilter, RequestIdMiddleware, request_id_var


def test_every_line_is_one_json_object_with_the_request_id():
    seen = []

    def view(request):
        record = logging.LogRecord("portal.test", logging.WARNING, __file__, 1, "hello", (), None)
        RequestIdFilter().filter(record)
        seen.append(json.loads(JsonFormatter().format(record)))
        return HttpResponse("ok")

    request = RequestFactory().get("/", HTTP_X_REQUEST_ID="proxy-given-id-42")
    response = RequestIdMiddleware(view)(request)
    assert response["X-Request-ID"] == "proxy-given-id-42"
    assert seen[0]["request_id"] == "proxy-given-id-42"
    assert seen[0]["message"] == "hello" and seen[0]["level"] == "WARNING"
    assert request_id_var.get() == "-"  # nothing leaks into the next request

    # An unusable id from outside (too short, odd characters) is replaced by a fresh one.
    response = RequestIdMiddleware(view)(RequestFactory().get("/", HTTP_X_REQUEST_ID="<x>"))
    assert len(response["X-Request-ID"]) == 32 and response["X-Request-ID"] != "<x>"


@pytest.mark.django_db
def test_a_task_enqueued_by_a_request_runs_under_the_request_id(settings, monkeypatch):
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    from tests.faults.tasks import report_request_id

    # The worker closes "old" connections between tasks; inside this test's transaction that
    # would close the test's own connection, so it is left open (as the newsletter's test does).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def view(request):
        report_request_id.enqueue()
        return HttpResponse("queued")

    request = RequestFactory().post("/", HTTP_X_REQUEST_ID="request-to-worker-1")
    RequestIdMiddleware(view)(request)
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--interval", "0",
        stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip
    result = DBTaskResult.objects.get()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == "request-to-worker-1"
