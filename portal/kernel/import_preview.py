"""The record-by-record preview every import shows before its confirmation (the register's
exchange and the indicators' import): one line a record created, changed (field by field,
old → new) or deleted. The page draws it with templates/includes/import_details.html."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RecordChange:
    """One record's line in the preview (JSON-ready through `as_dict`)."""

    kind: str
    action: str  # "created", "updated" or "deleted"
    name: str
    fields: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "action": self.action, "name": self.name, "fields": self.fields}
