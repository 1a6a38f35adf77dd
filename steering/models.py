"""The steering group's private area: its index page, the meeting index and meetings.

The area is private by construction: steering.signals gives every SteeringAreaPage a view
restriction to the "Steering group" and "Project staff" groups when it is saved (created in
the admin, by the demo loader or in code), and puts it back if someone removes it. Pages
below the area inherit the restriction (Wagtail checks the ancestors' restrictions too).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms_pages.blocks import BodyBlock
from steering.blocks import AgendaBlock, MinutesBlock
from steering.calendar import meeting_calendar

MEETINGS_LISTED = 20


class SteeringAreaPage(Page):
    """The index of the private area: an introduction, the area's sections and the meetings."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    # The area never appears in the public menu; signed-in members get their own link.
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            heading=_("For search engines"),
        )
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = [
        "steering.MeetingIndexPage",
        "dashboard.DashboardPage",
        "indicators.IndicatorsPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("steering group area")
        verbose_name_plural = _("steering group areas")

    def save(self, *args, **kwargs):
        self.show_in_menus = False
        return super().save(*args, **kwargs)

    def meetings(self):
        return MeetingPage.objects.descendant_of(self).live()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = list(self.get_children().live().specific())
        context.update(split_meetings(self.meetings()))
        # The next meeting leads the page, with its calendar invitation.
        upcoming = context["upcoming_meetings"]
        context["next_meeting"] = upcoming[0] if upcoming else None
        return context


def split_meetings(meetings) -> dict:
    """{"upcoming_meetings": soonest first, "past_meetings": latest first}."""
    now = timezone.now()
    return {
        "upcoming_meetings": list(
            meetings.filter(start__gte=now).order_by("start", "pk")[:MEETINGS_LISTED]
        ),
        "past_meetings": list(
            meetings.filter(start__lt=now).order_by("-start", "-pk")[:MEETINGS_LISTED]
        ),
    }


class MeetingIndexPage(Page):
    """The steering group's meetings: upcoming first, then past ones."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["steering.SteeringAreaPage"]
    subpage_types = ["steering.MeetingPage"]

    class Meta:
        verbose_name = _("meeting index page")
        verbose_name_plural = _("meeting index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(split_meetings(MeetingPage.objects.child_of(self).live()))
        return context


class MeetingPage(RoutablePageMixin, Page):
    """One meeting of the steering group: when and where, the agenda, the minutes, the
    participants and the documents (from a private collection).

    Routes: "" the page, "calendar/" the meeting as a calendar invitation (an .ics file),
    behind the same view restriction as the page (Wagtail checks it before any route)."""

    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    location = models.CharField(_("place"), max_length=250, blank=True)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown in meeting lists.")
    )
    agenda = StreamField(AgendaBlock(), blank=True, verbose_name=_("agenda"))
    minutes = StreamField(MinutesBlock(), blank=True, verbose_name=_("minutes"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("location"),
                FieldPanel("summary"),
            ],
            heading=_("Meeting details"),
        ),
        FieldPanel("agenda"),
        FieldPanel("minutes"),
        InlinePanel("participants", label=_("Participants"), heading=_("Participants")),
        InlinePanel("attached_documents", label=_("Document"), heading=_("Documents")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("location"),
        index.SearchField("agenda"),
        index.SearchField("minutes"),
    ]

    parent_page_types = ["steering.MeetingIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The meeting cannot end before it starts.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["participants"] = list(self.participants.all())
        context["documents"] = list(self.attached_documents.select_related("document"))
        return context

    @path("calendar/", name="meeting_ics")
    def meeting_ics(self, request):
        response = HttpResponse(meeting_calendar(self), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        # A private meeting: never kept by a shared cache.
        patch_cache_control(response, private=True, no_store=True)
        return response

    def calendar_url(self) -> str:
        return self.url + self.reverse_subpage("meeting_ics")


class ParticipantRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    DEPUTY = "deputy", _("Deputy member")
    EXPERT = "expert", _("Expert")
    GUEST = "guest", _("Guest")


class MeetingParticipant(Orderable):
    """Who took part (or is invited) and in which role; optional."""

    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(
        _("role"), max_length=20, choices=ParticipantRole.choices, default=ParticipantRole.MEMBER
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("organisation"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("participant")
        verbose_name_plural = _("participants")


class MeetingDocument(Orderable):
    """A document attached to a meeting. It must come from a private collection: a document
    in a public collection can be opened by anyone who has its address."""

    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="attached_documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("link text"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to use the document's title."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    @property
    def link_text(self) -> str:
        return self.title or self.document.title

    def clean(self):
        super().clean()
        document = getattr(self, "document", None) if self.document_id else None
        if document is not None and not document.collection.get_view_restrictions().exists():
            raise ValidationError(
                {
                    "document": _(
                        "Choose a document from a private collection (such as the steering "
                        "group's): anyone can open a document in a public collection."
                    )
                }
            )
