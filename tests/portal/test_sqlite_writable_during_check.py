"""SQLite (the default database): the site stays writable while a large register file is checked.

A real gunicorn on a SQLite file and, beside it, `manage.py import_ecosystem --dry-run` of a
large file, held still in the middle of its check. Someone signs in meanwhile (a sign-in
writes: the session, the last sign-in time); it must work at once, not wait for the lock
and end in "database is locked".
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
import uuid

import pytest

from tests.portal.live_site import PASSWORD, REPO, LiveSite, postgres_run, sign_in

pytestmark = pytest.mark.skipif(postgres_run(), reason="SQLite's whole-file write lock")

ORGANISATIONS = 4000

# The check, paused right after planning (the long, reading part) until the test says go.
PAUSED_CHECK = """
import os, time
from pathlib import Path
from django.core.management import call_command
from ecosystem.exchange import importing

folder = Path(os.environ["KEKO_TEST_FOLDER"])
original = importing.plan_import

def plan_then_wait(*args, **kwargs):
    plan = original(*args, **kwargs)
    (folder / "planned").touch()
    deadline = time.monotonic() + 120
    while not (folder / "go").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return plan

importing.plan_import = plan_then_wait
call_command("import_ecosystem", str(folder / "big.json"), "--dry-run")
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sqlite-lock")
    site = LiveSite(tmp, "lock")
    site.prepare()
    site.add_user("kumppani@example.fi", ("Network partners",))
    site.start()
    yield site
    site.stop()


def test_signing_in_works_while_a_large_import_is_checked(site):
    organisations = [
        {"id": str(uuid.uuid4()), "name_fi": f"Yhdistys {i}", "organisation_type": "ngo"}
        for i in range(ORGANISATIONS)
    ]
    (site.tmp / "big.json").write_text(
        json.dumps({"format": "keko-ecosystem", "version": 1, "organisations": organisations}),
        encoding="utf-8",
    )
    check = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", PAUSED_CHECK],
        cwd=REPO,
        env={**site.env, "KEKO_TEST_FOLDER": str(site.tmp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 300
        while not (site.tmp / "planned").exists():
            assert check.poll() is None, check.stdout.read()[-3000:]
            assert time.monotonic() < deadline, "the check never got going"
            time.sleep(0.1)

        # The check is in progress: sign in.
        status = sign_in(site.base_url, "kumppani@example.fi", PASSWORD)
        assert status == 302, site.log()
        database = site.env["DATABASE_URL"].removeprefix("sqlite:///")
        with sqlite3.connect(database) as connection:
            assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        (site.tmp / "go").touch()
        output, _ = check.communicate(timeout=300)
    assert check.returncode == 0, output[-3000:]
    # The command speaks Finnish by default: "4000 created", "nothing was saved".
    assert f"Organisaatiot: {ORGANISATIONS} luotu" in output
    assert "mitään ei tallennettu" in output
