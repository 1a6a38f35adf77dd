"""What an import will do, record by record, for the preview before the confirmation: each
record created, changed (field by field, old → new) or deleted, and warnings about records
that are valid but probably not what was meant (a service without an organisation, a
relation without an end)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ecosystem.exchange.document import Record
from ecosystem.exchange.spec import KINDS, KindSpec
from portal.kernel.import_preview import RecordChange

MAX_CHANGES_PER_KIND = 200
MAX_VALUE = 120


def _label(kind: KindSpec, name: str) -> str:
    for child_key in kind.children:
        child = KINDS[child_key]
        if child.nested_key == name:
            return str(child.model._meta.verbose_name_plural).capitalize()
    try:
        return str(kind.model._meta.get_field(name).verbose_name).capitalize()
    except Exception:  # a document key that is no model field
        return name


def _shown(value: Any) -> str:
    if value in (None, "", []):
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return _("%(count)d rows") % {"count": len(value)}
        value = ", ".join(str(item) for item in value)
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def record_name(record: Record) -> str:
    """How the preview names a record: its Finnish name, code or identifier."""
    return str(record.get("name_fi") or record.get("code") or record.get("id"))


def changed_fields(kind: KindSpec, old: Record, new: Record) -> list[dict[str, str]]:
    """[{label, old, new}] of the fields whose value differs."""
    return [
        {"label": _label(kind, name), "old": _shown(old.get(name)), "new": _shown(new.get(name))}
        for name in new
        if name not in ("id",) and new.get(name) != old.get(name)
    ]


def warnings_for(kind: KindSpec, record: Record) -> list[str]:
    """Warnings about a record that is valid but probably incomplete."""
    if kind.key == "services" and not record.get("organisations"):
        return [
            _("The service “%(name)s” has no organisation: nobody is shown to provide it.")
            % {"name": record_name(record)}
        ]
    if kind.key == "relations":
        has_source = record.get("source_organisation") or record.get("source_service")
        has_target = record.get("target_organisation") or record.get("target_service")
        if not (has_source and has_target):
            return [_("A relation (%(id)s) does not connect two records.") % {"id": record["id"]}]
    return []


@dataclass
class Preview:
    """Per kind: the changes (at most MAX_CHANGES_PER_KIND listed, the rest counted)."""

    changes: list[RecordChange] = field(default_factory=list)
    more: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    _listed: dict[str, int] = field(default_factory=dict)

    def add(self, kind: KindSpec, change: RecordChange) -> None:
        listed = self._listed.get(kind.key, 0)
        if listed >= MAX_CHANGES_PER_KIND:
            self.more[change.kind] = self.more.get(change.kind, 0) + 1
            return
        self._listed[kind.key] = listed + 1
        self.changes.append(change)

    def as_dict(self) -> dict[str, Any]:
        return {
            "changes": [change.as_dict() for change in self.changes],
            "more": [{"kind": kind, "count": count} for kind, count in self.more.items()],
            "warnings": self.warnings,
        }
