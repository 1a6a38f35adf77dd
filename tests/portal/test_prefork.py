"""The warm-up gunicorn's master runs before forking its workers (portal.prefork)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from wagtail.models import Page

from portal import metrics, prefork

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def home_page(db):
    return Page.objects.get(depth=2).specific


@pytest.fixture(autouse=True)
def keep_the_tests_connection():
    """As Django's test client does: the application closes old connections at each request
    (CONN_MAX_AGE), which on PostgreSQL would close the connection holding the test's
    transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_warm_up_renders_home_and_search_of_every_language_and_changes_nothing(home_page, client):
    answered, _seconds = prefork.warm_up(get_wsgi_application())
    assert answered == 6  # "/", "/search/?q=keko" in fi, sv and en
    assert not Session.objects.exists()  # the warm-up cookie created no session
    # Rendered, not read from the page cache: nothing was stored there either.
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_warm_up_survives_a_failing_application(db):
    def broken(environ, start_response):
        raise RuntimeError("the database is away")

    assert prefork.warm_up(broken)[0] == 0


def test_the_warm_up_is_not_counted_as_visitors_requests(home_page):
    metrics.discard_pending()
    prefork.warm_up(get_wsgi_application())
    assert metrics._pending == {}  # noqa: SLF001 (what each forked worker would inherit)


def test_gunicorn_reads_its_config_before_django_is_set_up():
    """gunicorn.conf.py is executed before the application (and Django's settings) is
    loaded: importing the warm-up at its top broke every start."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = "import runpy; assert callable(runpy.run_path('gunicorn.conf.py')['when_ready'])"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]


class _Worker:
    def __init__(self, pid):
        self.pid = pid


def _leave(worker, code):
    """Call the worker_exit hook as gunicorn does: in the `finally` of the worker's
    `sys.exit(code)`."""
    try:
        try:
            sys.exit(code)
        finally:
            prefork.leave_quickly(worker)
    except SystemExit as leaving:
        return leaving.code


def test_a_worker_leaving_with_an_error_code_keeps_it_for_the_master():
    """gunicorn's master halts when a worker could not load the application (exit code 4):
    the quick exit must not turn that into a clean 0. (A clean exit, code 0, ends the process
    with os._exit: tests/faults/test_supervision.py recycles real workers.)"""
    assert _leave(_Worker(os.getpid()), 4) == 4


def test_the_hook_does_nothing_in_the_master():
    """gunicorn also calls worker_exit in the master, for a worker that had already vanished:
    the master must go on."""
    assert _leave(_Worker(os.getpid() + 1), 0) == 0


def test_the_master_freezes_what_the_workers_inherit():
    import gc

    try:
        assert prefork.freeze_for_workers() > 10_000  # Django, Wagtail and the portal's code
    finally:
        gc.unfreeze()
