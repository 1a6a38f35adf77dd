"""Demo content of the site: the home page, "About the project" and the accessibility
statement in Finnish, Swedish and English, and the footer settings.

`load()` is idempotent: pages are found by their fixed translation keys, so a second run
creates nothing, and a page that exists is never overwritten (an editor may have changed it).
Whatever is missing is created, even the tree root and the Site (a flushed test database).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page, Site

from cms_pages import demo_content as content
from cms_pages.models import HomePage, SiteSettings, StandardPage

WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


def _locales() -> dict[str, Locale]:
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
    }


def _tree_root(default_locale: Locale) -> Page:
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(
            instance=Page(
                title="Root",
                slug="root",
                locale=default_locale,
                content_type=ContentType.objects.get_for_model(Page),
                live=True,
            )
        )
    return root


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _page_fields(spec: dict, extra: tuple[str, ...]) -> dict:
    fields = {
        "title": spec["title"],
        "slug": spec["slug"],
        "seo_title": spec.get("seo_title", ""),
        "search_description": spec.get("search_description", ""),
    }
    fields.update({name: spec[name] for name in extra})
    return fields


HOME_FIELDS = (
    "lead",
    "funding",
    "goals_heading",
    "goals",
    "consortium_heading",
    "consortium",
    "target_groups_heading",
    "target_groups_intro",
    "target_groups",
    "body",
)


def _ensure_pages(model, key, specs, parents, locales, build, created) -> dict[str, Page]:
    """Each language version of one page, created under its parent when missing."""
    existing = {
        page.locale.language_code: page
        for page in Page.objects.filter(translation_key=key).select_related("locale")
    }
    pages = {}
    for code, locale in locales.items():
        page = existing.get(code)
        if page is None:
            page = _publish(parents[code], build(specs[code], locale, key))
            created.append(f"{model._meta.verbose_name} ({code}): {page.title}")
        pages[code] = page
    return pages


def _build_home(spec, locale, key) -> HomePage:
    return HomePage(
        locale=locale,
        translation_key=key,
        project_start=content.PROJECT_START,
        project_end=content.PROJECT_END,
        **_page_fields(spec, HOME_FIELDS),
    )


def _build_standard(show_in_menus: bool):
    def build(spec, locale, key) -> StandardPage:
        return StandardPage(
            locale=locale,
            translation_key=key,
            show_in_menus=show_in_menus,
            **_page_fields(spec, ("intro", "body")),
        )

    return build


def _is_wagtail_welcome_page(page: Page) -> bool:
    return (
        page.depth == 2
        and page.specific_class is Page
        and page.title == WAGTAIL_WELCOME_TITLE
        and page.numchild == 0
    )


def _ensure_site(home: HomePage) -> Site:
    """The default Site serves the Finnish home page; Wagtail's "Welcome" page goes away."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return Site.objects.create(
            hostname="localhost", port=80, site_name="KEKO", root_page=home, is_default_site=True
        )
    previous = site.root_page
    if previous.pk != home.pk and not isinstance(previous.specific, HomePage):
        site.root_page = home
        site.site_name = site.site_name or "KEKO"
        site.save()
        if _is_wagtail_welcome_page(previous):
            previous.delete()
    return site


def _remove_welcome_pages() -> None:
    """Wagtail's stock welcome page blocks the slug "home" under the root: remove it when no
    site uses it."""
    used = set(Site.objects.values_list("root_page_id", flat=True))
    for page in Page.objects.filter(depth=2, title=WAGTAIL_WELCOME_TITLE).exclude(pk__in=used):
        if _is_wagtail_welcome_page(page):
            page.delete()


def _ensure_footer_settings(site: Site, statement: Page, created: list) -> None:
    footer, _new = SiteSettings.objects.get_or_create(site=site)
    changed = []
    for name, value in content.FOOTER_SETTINGS.items():
        if not getattr(footer, name):
            setattr(footer, name, value)
            changed.append(name)
    if footer.accessibility_statement_id is None:
        footer.accessibility_statement = statement
        changed.append("accessibility_statement")
    if changed:
        footer.save()
        created.append(f"site settings: {', '.join(changed)}")


def load() -> str:
    """Create the demo pages and settings that are missing; return what was created."""
    created: list[str] = []
    locales = _locales()
    default = locales[settings.LANGUAGE_CODE]
    root = _tree_root(default)

    finnish_home = _ensure_pages(
        HomePage,
        content.HOME_KEY,
        content.HOME,
        {settings.LANGUAGE_CODE: root},
        {settings.LANGUAGE_CODE: default},
        _build_home,
        created,
    )[settings.LANGUAGE_CODE]
    site = _ensure_site(finnish_home.specific)
    _remove_welcome_pages()
    homes = _ensure_pages(
        HomePage,
        content.HOME_KEY,
        content.HOME,
        {code: root for code in locales},
        locales,
        _build_home,
        created,
    )
    _ensure_pages(
        StandardPage,
        content.ABOUT_KEY,
        content.ABOUT,
        homes,
        locales,
        _build_standard(show_in_menus=True),
        created,
    )
    statements = _ensure_pages(
        StandardPage,
        content.STATEMENT_KEY,
        content.STATEMENT,
        homes,
        locales,
        _build_standard(show_in_menus=False),
        created,
    )
    _ensure_footer_settings(site, statements[settings.LANGUAGE_CODE], created)
    Site.clear_site_root_paths_cache()
    if not created:
        return "Demo pages: nothing to add."
    return "Demo pages created: " + "; ".join(created)
