"""The steering group's dashboard: server time with the demo data and the national network.

Fills a fresh SQLite database (temporary directory, local-memory cache) with the demo content
(`load_demo_content`), signs a steering-group member in, computes the dashboard metrics the
way the background task does, then times requests through the whole Django stack (test
client: middleware, page routing, privacy check, templates) for the dashboard, its print view
and a snapshot comparison. Then it adds the synthetic national network
(`generate_synthetic_ecosystem --services N --relations M`), times the background work
(metrics, a snapshot) once, and the same requests again. The dashboard renders from the
stored metrics in both cases; the targets are < 300 ms (demo) and < 1 s (national).

Prints medians and 95th percentiles; writes benchmarks/results/dashboard-<time>.json.

    .venv/bin/python benchmarks/dashboard.py [--services 20000] [--relations 100000] [-n 30]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_DIR / "benchmarks" / "results"


def timed(function) -> tuple[float, object]:
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000, result


def requests(client, url: str, count: int) -> dict:
    """Median and p95 server time (ms) of `count` GETs after one warm-up, and the size."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(count):
        elapsed, response = timed(lambda: client.get(url))
        assert response.status_code == 200
        times.append(elapsed)
    times.sort()
    return {
        "url": url,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "html_kb": round(len(response.content) / 1024, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--services", type=int, default=20000)
    parser.add_argument("--relations", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-n", "--requests", type=int, default=30)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="keko-dashboard-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/dashboard.sqlite3"),
        CACHE_URL="locmemcache://",
        TASK_BACKEND="database",  # enqueued work waits; the script runs what it times
        PAGE_CACHE_SECONDS="0",
        KEKO_MODE="local",
    )
    sys.path.insert(0, str(REPO_DIR))
    import django

    django.setup()
    from django.conf import settings
    from django.test.signals import setting_changed

    # Templates render without collectstatic (as in the tests): plain static storage.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    setting_changed.send(sender=None, setting="STORAGES", value=settings.STORAGES, enter=True)
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from dashboard.models import DashboardPage, EcosystemSnapshot
    from dashboard.snapshots import snapshot_take
    from dashboard.tasks import compute_dashboard_metrics
    from ecosystem.register.versioning import DATA_VERSION_KEY, bump_data_version
    from portal.accounts.roles import STEERING_GROUP

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=open(os.devnull, "w"))
    user = get_user_model().objects.create_user("bench@example.org", "bench@example.org", "x")
    user.groups.add(Group.objects.get(name=STEERING_GROUP))
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    page = DashboardPage.objects.get(locale__language_code="fi")
    earlier, later = EcosystemSnapshot.objects.order_by("taken_at")[:2]
    compare_url = f"{page.url}compare/?from={earlier.pk}&to={later.pk}"
    results: dict = {"requests": args.requests}

    def measure(label: str, compare: str) -> dict:
        from dashboard.snapshots import comparison_cache_key, stored_comparison

        ids = [int(part.split("=")[1]) for part in compare.split("?")[1].split("&")]
        cache.delete(comparison_cache_key(*ids))
        cold_ms, _ = timed(lambda: stored_comparison(*ids))  # records read and compared
        return {
            "compare_cold_ms": round(cold_ms),
            "dashboard": requests(client, page.url, args.requests),
            "print": requests(client, page.url + "print/", args.requests),
            "compare": requests(client, compare, max(5, args.requests // 3)),
        }

    metrics_ms, _ = timed(compute_dashboard_metrics.call)
    results["demo"] = {"metrics_background_ms": round(metrics_ms), **measure("demo", compare_url)}
    print("demo:", json.dumps(results["demo"], indent=1))

    started = time.perf_counter()
    call_command(
        "generate_synthetic_ecosystem",
        services=args.services,
        relations=args.relations,
        seed=args.seed,
        stdout=open(os.devnull, "w"),
    )
    bump_data_version()

    cache.delete(DATA_VERSION_KEY)  # outside a transaction on_commit ran already; be sure
    generated_s = time.perf_counter() - started
    metrics_ms, _ = timed(compute_dashboard_metrics.call)
    snapshot_ms, national = timed(lambda: snapshot_take(title="Kansallinen verkosto"))
    national_compare = f"{page.url}compare/?from={later.pk}&to={national.pk}"
    results["national"] = {
        "services": args.services,
        "relations": args.relations,
        "generated_s": round(generated_s, 1),
        "metrics_background_ms": round(metrics_ms),
        "snapshot_background_ms": round(snapshot_ms),
        "snapshot_records_mb": round(len(json.dumps(national.records)) / 1e6, 1),
        **measure("national", national_compare),
    }
    print("national:", json.dumps(results["national"], indent=1))
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS_DIR / f"dashboard-{stamp}.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
