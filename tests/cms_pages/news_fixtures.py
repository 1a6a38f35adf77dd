"""Helpers of the news, events, feeds, search and SEO tests: pages built in the demo tree."""

import datetime as dt

from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms_pages.events import EventIndexPage, EventPage
from cms_pages.news import NewsIndexPage, NewsPage


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def news_index(home, title="Ajankohtaista", slug="ajankohtaista", **fields):
    return publish(home, NewsIndexPage(title=title, slug=slug, **fields))


def article(index, title, date, lead="Ingressi.", **fields):
    return publish(
        index,
        NewsPage(
            title=title,
            slug=fields.pop("slug", None) or _slug(title),
            date=date,
            lead=lead,
            **fields,
        ),
    )


def event_index(home, title="Tapahtumat", slug="tapahtumat"):
    return publish(home, EventIndexPage(title=title, slug=slug))


def event(index, title, start, hours=2, **fields):
    fields.setdefault("event_type", "workshop")
    fields.setdefault("status", "scheduled")
    return publish(
        index,
        EventPage(
            title=title,
            slug=fields.pop("slug", None) or _slug(title),
            start=start,
            end=start + dt.timedelta(hours=hours),
            **fields,
        ),
    )


def helsinki(year, month, day, hour=0, minute=0):
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def restrict(page: Page) -> None:
    """Only signed-in users may view the page (a Wagtail view restriction)."""
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def _slug(title):
    from django.utils.text import slugify

    return slugify(title)[:50] or "page"
