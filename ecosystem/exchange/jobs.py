"""Uploaded import files between the preview and the import, and the outcome of each import.

An upload is stored under `ecosystem-imports/<token>/` in the default storage (shared by
the web and task processes), so the confirmed import — in the request, or in a background
task for large files — reads the very file that was previewed. The outcome of a background
import is kept in the cache under the token for a day, for the admin page to show.
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from ecosystem.exchange.importing import ImportResult, register_import
from portal.kernel.problems import ImportRefused

UPLOAD_DIR = "ecosystem-imports"
OUTCOME_TIMEOUT = 24 * 3600
STALE_AFTER = datetime.timedelta(days=1)


def forget_stale_uploads(max_age: datetime.timedelta = STALE_AFTER) -> int:
    """Delete uploads previewed but never confirmed, older than max_age; return how many."""
    try:
        folders, _files = default_storage.listdir(UPLOAD_DIR)
    except FileNotFoundError:
        return 0
    deleted = 0
    cutoff = timezone.now() - max_age
    for folder in folders:
        for name in default_storage.listdir(f"{UPLOAD_DIR}/{folder}")[1]:
            path = f"{UPLOAD_DIR}/{folder}/{name}"
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                deleted += 1
    return deleted


def store_upload(upload: UploadedFile) -> tuple[str, str]:
    """Save an uploaded file (forgetting stale ones first); return (token, storage name)."""
    forget_stale_uploads()
    token = uuid.uuid4().hex
    suffix = Path(upload.name or "").suffix.lower()
    name = default_storage.save(f"{UPLOAD_DIR}/{token}/upload{suffix}", upload)
    return token, name


def delete_upload(name: str) -> None:
    """Remove a stored upload (no error when it is already gone)."""
    if default_storage.exists(name):
        default_storage.delete(name)


@contextmanager
def local_path(name: str) -> Iterator[Path]:
    """A filesystem path of a stored file (a temporary copy for remote storages)."""
    try:
        yield Path(default_storage.path(name))
        return
    except NotImplementedError:
        pass
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / Path(name).name
        with default_storage.open(name, "rb") as source, path.open("wb") as target:
            shutil.copyfileobj(source, target)
        yield path


def run_stored_import(*, name: str, source: str, dry_run: bool, replace: bool) -> ImportResult:
    """Import (or dry-run) a stored upload; raises ImportRefused like register_import."""
    with local_path(name) as path:
        return register_import(path=path, source=source, dry_run=dry_run, replace=replace)


def outcome_key(token: str) -> str:
    return f"ecosystem:import-job:{token}"


def set_outcome(token: str, outcome: dict[str, Any]) -> None:
    """Remember a background import's outcome (status, source, lines or problems)."""
    cache.set(outcome_key(token), outcome, OUTCOME_TIMEOUT)


def get_outcome(token: str) -> dict[str, Any] | None:
    """The outcome of a background import, None when unknown or expired."""
    return cache.get(outcome_key(token))


def outcome_of(result: ImportResult | None, refused: ImportRefused | None) -> dict[str, Any]:
    """A JSON-ready outcome of an import that ran."""
    if refused is not None:
        return {"status": "refused", "problems": refused.messages()}
    assert result is not None
    status = "checked" if result.dry_run else "done"
    return {"status": status, "rows": result.rows(), "lines": result.lines()}
