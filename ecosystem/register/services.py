"""Writes to the ecosystem register.

`register_upsert_document` loads a register document (the shape of
ecosystem/demo/demo_ecosystem.json) by upserting every record by its UUID: known records
are updated, new ones created, nothing is deleted, and a record whose data already matches is
not saved at all — so loading the same document twice changes nothing the second time.

Document shape (format "keko-ecosystem", version 1): top-level lists `municipalities`,
`target_groups`, `organisations`, `services`, `relations`, `service_paths`. Each record has the
model's field names; foreign keys and many-to-many fields hold UUID strings (or null);
services carry their `organisations` (ServiceOrganisation) and `channels` lists and service
paths their `steps`, each child with its own `id`.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from ecosystem.models import (
    Municipality,
    Organisation,
    Relation,
    Service,
    ServiceChannel,
    ServiceOrganisation,
    ServicePath,
    ServicePathStep,
    TargetGroup,
)

DOCUMENT_FORMAT = "keko-ecosystem"
DOCUMENT_VERSION = 1


@dataclass(frozen=True)
class RecordSpec:
    """How one top-level list of the document maps onto a model."""

    key: str
    model: type[models.Model]
    m2m: tuple[str, ...] = ()
    children: dict[str, tuple[str, type[models.Model]]] = field(default_factory=dict)


SPECS: tuple[RecordSpec, ...] = (
    RecordSpec("municipalities", Municipality),
    RecordSpec("target_groups", TargetGroup),
    RecordSpec("organisations", Organisation, m2m=("municipalities",)),
    RecordSpec(
        "services",
        Service,
        m2m=("target_groups", "municipalities"),
        children={
            "organisations": ("organisation_roles", ServiceOrganisation),
            "channels": ("channels", ServiceChannel),
        },
    ),
    RecordSpec("relations", Relation, m2m=("target_groups",)),
    RecordSpec(
        "service_paths",
        ServicePath,
        m2m=("municipalities",),
        children={"steps": ("steps", ServicePathStep)},
    ),
)


@dataclass
class UpsertSummary:
    """Counts per document list: how many records were created, updated or left unchanged."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        """True when anything was written."""
        return bool(sum(self.created.values()) or sum(self.updated.values()))

    def describe(self) -> str:
        """One line per list, e.g. 'services: 3 created, 1 updated, 80 unchanged'."""
        lines = []
        for spec in SPECS:
            key = spec.key
            lines.append(
                f"{key}: {self.created[key]} created, {self.updated[key]} updated, "
                f"{self.unchanged[key]} unchanged"
            )
        return "\n".join(lines)


def _set_value(obj: models.Model, model_field: models.Field, value: Any) -> bool:
    """Assign one document value to obj; True when it differs from the current value."""
    if model_field.is_relation:
        target_pk = model_field.target_field
        new = None if value in (None, "") else target_pk.to_python(value)
        attname = model_field.attname
    else:
        new = model_field.to_python(value)
        attname = model_field.attname
    if getattr(obj, attname) == new:
        return False
    setattr(obj, attname, new)
    return True


def _assign_fields(
    obj: models.Model, data: dict[str, Any], skip: Iterable[str], record: str
) -> bool:
    """Set obj's concrete fields from data; True when anything changed."""
    skip = set(skip) | {"id"}
    changed = False
    for name, value in data.items():
        if name in skip:
            continue
        try:
            model_field = obj._meta.get_field(name)
        except models.FieldDoesNotExist as error:
            raise ValueError(f"{record}: unknown field {name!r}") from error
        if not model_field.concrete or model_field.many_to_many:
            raise ValueError(f"{record}: {name!r} cannot be set here")
        changed |= _set_value(obj, model_field, value)
    return changed


def _as_uuids(values: Iterable[str]) -> set[uuid.UUID]:
    return {uuid.UUID(str(value)) for value in values}


def _upsert_children(
    parent: models.Model, accessor: str, child_model: type[models.Model], rows: list[dict]
) -> bool:
    """Replace parent's children by rows (matched by id); True when anything differs."""
    parental_name = next(
        f.name
        for f in child_model._meta.get_fields()
        if getattr(f, "remote_field", None) is not None
        and f.many_to_one
        and f.related_model is type(parent)
        and f.remote_field.related_name == accessor
    )
    existing = (
        {child.pk: child for child in getattr(parent, accessor).all()}
        if not parent._state.adding
        else {}
    )
    children = []
    changed = set(existing) != _as_uuids(row["id"] for row in rows)
    for row in rows:
        pk = uuid.UUID(str(row["id"]))
        child = existing.get(pk) or child_model(pk=pk)
        changed |= _assign_fields(child, row, {parental_name}, f"{child_model.__name__} {pk}")
        children.append(child)
    if changed:
        setattr(parent, accessor, children)
    return changed


def _upsert_record(spec: RecordSpec, data: dict[str, Any], existing: models.Model | None) -> str:
    pk = uuid.UUID(str(data["id"]))
    obj = existing if existing is not None else spec.model(pk=pk)
    record = f"{spec.key} {pk}"
    changed = _assign_fields(obj, data, set(spec.m2m) | set(spec.children), record)
    for name in spec.m2m:
        wanted = _as_uuids(data.get(name, []))
        # .all() reads what register_upsert_document prefetched.
        current = set() if existing is None else {item.pk for item in getattr(obj, name).all()}
        if wanted != current:
            related = getattr(obj, name).model.objects.filter(pk__in=wanted)
            if len(related) != len(wanted):
                raise ValueError(f"{record}: {name} refers to a record that does not exist")
            getattr(obj, name).set(related)
            changed = True
    for key, (accessor, child_model) in spec.children.items():
        changed |= _upsert_children(obj, accessor, child_model, data.get(key, []))
    if existing is None:
        obj.full_clean(validate_unique=False, validate_constraints=True)
        obj.save()
        return "created"
    if changed:
        obj.full_clean(validate_unique=False, validate_constraints=True)
        obj.save()
        return "updated"
    return "unchanged"


@transaction.atomic
def register_upsert_document(*, document: dict[str, Any]) -> UpsertSummary:
    """Upsert every record of a register document by UUID (see the module docstring).

    Raises ValueError (or django's ValidationError) on a malformed document; the surrounding
    transaction then writes nothing.
    """
    if document.get("format") != DOCUMENT_FORMAT or document.get("version") != DOCUMENT_VERSION:
        raise ValueError(f"not a {DOCUMENT_FORMAT} document of version {DOCUMENT_VERSION}")
    summary = UpsertSummary()
    for spec in SPECS:
        rows = document.get(spec.key, [])
        related = [*spec.m2m, *(accessor for accessor, _model in spec.children.values())]
        existing = spec.model.objects.prefetch_related(*related).in_bulk(
            [uuid.UUID(str(row["id"])) for row in rows]
        )
        outcomes: dict[uuid.UUID, str] = {}
        parents: dict[uuid.UUID, Any] = {}
        for row in rows:
            pk = uuid.UUID(str(row["id"]))
            if spec.model is Organisation:
                # A parent may come later in the list: keep the current one, set it afterwards.
                parents[pk] = row.get("parent")
                row = {**row, "parent": getattr(existing.get(pk), "parent_id", None)}
            outcomes[pk] = _upsert_record(spec, row, existing.get(pk))
        for pk, parent in parents.items():
            organisation = Organisation.objects.get(pk=pk)
            if _assign_fields(organisation, {"parent": parent}, (), f"organisations {pk}"):
                organisation.full_clean()
                organisation.save()
                if outcomes[pk] == "unchanged":
                    outcomes[pk] = "updated"
        for outcome in outcomes.values():
            getattr(summary, outcome)[spec.key] += 1
    return summary
