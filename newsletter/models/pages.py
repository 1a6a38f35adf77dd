"""Newsletter issues as Wagtail pages, and the archive page that lists them."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from newsletter.blocks import IssueBodyBlock
from newsletter.emails import preview_issue_html
from newsletter.forms import SubscribeForm

ISSUES_PER_PAGE = 12


class NewsletterIndexPage(Page):
    """The newsletter archive: every published issue, newest first, and the subscribe form."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["newsletter.NewsletterIssuePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("newsletter archive")
        verbose_name_plural = _("newsletter archives")

    def issues(self):
        return (
            NewsletterIssuePage.objects.child_of(self)
            .live()
            .public()
            .order_by("-issue_date", "-first_published_at")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.issues(), ISSUES_PER_PAGE)
        try:
            issues = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            issues = paginator.page(1)
        except EmptyPage:
            issues = paginator.page(paginator.num_pages)
        context["issues"] = issues
        context["subscribe_form"] = SubscribeForm()
        return context


class NewsletterIssuePage(Page):
    """One issue: public on the web and sent by email to the subscribers of a list."""

    issue_date = models.DateField(_("issue date"), default=timezone.localdate)
    lead = models.TextField(_("lead"), blank=True, help_text=_("A sentence or two on top."))
    body = StreamField(IssueBodyBlock(), blank=True, verbose_name=_("content"))

    content_panels = Page.content_panels + [
        FieldPanel("issue_date"),
        FieldPanel("lead"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
    ]

    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types = []

    # Wagtail's preview panel offers the issue as a web page and as the email.
    preview_modes = [("", _("Web page")), ("email", _("Email"))]

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def serve_preview(self, request, mode_name):
        if mode_name == "email":
            return HttpResponse(preview_issue_html(self, self.locale.language_code))
        return super().serve_preview(request, mode_name)
