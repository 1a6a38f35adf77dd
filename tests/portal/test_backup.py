"""`manage.py backup` and `manage.py restore`, run as an operator runs them (subprocesses on
SQLite files of the test's own): the restore gives back what the backup held, refuses to
replace content unless told, and keeps unsubscribes and erasures made after the backup."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.migrated_database import create_migrated

# About 15 s of manage.py processes: scheduled first (tests/scheduling.py).
pytestmark = pytest.mark.heavy

ROOT = Path(__file__).resolve().parents[2]

SEED = """
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from newsletter.models import MailingList, Subscriber
from newsletter.models.subscribers import Subscription
Group.objects.create(name="backup-group")
news = MailingList.objects.create(slug="news", name_fi="Uutiset")
for address in ("stays@example.fi", "leaves@example.fi", "erased@example.fi"):
    person = Subscriber.objects.create(email=address)
    Subscription.objects.create(subscriber=person, mailing_list=news, status="confirmed")
default_storage.save("documents/plan.txt", ContentFile(b"the plan"))
"""

AFTER_BACKUP = """
from newsletter.models import Subscriber
from newsletter.services.personal_data import erase_subscriber
from newsletter.services.subscriptions import unsubscribe
unsubscribe(subscriber=Subscriber.objects.get(email="leaves@example.fi"), list_slug=None)
erase_subscriber("erased@example.fi")
Subscriber.objects.create(email="new-after-backup@example.fi")
"""

STATE = """
import json
from pathlib import Path
from django.conf import settings
from django.contrib.auth.models import Group
from newsletter.models import Subscriber, Suppression
from newsletter.models.subscribers import Subscription
print(json.dumps({
    "groups": sorted(
        Group.objects.filter(name__startswith="backup").values_list("name", flat=True)
    ),
    "subscriptions": sorted(
        f"{s.subscriber.email}:{s.status}"
        for s in Subscription.objects.select_related("subscriber")
    ),
    "subscribers": sorted(Subscriber.objects.values_list("email", flat=True)),
    "suppressions": sorted(Suppression.objects.values_list("reason", flat=True)),
    "media": (Path(settings.MEDIA_ROOT) / "documents/plan.txt").read_text()
        if (Path(settings.MEDIA_ROOT) / "documents/plan.txt").exists() else None,
}))
"""


def _installation(tmp_path: Path, name: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "KEKO_MODE", "CACHE_URL"}
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / name / 'keko.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / name / "media"),
        CACHE_URL="locmemcache://",
        TASK_BACKEND="immediate",
    )
    return env


def _manage(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _ok(env, *args) -> str:
    result = _manage(env, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def _state(env) -> dict:
    return json.loads(_ok(env, "shell", "-c", STATE))


def assert_restore_refused_without_force(live, archive: Path) -> None:
    """A non-empty installation is not replaced unless asked."""
    refused = _manage(live, "restore", str(archive))
    assert refused.returncode != 0
    assert "already has content" in refused.stderr and "--force" in refused.stderr
    assert "Traceback" not in refused.stderr


def assert_forced_restore_keeps_what_people_withdrew(live, archive: Path, at_backup) -> None:
    """Restored over a live installation in which, after the backup, one person
    unsubscribed and one asked to be erased (AFTER_BACKUP)."""
    _ok(live, "restore", str(archive), "--force")
    restored = _state(live)
    assert restored["groups"] == at_backup["groups"] == ["backup-group"]
    assert restored["media"] == "the plan"
    # What the backup held comes back, except what people withdrew since.
    assert restored["subscribers"] == ["leaves@example.fi", "stays@example.fi"]
    assert restored["subscriptions"] == [
        "leaves@example.fi:unsubscribed",
        "stays@example.fi:confirmed",
    ]
    assert restored["suppressions"] == ["erased", "unsubscribed"]


def test_backup_restores_into_an_empty_installation_and_keeps_later_unsubscribes(tmp_path):
    live = _installation(tmp_path, "live")
    # What `manage.py migrate` leaves (tests/migrated_database.py).
    create_migrated(live["DATABASE_URL"])
    _ok(live, "shell", "-c", SEED)
    at_backup = _state(live)
    archive = Path(_ok(live, "backup", "--output", str(tmp_path / "backups")))
    assert archive.name.startswith("keko-backup-") and archive.name.endswith(".tar.gz")

    # An empty installation (no database yet, no files) gets exactly what the backup held.
    empty = _installation(tmp_path, "empty")
    (tmp_path / "empty").mkdir()
    assert "Restored the backup of" in _ok(empty, "restore", str(archive))
    assert _state(empty) == at_backup

    # After the backup, one person unsubscribes and one asks to be erased.
    _ok(live, "shell", "-c", AFTER_BACKUP)

    assert_restore_refused_without_force(live, archive)
    assert_forced_restore_keeps_what_people_withdrew(live, archive, at_backup)
