"""Demo content of the service map: a map page in the main navigation, in fi, sv and en.

Idempotent: the Finnish page is found by its slug under the default site's root page and its
translations by the translation key; a page that exists is never overwritten.
"""

from __future__ import annotations

from django.conf import settings
from wagtail.models import Locale, Site

from ecosystem.models.map_page import EcosystemMapPage

SLUG = "palvelukartta"
TITLE = "Palvelukartta"
INTRO = (
    "<p>Keski-Uudenmaan työllisyyden ja työkyvyn tuen toimijat ja palvelut kartalla: kuka "
    "tarjoaa mitä, kenelle ja missä kunnassa, ja miten asiakas ohjautuu organisaatiolta "
    "toiselle. Rajaa karttaa kohderyhmän, kunnan, organisaatiotyypin tai suhteen mukaan, "
    "korosta palvelupolku tai etsi reittejä eteenpäin reittihaulla. Sama sisältö on kartan "
    "alla tekstinä.</p>"
)
TRANSLATIONS = {
    "sv": {
        "title": "Servicekarta",
        "slug": "servicekarta",
        "intro": (
            "<p>Aktörerna och tjänsterna inom sysselsättning och stöd för arbetsförmåga i "
            "Mellersta Nyland på en karta: vem erbjuder vad, för vem och i vilken kommun, och "
            "hur kunden slussas vidare. Samma innehåll finns som text under kartan.</p>"
        ),
    },
    "en": {
        "title": "Service map",
        "slug": "service-map",
        "intro": (
            "<p>The employment and work-ability actors and services of Central Uusimaa on a "
            "map: who offers what, to whom and in which municipality, and how a customer is "
            "referred from one organisation to another. Filter the map, highlight a service "
            "path or find routes onward. The same content is below the map as text.</p>"
        ),
    },
}


def load() -> str:
    """Create the map page (and its translations) if missing; return what was created."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return "Service map demo: no default site, nothing added."
    home = site.root_page.specific
    created: list[str] = []
    page = EcosystemMapPage.objects.child_of(home).filter(slug=SLUG).first()
    if page is None:
        page = EcosystemMapPage(
            title=TITLE, slug=SLUG, intro=INTRO, show_in_menus=True, locale=home.locale
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        created.append(f"fi: {TITLE}")
    for code, spec in TRANSLATIONS.items():
        if code not in dict(settings.LANGUAGES):
            continue
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None or page.has_translation(locale):
            continue
        translated_home = home.get_translation_or_none(locale)
        if translated_home is None:
            continue
        # Created as a translation (same translation key) under the translated home page,
        # with its own slug from the start (no redirect from a copied slug).
        translation = EcosystemMapPage(
            title=spec["title"],
            slug=spec["slug"],
            intro=spec["intro"],
            show_in_menus=True,
            locale=locale,
            translation_key=page.translation_key,
        )
        translated_home.add_child(instance=translation)
        translation.save_revision().publish()
        created.append(f"{code}: {spec['title']}")
    Site.clear_site_root_paths_cache()
    if not created:
        return ""
    return "Service map demo page created: " + "; ".join(created)
