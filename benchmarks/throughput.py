"""Throughput of cached pages vs a static file, on one server, in one run.

Starts the portal as `make run` does (scripts/run: setup_portal, gunicorn with its workers,
WhiteNoise, the task worker) on a free port with its own SQLite file, waits for /healthz,
warms up, then measures with wrk, one target after the other and in alternating rounds:

- a static CSS file (WhiteNoise; its hashed name read from the home page's HTML),
- the Finnish home page and the English home page as an anonymous visitor gets them
  (the whole-page cache of portal/page_cache.py),
- the health endpoint (uncached: one database and one cache round trip).

Prints a table and the ratio home/static (target >= 0.5, aim 0.7), writes the figures to
benchmarks/results/, and stops the server with SIGTERM to its process group.
Only 127.0.0.1 is ever a target; every wrk run is bounded in time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_DIR / "benchmarks" / "results"
TARGET_RATIO = 0.5
AIM_RATIO = 0.7


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 10) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers={"Accept-Language": "fi"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body = response.read().decode("utf-8", errors="replace")
        return response.status, dict(response.headers.items()), body


class Portal:
    """The portal started by scripts/run in its own process group."""

    def __init__(self, work_dir: Path, workers: int | None, gunicorn_args: str = ""):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = work_dir / "server.log"
        env = dict(os.environ)
        env.update(
            PORT=str(self.port),
            DATABASE_URL=f"sqlite:///{work_dir / 'keko.sqlite3'}",
            STATIC_ROOT=str(work_dir / "static"),
            BASE_URL=self.base_url,
        )
        # Same backend as `make run` by default (a file cache), but in the temp dir; a
        # CACHE_URL in the environment (e.g. Redis) is used as given.
        env.setdefault("CACHE_URL", f"filecache://{work_dir / 'cache'}")
        env.pop("DEBUG", None)
        if workers:
            env["WEB_CONCURRENCY"] = str(workers)
        if gunicorn_args:
            # gunicorn reads extra command-line settings from this variable (e.g. the worker class).
            env["GUNICORN_CMD_ARGS"] = gunicorn_args
        self.env = env
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 600) -> None:
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            ["scripts/run"],
            cwd=REPO_DIR,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"scripts/run exited ({self.process.returncode}):\n{self.log()}")
            try:
                if fetch(f"{self.base_url}/healthz", timeout=5)[0] == 200:
                    return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        self.stop()
        raise SystemExit(f"/healthz did not answer within {timeout}s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self._log.close()


WRK_LATENCY = re.compile(r"^\s+Latency\s+(\S+)\s+(\S+)\s+(\S+)", re.M)
WRK_PERCENTILE = re.compile(r"^\s+(50|75|90|99)%\s+(\S+)", re.M)
WRK_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.M)
WRK_REQUESTS = re.compile(r"^\s+(\d+) requests in", re.M)
WRK_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
WRK_SOCKET_ERRORS = re.compile(r"Socket errors:.*")


def to_ms(value: str) -> float:
    units = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if not match:
        return float("nan")
    return float(match.group(1)) * units[match.group(2)]


def run_wrk(url: str, duration: int, connections: int, threads: int) -> dict:
    """One bounded wrk run against a loopback URL; its parsed figures."""
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "--latency",
        "-H",
        "Accept-Encoding: identity",
        url,
    ]
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=duration + 60
    ).stdout
    latency = WRK_LATENCY.search(output)
    percentiles = {p: to_ms(v) for p, v in WRK_PERCENTILE.findall(output)}
    non_2xx = WRK_NON_2XX.search(output)
    socket_errors = WRK_SOCKET_ERRORS.search(output)
    return {
        "requests_per_second": float(WRK_RPS.search(output).group(1)),
        "requests": int(WRK_REQUESTS.search(output).group(1)),
        "latency_avg_ms": to_ms(latency.group(1)),
        "latency_max_ms": to_ms(latency.group(3)),
        "latency_p50_ms": percentiles.get("50"),
        "latency_p90_ms": percentiles.get("90"),
        "latency_p99_ms": percentiles.get("99"),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": socket_errors.group(0) if socket_errors else "",
    }


def static_css_path(home_html: str) -> str:
    match = re.search(r'href="(/static/[^"]+\.css)"', home_html)
    if not match:
        raise SystemExit("The home page links no CSS file under /static/: nothing to compare with.")
    return match.group(1)


def check_targets(base_url: str, targets: dict[str, str]) -> dict[str, dict[str, str]]:
    """Every target answers 200; the pages come from the page cache (X-Page-Cache: hit)."""
    seen = {}
    for name, path in targets.items():
        for _ in range(3):  # the first request fills the cache, the next ones hit it
            status, headers, _body = fetch(base_url + path)
        if status != 200:
            raise SystemExit(f"{path} answered {status}, not 200")
        seen[name] = {
            "path": path,
            "x_page_cache": headers.get("X-Page-Cache", "-"),
            "content_length": headers.get("Content-Length", "-"),
        }
    return seen


def summarise(rounds: list[dict[str, dict]]) -> dict[str, dict]:
    """Median over the rounds of each target's figures."""
    summary = {}
    for name in rounds[0]:
        runs = [r[name] for r in rounds]
        summary[name] = {
            key: statistics.median(run[key] for run in runs)
            for key in runs[0]
            if isinstance(runs[0][key], (int, float)) and runs[0][key] is not None
        }
        summary[name]["non_2xx"] = sum(run["non_2xx"] for run in runs)
        errors = [run["socket_errors"] for run in runs if run["socket_errors"]]
        summary[name]["socket_errors"] = "; ".join(errors)
    return summary


def print_table(summary: dict[str, dict], targets: dict[str, str]) -> None:
    header = (
        f"{'target':<8} {'path':<44} {'req/s':>9} {'avg ms':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'errors':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, figures in summary.items():
        path = targets[name] if len(targets[name]) <= 44 else targets[name][:41] + "..."
        print(
            f"{name:<8} {path:<44} {figures['requests_per_second']:>9.0f} "
            f"{figures['latency_avg_ms']:>8.2f} {figures['latency_p50_ms']:>8.2f} "
            f"{figures['latency_p99_ms']:>8.2f} {figures['non_2xx']:>7}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds per target")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=None, help="WEB_CONCURRENCY for scripts/run")
    parser.add_argument(
        "--gunicorn-args",
        default=os.environ.get("GUNICORN_CMD_ARGS", ""),
        help="extra gunicorn settings, e.g. '--worker-class gthread --threads 4'",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="keko-bench-") as tmp:
        portal = Portal(Path(tmp), args.workers, args.gunicorn_args)
        print(f"Starting the portal with scripts/run on {portal.base_url} ...", flush=True)
        started = time.monotonic()
        portal.start()
        print(f"Healthy after {time.monotonic() - started:.1f}s.", flush=True)
        try:
            _status, _headers, home_html = fetch(portal.base_url + "/")
            targets = {
                "static": static_css_path(home_html),
                "home": "/",
                "home_en": "/en/",
                "healthz": "/healthz",
            }
            checked = check_targets(portal.base_url, targets)
            for name, info in checked.items():
                print(f"  {name:<8} {info['path']}  X-Page-Cache: {info['x_page_cache']}")
            print("Warming up ...", flush=True)
            for path in targets.values():
                run_wrk(portal.base_url + path, 2, args.connections, args.threads)
            rounds = []
            for number in range(1, args.rounds + 1):
                print(f"Round {number}/{args.rounds} ...", flush=True)
                rounds.append(
                    {
                        name: run_wrk(
                            portal.base_url + path, args.duration, args.connections, args.threads
                        )
                        for name, path in targets.items()
                    }
                )
        finally:
            portal.stop()
    print("Server stopped.")

    summary = summarise(rounds)
    ratio = summary["home"]["requests_per_second"] / summary["static"]["requests_per_second"]
    ratio_en = summary["home_en"]["requests_per_second"] / summary["static"]["requests_per_second"]
    workers = args.workers or int(os.environ.get("WEB_CONCURRENCY", 4))
    print()
    print(
        f"cores={os.cpu_count()} gunicorn workers={workers} {args.gunicorn_args} "
        f"cache={portal.env['CACHE_URL'].split('://')[0]}; wrk: {args.threads} threads, "
        f"{args.connections} connections, {args.duration}s x {args.rounds} rounds (median)"
    )
    print_table(summary, targets)
    verdict = "meets" if ratio >= TARGET_RATIO else "MISSES"
    print(
        f"\nhome/static = {ratio:.2f} (en: {ratio_en:.2f}); "
        f"target {TARGET_RATIO}, aim {AIM_RATIO}: {verdict} the target"
    )

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    result_path = RESULTS_DIR / f"throughput-{stamp}.json"
    result_path.write_text(
        json.dumps(
            {
                "when": stamp,
                "cores": os.cpu_count(),
                "machine": platform.platform(),
                "python": sys.version.split()[0],
                "gunicorn_workers": workers,
                "gunicorn_args": args.gunicorn_args,
                "cache_url": portal.env["CACHE_URL"].split("://")[0],
                "wrk": vars(args),
                "targets": checked,
                "summary": summary,
                "rounds": rounds,
                "ratio_home_static": round(ratio, 3),
                "ratio_home_en_static": round(ratio_en, 3),
            },
            indent=2,
        )
    )
    print(f"Results written to {result_path.relative_to(REPO_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
