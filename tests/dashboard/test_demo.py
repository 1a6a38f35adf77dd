"""The dashboard demo: page, two comparable snapshots and the project's progress."""

import pytest

from dashboard import demo
from dashboard.models import DashboardPage, EcosystemSnapshot, ProgressItem, ProgressStatus
from dashboard.snapshots import compare

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_its_snapshots_show_a_change(demo_register):
    from cms_pages import demo as cms_demo

    cms_demo.load()
    assert demo.load()
    pages = DashboardPage.objects.all()
    assert {page.locale.language_code for page in pages} == {"fi", "sv", "en"}
    assert all(page.live for page in pages)
    earlier = EcosystemSnapshot.objects.get(title=demo.EARLIER[0])
    later = EcosystemSnapshot.objects.get(title=demo.LATER[0])
    assert earlier.taken_at < later.taken_at
    result = compare(earlier, later)
    services = next(kind for kind in result.kinds if kind.kind == "services")
    assert [item.name for item in services.added] == [
        "Kerkkä – matalan kynnyksen asiakaspalvelukoulutus (pilotti)"
    ]
    assert next(move for move in result.metrics if move.key == "services").delta == 1
    # The communication checklist of the source: seven done, newsletter and blogs planned.
    checklist = ProgressItem.objects.filter(kind="communication")
    assert checklist.filter(status=ProgressStatus.DONE).count() == 7
    assert checklist.filter(status=ProgressStatus.IN_PROGRESS).count() == 2
    assert ProgressItem.objects.get(key="situational-picture-1").due.isoformat() == "2026-09-30"
    counts = (DashboardPage.objects.count(), EcosystemSnapshot.objects.count())
    assert demo.load() == ""
    assert (DashboardPage.objects.count(), EcosystemSnapshot.objects.count()) == counts
    assert ProgressItem.objects.count() == len(demo.PROGRESS)
