"""Start-up and site search with the national-scale synthetic register.

1. Makes a fresh database (SQLite in a temporary directory, or `BENCH_DATABASE_URL`, e.g. a
   PostgreSQL database of your own: it is dropped and created again), migrates it and fills
   it with the synthetic national network (`generate_synthetic_ecosystem`, 20 000 services
   and 100 000 relations by default): a register that is not the demo, as a production copy
   would be.
2. Times the start-up as `make run` does it (`scripts/run`: `setup_portal`, gunicorn, the task
   worker) from launch until `/healthz` and the search page answer 200 (target < 30 s), and
   checks that start-up changed nothing in the register (counts before and after).
3. Times the site search through that server (anonymous page cache off, so every request
   searches): `-n` requests for each query after one warm-up; prints the median and p95 of
   all of them (target: median < 300 ms).

    .venv/bin/python benchmarks/register_scale.py [--services 20000] [--relations 100000] [-n 20]

Writes benchmarks/results/register-scale-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_DIR / "benchmarks" / "results"
PYTHON = str(REPO_DIR / ".venv" / "bin" / "python")
QUERIES = [
    "palvelu",
    "palvelut",
    "Synteettinen palvelu 1234",
    "kela",
    "nuoret työkokeilu",
    "Ohjaamo",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=REPO_DIR, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def counts(env: dict) -> str:
    code = (
        "from ecosystem.models import *;"
        "print([m.objects.count() for m in (Organisation, Service, Relation, ServicePath,"
        " Municipality, TargetGroup)])"
    )
    return manage(env, "shell", "-c", code).strip()


def recreate_postgres_database(url: str) -> None:
    """Drop and create the (benchmark's own) PostgreSQL database named in url."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def get(url: str) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            status = response.status
    except OSError:
        status = 0
    return status, (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--services", type=int, default=20000)
    parser.add_argument("--relations", type=int, default=100000)
    parser.add_argument("-n", "--requests", type=int, default=20)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="keko-register-scale-"))
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/keko.sqlite3"),
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", f"filecache://{tmp}/cache"),
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "PAGE_CACHE_SECONDS": "0",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "KEKO_ADMIN_PASSWORD": "Bench-Salasana-2026",
        "KEKO_ADMIN_EMAIL": "bench@keko.localhost",
    }
    if "BENCH_DATABASE_URL" in os.environ:
        recreate_postgres_database(env["DATABASE_URL"])
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v0")
    manage(
        env,
        "generate_synthetic_ecosystem",
        f"--services={args.services}",
        f"--relations={args.relations}",
    )
    fill_s = time.perf_counter() - started
    before = counts(env)
    print(f"register filled in {fill_s:.1f} s: {before}", flush=True)

    launched = time.perf_counter()
    server = subprocess.Popen(
        ["scripts/run"],
        cwd=REPO_DIR,
        env=env,
        stdout=open(tmp / "run.log", "w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        serving_s = None
        while time.perf_counter() - launched < 300:
            if server.poll() is not None:
                raise SystemExit(f"scripts/run stopped: see {tmp / 'run.log'}")
            if get(base + "/healthz")[0] == 200 and get(base + "/search/")[0] == 200:
                serving_s = time.perf_counter() - launched
                break
            time.sleep(0.2)
        print(f"start-up to serving: {serving_s:.1f} s", flush=True)
        after = counts(env)
        print(f"register after start-up: {after} ({'unchanged' if after == before else 'CHANGED'})")

        per_query = {}
        every = []
        for query in QUERIES:
            url = f"{base}/search/?" + urllib.parse.urlencode({"q": query})
            status, _warm = get(url)
            assert status == 200, (query, status)
            times = sorted(get(url)[1] for _ in range(args.requests))
            every += times
            per_query[query] = {
                "median_ms": round(statistics.median(times), 1),
                "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
            }
            print(f"search {query!r}: {per_query[query]}", flush=True)
        every.sort()
        summary = {
            "median_ms": round(statistics.median(every), 1),
            "p95_ms": round(every[max(0, int(len(every) * 0.95) - 1)], 1),
        }
        print(f"search, all queries: {summary}")
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    RESULTS_DIR.mkdir(exist_ok=True)
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": env["DATABASE_URL"].split(":")[0],
        "services": args.services,
        "relations": args.relations,
        "fill_s": round(fill_s, 1),
        "startup_to_serving_s": round(serving_s, 1) if serving_s else None,
        "register_unchanged": after == before,
        "search": per_query,
        "search_all": summary,
        "load_average": os.getloadavg(),
    }
    out = RESULTS_DIR / f"register-scale-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
