"""Names and labels of graph nodes and codes, in the viewer's language (no request needed)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ecosystem.models.choices import OrganisationType, RelationType, ServiceClass
from ecosystem.network.graph import ORGANISATION, PROVIDES
from portal.kernel.localization import localized, localized_short_name

NATIONAL = "-"  # the "area" of nodes in no single employment area (national, several areas)


def node_name(data: dict[str, Any], language: str) -> str:
    """The node's full name in the language (Finnish when missing)."""
    return localized(data, "name", language)


def node_label(data: dict[str, Any], language: str) -> str:
    """What the map writes beside a node: an organisation's short name in the language (the
    Finnish one when untranslated), else its name."""
    if data.get("kind") == ORGANISATION and data.get("short_name"):
        return localized_short_name(data, language)
    return node_name(data, language)


def organisation_type_label(value: str) -> str:
    try:
        return str(OrganisationType(value).label)
    except ValueError:
        return value


def service_class_label(value: str) -> str:
    try:
        return str(ServiceClass(value).label)
    except ValueError:
        return value


def relation_type_label(value: str) -> str:
    if value == PROVIDES:
        return _("Runs the service")
    try:
        return str(RelationType(value).label)
    except ValueError:
        return value


def area_label(area: str) -> str:
    return _("National or several areas") if area == NATIONAL else area


# --- Who runs a service ---------------------------------------------------------------------


def anchor(node: str) -> str:
    """The HTML id of a node's row in the text view: short, as a page may list hundreds
    (`svc:<uuid>` → `s` and the UUID's first 12 hex digits)."""
    kind, _sep, raw = node.partition(":")
    return kind[:1] + raw.replace("-", "")[:12]
