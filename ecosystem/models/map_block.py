"""StreamField block that embeds a filtered service map in any page (e.g. only the
immigrants' service path on a news article).

The block is the editor's schema only: its template draws the map through the map layer's
template tags (ecosystem/templatetags/service_map.py), so the models never import the map."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ecosystem.models.choices import OrganisationType, RelationType
from ecosystem.models.paths import ServicePath
from ecosystem.models.places import Municipality, TargetGroup


def target_group_choices() -> list[tuple[str, str]]:
    """The register's target groups (read when the editor opens the block)."""
    return [(group.code, group.localized_name) for group in TargetGroup.objects.all()]


def municipality_choices() -> list[tuple[str, str]]:
    return [(place.code, place.localized_name) for place in Municipality.objects.all()]


def service_path_choices() -> list[tuple[str, str]]:
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
