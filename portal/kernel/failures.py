"""One log record for each failure an operator must see, and nothing personal in it.

A failed task, a failed newsletter send and a refused or failed import are each logged once,
at ERROR, on the logger `keko.failures`: a one-line message naming what failed, and the same
facts as fields (`record.failure`, written out as a `failure` object with LOG_FORMAT=json):

- every failure: `kind` ("task", "send" or "import"), `error` (the exception's class) and
  `message` (the exception's first line with email addresses, quoted values and `=(…)`
  values taken out, at most 200 characters), `where` (the innermost code line, file:line);
- a task: `task` (its dotted path), `task_id`, `backend`, `attempt` and `attempts` (how many
  runs it had, and how many it could have had);
- a send: `send_id`, `issue_id`, `list_id` and the deliveries' counts by status;
- an import: `import` (what: register, indicators, subscribers), `file_kind` (csv, xlsx,
  json, zip, directory), `problems` (how many) and `dry_run`.

Never the traceback's messages, a file's name, an address or a task's arguments: those can
hold personal data (an SMTP refusal names the recipient, a file is named after a person).
The full traceback stays where only staff read it: the task's result (admin, RQ's failed
registry) and the import's page.

Exactly once: a task whose code already logged its failure (a send) is not logged again when
it ends; django-tasks' own "Task … state=FAILED" traceback record and RQ's are replaced by
this record (portal.task_failures, portal.apps, portal.tasks_rq).
"""

from __future__ import annotations

import contextvars
import logging
import re
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from portal.kernel.problems import ImportRefused

logger = logging.getLogger("keko.failures")

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# "Matti Meikäläinen <matti@example.fi>": the words before an address in angle brackets go
# with it (over-cleaning a message is better than leaving a name in it).
NAMED_ADDRESS = re.compile(r"(?:[^\s<>,;:()\"']+[ \t]+)*[^\s<>,;:()\"']*\s*<[^<>\s]+@[^<>\s]+>")
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”|‘[^’]*’|«[^»]*»|”[^”]*”")
KEY_VALUE = re.compile(r"=\([^)]*\)")
MESSAGE_LENGTH = 200

# The task this thread runs now: its id, whether a failure was logged during it, and the
# exception it failed with (the database worker and RQ's job class put it here).
_current_task: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "keko_current_task", default=None
)


def safe_message(error: BaseException | str) -> str:
    """The first line of an error's message without personal data (see the module)."""
    text = str(error).strip()
    text = text.splitlines()[0] if text else ""
    text = NAMED_ADDRESS.sub("[address]", text)
    text = EMAIL.sub("[address]", text)
    text = KEY_VALUE.sub("=(…)", text)
    text = QUOTED.sub("“…”", text)
    if len(text) > MESSAGE_LENGTH:
        text = text[: MESSAGE_LENGTH - 1] + "…"
    return text


def _where(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__) if error.__traceback__ else []
    if not frames:
        return ""
    frame = frames[-1]
    return f"{Path(frame.filename).name}:{frame.lineno} in {frame.name}"


def error_fields(error: BaseException) -> dict[str, Any]:
    return {
        "error": type(error).__name__,
        "message": safe_message(error),
        "where": _where(error),
    }


def log_failure(kind: str, summary: str, **fields: Any) -> None:
    """Write the one ERROR record of a failure. `fields` are JSON-ready and free of
    personal data; `summary` is a short sentence ("Newsletter send failed")."""
    state = _current_task.get()
    if state is not None:
        state["logged"] = True
    facts = {"kind": kind, **fields}
    text = " ".join(f"{key}={value}" for key, value in fields.items() if value not in ("", None))
    logger.error("%s: %s", summary, text, extra={"failure": facts})


# Tasks ---------------------------------------------------------------------------------


def task_began(sender, task_result, **kwargs) -> None:
    """django-tasks' task_started."""
    _current_task.set({"id": str(task_result.id), "logged": False, "error": None})


def end_task(task_id) -> dict | None:
    """Forget the task this thread ran; its state (None when it was not this task)."""
    state = _current_task.get()
    _current_task.set(None)
    if state is not None and state["id"] != str(task_id):
        return None
    return state


def remember_task_error(task_id, error: BaseException) -> None:
    """The worker caught `error` from the task it runs (the result has only its text)."""
    state = _current_task.get()
    if state is not None and state["id"] == str(task_id):
        state["error"] = error


# Imports -------------------------------------------------------------------------------


FILE_KINDS = {"csv", "json", "xlsx", "xls", "ods", "zip", "graphml", "xml", "txt"}


def file_kind(name: str | Path | None, path: str | Path | None = None) -> str:
    """csv, xlsx, json, zip… from the name's suffix; "other" for any other suffix (a name
    like "Matti.Meikäläinen" has one too), never the name itself."""
    for candidate in (name, path):
        if candidate and Path(candidate).suffix:
            suffix = Path(candidate).suffix.lower().lstrip(".")
            return suffix if suffix in FILE_KINDS else "other"
    if path and Path(path).is_dir():
        return "directory"
    return "other"


@contextmanager
def import_failures_logged(what: str, kind: str, *, dry_run: bool, refused=(ImportRefused,)):
    """Log a refused import (any of `refused`, with a `problems` or `errors` list) once and
    let the refusal go on to the person who gave the file."""
    try:
        yield
    except refused as refusal:
        problems = getattr(refusal, "problems", None)
        if problems is None:
            problems = getattr(refusal, "errors", [])
        log_failure(
            "import",
            "Import refused",
            **{"import": what},
            file_kind=kind,
            problems=len(problems),
            dry_run=dry_run,
            error=type(refusal).__name__,
        )
        raise
