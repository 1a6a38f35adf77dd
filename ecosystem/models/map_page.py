"""The Wagtail page type of the service map: an introduction, then the interactive map."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ecosystem.models.map_block import EcosystemMapBlock
from portal.page_cache import SharedByAudiencePage

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class EcosystemMapPage(SharedByAudiencePage, Page):
    """The ecosystem's service map with its filters, path highlighting, route finder and text
    view. What it shows depends on the query string (see ecosystem.map.state) and on who is
    looking (partner-only records for signed-in partners, steering group and staff).

    The page holds what editors write; its template asks the map layer for the map
    (`{% service_map_page %}`, ecosystem/templatetags/service_map.py). Every signed-in user of
    one audience sees a view of it alike, so it is kept for them (portal.page_cache)."""

    intro = RichTextField(
        _("introduction"),
        features=INTRO_FEATURES,
        blank=True,
        help_text=_("What the map shows and how to use it; shown above the map."),
    )

    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock(features=INTRO_FEATURES, label=_("Paragraph"))),
            ("ecosystem_map", EcosystemMapBlock()),
        ],
        blank=True,
        verbose_name=_("below the map"),
        help_text=_("More text or focused maps (e.g. one service path) under the main map."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms_pages.HomePage", "cms_pages.StandardPage"]
    subpage_types: list[str] = []
    template = "ecosystem/map/ecosystem_map_page.html"

    class Meta:
        verbose_name = _("service map page")
        verbose_name_plural = _("service map pages")
