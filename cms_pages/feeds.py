"""Feeds of the current language: news as RSS 2.0 and Atom, events as iCalendar."""

from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from cms_pages.events import EventPage
from cms_pages.icalendar import calendar
from cms_pages.news import NewsPage
from portal.site_url import base_url

FEED_ITEMS = 20


def current_locale() -> Locale:
    """The Wagtail locale of the active language (the default language if it has none)."""
    return Locale.objects.filter(language_code=get_language()).first() or Locale.objects.get(
        language_code=settings.LANGUAGE_CODE
    )


def _absolute(url: str) -> str:
    return base_url() + url if url.startswith("/") else url


class NewsRssFeed(Feed):
    """The latest public news and guest blog posts in the current language (RSS 2.0)."""

    def title(self):
        return _("KEKO news")

    def description(self):
        return _("News and guest blog posts of the KEKO project")

    def link(self):
        locale = current_locale()
        home = Page.objects.filter(depth=2, locale=locale).live().first()
        return home.get_url() if home else "/"

    def items(self):
        return list(
            NewsPage.objects.live()
            .public()
            .filter(locale=current_locale())
            .order_by("-date", "-first_published_at", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return _absolute(item.get_url() or "")

    def item_author_name(self, item):
        return item.author or None

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(12)))

    def item_updateddate(self, item):
        return item.last_published_at


class NewsAtomFeed(NewsRssFeed):
    """The same news as Atom 1.0."""

    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()


def _ics_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, pk: int):
    """One public, live event as an .ics file."""
    event = get_object_or_404(EventPage.objects.live().public().select_related("locale"), pk=pk)
    if event.locale.language_code != get_language():
        raise Http404
    return _ics_response(calendar([event], event.title), f"{event.slug}.ics")


def events_ics(request):
    """Every public, live event of the current language as a calendar feed."""
    events = (
        EventPage.objects.live()
        .public()
        .filter(locale=current_locale())
        .select_related("locale")
        .order_by("start", "pk")
    )
    return _ics_response(calendar(events, _("KEKO events")), "keko-events.ics")
