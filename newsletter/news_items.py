"""Pages pulled into an issue by the news items block, as title, summary and link."""

from dataclasses import dataclass

from wagtail.models import Locale, Page, PageViewRestriction

from portal.site_url import base_url

SUMMARY_FIELDS = ("search_description", "lead", "intro", "excerpt", "summary")
SUMMARY_MAX = 300


@dataclass(frozen=True)
class NewsItem:
    title: str
    summary: str
    url: str


def _summary(page) -> str:
    for field in SUMMARY_FIELDS:
        value = getattr(page, field, "")
        if isinstance(value, str) and value.strip():
            text = " ".join(value.split())
            return text if len(text) <= SUMMARY_MAX else text[: SUMMARY_MAX - 1].rstrip() + "…"
    return ""


def absolute_url(url: str) -> str:
    """A page or file URL made absolute against BASE_URL (portal.site_url)."""
    if url.startswith("/") and not url.startswith("//"):
        return base_url() + url
    return url


def news_items(pages, language: str | None = None, *, absolute: bool = False) -> list[NewsItem]:
    """The live, public pages among `pages`, each in `language` when translated (else as
    chosen)."""
    locale = Locale.objects.filter(language_code=language).first() if language else None
    # Pages behind a view restriction (the steering area) never reach a public archive or
    # an email: a restriction covers its page and everything below it.
    restricted_paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    items = []
    for page in pages:
        if not isinstance(page, Page) or not page.live:
            continue
        if locale is not None and page.locale_id != locale.pk:
            translated = page.get_translation_or_none(locale)
            if translated is not None and translated.live:
                page = translated
        if restricted_paths and page.path.startswith(restricted_paths):
            continue
        page = page.specific
        url = page.get_url() or ""
        items.append(
            NewsItem(
                title=page.title,
                summary=_summary(page),
                url=absolute_url(url) if absolute else url,
            )
        )
    return items
