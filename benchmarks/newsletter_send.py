"""Newsletter sending speed and memory: N subscribers, one worker, a local SMTP sink.

    .venv/bin/python benchmarks/newsletter_send.py [--sizes 1000 10000] [--database sqlite|postgres]
        [--profile]

(--database postgres uses the server and database name of a PostgreSQL DATABASE_URL, if
set; the database is dropped and created afresh.)

Three kinds of process, so that each figure measures one thing:
- the SMTP sink: aiosmtpd on 127.0.0.1 (a real SMTP server), counting messages and SMTP
  sessions (EHLOs) in shared counters, keeping nothing;
- per size, a preparing process: a fresh database (SQLite file in a temp dir, or a
  PostgreSQL database keko_newsletter_bench), migrate, the demo pages and lists, and N
  subscribers bulk-created (70 % fi, 20 % sv, 10 % en);
- per size, a sending process that only does what the worker does: `send_start` (the
  delivery rows) and `send_run` (batches of 200 over one SMTP connection each). Its peak
  RSS (ru_maxrss) is the memory figure: flat in N means the same at 1k and 10k.

Prints a table, checks the sink got exactly N messages, and writes the figures to
benchmarks/results/newsletter_send-<time>.json. Target: 10,000 in under 60 s.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_DIR / "benchmarks" / "results"
TARGET_SECONDS = 60
# --database postgres: a PostgreSQL DATABASE_URL in the environment names the server and the
# (throw-away) database to create; else postgres@127.0.0.1, database keko_newsletter_bench.
_PG_URL = os.environ.get("DATABASE_URL", "")
if not _PG_URL.startswith(("postgres://", "postgresql://")):
    _PG_URL = "postgres://postgres@127.0.0.1:5432/keko_newsletter_bench"
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", _PG_URL.rsplit("/", 1)[0] + "/postgres")
PG_DB_NAME = _PG_URL.rsplit("/", 1)[1].split("?")[0]


# ---------------------------------------------------------------- the SMTP sink process


def _run_sink(port: int, messages, sessions, ready) -> None:
    """aiosmtpd with DATA read in large chunks instead of line by line.

    Stock aiosmtpd reads DATA one line at a time, which costs it about 5 ms per 10 kB
    message on this machine: the benchmark would measure the sink. A real MTA accepts
    thousands of messages a second; this keeps the sink out of the figures. The protocol
    is the same (smtplib does not pipeline, so the buffer ends at the end of DATA).
    """
    import asyncio
    import logging

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import SMTP

    logging.getLogger("mail.log").setLevel(logging.WARNING)

    class ChunkedDataSMTP(SMTP):
        async def smtp_DATA(self, arg):
            if await self.check_helo_needed():
                return
            if not self.envelope.rcpt_tos:
                await self.push("503 Error: need RCPT command")
                return
            await self.push("354 End data with <CR><LF>.<CR><LF>")
            data = bytearray()
            while not data.endswith(b"\r\n.\r\n") and data != b".\r\n":
                chunk = await self._reader.read(1 << 16)
                if not chunk:
                    return
                data += chunk
            with messages.get_lock():
                messages.value += 1
            await self.push("250 2.0.0 Accepted")
            self._set_post_data_state()

    class CountingHandler:
        async def handle_EHLO(self, server, session, envelope, hostname, responses):
            with sessions.get_lock():
                sessions.value += 1
            session.host_name = hostname
            return responses

    class ChunkedController(Controller):
        def factory(self):
            return ChunkedDataSMTP(self.handler, **self.SMTP_kwargs)

    controller = ChunkedController(CountingHandler(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    try:
        asyncio.run(asyncio.Event().wait())
    finally:
        controller.stop()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------- child processes


def _django(env: dict) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(REPO_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()


def prepare(size: int) -> dict:
    """Fresh schema, demo pages and lists, `size` confirmed subscribers."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from newsletter.demo import load as load_newsletter
    from newsletter.models import MailingList, NewsletterIssuePage, Subscriber, Subscription

    load_newsletter()  # lists, archive and first issue under the default site's root page
    general = MailingList.objects.get(slug="general")
    languages = ["fi"] * 7 + ["sv"] * 2 + ["en"]
    chunk = 2000
    for start in range(0, size, chunk):
        subscribers = Subscriber.objects.bulk_create(
            [
                Subscriber(email=f"reader{n:06d}@example.fi", language=languages[n % 10])
                for n in range(start, min(start + chunk, size))
            ]
        )
        Subscription.objects.bulk_create(
            [
                Subscription(subscriber=s, mailing_list=general, status="confirmed")
                for s in subscribers
            ]
        )
    issue = NewsletterIssuePage.objects.get(locale__language_code="fi")
    return {"issue_id": issue.pk, "list_id": general.pk}


def send(issue_id: int, list_id: int, profile: str = "") -> dict:
    """What the worker does, timed; memory is the process's peak RSS.

    With `profile` (a file path) the send runs under cProfile and the stats go there.
    """
    from django.db import connection

    from newsletter.models import MailingList, NewsletterIssuePage
    from newsletter.services.sending import send_run, send_start

    issue = NewsletterIssuePage.objects.get(pk=issue_id)
    mailing_list = MailingList.objects.get(pk=list_id)
    connection.ensure_connection()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu_started = time.process_time()
    started = time.perf_counter()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    send_record, _created = send_start(issue=issue, mailing_list=mailing_list)
    deliveries_created = time.perf_counter()
    report = send_run(send_record)
    finished = time.perf_counter()
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    cpu_seconds = time.process_time() - cpu_started
    return {
        "total": send_record.total,
        "sent": report.sent,
        "failed": report.failed,
        "batches": report.batches,
        "connections": report.connections,
        "seconds_start": round(deliveries_created - started, 3),
        "seconds_send": round(finished - deliveries_created, 3),
        "seconds_total": round(finished - started, 3),
        "sender_cpu_seconds": round(cpu_seconds, 3),
        "sender_cpu_ms_per_message": round(1000 * cpu_seconds / max(report.sent, 1), 3),
        "rss_before_send_mb": round(rss_before / 1024, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def child_main(argv: list[str]) -> None:
    role, env_json = argv[0], argv[1]
    _django(json.loads(env_json))
    if role == "prepare":
        result = prepare(int(argv[2]))
    else:
        result = send(int(argv[2]), int(argv[3]), argv[4] if len(argv) > 4 else "")
    print("RESULT " + json.dumps(result))


def run_child(args: list[str], env: dict) -> dict:
    command = [sys.executable, __file__, "--child", *args[:1], json.dumps(env), *args[1:]]
    completed = subprocess.run(command, cwd=REPO_DIR, capture_output=True, text=True, timeout=1800)
    lines = [line for line in completed.stdout.splitlines() if line.startswith("RESULT ")]
    if completed.returncode != 0 or not lines:
        sys.stderr.write(completed.stdout[-3000:] + completed.stderr[-5000:])
        raise SystemExit(f"KEKO benchmark: the {args[0]} process failed.")
    return json.loads(lines[-1][len("RESULT ") :])


# ---------------------------------------------------------------- databases


def fresh_database(kind: str, workdir: Path, size: int) -> str:
    if kind == "sqlite":
        return f"sqlite:///{workdir / f'bench-{size}.sqlite3'}"
    import psycopg

    with psycopg.connect(
        PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True
    ) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{PG_DB_NAME}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{PG_DB_NAME}"')
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_DB_NAME}"


def drop_database(kind: str) -> None:
    if kind != "postgres":
        return
    import psycopg

    with psycopg.connect(
        PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True
    ) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{PG_DB_NAME}" WITH (FORCE)')


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="run each send under cProfile; stats to benchmarks/results/, top 25 printed",
    )
    options = parser.parse_args()

    context = multiprocessing.get_context("spawn")
    messages, sessions = context.Value("l", 0), context.Value("l", 0)
    ready = context.Event()
    port = free_port()
    sink = context.Process(target=_run_sink, args=(port, messages, sessions, ready), daemon=True)
    sink.start()
    if not ready.wait(30):
        raise SystemExit("KEKO benchmark: the SMTP sink did not start.")

    rows = []
    try:
        with tempfile.TemporaryDirectory(prefix="keko-newsletter-bench-") as tmp:
            for size in options.sizes:
                database_url = fresh_database(options.database, Path(tmp), size)
                env = {
                    "DATABASE_URL": database_url,
                    "CACHE_URL": "locmemcache://",
                    "EMAIL_URL": f"smtp://127.0.0.1:{port}",
                    "TASK_BACKEND": "immediate",
                    "BASE_URL": "https://keko.example.fi",
                    "LOG_LEVEL": "WARNING",
                    "MEDIA_ROOT": str(Path(tmp) / "media"),
                }
                prepared = run_child(["prepare", str(size)], env)
                messages.value, sessions.value = 0, 0
                send_args = ["send", str(prepared["issue_id"]), str(prepared["list_id"])]
                if options.profile:
                    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
                    stats_path = RESULTS_DIR / f"newsletter_send-{options.database}-{size}.prof"
                    send_args.append(str(stats_path))
                result = run_child(send_args, env)
                if options.profile:
                    import pstats

                    print(f"\ncProfile of the send, {size} subscribers ({stats_path.name}):")
                    pstats.Stats(str(stats_path)).sort_stats("tottime").print_stats(25)
                time.sleep(0.2)
                result.update(
                    size=size,
                    sink_messages=messages.value,
                    sink_sessions=sessions.value,
                    messages_per_second=round(result["sent"] / result["seconds_send"], 1),
                )
                rows.append(result)
                drop_database(options.database)
    finally:
        sink.terminate()

    print(
        f"\nNewsletter send, one worker, batches of 200, {options.database}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs\n"
    )
    header = (
        f"{'subscribers':>11} {'start s':>8} {'send s':>8} {'total s':>8} {'msg/s':>8} "
        f"{'SMTP conn':>9} {'received':>9} {'peak RSS MB':>11} {'CPU ms/msg':>10}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['size']:>11} {row['seconds_start']:>8} {row['seconds_send']:>8} "
            f"{row['seconds_total']:>8} {row['messages_per_second']:>8} "
            f"{row['sink_sessions']:>9} {row['sink_messages']:>9} {row['peak_rss_mb']:>11} "
            f"{row['sender_cpu_ms_per_message']:>10}"
        )
    ok = all(row["sink_messages"] == row["size"] == row["sent"] for row in rows)
    largest = max(rows, key=lambda row: row["size"])
    verdict = "met" if largest["seconds_total"] < TARGET_SECONDS else "MISSED"
    print(
        f"\nEvery subscriber received exactly one message: {'yes' if ok else 'NO'}; "
        f"{largest['size']} in {largest['seconds_total']} s "
        f"(target under {TARGET_SECONDS} s: {verdict})."
    )
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS_DIR / f"newsletter_send-{stamp}.json"
    path.write_text(
        json.dumps(
            {
                "database": options.database,
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "batch_size": 200,
                "load_average": os.getloadavg(),
                "rows": rows,
            },
            indent=2,
        )
    )
    load = os.getloadavg()[0]
    print(f"Load average during the run: {load:.1f} (other processes slow both sink and sender).")
    print(f"Figures written to {path.relative_to(REPO_DIR)}")
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2:])
    else:
        main()
