"""Runs the portal's processes — web (gunicorn), task worker, scheduler — and keeps them running.

`scripts/run` (`make run`) ends here after `setup_portal`. A process that exits is started
again after a short pause (1, 2, 4 … 30 s as it keeps failing), with one log line saying
which one, how it ended and how many restarts it has had; only a process that has to be
restarted more than KEKO_RESTART_LIMIT times within KEKO_RESTART_WINDOW seconds stops the
portal (exit status 1), since that is a fault a person has to look at. Ctrl-C or SIGTERM
stops every process (SIGTERM, then SIGKILL after GUNICORN_GRACEFUL_TIMEOUT + 5 seconds) and
exits 0. In production, systemd does this job instead (README: "Running in production").

Usage: .venv/bin/python scripts/supervise.py [--only web,worker,scheduler]
"""

from __future__ import annotations

import argparse
import collections
import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))

from portal import config  # noqa: E402  (the repository is on sys.path only now)

logger = logging.getLogger("keko.supervisor")

MAX_PAUSE = 30.0
POLL_SECONDS = 0.2


def _die_with_parent() -> None:
    """In the child: get SIGTERM if the supervisor itself is killed (Linux), no orphans."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass


@dataclass
class Program:
    name: str
    command: list[str]
    process: subprocess.Popen | None = None
    restarts: collections.deque = field(default_factory=collections.deque)
    restart_at: float | None = None

    def start(self) -> None:
        # A session of its own: Ctrl-C in the terminal reaches the supervisor only, which
        # then stops each process once (a second signal would make the task worker abandon
        # the task in hand).
        self.process = subprocess.Popen(
            self.command, cwd=REPO_DIR, start_new_session=True, preexec_fn=_die_with_parent
        )
        self.restart_at = None
        logger.info("%s started (pid %d)", self.name, self.process.pid)


def worker_command(python: str) -> list[str] | None:
    backend = config.env("TASK_BACKEND")
    if backend == "immediate":
        return None
    if backend == "rq":
        return [python, "manage.py", "rqworker", "--with-scheduler"]
    return [python, "manage.py", "db_worker", "--interval", "1"]


def programs(only: set[str] | None) -> list[Program]:
    python = sys.executable
    venv_bin = Path(python).parent
    gunicorn = str(venv_bin / "gunicorn") if (venv_bin / "gunicorn").exists() else "gunicorn"
    port = config.env("PORT")
    found = [
        # The rest of gunicorn's settings come from gunicorn.conf.py.
        Program("web", [gunicorn, "--bind", f"127.0.0.1:{port}"]),
        Program("scheduler", [python, "manage.py", "run_scheduler"]),
    ]
    worker = worker_command(python)
    if worker:
        found.insert(1, Program("worker", worker))
    return [p for p in found if only is None or p.name in only]


class Supervisor:
    def __init__(self, programs: list[Program], limit: int, window: int, grace: float):
        self.programs = programs
        self.limit = limit
        self.window = window
        self.grace = grace
        self.stopping = False

    def _signal(self, signum, frame) -> None:
        if not self.stopping:
            logger.info("%s received: stopping everything", signal.Signals(signum).name)
        self.stopping = True

    def run(self) -> int:
        signal.signal(signal.SIGINT, self._signal)
        signal.signal(signal.SIGTERM, self._signal)
        for program in self.programs:
            program.start()
        status = 0
        while not self.stopping:
            now = time.monotonic()
            for program in self.programs:
                if program.restart_at is not None:
                    if now >= program.restart_at and not self.stopping:
                        program.start()
                    continue
                code = program.process.poll()
                if code is None:
                    continue
                if not self._schedule_restart(program, code, now):
                    status = 1
                    self.stopping = True
                    break
            time.sleep(POLL_SECONDS)
        self._stop_all()
        return status

    def _schedule_restart(self, program: Program, code: int, now: float) -> bool:
        how = f"was killed by {signal.Signals(-code).name}" if code < 0 else f"exited ({code})"
        while program.restarts and now - program.restarts[0] > self.window:
            program.restarts.popleft()
        if len(program.restarts) >= self.limit:
            logger.error(
                "%s %s and was restarted %d times in %d s: giving up, stopping the portal",
                program.name,
                how,
                len(program.restarts),
                self.window,
            )
            return False
        program.restarts.append(now)
        pause = min(MAX_PAUSE, 2.0 ** (len(program.restarts) - 1))
        program.restart_at = now + pause
        logger.warning(
            "%s %s; restarting in %.0f s (restart %d of at most %d in %d s)",
            program.name,
            how,
            pause,
            len(program.restarts),
            self.limit,
            self.window,
        )
        return True

    def _stop_all(self) -> None:
        running = [p.process for p in self.programs if p.process and p.process.poll() is None]
        for process in running:
            try:
                process.send_signal(signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + self.grace
        for process in running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                logger.warning("pid %d did not stop in time: killing it", process.pid)
                process.kill()
                process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated subset of: web, worker, scheduler")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s KEKO supervisor: %(message)s",
        stream=sys.stderr,
    )
    os.chdir(REPO_DIR)
    limit, window = config.supervision()
    grace = config.gunicorn()["graceful_timeout"] + 5
    only = set(args.only.split(",")) if args.only else None
    return Supervisor(programs(only), limit, window, grace).run()


if __name__ == "__main__":
    sys.exit(main())
