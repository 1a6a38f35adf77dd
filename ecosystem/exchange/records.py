"""Records as read from an import file, before they are checked against the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ecosystem.exchange.spec import KindSpec
from portal.kernel.problems import Location


@dataclass
class RawRecord:
    """One record of the file with its values in canonical form.

    `labels` name each field as the file does (a Finnish column header or a JSON key), for
    messages. `children[child_key]` is None when the file does not carry that child kind at
    all (a spreadsheet without the sheet): the stored children are then left as they are.
    `invalid` lists fields whose value could not be read (already reported).
    """

    kind: KindSpec
    location: Location
    values: dict[str, Any]
    labels: dict[str, str]
    children: dict[str, list[RawRecord] | None] = field(default_factory=dict)
    invalid: set[str] = field(default_factory=set)
    # True when the file left the identifier empty and the import gave it a new one; such a
    # record may still match a stored one by its natural key (validation.match_natural_keys).
    new_id: bool = False

    @property
    def id(self) -> str | None:
        return self.values.get("id")

    def label(self, name: str) -> str:
        """How the file names the field."""
        return self.labels.get(name, name)


@dataclass
class ParsedInput:
    """Everything read from one file: top-level records per kind present in the file.

    `by_code`: references to municipalities and target groups are codes (spreadsheets), not
    UUIDs (JSON). `problems` are those found in single values while reading: the checks
    against the register still run, so one attempt lists every problem of the file.
    """

    format: str
    records: dict[str, list[RawRecord]]
    by_code: bool = False
    problems: list = field(default_factory=list)  # found while reading; more may follow
