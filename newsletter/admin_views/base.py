"""What the newsletter's admin views share: the admin page frame and permission checks."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from newsletter.models import NewsletterIssuePage


class NewsletterAdminView(WagtailAdminTemplateMixin, TemplateView):
    """An admin page; `permission` is a Django permission the user must hold."""

    permission = ""
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if self.permission and not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def issue_or_404(page_id: int) -> NewsletterIssuePage:
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, NewsletterIssuePage):
        raise PermissionDenied  # only newsletter issues have these views
    return page


def latest_draft(issue: NewsletterIssuePage) -> NewsletterIssuePage:
    """The issue as last saved in the editor (what a preview or test should show)."""
    return issue.get_latest_revision_as_object() if issue.latest_revision_id else issue
