"""Running the import command as a person would, and reading what it said."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command


def import_ok(path, *args: str) -> str:
    """Run import_ecosystem; return what it printed (it must succeed)."""
    out = io.StringIO()
    call_command("import_ecosystem", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def import_refused(path, *args: str) -> str:
    """Run import_ecosystem expecting it to refuse the file; return every message printed."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import_ecosystem", str(path), *args, stdout=out, stderr=err)
    assert "Traceback" not in err.getvalue()
    return err.getvalue() + str(refused.value)
