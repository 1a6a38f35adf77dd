"""After a change to the register the worker computes the default map (and the analysis) for
the new data version, so no page request waits; a request that comes before it has finished
is answered from the previous version, unless that would show a record that is no longer
public."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from ecosystem.map import tasks
from ecosystem.map.data import WARMING_KEY, map_context
from ecosystem.map.state import MapView
from ecosystem.map.tasks import schedule_warm_up
from ecosystem.models import Service
from ecosystem.network.tasks import analysis_cache_key
from ecosystem.register.versioning import DATA_VERSION_KEY, bump_data_version, data_version
from portal.page_cache import current_generation
from tests.ecosystem.map.conftest import SECRET_NAME

pytestmark = pytest.mark.django_db

WARM_UP = "ecosystem.map.tasks.warm_up"
LANGUAGES = ("fi", "sv", "en")
# The worker closes the database connection as a real one does: such tests commit their data
# (see tests/ecosystem/test_tasks.py).
worker_test = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def database_tasks(settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(tasks, "WARM_UP_DELAY", timedelta(0))
    cache.clear()


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def warm_ups() -> int:
    return DBTaskResult.objects.filter(task_path=WARM_UP).count()


def names(result) -> set[str]:
    return {row["name"] for row in result["table"]["rows"]}


@worker_test
def test_the_worker_fills_the_map_cache_so_no_request_computes(
    database_tasks, register, django_assert_num_queries
):
    # Building the register committed dozens of saves: one warm-up waits for the worker.
    assert warm_ups() == 1
    assert cache.get(WARMING_KEY)
    run_worker()
    assert DBTaskResult.objects.get(task_path=WARM_UP).status == "SUCCESSFUL"
    assert cache.get(WARMING_KEY) is None
    version = data_version()
    # Every language and audience is ready: the map costs no query at all.
    with django_assert_num_queries(0):
        maps = {
            (language, public_only): map_context(
                MapView(), public_only=public_only, language=language
            )
            for language in LANGUAGES
            for public_only in (True, False)
        }
    for (language, public_only), result in maps.items():
        assert result["cache_key"].startswith(f"ecosystem:map:v3:{version}:")
        assert "Palveluohjaus" in names(result)
        assert (SECRET_NAME in names(result)) is not public_only, (language, public_only)
    # So is graph.json's unfiltered graph of both audiences: the API builds nothing either.
    with django_assert_num_queries(0):
        anonymous = Client().get("/api/ecosystem/graph.json")
    assert anonymous.status_code == 200
    public_names = {item.get("name") for item in anonymous.json()["nodes"]}
    assert "Palveluohjaus" in public_names and SECRET_NAME not in public_names
    # So is the analysis of both audiences.
    assert cache.get(analysis_cache_key(version, True))["result"]["counts"]["services"] == 5
    assert cache.get(analysis_cache_key(version, False))["result"]["counts"]["services"] == 6

    # A change schedules the next warm-up, which fills the cache for the new version.
    Service.objects.filter(pk=register.health.pk).get().delete()
    assert data_version() != version and warm_ups() == 2
    run_worker()
    fresh = map_context(MapView(), public_only=True, language="fi")
    assert fresh["cache_key"].startswith(f"ecosystem:map:v3:{data_version()}:")
    assert "Työkykypalvelut" not in names(fresh)


def test_a_new_data_version_makes_cached_pages_stale(django_capture_on_commit_callbacks):
    # Imports write in bulk, without the signals that invalidate the anonymous page cache:
    # the new data version does it, so no visitor sees the register as it was before.
    generation = current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        bump_data_version()
    assert current_generation() > generation


def test_a_burst_of_changes_schedules_one_warm_up(
    database_tasks, register, django_capture_on_commit_callbacks
):
    before = data_version()
    with django_capture_on_commit_callbacks(execute=True):
        for service in Service.objects.all():
            service.save()
    assert data_version() != before
    assert warm_ups() == 1


def test_without_a_worker_nothing_is_scheduled(settings, register):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    cache.clear()
    assert schedule_warm_up() is False
    assert cache.get(WARMING_KEY) is None


def new_version_being_warmed():
    cache.set(DATA_VERSION_KEY, "newer", timeout=None)
    cache.set(WARMING_KEY, True)


def test_during_the_warm_up_a_request_gets_the_previous_map_at_once(
    register, django_assert_num_queries
):
    cache.clear()
    old = map_context(MapView(target_group="young_people"), public_only=True, language="fi")
    assert not old.get("stale")
    Service.objects.filter(pk=register.trial.pk).update(name_fi="Uusi työkokeilu")
    new_version_being_warmed()
    # Two queries check that what it names is still public; the graph is not built.
    with django_assert_num_queries(2):
        answer = map_context(MapView(target_group="young_people"), public_only=True, language="fi")
    assert answer["stale"] is True
    assert names(answer) == names(old)
    assert answer["notes"][-1].startswith("Karttaa päivitetään")
    # Without a warm-up under way (none scheduled, or the worker stopped) it computes.
    cache.delete(WARMING_KEY)
    computed = map_context(MapView(target_group="young_people"), public_only=True, language="fi")
    assert not computed.get("stale")
    assert "Uusi työkokeilu" in names(computed)


@pytest.mark.parametrize("change", ["partner_only", "deleted"])
def test_the_previous_map_is_not_shown_when_a_record_left_the_public_map(register, change):
    cache.clear()
    assert "Nuorten valmennus" in names(map_context(MapView(), public_only=True, language="fi"))
    coaching = Service.objects.filter(pk=register.coaching.pk)
    if change == "partner_only":
        coaching.update(visibility="partners")
    else:
        register.path.delete()
        coaching.delete()
    new_version_being_warmed()
    answer = map_context(MapView(), public_only=True, language="fi")
    assert not answer.get("stale")
    assert "Nuorten valmennus" not in names(answer)
    # Partners see partner-only records anyway: their previous map may be shown.
    if change == "partner_only":
        map_context(MapView(), public_only=False, language="fi")  # computed for "newer"
        cache.set(DATA_VERSION_KEY, "newest", timeout=None)
        assert map_context(MapView(), public_only=False, language="fi")["stale"] is True
