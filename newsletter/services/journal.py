"""The sending journal: what happened to each message of a batch, written the moment it happened.

A worker hands the messages of a batch to the SMTP server one by one. Recording each outcome
in the database right away would cost one UPDATE (and one commit) per message; instead each
step is appended to a small local file with a single unbuffered `write` (a system call: the
line is in the operating system's hands even if the worker is killed a moment later): a
`handing` line just before a message goes to the server, its outcome right after. The
database is updated in bulk once per batch, and the file is then removed.

The journal is opened BEFORE the batch's rows are claimed, so a claimed batch always has its
journal: claim and journal are one step, and a worker killed at a batch boundary leaves a
journal that says "nothing handed over yet".

If a worker dies mid-batch, the next run (on the same host: the file is local) reads the file
of each batch left claimed: the outcomes in it are recorded, the one message with a `handing`
line and no outcome may have been in flight (`uncertain`, not sent again) and the rest were
never handed over (pending, sent once). Without the file (another host, a lost disk) nobody
can tell which of the batch's messages went out, so all of them become `uncertain`: never a
duplicate.

The folder also holds one small *holder* file per running send: which process (pid and
start time) holds the send's lease. A worker on the same host that finds the holder dead
takes the lease over at once instead of waiting for it to expire.

Like SQLite's synchronous=NORMAL and PostgreSQL's synchronous_commit=off that the sender
already uses, the file is not fsync'ed: it survives the worker's death, not a power cut.
"""

import json
import os
import re
from pathlib import Path

from django.conf import settings

from newsletter import conf


def directory() -> Path:
    """Where journal files live (NEWSLETTER_JOURNAL_DIR, by default var/newsletter-journal)."""
    configured = conf.get("NEWSLETTER_JOURNAL_DIR")
    if configured:
        return Path(configured)
    return Path(settings.BASE_DIR) / "var" / "newsletter-journal"


HANDING = "handing"


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

    A later line about a message replaces an earlier one (`handing`, then its outcome). A
    line cut short by the worker's death is ignored.
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


def _holder_path(send_pk: int, token: str) -> Path:
    return directory() / f"holder-{int(send_pk)}-{token}.json"


def write_holder(send_pk: int, token: str, identity: str) -> None:
    """Say, before the lease is taken, which process on this host will hold it."""
    path = _holder_path(send_pk, token)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"process": identity}), encoding="ascii")


def remove_holder(send_pk: int, token: str) -> None:
    _holder_path(send_pk, token).unlink(missing_ok=True)


HOLDER_NAME = re.compile(r"^holder-(\d+)-([0-9a-f]+)\.json$")


def holders(send_pk: int) -> dict[str, str]:
    """{lease token: process identity} of the holders of a send on this host."""
    folder = directory()
    found = {}
    if not folder.is_dir():
        return found
    for path in folder.glob(f"holder-{int(send_pk)}-*.json"):
        match = HOLDER_NAME.match(path.name)
        if not match:
            continue
        try:
            found[match.group(2)] = str(json.loads(path.read_text(encoding="ascii"))["process"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found
