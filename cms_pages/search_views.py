"""Site search: the live, public pages of the current language and the register's
organisations and services, each result labelled with its kind.

Exact title matches come first, then results whose title holds every word, then the rest
(pages in the search backend's order, organisations and services by name). Snippets are
plain text: rich-text summaries lose their markup before the template escapes them.

The results of a query are cached for RESULTS_CACHE_SECONDS per cleaned query, language and
audience (anonymous visitors and those who see public records only, or partners who also see
partner-only records: portal.accounts.access), under the page cache's generation and the
register's data version: publishing, moving or deleting a page and any change to the register
make every cached result stale at once, so an edit shows in the next search. Only the
results are cached (titles, addresses, snippets); the page around them is rendered per request.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError, transaction
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms_pages.events import EventIndexPage, EventPage
from cms_pages.feeds import current_locale
from cms_pages.news import NewsIndexPage, NewsPage
from cms_pages.templatetags.cms_news import page_summary
from ecosystem.map.data import audience
from ecosystem.map.views import viewer
from ecosystem.pages.search import search_records
from ecosystem.register.versioning import data_version
from portal.kernel.search_query import clean_query
from portal.page_cache import current_generation

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
MAX_PAGE_RESULTS = 100
SNIPPET_LENGTH = 250
RESULTS_CACHE_SECONDS = 600

KIND_LABELS = {
    "news": _("News"),
    "event": _("Event"),
    "page": _("Page"),
    "newsletter": _("Newsletter"),
    "organisation": _("Organisation"),
    "service": _("Service"),
}


@dataclass(frozen=True)
class Result:
    kind: str
    title: str
    url: str
    snippet: str
    rank: int  # 0 exact title, 1 every word in the title, 2 anything else
    page: Page | None = None  # the page of a page result (None for a register record)

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


def _page_kind(page: Page) -> str:
    if isinstance(page, NewsPage | NewsIndexPage):
        return "news"
    if isinstance(page, EventPage | EventIndexPage):
        return "event"
    if page._meta.app_label == "newsletter":
        return "newsletter"
    return "page"


def plain_text(value: str, length: int = SNIPPET_LENGTH) -> str:
    """Text without markup or entities, shortened at a word."""
    text = " ".join(html.unescape(strip_tags(value or "")).split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "…"


def _rank(title: str, query: str) -> int:
    folded, wanted = title.casefold(), query.casefold()
    if folded == wanted:
        return 0
    return 1 if all(word in folded for word in wanted.split()) else 2


def _page_results(request, query: str) -> list[Result]:
    pages = Page.objects.live().public().filter(locale=current_locale()).specific()
    found = []
    for page in pages.search(query)[:MAX_PAGE_RESULTS]:
        found.append(
            Result(
                kind=_page_kind(page),
                title=page.title,
                url=page.get_url(request) or "",
                snippet=plain_text(page_summary(page)),
                rank=_rank(page.title, query),
                page=page,
            )
        )
    return found


def _record_results(request, query: str) -> list[Result]:
    public_only, language = viewer(request)
    return [
        Result(
            kind=hit.kind,
            title=hit.title,
            url=hit.url,
            snippet=hit.snippet,
            rank=0 if hit.exact else (1 if hit.in_name else 2),
        )
        for hit in search_records(query, language=language, public_only=public_only)
    ]


def _results(request, query: str) -> list[Result]:
    """Every result of a (cleaned) query for the request's viewer, best first: from the cache
    when the same query was searched in this language, for this audience, since the last
    change to the pages or the register."""
    public_only, language = viewer(request)
    digest = hashlib.sha256(query.encode()).hexdigest()[:40]
    key = (
        f"keko:search:{current_generation()}:{data_version()}:{language}:"
        f"{audience(public_only)}:{digest}"
    )
    found = cache.get(key)
    if found is not None:
        return found
    # A savepoint: a query the backend refuses must not break the request's transaction.
    with transaction.atomic():
        found = _page_results(request, query) + _record_results(request, query)
    found.sort(key=lambda result: result.rank)  # stable: each source keeps its order
    found = [replace(result, page=None) for result in found]  # text only in the cache
    cache.set(key, found, RESULTS_CACHE_SECONDS)
    return found


def search(request):
    """Search results for ?q=, never pages behind a view restriction, unpublished pages or
    register records the viewer may not see. A query the backend refuses (an odd quote, a
    control character) gets a sentence, never an error page."""
    query, problem = clean_query(request.GET.get("q", ""), MAX_QUERY_LENGTH)
    results = None
    if query and not problem:
        try:
            found = _results(request, query)
        except DatabaseError:
            found, problem = None, gettext_now("This search could not be run. Try plain words.")
        if found is not None:
            paginator = Paginator(found, RESULTS_PER_PAGE)
            try:
                results = paginator.page(request.GET.get("page", 1))
            except PageNotAnInteger:
                results = paginator.page(1)
            except EmptyPage:
                results = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request,
        "cms_pages/search.html",
        {"search_query": query, "results": results, "search_problem": problem},
    )
