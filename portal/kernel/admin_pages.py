"""The scaffold of an admin Import / export page (the register's and the indicators')."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class ImportExportPageView(WagtailAdminTemplateMixin, TemplateView):
    """An admin Import / export page: those who may export open it, those who may import
    post to it. Subclasses give their own checks as `user_can_export` / `user_can_import`
    (the register and the labour-market indicators each have theirs)."""

    page_title = gettext_lazy("Import / export")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        if not self.user_can_export(request.user):
            raise PermissionDenied
        if request.method == "POST" and not self.user_can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    @staticmethod
    def user_can_export(user) -> bool:
        return False

    @staticmethod
    def user_can_import(user) -> bool:
        return False
