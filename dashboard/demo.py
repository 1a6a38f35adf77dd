"""Demo content of the dashboard: the dashboard page (fi/sv/en) in the steering area, two
snapshots of the demo ecosystem, and the project's progress as the source document of
22.4.2026 tells it.

The snapshots: the later one is the demo register as loaded; the earlier one is the same
register before the Kerkkä pilot (Hyria's low-threshold customer-service training, a spring
2026 pilot in the source) was added — built from the graph with that service left out, so the
comparison has something to show without changing the register. Loading twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone
from wagtail.models import Page

from cms_pages.models import HomePage
from dashboard.metrics import compute_metrics, metrics_from
from dashboard.models import (
    DashboardPage,
    EcosystemSnapshot,
    ProgressItem,
    ProgressKind,
    ProgressStatus,
    SnapshotSource,
)
from dashboard.snapshots import serialise_graph
from ecosystem.network import analysis
from ecosystem.network.graph import build_graph
from steering.models import SteeringAreaPage

PAGE_KEY = uuid.uuid5(uuid.NAMESPACE_URL, "https://keko.invalid/dashboard/page")
PAGE = {
    "fi": {
        "title": "Ekosysteemin tilannekatsaus",
        "slug": "tilannekatsaus",
        "intro": "<p>Palveluekosysteemin tila rekisterin tiedoista: toimijat, palvelut ja "
        "suhteet, kattavuus kohderyhmittäin ja kunnittain, välittäjät ja haavoittuvat kohdat, "
        "palvelupolut, tietojen laatu sekä hankkeen eteneminen. Tilannekuvia voi verrata "
        "keskenään.</p>",
    },
    "sv": {
        "title": "Ekosystemets lägesöversikt",
        "slug": "lagesoversikt",
        "intro": "<p>Tjänsteekosystemets läge enligt registret: aktörer, tjänster och "
        "relationer, täckning per målgrupp och kommun, förmedlare och sårbara punkter, "
        "servicestigar, datakvalitet och projektets framsteg. Ögonblicksbilder kan "
        "jämföras.</p>",
    },
    "en": {
        "title": "Ecosystem dashboard",
        "slug": "dashboard",
        "intro": "<p>Where the service ecosystem stands according to the register: actors, "
        "services and relations, coverage by target group and municipality, brokers and weak "
        "points, service paths, data quality and the project's progress. Snapshots can be "
        "compared.</p>",
    },
}

KERKKA_SERVICE = "e558eb4c-709a-5a44-a695-1e4eea026503"
EARLIER = ("Ohjausryhmän järjestäytymiskokous 15.4.2026", dt.datetime(2026, 4, 15, 9, 0))
LATER = ("Ennen ohjausryhmän kokousta 3.6.2026", dt.datetime(2026, 6, 2, 16, 0))

# (key, kind, status, due, responsible, fi, sv, en, note)
PROGRESS = [
    (
        "steering-group-organised",
        ProgressKind.MILESTONE,
        ProgressStatus.DONE,
        dt.date(2026, 4, 15),
        "KEKO",
        "Ohjausryhmä perustettu, järjestäytymiskokous",
        "Styrgruppen tillsatt, konstituerande möte",
        "Steering group set up, organising meeting",
        "",
    ),
    (
        "situational-picture-1-sessions",
        ProgressKind.MILESTONE,
        ProgressStatus.IN_PROGRESS,
        dt.date(2026, 9, 30),
        "Keusote, Keski-Uudenmaan TE-palvelut",
        "Tilannekuva 1: asiantuntijahaastattelut, työryhmät ja työpajat",
        "Lägesbild 1: expertintervjuer, arbetsgrupper och workshoppar",
        "Situational picture 1: expert interviews, working groups and workshops",
        "Osa pidetty, osa kalenteroitu (ks. tilaisuudet alla).",
    ),
    (
        "situational-picture-1",
        ProgressKind.MILESTONE,
        ProgressStatus.IN_PROGRESS,
        dt.date(2026, 9, 30),
        "Keusote, Keski-Uudenmaan TE-palvelut",
        "Tilannekuva 1: ekosysteemin toimijat ja palvelut koottu ja kuvattu",
        "Lägesbild 1: ekosystemets aktörer och tjänster samlade och beskrivna",
        "Situational picture 1: the ecosystem's actors and services collected and described",
        "Syyskuun 2026 loppuun mennessä.",
    ),
    (
        "situational-picture-2",
        ProgressKind.MILESTONE,
        ProgressStatus.IN_PROGRESS,
        None,
        "Työterveyslaitos",
        "Tilannekuva 2: Keski-Uudenmaan ja koko Suomen väestö – työkyky ja työhön osallistuminen",
        "Lägesbild 2: befolkningen i Mellersta Nyland och hela Finland – arbetsförmåga och "
        "deltagande i arbete",
        "Situational picture 2: the population of Central Uusimaa and Finland – work ability "
        "and participation in work",
        "Tilannekuva 1:n rinnalla.",
    ),
    (
        "launch-message",
        ProgressKind.COMMUNICATION,
        ProgressStatus.DONE,
        None,
        "",
        "Hankkeen lanseerausviesti",
        "Projektets lanseringsmeddelande",
        "Project launch message",
        "",
    ),
    (
        "web-pages",
        ProgressKind.COMMUNICATION,
        ProgressStatus.DONE,
        None,
        "",
        "Hankkeen omat verkkosivut",
        "Projektets egen webbplats",
        "The project's own web pages",
        "",
    ),
    (
        "kick-off-news",
        ProgressKind.COMMUNICATION,
        ProgressStatus.DONE,
        None,
        "",
        "Kick-off-uutinen",
        "Kick off-nyhet",
        "Kick-off news",
        "",
    ),
    (
        "poster",
        ProgressKind.COMMUNICATION,
        ProgressStatus.DONE,
        None,
        "",
        "Hankejuliste",
        "Projektaffisch",
        "Project poster",
        "",
    ),
    (
        "linkedin",
        ProgressKind.COMMUNICATION,
        ProgressStatus.DONE,
        None,
        "",
        "LinkedIn-sivu",
        "LinkedIn-sida",
        "LinkedIn page",
        "",
    ),
    (
        "regular-posts",
        ProgressKind.COMMUNICATION,
        ProgressStatus.DONE,
        None,
        "",
        "Säännöllisiä nostoja ajankohtaisista aiheista",
        "Regelbundna inlägg om aktuella ämnen",
        "Regular posts on current topics",
        "Jatkuu koko hankkeen ajan.",
    ),
    (
        "related-projects",
        ProgressKind.COMMUNICATION,
        ProgressStatus.DONE,
        None,
        "",
        "Yhteistyöpalavereja muiden teeman hankkeiden kanssa",
        "Samarbetsmöten med andra projekt inom temat",
        "Cooperation meetings with other projects on the theme",
        "",
    ),
    (
        "newsletter",
        ProgressKind.COMMUNICATION,
        ProgressStatus.IN_PROGRESS,
        None,
        "",
        "Uutiskirje",
        "Nyhetsbrev",
        "Newsletter",
        "Suunnitteilla (22.4.2026).",
    ),
    (
        "guest-blogs",
        ProgressKind.COMMUNICATION,
        ProgressStatus.IN_PROGRESS,
        None,
        "",
        "Vieraskynäblogit",
        "Gästbloggar",
        "Guest blogs",
        "Suunnitteilla (22.4.2026).",
    ),
]


def _parents() -> dict[str, Page]:
    """The steering area page of each language, or (without the steering app's pages) the
    home page of each language, where an editor can move the dashboard later."""
    try:
        areas = SteeringAreaPage.objects.select_related("locale")
    except ImportError:  # pragma: no cover - the steering app is part of the project
        areas = []
    found = {area.locale.language_code: area for area in areas}
    if found:
        return found

    return {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}


def _pages(created: list[str]) -> None:
    existing = {
        page.locale.language_code: page
        for page in Page.objects.filter(translation_key=PAGE_KEY).select_related("locale")
    }
    for code, parent in sorted(_parents().items(), key=lambda item: item[0] != "fi"):
        if code not in PAGE:
            continue
        if code in existing:
            page = existing[code]
            if page.get_parent().pk != parent.pk and parent.specific_class.__name__ != "HomePage":
                # Loaded before the steering area existed: into the private area now.
                page.move(parent, pos="last-child")
                created.append(f"dashboard page ({code}) moved into the steering area")
            continue
        page = DashboardPage(
            title=PAGE[code]["title"],
            slug=PAGE[code]["slug"],
            intro=PAGE[code]["intro"],
            translation_key=PAGE_KEY,
            locale=parent.locale,
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
        created.append(f"dashboard page ({code})")


def _snapshot(title: str, taken_at: dt.datetime, graph, metrics) -> None:
    snapshot = EcosystemSnapshot.objects.create(
        title=title,
        source=SnapshotSource.MANUAL,
        records=serialise_graph(graph),
        metrics=metrics,
    )
    # auto_now_add ignores a given value: date the demo snapshots as the story goes.
    aware = timezone.make_aware(taken_at)
    EcosystemSnapshot.objects.filter(pk=snapshot.pk).update(taken_at=aware)


def _snapshots(created: list[str]) -> None:
    titles = set(
        EcosystemSnapshot.objects.filter(title__in=[EARLIER[0], LATER[0]]).values_list(
            "title", flat=True
        )
    )
    if len(titles) == 2:
        return
    graph = build_graph()
    if graph.number_of_nodes() == 0:
        return  # no register to freeze (the ecosystem demo did not load)
    if EARLIER[0] not in titles:
        before = graph.copy()
        node = f"svc:{KERKKA_SERVICE}"
        if node in before:
            before.remove_node(node)
        before.graph["service_paths"] = [
            {**path, "steps": [s for s in path["steps"] if s["service"] != node]}
            for path in graph.graph.get("service_paths", [])
        ]
        today = EARLIER[1].date()
        _snapshot(*EARLIER, before, metrics_from(before, analysis.summary(before), today=today))
        created.append("snapshot (earlier)")
    if LATER[0] not in titles:
        _snapshot(*LATER, graph, compute_metrics(graph))
        created.append("snapshot (later)")


def _progress(created: list[str]) -> None:
    existing = set(ProgressItem.objects.filter(key__isnull=False).values_list("key", flat=True))
    for order, row in enumerate(PROGRESS):
        key, kind, status, due, responsible, fi, sv, en, note = row
        if key in existing:
            continue
        ProgressItem.objects.create(
            key=key,
            kind=kind,
            status=status,
            due=due,
            responsible=responsible,
            name_fi=fi,
            name_sv=sv,
            name_en=en,
            note=note,
            sort_order=order,
        )
        created.append(f"progress: {key}")


def load() -> str:
    """Load the dashboard demo; return a one-line summary (empty when nothing changed)."""
    created: list[str] = []
    _pages(created)
    _snapshots(created)
    _progress(created)
    if not created:
        return ""
    return f"Dashboard demo: {len(created)} items created ({', '.join(created[:6])}…)."
