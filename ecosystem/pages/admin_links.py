"""Links from the register's admin editor to where the record is read: its public page and
the service map focused on it ("Näytä kartalla"). Wired onto the register's viewsets by
ecosystem/wagtail_hooks.py, since the register (below the map and the pages) cannot link up
to them itself."""

from __future__ import annotations

from typing import Any

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets.button import Button

from ecosystem.map.views import map_page_url
from ecosystem.models import Organisation, Service
from ecosystem.register.permalinks import node_page_url
from portal.kernel.localization import active_language

NODE_KINDS = {Organisation: "org", Service: "svc"}


def record_links(record: Any) -> list[tuple[str, str]]:
    """(label, address) of the record's public page and of the map focused on it, in the
    admin user's language; none for a record not saved yet."""
    kind = NODE_KINDS.get(type(record))
    if kind is None or record.pk is None:
        return []
    node = f"{kind}:{record.pk}"
    links = [(_("Show the public page"), node_page_url(node, record.name_fi))]
    if map_url := map_page_url(active_language()):
        links.append((_("Show on the map"), f"{map_url}?focus={node}"))
    return links


class RecordLinksMixin:
    """The editor's "more" menu (⋯ in the header) gets the record's links."""

    @cached_property
    def header_more_buttons(self) -> list[Button]:
        buttons = list(super().header_more_buttons)
        for priority, (label, url) in enumerate(record_links(self.object), start=50):
            buttons.append(Button(label, url=url, icon_name="link-external", priority=priority))
        return buttons


def register_record_links(group: type) -> None:
    """Give the organisation and service editors their links (before the group registers)."""
    for viewset in group.items:
        if viewset.model in NODE_KINDS:
            base = viewset.edit_view_class
            viewset.edit_view_class = type(
                f"{viewset.model.__name__}EditView", (RecordLinksMixin, base), {}
            )
