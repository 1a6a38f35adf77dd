"""The register graph and graph.json: the demo data, then the synthetic national network.

Makes a scratch database — a SQLite file in a temporary directory, or, when DATABASE_URL
names a PostgreSQL server, a scratch database on it (Django's test database, dropped at the
end) — and measures, first for the demo data (`ecosystem.demo.load`), then with
`generate_synthetic_ecosystem --services N --relations M` added:

- building the graph (`ecosystem.network.graph.build_graph`, all records and public ones): median
  wall and CPU time of several runs, and the peak of Python's allocations during one build
  (tracemalloc);
- `GET /api/ecosystem/graph.json` as an anonymous caller through Django's test client
  (server time, no network): cold (empty cache: the graph is built, filtered and cached in
  blocks), warm (the same and other pages from the cache), and a filtered query cold.

Prints a table and writes benchmarks/results/graph-<time>.json; also reports the process's
peak resident memory. Times on a shared machine vary: compare CPU time with wall time.

    .venv/bin/python benchmarks/graph.py [--services 20000] [--relations 100000] [--runs 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/keko_bench .venv/bin/python benchmarks/graph.py
    benchmarks/run graph [options]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_DIR / "benchmarks" / "results"
URL = "/api/ecosystem/graph.json"


def timed(function, runs: int) -> dict[str, float]:
    """Median wall and CPU milliseconds of `runs` calls (a full collection before each)."""
    walls, cpus = [], []
    for _run in range(runs):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
    return {
        "wall_ms": round(statistics.median(walls), 1),
        "cpu_ms": round(statistics.median(cpus), 1),
    }


def measure(label: str, runs: int) -> dict:
    from django.core.cache import cache
    from django.test import Client

    from ecosystem.models import Relation, Service
    from ecosystem.network.graph import build_graph

    result: dict = {
        "data": label,
        "services": Service.objects.count(),
        "relations": Relation.objects.count(),
    }
    for public_only in (False, True):
        name = "public" if public_only else "all"
        result[f"build_{name}"] = timed(
            lambda public_only=public_only: build_graph(public_only=public_only), runs
        )
    gc.collect()
    tracemalloc.start()
    graph = build_graph()
    result["build_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
    tracemalloc.stop()
    result["nodes"], result["edges"] = graph.number_of_nodes(), graph.number_of_edges()
    del graph

    client = Client()
    client.get("/healthz")  # Django's own first-request work is not graph.json's

    def get(url: str) -> dict:
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]
        return {"bytes": len(response.content), "data": response.json()}

    def cold(url: str):
        return lambda: (cache.clear(), get(url))

    first = get(URL)["data"]
    result["api_items"] = first["count"]["nodes"] + first["count"]["edges"]
    result["api_pages"] = first["pages"]
    result["api_page_bytes"] = get(URL)["bytes"]
    result["api_cold"] = timed(cold(URL), runs)
    get(URL)
    result["api_warm"] = timed(lambda: get(URL), runs)
    last = f"{URL}?page={first['pages']}"
    result["api_warm_last_page"] = timed(lambda: get(last), runs)
    largest = f"{URL}?limit=10000&page={max(1, first['pages'] * 2000 // 10000)}"
    result["api_warm_10000_items"] = timed(lambda: get(largest), runs)
    result["api_cold_filtered"] = timed(cold(f"{URL}?tg=immigrants&rel=referral"), runs)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--services", type=int, default=20000)
    parser.add_argument("--relations", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="keko-graph-bench-")
    postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    if not postgres:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/graph.sqlite3"
    os.environ.update(DJANGO_SETTINGS_MODULE="portal.settings", CACHE_URL="locmemcache://")
    sys.path.insert(0, str(REPO_DIR))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host is allowed
    database_name = connection.settings_dict["NAME"]
    if postgres:
        connection.settings_dict["TEST"]["NAME"] = f"{database_name}_graph_benchmark"
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    else:
        call_command("migrate", verbosity=0)
    from ecosystem.demo import loader as demo

    try:
        demo.load()
        rows = [measure("demo", args.runs)]
        started = time.perf_counter()
        call_command(
            "generate_synthetic_ecosystem",
            services=args.services,
            relations=args.relations,
            seed=args.seed,
        )
        generated_s = time.perf_counter() - started
        rows.append(measure(f"synthetic {args.services}/{args.relations}", args.runs))
    finally:
        if postgres:
            connection.creation.destroy_test_db(database_name, verbosity=0)
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"database: {connection.vendor}; synthetic data generated in {generated_s:.0f} s")
    print(f"process peak resident memory: {peak_rss_mb:.0f} MB")
    for row in rows:
        print(
            f"\n{row['data']}: {row['services']} services, {row['relations']} relations -> "
            f"graph of {row['nodes']} nodes, {row['edges']} edges; graph.json "
            f"{row['api_items']} public items in {row['api_pages']} pages of 2000 "
            f"({row['api_page_bytes'] / 1024:.0f} KB a page)"
        )
        print(f"  {'measure':34} {'wall ms':>9} {'CPU ms':>9}")
        for key, name in (
            ("build_all", "graph build, all records"),
            ("build_public", "graph build, public records"),
            ("api_cold", "graph.json cold (cache empty)"),
            ("api_warm", "graph.json warm, first page"),
            ("api_warm_last_page", "graph.json warm, last page"),
            ("api_warm_10000_items", "graph.json warm, limit=10000"),
            ("api_cold_filtered", "graph.json cold, tg+rel filtered"),
        ):
            print(f"  {name:34} {row[key]['wall_ms']:9.1f} {row[key]['cpu_ms']:9.1f}")
        print(f"  graph build peak Python allocations: {row['build_peak_mb']} MB")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    result = {
        "database": connection.vendor,
        "runs": args.runs,
        "generated_s": round(generated_s),
        "peak_rss_mb": round(peak_rss_mb),
        "rows": rows,
    }
    (RESULTS_DIR / f"graph-{stamp}.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
