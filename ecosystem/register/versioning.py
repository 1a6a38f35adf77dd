"""The data version of the ecosystem register: a token that changes whenever its data does.

Cached analysis results and maps are stored under a key that includes the version, so a change
to the register makes every cached result stale at once without deleting anything; each new
version sends data_version_changed, on which the map layer schedules a background warm-up
of the default map and the analysis (ecosystem.map.tasks).
The token lives in the shared cache; if the cache loses it, a new one is made (and results are
recomputed).
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal

from portal.page_cache import invalidate

DATA_VERSION_KEY = "ecosystem:data-version"

# Sent after the register got a new data version (once its transaction committed).
data_version_changed = Signal()


def data_version() -> str:
    """The current data version token (created on first use)."""
    version = cache.get(DATA_VERSION_KEY)
    if version is None:
        cache.add(DATA_VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(DATA_VERSION_KEY)
    return version


def _set_new_version() -> None:
    cache.set(DATA_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    # Pages showing register data (the map, its text view, embedded maps) are stale too; ORM
    # saves already invalidate them by signal, but bulk writes (imports) only come this way.
    invalidate()
    # The new version has no cached map or analysis yet: the map layer has the worker compute
    # them now rather than the next visitor (ecosystem.map.tasks, connected in apps.py).
    data_version_changed.send(sender=None)


def bump_data_version() -> None:
    """Give the register a new data version once the current transaction commits.

    Signals call this for ORM saves and deletes; code writing with bulk_create, update() or
    raw SQL (imports, the synthetic generator) must call it itself.
    """
    transaction.on_commit(_set_new_version)
