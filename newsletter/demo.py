"""Demo content of the newsletter: the lists, the archive page in fi/sv/en and the first
issue (from the source document of 22.4.2026) in Finnish with Swedish and English
translations.

Idempotent: lists are found by slug and pages by fixed translation keys; what exists is
never changed. Runs after cms_pages.demo.load, which creates the home pages.
"""

import datetime
import uuid

from wagtail.models import Locale, Page, Site

from newsletter.models import MailingList, NewsletterIndexPage, NewsletterIssuePage

INDEX_KEY = uuid.uuid5(uuid.NAMESPACE_URL, "https://keko.invalid/pages/newsletter")
FIRST_ISSUE_KEY = uuid.uuid5(uuid.NAMESPACE_URL, "https://keko.invalid/pages/newsletter/1")

LISTS = [
    {
        "slug": "general",
        "sort_order": 1,
        "name_fi": "KEKO-uutiskirje",
        "name_sv": "KEKO:s nyhetsbrev",
        "name_en": "KEKO newsletter",
        "description_fi": "Hankkeen ajankohtaiset asiat muutaman kerran vuodessa.",
        "description_sv": "Aktuellt om projektet några gånger om året.",
        "description_en": "News of the project a few times a year.",
    },
    {
        "slug": "partners",
        "sort_order": 2,
        "name_fi": "Kumppaniverkosto",
        "name_sv": "Partnernätverket",
        "name_en": "Partner network",
        "description_fi": "Kutsut työpajoihin ja yhteiskehittämiseen verkoston toimijoille.",
        "description_sv": "Inbjudningar till verkstäder och samutveckling för nätverkets aktörer.",
        "description_en": "Invitations to workshops and co-development for network partners.",
    },
]

INDEX = {
    "fi": {
        "title": "Uutiskirje",
        "slug": "uutiskirje",
        "show_in_menus": True,
        "intro": "KEKO-hankkeen uutiskirjeet. Tilaa uutiskirje sähköpostiisi alta.",
    },
    "sv": {
        "title": "Nyhetsbrev",
        "slug": "nyhetsbrev",
        "show_in_menus": True,
        "intro": "KEKO-projektets nyhetsbrev. Beställ nyhetsbrevet till din e-post nedan.",
    },
    "en": {
        "title": "Newsletter",
        "slug": "newsletters",
        "show_in_menus": True,
        "intro": "The KEKO project's newsletters. Subscribe by email below.",
    },
}

ISSUE_DATE = datetime.date(2026, 4, 22)
# The kick-off news and the steering group's meeting (cms_pages.demo_news, loaded before us).
NEWS_KEYS = [
    uuid.uuid5(uuid.NAMESPACE_URL, f"https://keko.invalid/communications/{name}")
    for name in ("kick-off", "steering-group")
]


def _issue_fi(news):
    body = [
        {"type": "heading", "value": {"text": "Hankkeen perustiedot", "level": "h2"}},
        {
            "type": "paragraph",
            "value": (
                "<p>Työkyvyn tukemisen ja työhön osallistumisen ekosysteemi -hanke (KEKO) "
                "toimii 1.1.2026–30.6.2028. Hankkeen toteuttavat yhdessä <b>Keusote, "
                "Keski-Uudenmaan työllisyysalue ja Työterveyslaitos</b>. Hanke on Euroopan "
                "unionin osarahoittama (ESR+), ja rahoittavana viranomaisena toimii "
                "Kaakkois-Suomen elinvoimakeskus.</p>"
                "<p>Hankkeen varsinainen kohderyhmä ovat monialaisten hyvinvointi-, "
                "työllisyys-, sosiaali-, terveys-, kuntoutus- ja neuvontapalveluiden "
                "tarjoajat sekä niiden johto ja henkilöstö. Välillinen kohderyhmä ovat "
                "vaikeasti työllistyvät.</p>"
            ),
        },
        {
            "type": "quote",
            "value": {
                "quote": (
                    "Luoda vaikeasti työllistyviin liittyvää monialaista yhteistyötä tukevat "
                    "rakenteet; johtamisen, toimijoiden, työpaikkojen ja palvelujen "
                    "yhteensovittaminen."
                ),
                "attribution": "Hankkeen ensimmäinen tavoite",
            },
        },
        {
            "type": "heading",
            "value": {"text": "Tilannekuva 1: palvelut ja toimijat", "level": "h2"},
        },
        {
            "type": "paragraph",
            "value": (
                "<p>Ensimmäisessä tilannekuvassa kootaan ja kuvataan ekosysteemin toimijat ja "
                "palvelut asiantuntijahaastatteluin, työryhmissä ja työpajoissa. Työstä "
                "vastaavat Keusote ja TE-palvelut, ja tilannekuva valmistuu syyskuuhun 2026 "
                "mennessä. Osa haastatteluista ja työpajoista on jo pidetty, osa on "
                "kalenteroitu.</p>"
                "<p>Aiheina ovat muun muassa</p>"
                "<ul><li>kuntouttava työtoiminta ja työkyvyn arvioinnin prosessi</li>"
                "<li>TE Koto ja maahanmuuttajapalvelut</li>"
                "<li>TYM ja TE-nuorten palvelut / Ohjaamo</li>"
                "<li>lastensuojelun jälkihuolto, työtoiminta ja työelämä.</li></ul>"
                "<p>Keusoten ja TE-palvelujen esihenkilöt määrittelevät kohderyhmää ja "
                "organisaatiorajat ylittävää yhteistyötä, ja johtajat ekosysteemistä "
                "johtamista.</p>"
            ),
        },
        {
            "type": "callout",
            "value": {
                "title": "Tilannekuva 2",
                "text": (
                    "<p>Työterveyslaitos laatii tilannekuva 1:n rinnalla väestötason "
                    "tilannekuvan Keski-Uudestamaasta ja koko Suomesta: demografisten "
                    "tekijöiden lisäksi erityisesti työkyvystä ja työhön osallistumisesta.</p>"
                ),
                "tone": "info",
            },
        },
        {"type": "heading", "value": {"text": "Ohjausryhmä järjestäytyi", "level": "h2"}},
        {
            "type": "paragraph",
            "value": (
                "<p>Hankkeen ohjausryhmä on perustettu, ja se piti järjestäytymiskokouksensa "
                "15.4.2026. Ohjausryhmä seuraa hankkeen etenemistä ja alueen "
                "työllisyystilanteen keskeisiä mittareita.</p>"
            ),
        },
    ]
    if news:
        body.append(
            {"type": "news_items", "value": {"heading": "Uutisia", "pages": [p.pk for p in news]}}
        )
    return {
        "title": "KEKO-hanke käynnistyi",
        "slug": "keko-hanke-kaynnistyi",
        "lead": (
            "Ensimmäinen uutiskirje kertoo, mistä KEKO-hankkeessa on kyse, miten "
            "tilannekuvatyö etenee ja kuka hanketta ohjaa."
        ),
        "body": body,
    }


def _issue_sv(news):
    body = [
        {"type": "heading", "value": {"text": "Projektet i korthet", "level": "h2"}},
        {
            "type": "paragraph",
            "value": (
                "<p>Projektet Ekosystemet för stöd till arbetsförmåga och deltagande i "
                "arbetslivet (KEKO) pågår 1.1.2026–30.6.2028. Det genomförs gemensamt av "
                "<b>Keusote, sysselsättningsområdet i Mellersta Nyland och "
                "Arbetshälsoinstitutet</b> och delfinansieras av Europeiska unionen (ESF+).</p>"
                "<p>Projektets egentliga målgrupp är ledningen och personalen hos de många "
                "aktörer som erbjuder välfärds-, sysselsättnings-, social-, hälso-, "
                "rehabiliterings- och rådgivningstjänster. Den indirekta målgruppen är "
                "personer som har svårt att få arbete.</p>"
            ),
        },
        {"type": "heading", "value": {"text": "Lägesbild 1", "level": "h2"}},
        {
            "type": "paragraph",
            "value": (
                "<p>Expertintervjuer, arbetsgrupper och verkstäder samlar och beskriver "
                "ekosystemets aktörer och tjänster. Keusote och TE-tjänsterna ansvarar för "
                "arbetet, som blir klart före september 2026; en del tillfällen har redan "
                "hållits, andra är inplanerade.</p>"
            ),
        },
        {
            "type": "callout",
            "value": {
                "title": "Lägesbild 2",
                "text": (
                    "<p>Parallellt tar Arbetshälsoinstitutet fram en lägesbild på "
                    "befolkningsnivå över Mellersta Nyland och hela Finland, med fokus på "
                    "arbetsförmåga och deltagande i arbetslivet.</p>"
                ),
                "tone": "info",
            },
        },
        {"type": "heading", "value": {"text": "Styrgruppen har konstituerat sig", "level": "h2"}},
        {
            "type": "paragraph",
            "value": "<p>Projektets styrgrupp höll sitt konstituerande möte 15.4.2026.</p>",
        },
    ]
    if news:
        body.append(
            {"type": "news_items", "value": {"heading": "Nyheter", "pages": [p.pk for p in news]}}
        )
    return {
        "title": "KEKO-projektet har startat",
        "slug": "keko-projektet-har-startat",
        "lead": "Det första nyhetsbrevet: vad KEKO handlar om, lägesbilden och styrgruppen.",
        "body": body,
    }


def _issue_en(news):
    body = [
        {"type": "heading", "value": {"text": "The project in brief", "level": "h2"}},
        {
            "type": "paragraph",
            "value": (
                "<p>The project on an ecosystem for supporting work ability and participation "
                "in work (KEKO) runs from 1 January 2026 to 30 June 2028. It is carried out "
                "by <b>Keusote, the Central Uusimaa employment area and the Finnish Institute "
                "of Occupational Health</b>, co-funded by the European Union (ESR+).</p>"
                "<p>Its direct target group is the leaders and staff of the many service "
                "providers; indirectly, it serves the people who find it hardest to find "
                "work.</p>"
            ),
        },
        {"type": "heading", "value": {"text": "Situational picture 1", "level": "h2"}},
        {
            "type": "paragraph",
            "value": (
                "<p>Expert interviews, working groups and workshops collect and describe the "
                "ecosystem's actors and services. Keusote and the TE services lead the work, "
                "due by September 2026; some sessions have been held, others are "
                "scheduled.</p>"
            ),
        },
        {
            "type": "callout",
            "value": {
                "title": "Situational picture 2",
                "text": (
                    "<p>Alongside, the Finnish Institute of Occupational Health draws a "
                    "population-level picture of Central Uusimaa and Finland, with work "
                    "ability and participation in work in focus.</p>"
                ),
                "tone": "info",
            },
        },
        {"type": "heading", "value": {"text": "The steering group met", "level": "h2"}},
        {
            "type": "paragraph",
            "value": "<p>The project's steering group held its first meeting on 15 April 2026.</p>",
        },
    ]
    if news:
        body.append(
            {"type": "news_items", "value": {"heading": "News", "pages": [p.pk for p in news]}}
        )
    return {
        "title": "The KEKO project has started",
        "slug": "keko-project-has-started",
        "lead": "The first newsletter: what KEKO is about, the situational picture and the "
        "steering group.",
        "body": body,
    }


def _homes() -> dict[str, Page]:
    """The default site's root page and its translations, by language."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return {}
    return {
        page.locale.language_code: page
        for page in site.root_page.get_translations(inclusive=True).select_related("locale")
    }


def _news(home: Page, locale: Locale) -> list[Page]:
    """The demo news articles in this language, else a page of the main menu."""
    found = {
        page.translation_key: page
        for page in Page.objects.filter(translation_key__in=NEWS_KEYS, locale=locale).live()
    }
    news = [found[key] for key in NEWS_KEYS if key in found]
    if news:
        return news
    fallback = home.get_children().live().in_menu().first()
    return [fallback] if fallback is not None else []


def _ensure(model, key, parent, locale, fields, created) -> Page:
    page = Page.objects.filter(translation_key=key, locale=locale).first()
    if page is not None:
        return page
    page = model(locale=locale, translation_key=key, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    created.append(f"{model._meta.verbose_name} ({locale.language_code}): {page.title}")
    return page


def load() -> str:
    """Create the demo lists and newsletter pages that are missing; say what was created."""
    created: list[str] = []
    for spec in LISTS:
        _list, new = MailingList.objects.get_or_create(slug=spec["slug"], defaults=spec)
        if new:
            created.append(f"mailing list {spec['slug']}")
    homes = _homes()
    for code, home in homes.items():
        if code not in INDEX:
            continue
        locale = Locale.objects.get(language_code=code)
        index = _ensure(NewsletterIndexPage, INDEX_KEY, home, locale, INDEX[code], created)
        builder = {"fi": _issue_fi, "sv": _issue_sv, "en": _issue_en}.get(code)
        if builder is None:
            continue
        fields = builder(_news(home, locale))
        fields["issue_date"] = ISSUE_DATE
        _ensure(NewsletterIssuePage, FIRST_ISSUE_KEY, index, locale, fields, created)
    if not created:
        return "Newsletter demo: nothing to add."
    return "Newsletter demo created: " + "; ".join(created)
