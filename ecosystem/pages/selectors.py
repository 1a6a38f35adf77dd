"""Reads of the record pages beyond what the map's side panel already gives (paths,
an organisation's place in its hierarchy), each a fixed number of queries."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Q

from ecosystem.models import Organisation, ServicePathStep
from ecosystem.models.choices import Visibility
from ecosystem.register.permalinks import record_page_url
from portal.kernel.localization import localized

MAX_PATHS = 30
MAX_CHILDREN = 60


def paths_through(
    *, service_ids: list[uuid.UUID], public_only: bool, language: str
) -> list[dict[str, Any]]:
    """The service paths that have a step at one of the services (one query): name, target
    group, and the positions of those steps."""
    if not service_ids:
        return []
    steps = ServicePathStep.objects.filter(service_id__in=service_ids).select_related(
        "path", "path__target_group"
    )
    if public_only:
        steps = steps.filter(path__visibility=Visibility.PUBLIC)
    found: dict[uuid.UUID, dict[str, Any]] = {}
    for step in steps.order_by("path__name_fi", "position")[: MAX_PATHS * 10]:
        entry = found.setdefault(
            step.path_id,
            {
                "id": str(step.path_id),
                "name": localized(step.path, "name", language),
                "target_group": step.path.target_group.localized_name,
                "positions": [],
            },
        )
        if step.position not in entry["positions"]:
            entry["positions"].append(step.position)
    return list(found.values())[:MAX_PATHS]


def organisation_family(
    pk: uuid.UUID, *, public_only: bool, language: str
) -> dict[str, list[dict[str, str]]]:
    """The organisation's parent and children, as links (one query)."""
    rows = Organisation.objects.filter(Q(children__pk=pk) | Q(parent_id=pk)).distinct()
    if public_only:
        rows = rows.filter(visibility=Visibility.PUBLIC)
    parent: list[dict[str, str]] = []
    children: list[dict[str, str]] = []
    for row in rows.order_by("name_fi")[: MAX_CHILDREN + 1]:
        link = {
            "name": localized(row, "name", language),
            "page_url": record_page_url("org", row.pk, row.name_fi),
        }
        (children if row.parent_id == pk else parent).append(link)
    return {"parent": parent, "children": children[:MAX_CHILDREN]}
