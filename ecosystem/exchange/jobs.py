"""Uploaded import files between the preview and the import, and the outcome of each import.

An upload is stored under `ecosystem-imports/<token>/` in the default storage (shared by
the web and task processes), so the confirmed import — in the request, or in a background
task for large files — reads the very file that was previewed. The outcome of a background
import is kept in the cache under the token for a day, for the admin page to show.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile

from ecosystem.exchange.importing import ImportResult, register_import
from portal.kernel import uploads
from portal.kernel.problems import ImportRefused
from portal.kernel.uploads import delete_upload, local_path  # noqa: F401  (used by the admin views)

UPLOAD_DIR = "ecosystem-imports"
OUTCOME_TIMEOUT = 24 * 3600
STALE_AFTER = datetime.timedelta(days=1)


def store_upload(upload: UploadedFile) -> tuple[str, str]:
    """Save an uploaded register file (forgetting stale ones first); (token, storage name)."""
    return uploads.store_upload(upload, UPLOAD_DIR, max_age=STALE_AFTER)


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
    return {
        "status": status,
        "rows": result.rows(),
        "lines": result.lines(),
        "details": result.details,
    }
