"""The demo fixtures replay what the demo loaders did once per process (tests/db_snapshot.py):
the replay must leave the database as the loaders themselves do."""

import pytest
from django.db import transaction
from wagtail.models import Page

from cms_pages import demo as site_demo
from cms_pages import demo_news
from steering import demo as steering_demo
from tests import db_snapshot

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _load_all():
    site_demo.load()
    steering_demo.load()
    demo_news.load()


def _summary() -> tuple[dict, list]:
    """Rows per table, and the page tree as a visitor and an editor see it."""
    counts = {table: len(rows) for table, rows in db_snapshot.state().items()}
    pages = sorted(
        Page.objects.values_list(
            "url_path", "title", "live", "depth", "numchild", "locale__language_code",
            "content_type__model", "has_unpublished_changes", "translation_key",
        )
    )  # fmt: skip
    return counts, pages


@pytest.mark.heavy
@pytest.mark.parametrize("tasks", ["configured", "immediate"])
def test_a_replayed_demo_is_what_the_loaders_leave(db, settings, tmp_path, tasks):
    settings.MEDIA_ROOT = str(tmp_path)
    if tasks == "immediate":
        settings.TASKS = IMMEDIATE
    change = db_snapshot.record(_load_all)
    assert db_snapshot.applies(change)
    with transaction.atomic():
        _load_all()
        loaded = _summary()
        transaction.set_rollback(True)
    assert loaded[1], "the loaders made no pages"

    db_snapshot.replay(change)

    assert _summary() == loaded
    assert site_demo.load() == "Demo pages: nothing to add."
    assert steering_demo.load() == ""
    assert demo_news.load() == ""
    if tasks == "immediate":  # the search index was written at once, and replayed
        assert Page.objects.live().search("järjestäytymiskokous")


def test_a_demo_is_not_replayed_over_pages_of_the_test(db):
    change = db_snapshot.record(site_demo.load)
    root = Page.get_first_root_node()
    root.add_child(instance=Page(title="Oma sivu", slug="oma-sivu"))
    assert not db_snapshot.applies(change)


def test_a_demo_replays_after_tasks_the_test_queued(db):
    """Register records made before the demo queue tasks (rows keyed by random UUIDs): the
    demo's own queued tasks are added beside them, as the loader would add them."""
    from django_tasks_db.models import DBTaskResult

    from ecosystem.models import Organisation

    change = db_snapshot.record(site_demo.load)
    (tasks,) = [table for table in change if table.table == DBTaskResult._meta.db_table]
    Organisation.objects.create(name_fi="Testin oma järjestö")
    queued_by_the_test = DBTaskResult.objects.count()
    assert queued_by_the_test, "a register record queues tasks"

    assert db_snapshot.applies(change)
    db_snapshot.replay(change)

    assert DBTaskResult.objects.count() == queued_by_the_test + len(tasks.inserted)
    assert site_demo.load() == "Demo pages: nothing to add."
