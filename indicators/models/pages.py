"""The Wagtail page of labour-market indicators (private under the steering-group area)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from indicators.context import indicators_page_context

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class IndicatorsPage(Page):
    """Time series charts with table alternatives, filterable by area and indicator, and
    the bulletin's two tables: a month against the same month a year earlier per area, and
    a month against one and two years earlier per population group with the forecast."""

    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)
    comparison_month = models.DateField(
        _("month of the comparison table"),
        null=True,
        blank=True,
        help_text=_("Compared with the same month a year earlier, e.g. 1.3.2026 for March."),
    )
    comparison_areas = ParentalManyToManyField(
        "indicators.Area",
        verbose_name=_("areas of the comparison table"),
        blank=True,
        related_name="+",
    )
    group_month = models.DateField(
        _("month of the group table"),
        null=True,
        blank=True,
        help_text=_("Compared with the same month one and two years earlier, by group."),
    )
    group_area = models.ForeignKey(
        "indicators.Area",
        verbose_name=_("area of the group table"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("comparison_month"), FieldPanel("comparison_areas")],
            heading=_("Month against the year before, by area"),
        ),
        MultiFieldPanel(
            [FieldPanel("group_month"), FieldPanel("group_area")],
            heading=_("Month against one and two years before, by group"),
        ),
    ]

    # Private by its place: the steering area restricts itself and everything below it.
    parent_page_types = ["steering.SteeringAreaPage"]
    subpage_types: list[str] = []
    template = "indicators/indicators_page.html"

    class Meta:
        verbose_name = _("labour-market indicators page")
        verbose_name_plural = _("labour-market indicators pages")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(indicators_page_context(self, request.GET))
        return context
