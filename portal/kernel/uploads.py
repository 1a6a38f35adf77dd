"""Uploaded files waiting for their import: stored under a token until confirmed, read
through a local path whatever the storage, forgotten when stale."""

from __future__ import annotations

import datetime
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone


def forget_stale_uploads(directory: str, max_age: datetime.timedelta) -> int:
    """Delete uploads previewed but never confirmed, older than max_age; return how many."""
    try:
        folders, _files = default_storage.listdir(directory)
    except FileNotFoundError:
        return 0
    deleted = 0
    cutoff = timezone.now() - max_age
    for folder in folders:
        for name in default_storage.listdir(f"{directory}/{folder}")[1]:
            path = f"{directory}/{folder}/{name}"
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                deleted += 1
    return deleted


def store_upload(
    upload: UploadedFile, directory: str, *, max_age: datetime.timedelta
) -> tuple[str, str]:
    """Save an uploaded file under directory/<token>/ (forgetting uploads there older than
    max_age first); return (token, storage name)."""
    forget_stale_uploads(directory, max_age)
    token = uuid.uuid4().hex
    suffix = Path(upload.name or "").suffix.lower()
    name = default_storage.save(f"{directory}/{token}/upload{suffix}", upload)
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
