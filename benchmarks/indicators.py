"""Labour-market indicators: import speed and page server time, demo data and a long history.

Fills a fresh SQLite database (temporary directory, local-memory cache) with the site pages,
the steering area, the register's municipalities and the indicators demo, signs a
steering-group member in and times the indicators page through the whole Django stack (test
client). Then it writes a tidy CSV of `--years` years of monthly values for every area,
indicator and group (7 × 10 × 4 per month), times its import (dry run, then for real), and
times the page again.

Prints medians and 95th percentiles; writes benchmarks/results/indicators-<time>.json.

    .venv/bin/python benchmarks/indicators.py [--years 20] [-n 30]
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
    """Median and p95 server time (ms) of `count` GETs after one warm-up, and the size.
    (The page's query count is pinned by tests/indicators/test_page.py.)"""
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


def history_csv(path: Path, years: int) -> int:
    """A tidy CSV of `years` years of values (2000 onwards) for every area × indicator ×
    group; returns the number of rows."""
    from indicators.models import Area, Group, Indicator

    areas = list(Area.objects.values_list("code", flat=True))
    indicators = list(Indicator.objects.values_list("code", flat=True))
    groups = list(Group.objects.values_list("code", flat=True))
    rows = 0
    with path.open("w", encoding="utf-8") as target:
        target.write("alue;indikaattori;ryhmä;kuukausi;arvo;lähde\n")
        for year in range(2000, 2000 + years):
            for month in range(1, 13):
                for a, area in enumerate(areas):
                    for i, indicator in enumerate(indicators):
                        for g, group in enumerate(groups):
                            value = 1000 + (year * 7 + month * 13 + a * 17 + i * 19 + g * 23) % 900
                            target.write(
                                f"{area};{indicator};{group};{year}-{month:02d};{value};"
                                f"Työllisyyskatsaus {month}/{year}\n"
                            )
                            rows += 1
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("-n", "--requests", type=int, default=30)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="keko-indicators-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/indicators.sqlite3"),
        CACHE_URL="locmemcache://",
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
    from django.core.management import call_command
    from django.test import Client

    from cms_pages import demo as cms_demo
    from ecosystem.models import Municipality
    from indicators import demo as indicators_demo
    from indicators.exchange.importing import indicators_import
    from indicators.models import IndicatorsPage, Observation
    from portal.accounts.roles import STEERING_GROUP
    from steering import demo as steering_demo

    call_command("migrate", verbosity=0)
    cms_demo.load()
    steering_demo.load()
    document = json.loads((REPO_DIR / "ecosystem/demo/demo_ecosystem.json").read_text())
    for record in document["municipalities"]:
        Municipality.objects.create(**record)
    demo_ms, _ = timed(indicators_demo.load)
    user = get_user_model().objects.create_user("bench@example.org", "bench@example.org", "x")
    user.groups.add(Group.objects.get(name=STEERING_GROUP))
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    url = IndicatorsPage.objects.get(locale__language_code="fi").url
    filtered = f"{url}?area=858&indicator=long_term_unemployed"
    results: dict = {"requests": args.requests, "demo_load_ms": round(demo_ms)}
    results["demo"] = {
        "observations": Observation.objects.count(),
        "page": requests(client, url, args.requests),
        "filtered": requests(client, filtered, args.requests),
    }
    print("demo:", json.dumps(results["demo"], indent=1))

    path = Path(tmp) / "historia.csv"
    rows = history_csv(path, args.years)
    dry_ms, _ = timed(lambda: indicators_import(path=path, dry_run=True))
    import_ms, summary = timed(lambda: indicators_import(path=path))
    again_ms, _ = timed(lambda: indicators_import(path=path))
    results["history"] = {
        "years": args.years,
        "rows": rows,
        "file_mb": round(path.stat().st_size / 1024 / 1024, 1),
        "dry_run_ms": round(dry_ms),
        "import_ms": round(import_ms),
        "reimport_unchanged_ms": round(again_ms),
        "created": summary.created,
        "observations": Observation.objects.count(),
        "page": requests(client, url, args.requests),
        "filtered": requests(client, filtered, args.requests),
    }
    print("history:", json.dumps(results["history"], indent=1))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS_DIR / f"indicators-{stamp}.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
