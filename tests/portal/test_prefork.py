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
