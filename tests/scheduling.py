"""Heavy tests first, so that both test processes finish together.

pytest-xdist hands out tests in collection order (the shared-fixture groups first, largest
first); pytest-randomly shuffles that order and pytest-django then moves every test without
database access to the end. A test that runs for seconds in real processes (the backup test
alone runs for about 15 s) could so come last in one process while the other had long run out
of work. Tests marked `heavy` are moved to the front after all of them have sorted, in their
shuffled order; transactional tests stay where pytest-django put them (after the tests that
roll back), since they empty the tables that the others expect migrations to have filled.

Registered by tests/conftest.py's pytest_configure.
"""

from __future__ import annotations

import pytest


def _transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    heavy = [
        item for item in items if item.get_closest_marker("heavy") and not _transactional(item)
    ]
    if heavy:
        chosen = set(map(id, heavy))
        items[:] = heavy + [item for item in items if id(item) not in chosen]
