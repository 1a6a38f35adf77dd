"""Backups of an installation: the database and the uploaded files, in one archive.

`backup_write` writes `keko-backup-<UTC time>.tar.gz` holding `manifest.json`, the database
(`database.sqlite3` taken through SQLite's online backup API, so a consistent copy even while
the portal writes; or `database.dump`, `pg_dump`'s custom format, one consistent snapshot) and
`media/`. `backup_restore` puts one back into an empty installation, and into a non-empty one
only when told (`force`).

The newsletter's suppression list is the exception to "restore means as it was": an address
that unsubscribed or was erased after the backup was taken must not come back. The
suppressions of the installation being replaced are read before the restore and applied to
the restored data: the suppression rows are written back and the matching subscriptions are
ended, the erased subscribers deleted.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

from newsletter.addresses import email_hash
from newsletter.models import Delivery, MailingList, Subscriber, Suppression
from newsletter.models.subscribers import Subscription

FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    if candidates:
        return str(candidates[0])
    raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")


def _pg_env() -> tuple[list[str], dict]:
    import os

    db = settings.DATABASES["default"]
    args = ["--host", db.get("HOST") or "localhost", "--port", str(db.get("PORT") or 5432)]
    args += ["--username", db.get("USER") or "postgres", "--dbname", db["NAME"]]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def backup_write(output_dir: Path) -> Path:
    """Write a backup archive into output_dir; return its path."""
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    archive = output_dir / f"keko-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="keko-backup-") as work:
        work_dir = Path(work)
        if connection.vendor == "sqlite":
            database_file = work_dir / "database.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(database_file)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        elif connection.vendor == "postgresql":
            database_file = work_dir / "database.dump"
            args, env = _pg_env()
            result = subprocess.run(
                [
                    _pg_tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--file",
                    str(database_file),
                    *args,
                ],
                env=env,
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()[:500]}")
        else:
            raise BackupError(f"Backups of a {connection.vendor} database are not supported.")
        manifest = {
            "format": FORMAT_VERSION,
            "created": stamp,
            "database": connection.vendor,
            "database_file": database_file.name,
        }
        (work_dir / "manifest.json").write_text(json.dumps(manifest, indent=2))
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(work_dir / "manifest.json", arcname="manifest.json")
            tar.add(database_file, arcname=database_file.name)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                tar.add(media, arcname="media")
        partial.rename(archive)  # never a half-written archive under the final name
    return archive


def installation_is_empty() -> bool:
    """No content yet: no user, no page besides Wagtail's root, no uploaded file."""
    from django.contrib.auth import get_user_model

    tables = connection.introspection.table_names()
    if get_user_model()._meta.db_table in tables and get_user_model().objects.exists():
        return False
    if "wagtailcore_page" in tables:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM wagtailcore_page")
            if cursor.fetchone()[0] > 2:  # the root and Wagtail's welcome page
                return False
    media = Path(settings.MEDIA_ROOT)
    return not (media.is_dir() and any(p.is_file() for p in media.rglob("*")))


@dataclass(frozen=True)
class HeldSuppression:
    email_hash: str
    list_slug: str | None
    reason: str
    created: str


def _current_suppressions() -> list[HeldSuppression]:
    if "newsletter_suppression" not in connection.introspection.table_names():
        return []

    return [
        HeldSuppression(
            s.email_hash,
            s.mailing_list.slug if s.mailing_list else None,
            s.reason,
            s.created.isoformat(),
        )
        for s in Suppression.objects.select_related("mailing_list")
    ]


def _apply_suppressions(held: list[HeldSuppression]) -> int:
    """Write the held suppressions into the restored data and act on them; returns how many
    subscribers had to be changed."""
    from django.db import transaction
    from django.utils.dateparse import parse_datetime
    from django.utils.timezone import now

    if not held:
        return 0
    changed = 0
    by_hash: dict[str, list[HeldSuppression]] = {}
    for entry in held:
        by_hash.setdefault(entry.email_hash, []).append(entry)
    with transaction.atomic():
        lists = {m.slug: m for m in MailingList.objects.all()}
        for entry in held:
            mailing_list = lists.get(entry.list_slug) if entry.list_slug else None
            if entry.list_slug and mailing_list is None:
                continue
            Suppression.objects.update_or_create(
                email_hash=entry.email_hash,
                mailing_list=mailing_list,
                defaults={"reason": entry.reason, "created": parse_datetime(entry.created)},
            )
        for subscriber in Subscriber.objects.all().iterator():
            entries = by_hash.get(email_hash(subscriber.email))
            if not entries:
                continue
            changed += 1
            if any(e.reason == Suppression.Reason.ERASED for e in entries):
                Delivery.objects.filter(subscriber=subscriber).update(subscriber=None, error="")
                subscriber.delete()
                continue
            subscriptions = subscriber.subscriptions.exclude(
                status=Subscription.Status.UNSUBSCRIBED
            )
            if any(e.list_slug is None for e in entries):
                subscriptions.update(status=Subscription.Status.UNSUBSCRIBED, unsubscribed_at=now())
            else:
                slugs = [e.list_slug for e in entries]
                subscriptions.filter(mailing_list__slug__in=slugs).update(
                    status=Subscription.Status.UNSUBSCRIBED, unsubscribed_at=now()
                )
    return changed


def backup_restore(archive: Path, *, force: bool = False) -> dict:
    """Restore `archive` into this installation (database and media)."""
    if not archive.is_file():
        raise BackupError(f"{archive} is not a file.")
    if not force and not installation_is_empty():
        raise BackupError(
            "This installation already has content; restoring would replace it. "
            "Run again with --force to replace it."
        )
    held = _current_suppressions()
    with tempfile.TemporaryDirectory(prefix="keko-restore-") as work:
        work_dir = Path(work)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(work_dir, filter="data")
            manifest = json.loads((work_dir / "manifest.json").read_text())
        except (tarfile.TarError, OSError, ValueError) as error:
            raise BackupError(f"{archive} is not a KEKO backup archive ({error}).") from error
        if manifest.get("database") != connection.vendor:
            raise BackupError(
                f"The archive holds a {manifest.get('database')} database; this installation "
                f"uses {connection.vendor}."
            )
        database_file = work_dir / manifest["database_file"]
        connections.close_all()
        if connection.vendor == "sqlite":
            source = sqlite3.connect(database_file)
            target = sqlite3.connect(settings.DATABASES["default"]["NAME"])
            try:
                source.backup(target)
            finally:
                source.close()
                target.close()
        else:
            args, env = _pg_env()
            result = subprocess.run(
                [
                    _pg_tool("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    *args,
                    str(database_file),
                ],
                env=env,
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_restore failed: {result.stderr.strip()[:500]}")
        media = Path(settings.MEDIA_ROOT)
        if (work_dir / "media").is_dir():
            if media.exists():
                shutil.rmtree(media)
            shutil.copytree(work_dir / "media", media)
    changed = _apply_suppressions(held)
    return {"created": manifest["created"], "suppressed_again": changed}
