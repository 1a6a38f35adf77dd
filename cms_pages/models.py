"""The portal's page types and its per-site settings."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms_pages.blocks import BodyBlock, GoalBlock, PartnerBlock, TargetGroupBlock
from portal.page_cache import SharedByAudiencePage


class HomePage(SharedByAudiencePage, Page):
    """The front page of one language: presents the KEKO project."""

    lead = models.TextField(
        _("lead"), help_text=_("One or two sentences under the title: what KEKO is.")
    )
    project_start = models.DateField(_("project starts"), null=True, blank=True)
    project_end = models.DateField(_("project ends"), null=True, blank=True)
    funding = models.TextField(
        _("funding"),
        blank=True,
        help_text=_("Who funds the project, e.g. the EU (ESR+) and the funding authority."),
    )
    goals_heading = models.CharField(_("goals heading"), max_length=200, blank=True)
    goals = StreamField([("goal", GoalBlock())], blank=True, verbose_name=_("goals"))
    consortium_heading = models.CharField(_("consortium heading"), max_length=200, blank=True)
    consortium = StreamField(
        [("partner", PartnerBlock())], blank=True, verbose_name=_("consortium")
    )
    target_groups_heading = models.CharField(_("target groups heading"), max_length=200, blank=True)
    target_groups_intro = models.TextField(_("target groups introduction"), blank=True)
    target_groups = StreamField(
        [("target_group", TargetGroupBlock())], blank=True, verbose_name=_("target groups")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("more content"))

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("project_start"), FieldPanel("project_end")]),
                FieldPanel("funding"),
            ],
            heading=_("Duration and funding"),
        ),
        MultiFieldPanel([FieldPanel("goals_heading"), FieldPanel("goals")], heading=_("Goals")),
        MultiFieldPanel(
            [FieldPanel("consortium_heading"), FieldPanel("consortium")],
            heading=_("Consortium"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("target_groups_heading"),
                FieldPanel("target_groups_intro"),
                FieldPanel("target_groups"),
            ],
            heading=_("Target groups"),
        ),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("funding"),
        index.SearchField("goals"),
        index.SearchField("consortium"),
        index.SearchField("target_groups_intro"),
        index.SearchField("target_groups"),
        index.SearchField("body"),
    ]

    # How many of the latest articles and of the next events the front page shows.
    HOME_LISTING_SIZE = 3

    def get_context(self, request, *args, **kwargs):
        """The latest news and the next events below this home page: three queries,
        whatever the number of articles, events or view restrictions."""
        # EventPage and NewsPage are imported at the end of this module.
        context = super().get_context(request, *args, **kwargs)
        size = self.HOME_LISTING_SIZE
        private = Page.objects.all().private_q()  # view restrictions, read once for both
        context["latest_news"] = list(
            NewsPage.objects.descendant_of(self)
            .live()
            .exclude(private)
            .defer_streamfields()
            .order_by("-date", "-first_published_at", "-pk")[:size]
        )
        context["upcoming_events"] = list(
            EventPage.objects.descendant_of(self)
            .live()
            .exclude(private)
            .defer_streamfields()
            .filter(end__gte=timezone.now())
            .order_by("start", "pk")[:size]
        )
        return context

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms_pages.StandardPage",
        "ecosystem.EcosystemMapPage",
        "newsletter.NewsletterIndexPage",
        "cms_pages.NewsIndexPage",
        "cms_pages.EventIndexPage",
        "steering.SteeringAreaPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class StandardPage(SharedByAudiencePage, Page):
    """A content page: an introduction and a body of blocks."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms_pages.HomePage", "cms_pages.StandardPage"]
    subpage_types = [
        "cms_pages.StandardPage",
        "ecosystem.EcosystemMapPage",
        "cms_pages.NewsIndexPage",
        "cms_pages.EventIndexPage",
    ]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class OpenDataLicence(models.TextChoices):
    """Licences the register's open data may be published under."""

    CC_BY_4_0 = "cc-by-4.0", "CC BY 4.0"
    CC0_1_0 = "cc0-1.0", "CC0 1.0"
    CC_BY_SA_4_0 = "cc-by-sa-4.0", "CC BY-SA 4.0"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the footer of every page shows: contact details and the accessibility statement."""

    contact_organisation = models.CharField(_("contact organisation"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    contact_address = models.TextField(_("postal address"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn page"), blank=True)
    accessibility_statement = models.ForeignKey(
        Page,
        verbose_name=_("accessibility statement page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The Finnish statement; the footer links to its translation in the visitor's language."
        ),
    )

    open_data_licence = models.CharField(
        _("licence of the open data"),
        max_length=16,
        choices=OpenDataLicence.choices,
        default=OpenDataLicence.CC_BY_4_0,
        help_text=_(
            "The licence of the register's public records in the HSDS API and the downloads, "
            "shown on the open data page."
        ),
    )

    select_related = ["accessibility_statement"]

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("contact_organisation"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
                FieldPanel("linkedin_url"),
            ],
            heading=_("Contact details"),
        ),
        FieldPanel("accessibility_statement"),
        FieldPanel("open_data_licence"),
    ]

    class Meta:
        verbose_name = _("site settings")


# Page types of the communications (news, guest blogs, events), in their own modules.
from cms_pages.events import EventIndexPage, EventPage  # noqa: E402, F401
from cms_pages.news import (  # noqa: E402, F401
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
    NewsRelatedLink,
)
