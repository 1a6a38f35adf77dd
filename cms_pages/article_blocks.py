"""Blocks of news articles and guest blogs: the page body blocks plus a link card and the
service map.

The link card never fetches anything (no oEmbed: nothing outside is reachable at run time);
it shows the title, description and address the editor typed.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms_pages.blocks import BodyBlock
from ecosystem.models.map_block import EcosystemMapBlock


class LinkCardBlock(blocks.StructBlock):
    """An external resource (video, article, post) shown as a card that links to it."""

    url = blocks.URLBlock(label=_("Address"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "link-external"
        label = _("Link card (embed)")
        template = "cms_pages/blocks/link_card.html"


class ArticleBodyBlock(BodyBlock):
    """The body of a news article: every page block, a link card and a service map."""

    link_card = LinkCardBlock()
    service_map = EcosystemMapBlock()
