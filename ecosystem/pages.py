"""The Wagtail page type of the service map: an introduction, then the interactive map."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ecosystem.blocks import EcosystemMapBlock

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class EcosystemMapPage(Page):
    """The ecosystem's service map with its filters, path highlighting, route finder and text
    view. What it shows depends on the query string (see ecosystem.map_state) and on who is
    looking (partner-only records for signed-in partners, steering group and staff)."""

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

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from ecosystem.map_views import map_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(map_page_context(request, map_page_url=self.get_url(request) or ""))
        # The page's head loads the map's stylesheet and scripts: map blocks in its body
        # need not write them again (see ecosystem.blocks.first_map_on_page).
        request._eco_map_assets = True
        return context
