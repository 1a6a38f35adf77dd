"""Who is running: an identity for this process that another process on the same host can check.

Background workers record the identity of the process that holds a piece of work (a
newsletter send's lease, a task row). When a worker is killed (SIGKILL, out of memory, a
power-cycled container) nothing clears those marks; a worker started later on the same host
asks `is_dead()` and takes the work over at once instead of waiting for a timeout.

The identity is `host:pid:start`, where `start` is the process's start time in clock ticks
since boot (Linux `/proc/PID/stat`), so a pid reused by a later process is not mistaken for
the dead one. On another host, or where /proc is missing, nobody can tell: `is_dead()` says
False and the caller falls back to its timeout.
"""

from __future__ import annotations

import os
import socket
from functools import lru_cache

MAX_HOST = 40


def _start_time(pid: int) -> str | None:
    """The process's start time and whether it is a zombie, from /proc; None if absent."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            text = stat.read()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after its last ")".
    fields = text.rsplit(")", 1)[-1].split()
    if len(fields) < 20:
        return None
    state, start = fields[0], fields[19]
    return "zombie" if state in ("Z", "X") else start


def host_name() -> str:
    return socket.gethostname()[:MAX_HOST].replace(":", "-") or "localhost"


@lru_cache(maxsize=1)
def _identity_for(pid: int) -> str:
    return f"{host_name()}:{pid}:{_start_time(pid) or '0'}"


def identity() -> str:
    """This process, as `host:pid:start` (at most 64 characters)."""
    return _identity_for(os.getpid())


def is_dead(process: str) -> bool:
    """True when `process` (an identity()) ran on this host and has ended for sure."""
    try:
        host, pid_text, start = process.rsplit(":", 2)
        pid = int(pid_text)
    except ValueError:
        return False
    if host != host_name() or pid <= 0:
        return False
    if start == "0":  # recorded without /proc: only a missing pid is certain
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except OSError:
            return False
        return False
    now = _start_time(pid)
    return now is None or now == "zombie" or now != start
