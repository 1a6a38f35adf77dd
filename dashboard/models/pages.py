"""The dashboard's Wagtail page: its routes (the dashboard, its print view, a comparison of
two snapshots and its print view) are the dashboard's views; the context comes from
dashboard.context."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from dashboard.context import (
    comparison_context,
    dashboard_context,
    may_view,
    quality_list_context,
)
from portal.page_cache import SharedByAudiencePage


class DashboardPage(SharedByAudiencePage, RoutablePageMixin, Page):
    """The steering group's view of the ecosystem and the project: figures of the register
    (from precomputed metrics), snapshot comparisons and progress, each also as a print view.

    Routes: "" the dashboard, "print/" the same for paper, "quality/<list>/" every service
    of a data-quality list, "compare/?from=&to=" two snapshots compared, "compare/print/"
    that comparison for paper. Only the steering group,
    project staff and superusers are served, whatever the page privacy of its parent (the
    demo places it in the private steering area). Everyone of one audience sees it alike, so
    it is kept for them (portal.page_cache; staff are an audience of their own)."""

    intro = RichTextField(
        _("introduction"), features=["bold", "italic", "link", "ol", "ul"], blank=True
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types: list[str] = []
    template = "dashboard/dashboard_page.html"

    class Meta:
        verbose_name = _("ecosystem dashboard page")
        verbose_name_plural = _("ecosystem dashboard pages")

    def serve(self, request, *args, **kwargs):
        if not may_view(request):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        return super().serve(request, *args, **kwargs)

    def _render(self, request, template: str, context: dict):
        response = TemplateResponse(request, template, {**self.get_context(request), **context})
        # Figures for the steering group only: never kept by a shared cache.
        patch_cache_control(response, private=True, no_store=True)
        return response

    @path("", name="dashboard")
    def dashboard(self, request):
        return self._render(request, self.template, dashboard_context(request, self))

    @path("print/", name="dashboard_print")
    def dashboard_print(self, request):
        context = {**dashboard_context(request, self), "print_view": True}
        return self._render(request, "dashboard/dashboard_print.html", context)

    @path("quality/<str:key>/", name="quality_list")
    def quality_list(self, request, key):
        context = quality_list_context(request, self, key)
        if context is None:
            raise Http404
        return self._render(request, "dashboard/quality_list.html", context)

    @path("compare/", name="compare")
    def compare(self, request):
        return self._render(request, "dashboard/compare.html", comparison_context(request, self))

    @path("compare/print/", name="compare_print")
    def compare_print(self, request):
        context = {**comparison_context(request, self), "print_view": True}
        return self._render(request, "dashboard/compare_print.html", context)
