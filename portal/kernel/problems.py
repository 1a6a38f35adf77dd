"""Problems found in an import file, each saying where (file/sheet, row/record, field) and why.

Messages are translated when they are turned into text (`str(problem)`), so a problem found
in a background task or a management command reads in the language active where it is
shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _

MAX_PROBLEMS = 200


@dataclass(frozen=True)
class Location:
    """Where a record is in the file.

    - spreadsheets: `source` is the sheet (XLSX) or file name (CSV), `row` the row number as
      the spreadsheet shows it (the header is row 1), `sheet` True for XLSX sheets.
    - JSON: `source` is the file name, `path` the record's place, e.g. services[3].
    `record_id` is the record's UUID text when known.
    """

    source: str
    row: int | None = None
    path: str | None = None
    sheet: bool = False
    record_id: str | None = None

    def describe(self) -> str:
        """The location as a phrase, e.g. 'sheet “Palvelut”, row 5'."""
        if self.row is not None:
            if self.sheet:
                return _("sheet “%(sheet)s”, row %(row)d") % {"sheet": self.source, "row": self.row}
            return _("file “%(file)s”, row %(row)d") % {"file": self.source, "row": self.row}
        if self.path is not None:
            text = _("file “%(file)s”, record %(path)s") % {"file": self.source, "path": self.path}
            if self.record_id:
                text += " " + _("(id %(id)s)") % {"id": self.record_id}
            return text
        if self.sheet:
            return _("sheet “%(sheet)s”") % {"sheet": self.source}
        return _("file “%(file)s”") % {"file": self.source}


@dataclass(frozen=True)
class Problem:
    """One reason the file cannot be imported."""

    location: Location | None
    message: str | Promise
    field: str | None = None

    def __str__(self) -> str:
        message = str(self.message)
        if self.location is None:
            return message
        where = self.location.describe()
        if self.field:
            return _("%(where)s, field “%(field)s”: %(message)s") % {
                "where": where,
                "field": self.field,
                "message": message,
            }
        return _("%(where)s: %(message)s") % {"where": where, "message": message}


class ImportRefused(Exception):
    """The file cannot be imported; nothing was written. `problems` says why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems[:5]))

    def messages(self) -> list[str]:
        """Every problem as translated text (at most MAX_PROBLEMS, then a count of the rest)."""
        lines = [str(problem) for problem in self.problems[:MAX_PROBLEMS]]
        rest = len(self.problems) - MAX_PROBLEMS
        if rest > 0:
            lines.append(_("… and %(count)d more problems.") % {"count": rest})
        return lines


class ProblemList(list):
    """A list of problems that refuses the import when it is not empty."""

    def add(
        self, location: Location | None, message: str | Promise, field: str | None = None
    ) -> None:
        """Record one problem."""
        self.append(Problem(location, message, field))

    def raise_if_any(self) -> None:
        """Raise ImportRefused when any problem was recorded."""
        if self:
            raise ImportRefused(list(self))
