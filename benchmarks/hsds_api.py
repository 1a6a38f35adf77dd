"""The HSDS API at national scale: a page of full services, one service, a day's sync.

Fills a fresh SQLite database (temporary directory, or BENCH_DATABASE_URL) with the demo
register and the synthetic national network (`generate_synthetic_ecosystem`, 20 000
services), gives every synthetic service a service point and a phone channel (the generator
makes none, and an HSDS consumer reads them), marks the last day's changes (`--changed`
services modified today, the rest a week ago), then times requests through the whole Django
stack (test client: middleware, the API's rate limit and conditional checks, JSON):

- `/api/hsds/services?full=true&per_page=50` on pages spread over the register (target
  < 300 ms median);
- `/api/hsds/services/{id}` for random services (target < 50 ms);
- a `modified_after` sync of the last day's changes: every page of
  `/api/hsds/services?full=true&per_page=100&modified_after=<a day ago>` (target < 1 s);
- for reference: a revalidation answered 304, and the whole register as `minimal`.

Wall and CPU time are both reported: with SQLite the queries run in this process, so CPU
time is the whole cost of an answer when the machine is shared with other work.

Prints medians and 95th percentiles; writes benchmarks/results/hsds_api-<time>.json.

    .venv/bin/python benchmarks/hsds_api.py [--services 20000] [--changed 200] [-n 30]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_DIR / "benchmarks" / "results"


# CPU time of this process per timed call: SQLite runs in the process, so on a machine
# shared with other work it is the fairer figure (wall time includes waiting for a core).
CPU_MS: list[float] = []


def timed(function) -> tuple[float, object]:
    started, cpu = time.perf_counter(), time.process_time()
    result = function()
    CPU_MS.append((time.process_time() - cpu) * 1000)
    return (time.perf_counter() - started) * 1000, result


def summary(times: list[float]) -> dict:
    """Median and p95 wall time of the last len(times) timed calls, and their median CPU."""
    cpu = CPU_MS[-len(times) :]
    times = sorted(times)
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "cpu_median_ms": round(statistics.median(cpu), 1),
        "n": len(times),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--services", type=int, default=20000)
    parser.add_argument("--changed", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-n", "--requests", type=int, default=30)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="keko-hsds-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/hsds.sqlite3"),
        CACHE_URL="locmemcache://",
        TASK_BACKEND="database",  # the warm-up tasks a data change enqueues wait
        PAGE_CACHE_SECONDS="0",
        KEKO_MODE="local",
    )
    sys.path.insert(0, str(REPO_DIR))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ecosystem.demo import loader as demo
    from ecosystem.models import Service, ServiceChannel
    from ecosystem.models.choices import ChannelType, Visibility
    from ecosystem.register.versioning import bump_data_version

    settings.KEKO_HSDS_RATE_LIMIT = 10**9  # the benchmark is one client asking a lot
    call_command("migrate", verbosity=0)
    demo.load()
    started = time.perf_counter()
    call_command(
        "generate_synthetic_ecosystem",
        services=args.services,
        seed=args.seed,
        stdout=open(os.devnull, "w"),
    )
    rng = random.Random(args.seed)
    synthetic = list(Service.objects.filter(channels__isnull=True).values_list("id", "name_fi"))
    channels = []
    for index, (pk, name) in enumerate(synthetic):
        channels.append(
            ServiceChannel(
                service_id=pk,
                channel_type=ChannelType.SERVICE_POINT,
                name=name,
                street_address=f"Palvelukatu {index % 200 + 1}",
                postal_code=f"{rng.randrange(100, 99999):05d}",
                post_office="Kaupunki",
                opening_hours="ma–pe 8–16",
                email="palvelu@example.fi",
                sort_order=0,
            )
        )
        channels.append(
            ServiceChannel(
                service_id=pk,
                channel_type=ChannelType.PHONE,
                phone="09 123 4567",
                opening_hours="ma–to 9–15",
                sort_order=1,
            )
        )
    ServiceChannel.objects.bulk_create(channels, batch_size=5000)
    week_ago = datetime.now(UTC) - timedelta(days=7)
    Service.objects.update(updated_at=week_ago)
    public = list(Service.objects.filter(visibility=Visibility.PUBLIC).values_list("id", flat=True))
    changed = rng.sample(public, args.changed)
    Service.objects.filter(pk__in=changed).update(updated_at=datetime.now(UTC))
    bump_data_version()
    generated_s = time.perf_counter() - started

    client = Client(HTTP_HOST="localhost")
    results: dict = {
        "database": connection.vendor,
        "services": Service.objects.count(),
        "public_services": len(public),
        "channels": ServiceChannel.objects.count(),
        "generated_s": round(generated_s, 1),
    }

    def get(url: str):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        return response

    per_page = 50
    pages = -(-len(public) // per_page)
    page_numbers = [1 + (pages - 1) * i // (args.requests - 1) for i in range(args.requests)]
    get(f"/api/hsds/services?full=true&per_page={per_page}")  # warm-up
    times = []
    for page in page_numbers:
        elapsed, response = timed(
            lambda page=page: get(f"/api/hsds/services?full=true&per_page=50&page={page}")
        )
        times.append(elapsed)
    with CaptureQueriesContext(connection) as queries:
        response = get(f"/api/hsds/services?full=true&per_page={per_page}&page={pages // 2}")
    results["page_of_50_full"] = summary(times) | {
        "kb": round(len(response.content) / 1024, 1),
        "queries": len(queries),
    }
    etag = response["ETag"]
    url = f"/api/hsds/services?full=true&per_page={per_page}&page={pages // 2}"
    times = [
        timed(lambda: client.get(url, headers={"if-none-match": etag}))[0]
        for _ in range(args.requests)
    ]
    results["revalidation_304"] = summary(times)

    times = []
    for pk in rng.sample(public, args.requests):
        elapsed, response = timed(lambda pk=pk: get(f"/api/hsds/services/{pk}"))
        times.append(elapsed)
    results["one_service"] = summary(times) | {"kb": round(len(response.content) / 1024, 1)}

    since = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")

    def sync() -> int:
        page, seen = 1, 0
        while True:
            body = json.loads(
                get(
                    f"/api/hsds/services?full=true&per_page=100&modified_after={since}&page={page}"
                ).content
            )
            seen += body["size"]
            if body["last_page"]:
                return seen
            page += 1

    times = []
    for _ in range(max(5, args.requests // 3)):
        elapsed, seen = timed(sync)
        times.append(elapsed)
    assert seen >= args.changed, seen  # the changed services (and the demo, if touched)
    results["sync_last_day"] = summary(times) | {"services": seen}

    def minimal() -> int:
        page, seen = 1, 0
        while True:
            body = json.loads(get(f"/api/hsds/services?minimal=true&page={page}").content)
            seen += body["size"]
            if body["last_page"]:
                return seen
            page += 1

    elapsed, seen = timed(minimal)
    results["minimal_whole_register"] = {"ms": round(elapsed), "services": seen}
    print(json.dumps(results, indent=1))
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS_DIR / f"hsds_api-{stamp}.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
