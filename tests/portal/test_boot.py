"""portal.boot: Django starts with the garbage collector paused, and what it made is frozen;
the collector is on again for whatever the process does next (workers run for days)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPORT = "import gc; print(gc.isenabled(), gc.get_freeze_count())"


def _run(*args: str) -> tuple[bool, int]:
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    enabled, frozen = result.stdout.strip().splitlines()[-1].split()
    return enabled == "True", int(frozen)


def test_management_commands_start_django_frozen_and_collect_afterwards():
    enabled, frozen = _run("manage.py", "shell", "--no-imports", "-c", REPORT)
    assert enabled
    assert frozen > 100_000  # Django, Wagtail and the apps, out of the collector's way


def test_the_wsgi_application_starts_the_same_way():
    enabled, frozen = _run("-c", "import portal.wsgi; " + REPORT)
    assert enabled
    assert frozen > 100_000
