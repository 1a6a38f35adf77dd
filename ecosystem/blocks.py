"""StreamField block that embeds a filtered service map in any page (e.g. only the
immigrants' service path on a news article)."""

from __future__ import annotations

import secrets
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ecosystem.choices import OrganisationType, RelationType


def target_group_choices() -> list[tuple[str, str]]:
    """The register's target groups (read when the editor opens the block)."""
    from ecosystem.models import TargetGroup

    return [(group.code, group.localized_name) for group in TargetGroup.objects.all()]


def municipality_choices() -> list[tuple[str, str]]:
    from ecosystem.models import Municipality

    return [(place.code, place.localized_name) for place in Municipality.objects.all()]


def service_path_choices() -> list[tuple[str, str]]:
    from ecosystem.models import ServicePath

    return [(str(path.pk), path.localized_name) for path in ServicePath.objects.all()]


class EcosystemMapBlock(blocks.StructBlock):
    """A map with fixed filters, its legend and its text alternative, linking to the full map."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    description = blocks.TextBlock(label=_("Description"), required=False)
    target_group = blocks.ChoiceBlock(
        label=_("Target group"), choices=target_group_choices, required=False
    )
    municipality = blocks.ChoiceBlock(
        label=_("Municipality"), choices=municipality_choices, required=False
    )
    organisation_type = blocks.ChoiceBlock(
        label=_("Organisation type"), choices=OrganisationType.choices, required=False
    )
    relation_types = blocks.MultipleChoiceBlock(
        label=_("Relation types"),
        choices=RelationType.choices,
        required=False,
        help_text=_("Leave empty to show every kind of relation."),
    )
    service_path = blocks.ChoiceBlock(
        label=_("Highlighted service path"), choices=service_path_choices, required=False
    )

    class Meta:
        icon = "site"
        label = _("Service map")
        template = "ecosystem/map/blocks/ecosystem_map_block.html"

    def get_context(
        self, value: Any, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        from ecosystem.map_state import MapView
        from ecosystem.map_views import embedded_map_context

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        view = MapView.from_query(
            {
                "tg": value.get("target_group") or "",
                "mun": value.get("municipality") or "",
                "otype": value.get("organisation_type") or "",
                "rel": list(value.get("relation_types") or []),
                "path": value.get("service_path") or "",
            }
        )
        context.update(embedded_map_context(request, view))
        context["block_id"] = "eco-map-" + secrets.token_hex(4)
        context["eco_first_on_page"] = first_map_on_page(request)
        return context


def first_map_on_page(request: Any) -> bool:
    """True for the first map block a request renders: it writes the map's stylesheet and
    scripts, later blocks on the same page reuse them."""
    if request is None:
        return True
    if getattr(request, "_eco_map_assets", False):
        return False
    request._eco_map_assets = True
    return True
