"""Events of the situational-picture work: the index (upcoming and past) and the event page."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms_pages.blocks import BodyBlock
from cms_pages.news import paginate
from portal.page_cache import SharedByAudiencePage

EVENTS_PER_PAGE = 10
# Query parameters of the two listings' page numbers, and the headings the links lead to.
LISTINGS = (("upcoming", "upcoming-heading"), ("past", "past-heading"))


def page_links(page_obj, param: str, anchor: str, keep: dict[str, int]) -> dict:
    """Links to the pages of one listing: numbers (elided when many), previous and next.

    `keep` holds the other listing's page number, so moving through one list leaves the
    other where it was. Page 1 is left out of the address.
    """

    def url(number: int) -> str:
        query = {name: value for name, value in {**keep, param: number}.items() if value != 1}
        return f"?{urlencode(sorted(query.items()))}#{anchor}" if query else f"?#{anchor}"

    items = []
    for number in page_obj.paginator.get_elided_page_range(
        page_obj.number, on_each_side=2, on_ends=1
    ):
        if number == page_obj.paginator.ELLIPSIS:
            items.append({"gap": True})
        else:
            items.append(
                {"number": number, "url": url(number), "current": number == page_obj.number}
            )
    return {
        "page": page_obj,
        "items": items,
        "previous": url(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next": url(page_obj.next_page_number()) if page_obj.has_next() else "",
    }


class EventType(models.TextChoices):
    EXPERT_INTERVIEW = "expert_interview", _("Expert interview")
    WORKING_GROUP = "working_group", _("Working group")
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class EventIndexPage(SharedByAudiencePage, Page):
    """Lists the events below it: upcoming first (soonest first), then past (latest first)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["cms_pages.HomePage", "cms_pages.StandardPage"]
    subpage_types = ["cms_pages.EventPage"]

    class Meta:
        verbose_name = _("event index page")
        verbose_name_plural = _("event index pages")

    def events(self):
        """The live, public events below this index."""
        return EventPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        """Both listings paginated on their own (?upcoming=N, ?past=N): a count and one page
        of rows each, whatever the number of events."""
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = self.events()
        pages = {
            "upcoming": paginate(
                request,
                events.filter(end__gte=now).order_by("start", "pk"),
                EVENTS_PER_PAGE,
                "upcoming",
            ),
            "past": paginate(
                request,
                events.filter(end__lt=now).order_by("-start", "-pk"),
                EVENTS_PER_PAGE,
                "past",
            ),
        }
        for name, anchor in LISTINGS:
            keep = {other: pages[other].number for other, _anchor in LISTINGS if other != name}
            context[f"{name}_events"] = list(pages[name].object_list)
            context[f"{name}_pages"] = page_links(pages[name], name, anchor, keep)
        return context


class EventPage(SharedByAudiencePage, Page):
    """One event: when, where (a place with its venue details, or an online link), what kind,
    its status, audience and registration link."""

    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    event_type = models.CharField(_("type"), max_length=30, choices=EventType.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    location = models.CharField(_("place"), max_length=250, blank=True)
    venue = models.TextField(
        _("venue details"),
        blank=True,
        help_text=_("Street address, room, how to get there and the accessibility of the place."),
    )
    online_url = models.URLField(_("online link"), blank=True)
    organiser = models.CharField(_("organiser"), max_length=250, blank=True)
    audience = models.CharField(_("audience"), max_length=250, blank=True)
    registration_url = models.URLField(
        _("registration link"),
        blank=True,
        help_text=_("Where to sign up; shown until the event has been held."),
    )
    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("event_type"), FieldPanel("status")]),
                FieldPanel("location"),
                FieldPanel("venue"),
                FieldPanel("online_url"),
                FieldPanel("organiser"),
                FieldPanel("audience"),
                FieldPanel("registration_url"),
            ],
            heading=_("Event details"),
        ),
        FieldPanel("lead"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("location"),
        index.SearchField("venue"),
        index.SearchField("organiser"),
        index.SearchField("audience"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms_pages.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})

    @property
    def shown_status(self) -> str:
        """The status a visitor sees: a scheduled event whose end has passed was held, so
        nobody has to flip the status by hand afterwards. A cancellation always stands."""
        if self.status == EventStatus.SCHEDULED and self.end and self.end < timezone.now():
            return EventStatus.HELD
        return self.status

    @property
    def registration_open(self) -> bool:
        """A registration link is offered for a scheduled event that has not yet ended."""
        return bool(self.registration_url) and self.shown_status == EventStatus.SCHEDULED

    @property
    def shown_status_label(self) -> str:
        return EventStatus(self.shown_status).label
