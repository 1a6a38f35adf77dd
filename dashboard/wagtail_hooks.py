"""Admin of the dashboard: project progress items and ecosystem snapshots (snippets), under
one "Steering group" menu. Taking a snapshot asks only for its title; the register's
records and metrics are frozen when it is saved."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from dashboard.models import EcosystemSnapshot, ProgressItem, SnapshotSource
from dashboard.snapshots import snapshot_take


class SnapshotCreateView(CreateView):
    def save_instance(self):
        instance = self.form.instance
        instance.taken_by = self.request.user
        # Fills in records and metrics and saves; logged by Wagtail as a creation.
        snapshot_take(title=instance.title, source=SnapshotSource.MANUAL, instance=instance)
        return super().save_instance()


class EcosystemSnapshotViewSet(SnippetViewSet):
    model = EcosystemSnapshot
    icon = "time"
    menu_label = _("Snapshots")
    add_view_class = SnapshotCreateView
    list_display = ["title", "taken_at", "source", "taken_by"]
    list_filter = ["source"]
    search_backend_name = None
    panels = [FieldPanel("title")]

    def get_queryset(self, request):
        return EcosystemSnapshot.objects.light()


class ProgressItemViewSet(SnippetViewSet):
    model = ProgressItem
    icon = "tasks"
    menu_label = _("Project progress")
    list_display = ["name_fi", "kind", "status", "due"]
    list_filter = ["kind", "status"]
    search_backend_name = None
    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
        FieldPanel("name_fi"),
        FieldPanel("name_sv"),
        FieldPanel("name_en"),
        FieldRowPanel([FieldPanel("due"), FieldPanel("responsible")]),
        FieldPanel("note"),
        FieldPanel("sort_order"),
    ]


class DashboardViewSetGroup(SnippetViewSetGroup):
    items = (ProgressItemViewSet, EcosystemSnapshotViewSet)
    menu_label = _("Steering group")  # fits the sidebar: "Ohjausryhmän tilannekatsaus" was cut
    menu_icon = "view"
    menu_order = 260


register_snippet(DashboardViewSetGroup)
