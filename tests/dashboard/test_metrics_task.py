"""The dashboard's metrics are computed by the worker after each change to the register,
from the register's own analysis, so the network is analysed once per data version whoever
asks first (the warm-up after a change, or a steering member opening the dashboard)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from dashboard.selectors import dashboard_metrics
from ecosystem.demo import loader as ecosystem_demo
from ecosystem.map import tasks as ecosystem_tasks
from ecosystem.models import Service
from ecosystem.network import analysis
from ecosystem.register.versioning import data_version

# The worker closes the database connection as a real one does: such tests commit their data
# (see tests/ecosystem/test_tasks.py).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

METRICS_TASK = "dashboard.tasks.compute_dashboard_metrics"


@pytest.fixture
def database_tasks(settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(ecosystem_tasks, "WARM_UP_DELAY", timedelta(0))
    cache.clear()


@pytest.fixture
def full_analyses(monkeypatch):
    """Counts the analyses of the whole register (the minutes-long part at national scale)."""
    calls = []
    original = analysis.summary

    def counting_summary(graph):
        calls.append(graph.number_of_nodes())
        return original(graph)

    monkeypatch.setattr(analysis, "summary", counting_summary)
    return calls


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def metrics_tasks() -> int:
    return DBTaskResult.objects.filter(task_path=METRICS_TASK, status="SUCCESSFUL").count()


def test_metrics_follow_each_change_and_reuse_the_analysis(database_tasks, full_analyses):
    ecosystem_demo.load()
    run_worker()

    # Nobody opened the dashboard, yet its figures for today's data are ready.
    result = dashboard_metrics(enqueue=False)
    assert result.status == "current"
    assert result.metrics["data_version"] == data_version()
    assert result.metrics["headline"]["services"] == Service.objects.count()
    assert metrics_tasks() == 1
    # Two analyses (public and full audience), none repeated for the dashboard.
    assert len(full_analyses) == 2

    # A steering member opens the dashboard after a change, before the worker has run: the
    # metrics are enqueued at once and the analysis the warm-up queued is not run twice.
    Service.objects.filter(path_steps__isnull=True).order_by("pk").first().delete()
    assert dashboard_metrics().status == "missing"  # no snapshot stands in yet
    run_worker()
    result = dashboard_metrics(enqueue=False)
    assert result.status == "current"
    assert result.metrics["headline"]["services"] == Service.objects.count()
    assert metrics_tasks() == 2
    assert len(full_analyses) == 4
