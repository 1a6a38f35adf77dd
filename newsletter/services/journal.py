"""The sending journal: what happened to each message of a batch, written the moment it happened.

A worker hands the messages of a batch to the SMTP server one by one. Recording each outcome
in the database right away would cost one UPDATE (and one commit) per message; instead each
outcome is appended to a small local file, one line per message, with a single unbuffered
`write` (a system call: the line is in the operating system's hands even if the worker is
killed a moment later). The database is updated in bulk once per batch, and the file is then
removed.

If a worker dies mid-batch, the next run (on the same host: the file is local) reads the file
of each batch left claimed: the outcomes in it are recorded, the first message not in it is
the one that may have been in flight (`uncertain`, not sent again) and the rest were never
handed over (pending, sent once). Without the file (another host, a lost disk) nobody can
tell which of the batch's messages went out, so all of them become `uncertain`: never a
duplicate.

Like SQLite's synchronous=NORMAL and PostgreSQL's synchronous_commit=off that the sender
already uses, the file is not fsync'ed: it survives the worker's death, not a power cut.
"""

import json
import os
from pathlib import Path

from django.conf import settings

from newsletter import conf


def directory() -> Path:
    """Where journal files live (NEWSLETTER_JOURNAL_DIR, by default var/newsletter-journal)."""
    configured = conf.get("NEWSLETTER_JOURNAL_DIR")
    if configured:
        return Path(configured)
    return Path(settings.BASE_DIR) / "var" / "newsletter-journal"


def _path(send_pk: int, claim: str) -> Path:
    return directory() / f"send-{int(send_pk)}-{claim}.log"


class Journal:
    """The journal of one claimed batch, open for appending."""

    def __init__(self, send_pk: int, claim: str):
        path = _path(send_pk, claim)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def record(self, delivery_pk: int, status: str, error: str = "") -> None:
        line = json.dumps([int(delivery_pk), status, error[:300]], ensure_ascii=True) + "\n"
        os.write(self._fd, line.encode("ascii"))

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def remove(self) -> None:
        """Called once the batch's outcomes are in the database."""
        self.close()
        self.path.unlink(missing_ok=True)


def read(send_pk: int, claim: str) -> dict[int, tuple[str, str]] | None:
    """{delivery pk: (status, error)} from a batch's journal; None if there is no file.

    A line cut short by the worker's death is ignored (its message counts as not recorded).
    """
    try:
        text = _path(send_pk, claim).read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        return None
    entries = {}
    for line in text.splitlines():
        try:
            pk, status, error = json.loads(line)
            entries[int(pk)] = (str(status), str(error))
        except (ValueError, TypeError):
            continue
    return entries


def remove_all(send_pk: int) -> None:
    """Remove every journal file of a send (its lease holder calls this after recovering)."""
    folder = directory()
    if folder.is_dir():
        for path in folder.glob(f"send-{int(send_pk)}-*.log"):
            path.unlink(missing_ok=True)
