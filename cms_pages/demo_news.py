"""Demo communications from the source document: news, a guest blog and the events of the
situational-picture work (Tilannekuva 1), in Finnish with Swedish and English translations
(pages of the sv and en locale trees, linked to the Finnish ones by translation key).

The dates of the sessions are invented around spring–autumn 2026 (the source only says which
were held by 22.4.2026 and which were scheduled); the pages say so. `load()` is idempotent:
pages and categories are found by fixed translation keys and never overwritten.
"""

import datetime as dt
import uuid

from django.utils import timezone
from wagtail.models import Locale, Page, Workflow, WorkflowPage
from wagtail.rich_text import RichText

from cms_pages import demo_content
from cms_pages.demo import _publish
from cms_pages.events import EventIndexPage, EventPage
from cms_pages.news import NewsCategory, NewsIndexPage, NewsPage

WORKFLOW_NAME = "Vierasblogin tarkastus"  # named in Finnish by migration 0007
DATE_NOTE = {
    "fi": "Demosisältö: tilaisuuden päivämäärä on keksitty havainnollistamaan kalenteria.",
    "sv": "Demoinnehåll: datumet för tillfället är påhittat för att illustrera kalendern.",
    "en": "Demo content: the date of this session is invented to illustrate the calendar.",
}


def _key(name: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"https://keko.invalid/communications/{name}")


# The three indexes are in the main navigation of their language.
INDEXES = [
    (
        "news-index",
        NewsIndexPage,
        {
            "fi": {
                "title": "Ajankohtaista",
                "slug": "ajankohtaista",
                "show_in_menus": True,
                "intro": "KEKO-hankkeen uutiset ja tiedotteet.",
            },
            "sv": {
                "title": "Aktuellt",
                "slug": "aktuellt",
                "show_in_menus": True,
                "intro": "Nyheter från KEKO-projektet.",
            },
            "en": {
                "title": "News",
                "slug": "news",
                "show_in_menus": True,
                "intro": "News from the KEKO project.",
            },
        },
    ),
    (
        "blog-index",
        NewsIndexPage,
        {
            "fi": {
                "title": "Vierasblogi",
                "slug": "vierasblogi",
                "show_in_menus": True,
                "is_blog": True,
                "intro": "Kumppaniverkoston vieraskynäkirjoituksia.",
            },
            "sv": {
                "title": "Gästblogg",
                "slug": "gastblogg",
                "show_in_menus": True,
                "is_blog": True,
                "intro": "Gästinlägg från partnernätverket.",
            },
            "en": {
                "title": "Guest blog",
                "slug": "guest-blog",
                "show_in_menus": True,
                "is_blog": True,
                "intro": "Guest posts from the partner network.",
            },
        },
    ),
    (
        "event-index",
        EventIndexPage,
        {
            "fi": {
                "title": "Tapahtumat",
                "slug": "tapahtumat",
                "show_in_menus": True,
                "intro": "Tilannekuvatyön asiantuntijahaastattelut, työryhmät ja työpajat.",
            },
            "sv": {
                "title": "Evenemang",
                "slug": "evenemang",
                "show_in_menus": True,
                "intro": "Expertintervjuer, arbetsgrupper och workshoppar.",
            },
            "en": {
                "title": "Events",
                "slug": "events",
                "show_in_menus": True,
                "intro": "Expert interviews, working groups and workshops of the "
                "situational-picture work.",
            },
        },
    ),
]

CATEGORY = {
    "fi": ("Hankeuutiset", "hankeuutiset"),
    "sv": ("Projektnyheter", "projektnyheter"),
    "en": ("Project news", "project-news"),
}
LANGUAGES = ("fi", "sv", "en")

ARTICLES = [
    {
        "key": "kick-off",
        "index": "news-index",
        "date": dt.date(2026, 1, 20),
        "tags": ["kick-off", "KEKO"],
        "fi": {
            "title": "KEKO-hanke käynnistyi",
            "slug": "keko-hanke-kaynnistyi",
            "author": "KEKO-hanketiimi",
            "lead": "Työkyvyn tukemisen ja työhön osallistumisen ekosysteemi -hanke (KEKO) "
            "käynnistyi vuoden 2026 alussa. Hanketta toteuttavat Keusote, Keski-Uudenmaan "
            "TE-palvelut ja Työterveyslaitos.",
            "text": "<p>KEKO luo vaikeasti työllistyviin liittyvää monialaista yhteistyötä "
            "tukevat rakenteet: johtamisen, toimijoiden, työpaikkojen ja palvelujen "
            "yhteensovittamisen. Hanke on Euroopan unionin osarahoittama (ESR+), ja se "
            "jatkuu 30.6.2028 asti.</p>",
        },
        "sv": {
            "title": "KEKO-projektet har startat",
            "slug": "keko-projektet-har-startat",
            "author": "KEKO-projektteamet",
            "lead": "Projektet Ekosystemet för stöd till arbetsförmåga och deltagande i "
            "arbetslivet (KEKO) startade i början av 2026. Projektet genomförs av Keusote, "
            "TE-tjänsterna i Mellersta Nyland och Arbetshälsoinstitutet.",
            "text": "<p>KEKO bygger strukturer för sektorsövergripande samarbete kring "
            "personer som har svårt att få arbete: samordning av ledning, aktörer, "
            "arbetsplatser och tjänster. Projektet delfinansieras av Europeiska unionen "
            "(ESF+) och pågår till 30.6.2028.</p>",
        },
        "en": {
            "title": "The KEKO project has started",
            "slug": "keko-project-started",
            "author": "KEKO project team",
            "lead": "The ecosystem for supporting work ability and participation in work "
            "(KEKO) started at the beginning of 2026, run by Keusote, Central Uusimaa "
            "employment services and the Finnish Institute of Occupational Health.",
            "text": "<p>KEKO builds structures for multi-professional cooperation around "
            "people who find it hard to get employed. The project is co-funded by the "
            "European Union (ESF+) and runs until 30 June 2028.</p>",
        },
    },
    {
        "key": "steering-group",
        "index": "news-index",
        "date": dt.date(2026, 4, 15),
        "tags": ["ohjausryhmä"],
        "fi": {
            "title": "Hankkeen ohjausryhmä järjestäytyi",
            "slug": "ohjausryhma-jarjestaytyi",
            "author": "KEKO-hanketiimi",
            "lead": "KEKO-hankkeen ohjausryhmä piti järjestäytymiskokouksensa 15.4.2026.",
            "text": "<p>Ohjausryhmä seuraa hankkeen etenemistä ja tukee tilannekuvatyötä, "
            "jossa kootaan ja kuvataan ekosysteemin toimijat ja palvelut syyskuuhun 2026 "
            "mennessä.</p>",
        },
        "sv": {
            "title": "Projektets styrgrupp har konstituerat sig",
            "slug": "styrgruppen-har-konstituerat-sig",
            "tags": ["styrgrupp"],
            "author": "KEKO-projektteamet",
            "lead": "KEKO-projektets styrgrupp höll sitt konstituerande möte 15.4.2026.",
            "text": "<p>Styrgruppen följer projektets framsteg och stöder arbetet med "
            "lägesbilden, där ekosystemets aktörer och tjänster kartläggs och beskrivs "
            "före september 2026.</p>",
        },
        "en": {
            "title": "The project's steering group has been organised",
            "slug": "steering-group-organised",
            "tags": ["steering group"],
            "author": "KEKO project team",
            "lead": "The KEKO steering group held its organising meeting on 15 April 2026.",
            "text": "<p>The steering group follows the project and supports the "
            "situational-picture work, which maps the actors and services of the ecosystem "
            "by September 2026.</p>",
        },
    },
    {
        "key": "guest-blog-leadership",
        "index": "blog-index",
        "date": dt.date(2026, 9, 10),
        "tags": ["ekosysteeminen johtaminen"],
        "fi": {
            "title": "Vieraskynä: Ekosysteeminen johtaminen ylittää organisaatiorajat",
            "slug": "ekosysteeminen-johtaminen",
            "author": "Demo-kirjoittaja, kumppaniverkosto",
            "lead": "Keusoten ja TE-palvelujen johtajien työpaja pohti, miten palveluja "
            "johdetaan yhdessä asiakkaan näkökulmasta. (Demosisältö.)",
            "text": "<p>Asiakas ei näe organisaatiorajoja – hän näkee palvelupolun. "
            "Ekosysteeminen johtaminen tarkoittaa yhteisiä tavoitteita, tietoa ja "
            "vastuunjakoa yli hallinnonalojen.</p>",
        },
        "sv": {
            "title": "Gästskribent: Ekosystemiskt ledarskap går över organisationsgränserna",
            "slug": "ekosystemiskt-ledarskap",
            "tags": ["ekosystemiskt ledarskap"],
            "author": "Demoskribent, partnernätverket",
            "lead": "Verkstaden för ledare vid Keusote och TE-tjänsterna funderade på hur "
            "tjänsterna leds tillsammans ur klientens synvinkel. (Demoinnehåll.)",
            "text": "<p>Klienten ser inga organisationsgränser – hon eller han ser en "
            "servicestig. Ekosystemiskt ledarskap betyder gemensamma mål, gemensam "
            "information och delat ansvar över förvaltningsgränserna.</p>",
        },
        "en": {
            "title": "Guest post: Ecosystemic leadership crosses organisational borders",
            "slug": "ecosystemic-leadership",
            "tags": ["ecosystemic leadership"],
            "author": "Demo author, partner network",
            "lead": "The leaders' workshop of Keusote and the employment services discussed "
            "leading services together from the client's point of view. (Demo content.)",
            "text": "<p>A client does not see organisational borders – they see a service "
            "path. Ecosystemic leadership means shared goals, shared information and shared "
            "responsibility across administrative sectors.</p>",
        },
    },
]

# (key, type, status, (year, month, day, hour), hours, Finnish title, English title, audience)
EVENTS = [
    (
        "kuntouttava-tyotoiminta",
        "expert_interview",
        "held",
        (2026, 2, 10, 13),
        2,
        "Asiantuntijahaastattelu: Kuntouttava työtoiminta",
        "Expert interview: rehabilitative work activity",
        "Keusoten työtoiminnan asiantuntijat",
    ),
    (
        "tyokyvynarviointi",
        "working_group",
        "held",
        (2026, 3, 3, 9),
        3,
        "Työryhmä: Työkyvynarvioinnin prosessi",
        "Working group: the work-ability assessment process",
        "Työkykypalvelujen ja TE-palvelujen asiantuntijat",
    ),
    (
        "te-koto",
        "expert_interview",
        "held",
        (2026, 3, 17, 10),
        2,
        "Asiantuntijahaastattelu: TE Koto",
        "Expert interview: integration services (TE Koto)",
        "TE-palvelujen kotoutumispalvelut",
    ),
    (
        "tym",
        "expert_interview",
        "held",
        (2026, 4, 8, 13),
        2,
        "Asiantuntijahaastattelu: TYM-toiminta",
        "Expert interview: multi-sectoral joint service (TYM)",
        "TYM-toiminnan asiantuntijat",
    ),
    (
        "ohjaamo",
        "expert_interview",
        "scheduled",
        (2026, 5, 12, 13),
        2,
        "Asiantuntijahaastattelu: TE Nuorten palvelut / Ohjaamo",
        "Expert interview: youth employment services / Ohjaamo",
        "Nuorten palvelut ja Ohjaamot",
    ),
    (
        "maahanmuuttajapalvelut",
        "workshop",
        "scheduled",
        (2026, 6, 2, 9),
        4,
        "Työpaja: Kotoutujien monialaiset palvelupolut",
        "Workshop: multi-professional service paths of immigrants",
        "TE Koto ja Keusoten maahanmuuttajapalvelut",
    ),
    (
        "esihenkilot",
        "workshop",
        "scheduled",
        (2026, 8, 25, 12),
        3,
        "Työpaja: Kohderyhmän määrittely ja organisaatiorajat ylittävä yhteistyö",
        "Workshop: defining the target group and cooperation across organisations",
        "Keusoten ja TE-palvelujen esihenkilöt",
    ),
    (
        "johtajat",
        "workshop",
        "scheduled",
        (2026, 9, 8, 12),
        3,
        "Johtajien työpaja: Ekosysteeminen johtaminen",
        "Leaders' workshop: ecosystemic leadership",
        "Keusoten ja TE-palvelujen johtajat",
    ),
    (
        "tilannekuva-seminaari",
        "seminar",
        "scheduled",
        (2027, 2, 10, 9),
        4,
        "Seminaari: Tilannekuvan tulokset",
        "Seminar: results of the situational picture",
        "Kumppaniverkosto",
    ),
]


# The Swedish title, audience and slug of each event, by key (the key is the Finnish slug).
EVENTS_SV = {
    "kuntouttava-tyotoiminta": (
        "Expertintervju: Arbetsverksamhet i rehabiliteringssyfte",
        "Keusotes experter på arbetsverksamhet",
        "arbetsverksamhet-i-rehabiliteringssyfte",
    ),
    "tyokyvynarviointi": (
        "Arbetsgrupp: Processen för bedömning av arbetsförmågan",
        "Experter inom arbetsförmågetjänsterna och TE-tjänsterna",
        "bedomning-av-arbetsformagan",
    ),
    "te-koto": (
        "Expertintervju: TE-tjänsternas integrationstjänster (TE Koto)",
        "TE-tjänsternas integrationstjänster",
        "te-tjansternas-integrationstjanster",
    ),
    "tym": (
        "Expertintervju: Sektorsövergripande samservice (TYM)",
        "Experter inom den sektorsövergripande samservicen",
        "sektorsovergripande-samservice",
    ),
    "ohjaamo": (
        "Expertintervju: TE-tjänster för unga / Navigatorn",
        "Tjänster för unga och Navigatorerna",
        "navigatorn",
    ),
    "maahanmuuttajapalvelut": (
        "Verkstad: Sektorsövergripande servicestigar för invandrare",
        "TE Koto och Keusotes invandrartjänster",
        "servicestigar-for-invandrare",
    ),
    "esihenkilot": (
        "Verkstad: Att definiera målgruppen och samarbete över organisationsgränserna",
        "Chefer vid Keusote och TE-tjänsterna",
        "verkstad-for-chefer",
    ),
    "johtajat": (
        "Verkstad för ledare: Ekosystemiskt ledarskap",
        "Direktörer vid Keusote och TE-tjänsterna",
        "verkstad-for-ledare",
    ),
    "tilannekuva-seminaari": (
        "Seminarium: Lägesbildens resultat",
        "Partnernätverket",
        "seminarium-om-lagesbilden",
    ),
}
# The English audience and slug of each event, by key.
EVENTS_EN = {
    "kuntouttava-tyotoiminta": (
        "Keusote's experts in rehabilitative work activity",
        "rehabilitative-work-activity",
    ),
    "tyokyvynarviointi": (
        "Experts of the work-ability services and the TE services",
        "work-ability-assessment",
    ),
    "te-koto": ("Integration services of the TE services", "integration-services"),
    "tym": ("Experts of the multi-sectoral joint service", "multi-sectoral-joint-service"),
    "ohjaamo": ("Youth services and the Ohjaamo centres", "youth-services-ohjaamo"),
    "maahanmuuttajapalvelut": (
        "TE Koto and Keusote's immigrant services",
        "service-paths-of-immigrants",
    ),
    "esihenkilot": ("Supervisors at Keusote and the TE services", "supervisors-workshop"),
    "johtajat": ("Directors at Keusote and the TE services", "leaders-workshop"),
    "tilannekuva-seminaari": ("The partner network", "situational-picture-seminar"),
}
ORGANISER = {"fi": "KEKO-hanke", "sv": "KEKO-projektet", "en": "KEKO project"}
LOCATION = {
    "fi": "Keski-Uusimaa / Teams",
    "sv": "Mellersta Nyland / Teams",
    "en": "Central Uusimaa / Teams",
}


def _existing(key) -> dict[str, Page]:
    return {
        page.locale.language_code: page
        for page in Page.objects.filter(translation_key=key).select_related("locale")
    }


def _ensure(key, parents, build, created) -> dict[str, Page]:
    """The page of each language in `parents`, created (and published) when missing."""
    pages = _existing(key)
    for code, parent in parents.items():
        if code not in pages:
            page = build(code)
            page.translation_key = key
            page.locale = parent.locale
            pages[code] = _publish(parent, page)
            created.append(f"{page._meta.verbose_name} ({code}): {page.title}")
    return pages


def _categories(locales) -> dict[str, NewsCategory]:
    key = _key("category-project-news")
    found = {}
    for code, (name, slug) in CATEGORY.items():
        found[code], _new = NewsCategory.objects.get_or_create(
            translation_key=key, locale=locales[code], defaults={"name": name, "slug": slug}
        )
    return found


def _article_builder(spec, code, category):
    def build(_code):
        text = spec[code]
        page = NewsPage(
            title=text["title"],
            slug=text["slug"],
            date=spec["date"],
            author=text["author"],
            lead=text["lead"],
            body=[("paragraph", RichText(text["text"]))],
            categories=[category],
        )
        for tag in text.get("tags", spec["tags"]):
            page.tags.add(tag)
        return page

    return build


def _event_builder(row, code):
    key, kind, status, (year, month, day, hour), hours, title_fi, title_en, audience = row

    title = {"fi": title_fi, "sv": EVENTS_SV[key][0], "en": title_en}[code]
    slug = key
    if code == "sv":
        _title, audience, slug = EVENTS_SV[key]
    elif code == "en":
        audience, slug = EVENTS_EN[key]

    def build(_code):
        start = timezone.make_aware(dt.datetime(year, month, day, hour))
        return EventPage(
            title=title,
            slug=slug,
            start=start,
            end=start + dt.timedelta(hours=hours),
            event_type=kind,
            status=status,
            location=LOCATION[code],
            organiser=ORGANISER[code],
            audience=audience,
            lead=DATE_NOTE[code],
        )

    return build


def _assign_workflow(blog_pages, created) -> None:
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        return
    for page in blog_pages.values():
        _link, new = WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
        if new:
            created.append(f"workflow {WORKFLOW_NAME!r} → {page.title}")


def load() -> str:
    """Create the missing demo news, guest blog and events; return what was created."""
    created: list[str] = []
    homes = {
        page.locale.language_code: page
        for page in Page.objects.filter(translation_key=demo_content.HOME_KEY).select_related(
            "locale"
        )
    }
    if not homes:
        return ""
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    indexes = {}
    for name, model, specs in INDEXES:
        indexes[name] = _ensure(
            _key(name),
            {code: homes[code] for code in specs if code in homes},
            lambda code, model=model, specs=specs: model(**specs[code]),
            created,
        )
    categories = _categories(locales)
    for spec in ARTICLES:
        parents = {
            code: indexes[spec["index"]][code]
            for code in LANGUAGES
            if code in indexes[spec["index"]] and code in spec
        }
        for code, parent in parents.items():
            _ensure(
                _key(spec["key"]),
                {code: parent},
                _article_builder(spec, code, categories[code]),
                created,
            )
    for row in EVENTS:
        for code in LANGUAGES:
            parent = indexes["event-index"].get(code)
            if parent is not None:
                _ensure(_key(f"event-{row[0]}"), {code: parent}, _event_builder(row, code), created)
    _assign_workflow(indexes["blog-index"], created)
    return "\n".join(created)
