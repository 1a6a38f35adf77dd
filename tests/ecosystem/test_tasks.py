"""The analysis runs in the background worker, is cached per data version and goes stale
when the register changes."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from ecosystem.demo.synthetic import generate
from ecosystem.models import Service, TargetGroup
from ecosystem.network.selectors import analysis_summary
from ecosystem.network.tasks import analysis_cache_key
from ecosystem.register.versioning import data_version

pytestmark = pytest.mark.django_db

TASK_PATH = "ecosystem.network.tasks.compute_analysis"
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE_BACKEND = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_BACKEND


# The worker closes the database connection as a real worker does, so tests that run it
# commit their data (a transactional test) instead of running inside one rolled-back
# transaction; the data migrations' rows (groups, permissions) are restored afterwards.
worker_test = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def enqueued() -> int:
    return DBTaskResult.objects.filter(task_path=TASK_PATH).count()


def test_a_page_never_waits_it_gets_pending_and_one_task_is_enqueued(demo_register, database_tasks):
    first = analysis_summary()
    assert first.status == "pending"
    assert first.result is None
    assert cache.get(analysis_cache_key(first.version, False)) is None
    # Many requests before the worker runs enqueue nothing more.
    assert analysis_summary().status == "pending"
    assert analysis_summary().status == "pending"
    assert enqueued() == 1


@worker_test
def test_the_worker_computes_and_pages_then_read_the_cached_result(demo_register, database_tasks):
    analysis_summary()
    run_worker()
    # Loading the register also scheduled the map warm-up, which queued the public analysis.
    queued = enqueued()
    state = analysis_summary()
    assert state.ready
    assert state.result["counts"]["services"] == Service.objects.count()
    assert state.result["brokers"][0]["name"] == "Keski-Uudenmaan TE-palvelut"
    assert state.computed_at
    assert enqueued() == queued  # reading a ready result enqueues nothing


@worker_test
def test_changing_the_register_makes_the_result_stale(demo_register, database_tasks):
    analysis_summary()
    run_worker()
    old = analysis_summary()
    assert old.ready
    queued = enqueued()  # (with the public analysis the map warm-up queued)

    service = Service.objects.get(name_fi="Palkkatuki")
    service.status = "inactive"
    service.save()
    assert data_version() != old.version
    fresh = analysis_summary()
    assert fresh.status == "pending"
    assert enqueued() == queued + 1
    run_worker()
    assert analysis_summary().ready


def clear_target_groups():
    # Parental many-to-many changes are written when the service is saved.
    service = Service.objects.get(name_fi="Ohjaamo")
    service.target_groups.clear()
    service.save()


@pytest.mark.parametrize(
    "change",
    [
        clear_target_groups,
        lambda: Service.objects.get(name_fi="Maksatustehtävät").delete(),
        lambda: TargetGroup.objects.create(code="ex_offenders", name_fi="Vapautuvat vangit"),
        lambda: generate(services=45, relations=10),
    ],
    ids=["m2m", "delete", "create", "bulk synthetic"],
)
def test_every_kind_of_write_gives_a_new_data_version(
    demo_register, change, django_capture_on_commit_callbacks
):
    before = data_version()
    with django_capture_on_commit_callbacks(execute=True):
        change()
    assert data_version() != before


def test_public_and_full_analyses_are_cached_apart(demo_register, settings):
    settings.TASKS = IMMEDIATE_BACKEND
    full = analysis_summary()
    public = analysis_summary(public_only=True)
    assert full.ready and public.ready
    assert public.result["counts"]["services"] < full.result["counts"]["services"]


def test_enqueue_failure_still_answers_pending(demo_register, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["x"]}}
    # The task's queue "default" is not allowed by this backend: enqueuing fails.
    assert analysis_summary().status == "pending"
