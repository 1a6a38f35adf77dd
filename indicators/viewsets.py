"""Wagtail admin of the indicators: an "Indicators" menu with listings, filters and forms."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from indicators.models import Area, Group, Indicator, Observation


def _names() -> MultiFieldPanel:
    return MultiFieldPanel(
        [FieldPanel("name_fi"), FieldPanel("name_sv"), FieldPanel("name_en")], heading=_("Name")
    )


class ObservationViewSet(SnippetViewSet):
    model = Observation
    icon = "table"
    menu_label = _("Values")
    list_display = [
        Column("indicator", label=_("indicator")),
        Column("group", label=_("population group")),
        Column("area", label=_("area")),
        "period",
        "value",
        "source",
        UpdatedAtColumn(),
    ]
    list_filter = ["area", "indicator", "group", "period"]
    search_fields = ["indicator__name_fi", "area__name_fi", "group__name_fi", "source"]
    search_backend_name = None
    list_per_page = 50
    panels = [
        FieldRowPanel([FieldPanel("indicator"), FieldPanel("group")]),
        FieldRowPanel([FieldPanel("area"), FieldPanel("period")]),
        FieldPanel("value"),
        FieldPanel("source"),
        FieldPanel("forecast"),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Observation]:
        return Observation.objects.select_related("indicator", "group", "area")


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "site"
    menu_label = _("Areas")
    list_display = ["name_fi", "code", "level", "municipality", "sort_order"]
    list_filter = ["level"]
    search_fields = ["name_fi", "name_sv", "name_en", "code", "aliases"]
    search_backend_name = None
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("level")]),
        FieldRowPanel([FieldPanel("municipality"), FieldPanel("parent")]),
        _names(),
        FieldPanel("aliases"),
        FieldPanel("sort_order"),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Area]:
        return Area.objects.select_related("municipality")


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "list-ul"
    menu_label = _("Indicators")
    list_display = ["name_fi", "code", "parent", "unit", "sort_order"]
    list_filter = ["unit"]
    search_fields = ["name_fi", "name_sv", "name_en", "code", "aliases"]
    search_backend_name = None
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("unit")]),
        _names(),
        FieldPanel("parent"),
        FieldPanel("aliases"),
        FieldPanel("sort_order"),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Indicator]:
        return Indicator.objects.select_related("parent")


class GroupViewSet(SnippetViewSet):
    model = Group
    icon = "group"
    menu_label = _("Population groups")
    list_display = ["name_fi", "code", "sort_order"]
    search_fields = ["name_fi", "name_sv", "name_en", "code", "aliases"]
    search_backend_name = None
    panels = [FieldPanel("code"), _names(), FieldPanel("aliases"), FieldPanel("sort_order")]


class IndicatorsViewSetGroup(SnippetViewSetGroup):
    """The "Labour-market indicators" menu of the Wagtail admin."""

    menu_label = _("Labour market")
    menu_icon = "table"
    menu_order = 260
    items = (ObservationViewSet, IndicatorViewSet, GroupViewSet, AreaViewSet)
