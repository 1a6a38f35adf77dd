"""The database goes away and comes back, with the portal's real processes running.

gunicorn (two workers), the task worker (`manage.py db_worker`) and the publishing scheduler
(`manage.py run_scheduler`) run against a throwaway PostgreSQL cluster; the test stops the
cluster under them and starts it again.
"""

from __future__ import annotations

import json
import sys
import urllib.parse
import urllib.request

import pytest

from tests.faults.conftest import http_get, log_of, wait_for
from tests.portal.live_site import signed_in_opener

pytestmark = pytest.mark.faults

DRIVER_WORDS = ("Traceback", "psycopg", "OperationalError", "connection failed", "5432")


def _health(base):
    status, _headers, body = http_get(f"{base}/healthz", timeout=15)
    return status, json.loads(body)


MEMBER = "ohry.katko@example.fi"
MEMBER_PASSWORD = "Katko-Testi-2026-salasana"
ADD_MEMBER = f"""
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
user = get_user_model().objects.create_user({MEMBER!r}, {MEMBER!r}, {MEMBER_PASSWORD!r})
user.groups.add(Group.objects.get(name="Steering group"))
EmailAddress.objects.create(user=user, email={MEMBER!r}, verified=True, primary=True)
"""


def _signed_in_browser(base: str):
    """An opener with the session of MEMBER, signed in through the real form."""
    _status, opener = signed_in_opener(base, MEMBER, MEMBER_PASSWORD, follow_redirects=True)
    return opener


def _signed_in_get(opener, url: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Accept-Language": "fi"})
    try:
        with opener.open(request, timeout=15) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def test_the_portal_rides_out_a_database_restart(portal_env, processes, web_port, tmp_path):
    base = f"http://127.0.0.1:{web_port}"
    web = processes.gunicorn(web_port, 2)
    worker = processes.start(
        "worker",
        [sys.executable, "manage.py", "db_worker", "--interval", "0.5", "--max-backoff", "2"],
    )
    scheduler = processes.start(
        "scheduler", [sys.executable, "manage.py", "run_scheduler", "--interval", "2"]
    )
    wait_for(lambda: _health(base)[0] == 200, 60, what="the portal to answer /healthz")
    # A page an anonymous visitor has seen is in the page cache from now on.
    status, headers, cached_page = http_get(f"{base}/")
    assert status == 200
    # A steering-group member is signed in (the account page shows the address).
    added = portal_env.manage("shell", "-c", ADD_MEMBER)
    assert added.returncode == 0, added.stderr
    member = _signed_in_browser(base)
    status, page = _signed_in_get(member, f"{base}/accounts/email/")
    assert status == 200 and MEMBER in page

    portal_env.cluster.stop()

    status, body = _health(base)
    assert status == 503
    assert body["checks"] == {"database": "unavailable", "cache": "ok"}
    assert body["down"] == ["database"]
    assert body["backends"]["database"] == "postgresql"

    # The cached page is still served; a page nobody has asked for gets the 503 page, in the
    # visitor's language, with no trace of the driver.
    status, headers, page = http_get(f"{base}/")
    assert status == 200 and headers["X-Page-Cache"] == "hit" and page == cached_page
    for path, heading in (
        ("/?uncached=1", "Palvelu on tilapäisesti poissa käytöstä"),
        ("/sv/?uncached=1", "Tjänsten är tillfälligt otillgänglig"),
        ("/en/?uncached=1", "Service temporarily unavailable"),
        ("/accounts/login/", "Palvelu on tilapäisesti poissa käytöstä"),
    ):
        status, headers, page = http_get(f"{base}{path}")
        assert status == 503, path
        assert headers["Retry-After"] == "30"
        assert heading in page
        assert not any(word in page for word in DRIVER_WORDS), page

    # A signed-in visitor's session is in the database: the 503 page, never someone else's
    # page or the driver's words.
    status, page = _signed_in_get(member, f"{base}/")
    assert status == 503
    assert "Palvelu on tilapäisesti poissa käytöstä" in page
    assert not any(word in page for word in DRIVER_WORDS), page

    # The worker and the scheduler wait for the database instead of exiting.
    for process in (worker, scheduler):
        wait_for(lambda p=process: "Database unavailable" in log_of(p), 20, what="the outage seen")
    assert worker.poll() is None, log_of(worker)
    assert scheduler.poll() is None, log_of(scheduler)
    assert web.poll() is None, log_of(web)

    portal_env.cluster.start()

    # Everything serves again by itself within 30 s of the database's return.
    wait_for(lambda: _health(base)[0] == 200, 30, what="/healthz to answer 200 again")
    wait_for(lambda: http_get(f"{base}/en/?uncached=2")[0] == 200, 30, what="pages again")
    # The member is still signed in: nothing of the session was lost.
    status, page = _signed_in_get(member, f"{base}/accounts/email/")
    assert status == 200 and MEMBER in page
    marker = tmp_path / "ran.txt"
    code = (
        "from tests.faults.tasks import write_marker; "
        f"write_marker.enqueue({str(marker)!r}, 'after the outage')"
    )
    enqueued = portal_env.manage("shell", "-c", code)
    assert enqueued.returncode == 0, enqueued.stderr
    wait_for(marker.exists, 30, what="the worker to run a task after the outage")
    assert marker.read_text() == "after the outage"
    wait_for(lambda: "runs again" in log_of(scheduler), 30, what="the scheduler to run again")
    for process in (worker, scheduler):
        assert process.poll() is None
        assert "Traceback" not in log_of(process), log_of(process)
    assert "Traceback" not in log_of(web), log_of(web)
