"""Load: the public mix and a signed-in mix at 100 concurrent connections, with a static file
as the reference from the same run.

Starts the portal as `make run` does (scripts/run: setup_portal with the demo content, then
the supervisor with gunicorn, the task worker and the scheduler) on a free port on 127.0.0.1,
with its own SQLite file by default or the PostgreSQL database and Redis cache given, then
drives it with wrk (a Lua script cycles through the mix; every run is bounded in time):

- static: one CSS file served by WhiteNoise (the reference);
- public: home, news index, an article, events, the map page, map.json, graph.json, search,
  the news feed, the events calendar feed and the sitemap, as anonymous visitors;
- signed-in: six users, each with a session of their own, in two audiences: three
  steering-group members using the map page, map.json (plain and filtered), a partner-only
  node's details, graph.json and the dashboard, and three network partners using the same but
  the dashboard (which is not theirs); requests take the users in turn.

Prints one table (requests/s, p50/p95/p99 latency, errors = socket errors + non-2xx/3xx
answers) and writes it to benchmarks/results/. Goal: no error, p95 < 300 ms public,
< 500 ms signed-in.

    .venv/bin/python benchmarks/load.py                               # SQLite + file cache
    .venv/bin/python benchmarks/load.py --database postgres://postgres@127.0.0.1:5432/keko_h12 \\
        --cache redis://127.0.0.1:6379/12
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import REPO_DIR, RESULTS_DIR, Portal, fetch  # noqa: E402

SIGNED_IN_PASSWORD = "Kuorma-Testi-2026-salasana"
# (email, group): three of each audience, every one with a session of their own.
SIGNED_IN_USERS = [
    (f"load-{kind}-{number}@keko.localhost", group)
    for number in (1, 2, 3)
    for kind, group in (("steering", "Steering group"), ("partner", "Network partners"))
]
TARGET_P95_MS = {"static": None, "public": 300.0, "signed-in": 500.0}

LUA = r"""
local requests = {REQUESTS}
local counter = 0
request = function()
  counter = counter + 1
  local chosen = requests[(counter % #requests) + 1]
  local headers = {["Accept-Encoding"] = "identity", ["Accept-Language"] = "fi"}
  if chosen[2] ~= "" then headers["Cookie"] = chosen[2] end
  return wrk.format("GET", chosen[1], headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'KEKO_RESULT {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, '
    .. '"status": %d, "timeout": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""

# Runs in `manage.py shell` in the portal's environment: the addresses of the mix and a
# signed-in user of the steering group (created once, verified, no second factor needed).
DISCOVER = r"""
import json
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from cms_pages.events import EventIndexPage
from cms_pages.news import NewsIndexPage, NewsPage
from dashboard.models import DashboardPage
from ecosystem.models import EcosystemMapPage
from ecosystem.models import Service

def url(model, **filters):
    page = model.objects.live().filter(locale__language_code="fi", **filters).first()
    return page.get_url() if page else None

for email, group in USERS:
    user, created = get_user_model().objects.get_or_create(email=email, username=email)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name=group))
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
service = Service.objects.exclude(visibility="public").first() or Service.objects.first()
print(json.dumps({
    "news_index": url(NewsIndexPage),
    "article": url(NewsPage),
    "events": url(EventIndexPage),
    "map": url(EcosystemMapPage),
    "dashboard": url(DashboardPage),
    "service": str(service.pk) if service else None,
}))
"""


def discover(portal: Portal) -> dict:
    code = DISCOVER.replace("USERS", repr(SIGNED_IN_USERS)).replace(
        "PASSWORD", repr(SIGNED_IN_PASSWORD)
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=REPO_DIR,
        env=portal.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise SystemExit(f"Could not read the demo's addresses:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def sign_in(base_url: str, email: str) -> str:
    """The session cookie of a user signed in through allauth's real sign-in form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base_url}/accounts/login/", timeout=30) as response:
        form = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "login": email, "password": SIGNED_IN_PASSWORD}
    ).encode()
    request = urllib.request.Request(
        f"{base_url}/accounts/login/", data=data, headers={"Referer": f"{base_url}/"}
    )
    opener.open(request, timeout=30).read()
    # The sign-in leaves a message ("Signed in as …") for the next page, as a browser would
    # show it once; wrk never sends the cookie that clears it, so show it here first.
    opener.open(f"{base_url}/", timeout=30).read()
    cookies = {c.name: c.value for c in jar}
    if "messages" in cookies:
        raise SystemExit("The sign-in message was not shown and cleared.")
    if "sessionid" not in cookies:
        raise SystemExit("Signing in did not give a session cookie.")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def mixes(found: dict, static_path: str) -> dict[str, list[str]]:
    map_page = found["map"]
    public = [
        "/",
        found["news_index"],
        found["article"],
        found["events"],
        map_page,
        "/api/ecosystem/map.json",
        "/api/ecosystem/graph.json",
        "/search/?q=ohjaamo",
        "/feeds/news.rss",
        "/feeds/events.ics",
        "/sitemap.xml",
    ]
    signed_in = [
        map_page,
        "/api/ecosystem/map.json",
        "/api/ecosystem/map.json?tg=young_people",
        f"/api/ecosystem/nodes/svc:{found['service']}.json" if found["service"] else None,
        "/api/ecosystem/graph.json",
        found["dashboard"],
    ]
    return {
        "static": [static_path],
        "public": [p for p in public if p],
        "signed-in": [p for p in signed_in if p],
    }


def check(base_url: str, paths: list[str], cookie: str = "", workers: int = 4) -> dict[str, float]:
    """Every address answers 200 before it is measured: two requests per gunicorn worker first
    (each worker's first request may fill caches), then the median time of five more single
    requests to each, in ms (a worker's warm-up used to land in the median)."""
    import statistics
    import time

    warm_up = 2 * workers
    alone = {}
    for path in paths:
        times = []
        for attempt in range(warm_up + 5):
            request = urllib.request.Request(base_url + path, headers={"Cookie": cookie})
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=120) as response:
                response.read()
                if response.status != 200 or response.url != base_url + path:
                    raise SystemExit(f"{path} answered {response.status} at {response.url}")
            if attempt >= warm_up:
                times.append((time.perf_counter() - started) * 1000)
        alone[path] = round(statistics.median(times), 1)
        print(f"  {path}: {alone[path]} ms alone", flush=True)
    return alone


def run_wrk(base_url: str, requests: list[tuple[str, str]], *, duration: int, connections: int,
            threads: int, work_dir: Path) -> dict:  # fmt: skip
    """wrk cycling through `requests`: (path, cookie) pairs."""
    script = work_dir / "mix.lua"
    lua = ", ".join(f"{{{json.dumps(path)}, {json.dumps(cookie)}}}" for path, cookie in requests)
    script.write_text(LUA.replace("{REQUESTS}", "{" + lua + "}"))
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
        "-s", str(script), base_url,
    ]  # fmt: skip
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=duration + 120
    ).stdout
    raw = json.loads(re.search(r"KEKO_RESULT (\{.*\})", output).group(1))
    errors = raw["connect"] + raw["read"] + raw["write"] + raw["timeout"] + raw["status"]
    return {
        "requests": raw["requests"],
        "requests_per_second": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "max_ms": round(raw["max_us"] / 1000, 1),
        "errors": errors,
        "error_detail": {k: raw[k] for k in ("connect", "read", "write", "timeout", "status")},
    }


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def ensure_postgres_database(url: str) -> None:
    """Create the named PostgreSQL database if it is missing (never drops anything)."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="DATABASE_URL (default: a new SQLite file)")
    parser.add_argument("--cache", help="CACHE_URL (default: a file cache in the temp dir)")
    parser.add_argument("--duration", type=int, default=60, help="seconds per mix (60)")
    parser.add_argument("--connections", type=int, default=100, help="concurrent (100)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=int, default=None, help="WEB_CONCURRENCY")
    parser.add_argument("--only", help="comma-separated mixes: static,public,signed-in")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("KEKO: the load benchmark needs wrk: apt-get install wrk")
    work_dir = Path(tempfile.mkdtemp(prefix="keko-load-"))
    saved = {k: os.environ.get(k) for k in ("DATABASE_URL", "CACHE_URL")}
    if args.database:
        if args.database.startswith("postgres"):
            ensure_postgres_database(args.database)
        os.environ["DATABASE_URL"] = args.database
    if args.cache:
        os.environ["CACHE_URL"] = args.cache
    portal = Portal(work_dir, args.workers)
    for key, value in saved.items():  # Portal has copied the environment
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    if args.database:
        portal.env["DATABASE_URL"] = args.database
    kinds = f"{portal.env['DATABASE_URL'].split(':')[0]}, {portal.env['CACHE_URL'].split(':')[0]}"
    print(f"Starting the portal ({kinds}) on {portal.base_url} ...", flush=True)
    portal.start()
    try:
        found = discover(portal)
        _status, _headers, home = fetch(portal.base_url + "/")
        static_path = re.search(r'href="(/static/[^"]+\.css)"', home).group(1)
        cookies = {email: sign_in(portal.base_url, email) for email, _group in SIGNED_IN_USERS}
        selected = set(args.only.split(",")) if args.only else None
        results = {}
        for name, paths in mixes(found, static_path).items():
            if selected and name not in selected:
                continue
            workers = int(portal.env.get("WEB_CONCURRENCY") or 4)
            if name == "signed-in":
                # Each user in turn, through the addresses their audience may open.
                requests = [
                    (path, cookies[email])
                    for path in paths
                    for email, group in SIGNED_IN_USERS
                    if path != found["dashboard"] or group == "Steering group"
                ]
                steering = cookies[SIGNED_IN_USERS[0][0]]
                alone = check(portal.base_url, paths, steering, workers)
            else:
                requests = [(path, "") for path in paths]
                alone = check(portal.base_url, paths, "", workers)
            print(f"{name}: {len(paths)} addresses, {args.connections} connections, "
                  f"{args.duration} s (load {load_average()}) ...", flush=True)  # fmt: skip
            results[name] = run_wrk(
                portal.base_url, requests, duration=args.duration,
                connections=args.connections, threads=args.threads, work_dir=work_dir,
            )  # fmt: skip
            results[name]["alone_ms"] = alone
            results[name]["load_after"] = load_average()
    finally:
        portal.stop()
        shutil.rmtree(work_dir, ignore_errors=True)

    print()
    print("| mix | requests/s | p50 ms | p95 ms | p99 ms | errors | goal |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, r in results.items():
        target = TARGET_P95_MS[name]
        goal = "-" if target is None else (
            "met" if r["errors"] == 0 and r["p95_ms"] < target else "missed"
        )  # fmt: skip
        print(f"| {name} | {r['requests_per_second']} | {r['p50_ms']} | {r['p95_ms']} | "
              f"{r['p99_ms']} | {r['errors']} | {goal} |")  # fmt: skip
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS_DIR / f"load-{stamp}.json"
    out.write_text(json.dumps({
        "when": stamp, "host": platform.node(), "cpus": os.cpu_count(),
        "database": portal.env["DATABASE_URL"].split(":")[0],
        "cache": portal.env["CACHE_URL"].split(":")[0],
        "connections": args.connections, "duration": args.duration, "results": results,
    }, indent=2))  # fmt: skip
    print(f"\nWritten to {out.relative_to(REPO_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
