"""What the site shell (header, language switcher, navigation, footer) shows for one request.

Everything is read with a fixed number of queries, whatever the number of menu items or
translations: the site settings (one query), every live translation of the current page, of
the home page and of the accessibility statement (one query together), and the menu items
(one query). Wagtail keeps the site root paths in the cache.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Page, Site

from cms_pages.models import SiteSettings
from portal.site_url import absolute_url

WAGTAIL_SERVE = "wagtail_serve"


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    url: str


@dataclass(frozen=True)
class NavItem:
    title: str
    url: str
    # "page" for the page itself, "true" for an ancestor of the current page, else "".
    current: str


@dataclass
class Shell:
    language: str
    home_url: str
    languages: list[LanguageLink]
    alternates: list[Alternate] = field(default_factory=list)
    canonical_url: str = ""
    navigation: list[NavItem] = field(default_factory=list)
    site_settings: SiteSettings | None = None
    accessibility_statement_url: str = ""


def active_language() -> str:
    """The active language as one of settings.LANGUAGES (fi when nothing matches)."""
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    codes = [code for code, _name in settings.LANGUAGES]
    return language if language in codes else settings.LANGUAGE_CODE


def language_home_path(code: str) -> str:
    """The path of a language's home page without the database: "/", "/sv/", "/en/"."""
    try:
        with translation.override(code):
            return reverse(WAGTAIL_SERVE, args=("",))
    except NoReverseMatch:
        return "/"


def minimal_shell() -> Shell:
    """The shell when there is no request (the 500 page): no database at all."""
    language = active_language()
    links = [
        LanguageLink(code, name, language_home_path(code), code == language)
        for code, name in settings.LANGUAGES
    ]
    return Shell(language=language, home_url=language_home_path(language), languages=links)


def site_settings_for(request, site: Site | None) -> SiteSettings | None:
    """The footer settings of the site, without creating them on a read."""
    if site is None:
        return None
    cache_attr = SiteSettings.get_cache_attr_name()
    if not hasattr(request, cache_attr):
        setattr(request, cache_attr, SiteSettings.base_queryset().filter(site=site).first())
    return getattr(request, cache_attr)


def _translations_by_key(keys: set) -> dict:
    """{translation_key: {language_code: page}} of the live pages with those keys."""
    found: dict = {}
    if not keys:
        return found
    for page in Page.objects.filter(translation_key__in=keys).live().select_related("locale"):
        found.setdefault(page.translation_key, {})[page.locale.language_code] = page
    return found


def _view_paths(request) -> dict[str, str]:
    """{language: path} of the same Django view (not a Wagtail page) in each language.

    Empty for a page that does not exist, a preview, or a view outside the language-prefixed
    URLs (one path for every language is no translation).
    """
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name == WAGTAIL_SERVE or not match.view_name:
        return {}
    if getattr(request, "is_preview", False):
        return {}
    paths = {}
    for code, _name in settings.LANGUAGES:
        try:
            with translation.override(code):
                paths[code] = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return {}
    if len(set(paths.values())) < len(paths):
        return {}
    return paths


def _navigation(request, home: Page | None, page: Page | None) -> list[NavItem]:
    if home is None:
        return []
    items = []
    for child in home.get_children().live().in_menu():
        url = child.get_url(request)
        if not url:
            continue
        current = ""
        if page is not None and page.url_path:
            if page.pk == child.pk:
                current = "page"
            elif page.url_path.startswith(child.url_path):
                current = "true"
        items.append(NavItem(child.title, url, current))
    return items


def build_shell(request, page: Page | None = None) -> Shell:
    """Everything the header and footer need for this request, in a fixed number of queries."""
    if request is None:
        return minimal_shell()
    language = active_language()
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    footer = site_settings_for(request, site)
    statement = footer.accessibility_statement if footer else None
    if page is not None and not page.pk:
        page = None  # the preview of a page that is not saved yet has no translations

    keys = {p.translation_key for p in (page, root, statement) if p is not None}
    translations = _translations_by_key(keys)
    homes = translations.get(root.translation_key, {}) if root else {}
    page_versions = translations.get(page.translation_key, {}) if page else {}

    def home_url(code: str) -> str:
        home = homes.get(code)
        return (home.get_url(request) if home else None) or language_home_path(code)

    if page is not None:
        paths = {
            code: url
            for code, version in page_versions.items()
            if (url := version.get_url(request))
        }
    else:
        paths = _view_paths(request)

    # The same page in another language keeps the query string: the service map's filters,
    # its text view's, the site search's words.
    query = request.GET.urlencode()
    languages = []
    alternates = []
    for code, name in settings.LANGUAGES:
        url = paths.get(code)
        if url:
            alternates.append(Alternate(code, absolute_url(url)))
        link = f"{url}?{query}" if url and query else url or home_url(code)
        languages.append(LanguageLink(code, name, link, code == language))
    if alternates:
        default = next((a for a in alternates if a.hreflang == settings.LANGUAGE_CODE), None)
        if default is not None:
            alternates.append(Alternate("x-default", default.url))

    canonical = next((a.url for a in alternates if a.hreflang == language), "")
    statement_url = ""
    if statement is not None:
        versions = translations.get(statement.translation_key, {})
        localized = versions.get(language) or versions.get(settings.LANGUAGE_CODE)
        statement_url = (localized.get_url(request) if localized else None) or ""

    localized_home = homes.get(language) or homes.get(settings.LANGUAGE_CODE)
    return Shell(
        language=language,
        home_url=home_url(language),
        languages=languages,
        alternates=alternates,
        canonical_url=canonical,
        navigation=_navigation(request, localized_home, page),
        site_settings=footer,
        accessibility_statement_url=statement_url,
    )
