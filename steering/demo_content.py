"""Texts of the steering area's demo content (fi, sv, en).

The source document says only that the steering group was set up and held its organising
meeting (järjestäytymiskokous) on 15.4.2026. The agenda follows what an organising meeting
of a project steering group usually handles, with the project facts from the source; the
time, the place and the minutes are examples, and the pages say so.
"""

import datetime as dt

MEETING_DATE = dt.date(2026, 4, 15)
MEETING_START = dt.time(13, 0)
MEETING_END = dt.time(15, 0)

DEMO_NOTE = {
    "fi": "Demosisältö: kokouksen kellonaika, paikka, esityslistan yksityiskohdat ja pöytäkirja "
    "ovat esimerkkejä. Lähdeaineisto kertoo vain, että ohjausryhmä järjestäytyi 15.4.2026.",
    "sv": "Demoinnehåll: mötets tid, plats, detaljerna i föredragningslistan och protokollet "
    "är exempel. Källmaterialet säger bara att styrgruppen konstituerade sig 15.4.2026.",
    "en": "Demo content: the time, place, agenda details and minutes of this meeting are "
    "examples. The source only says that the steering group held its organising meeting "
    "on 15 April 2026.",
}

AREA = {
    "fi": {
        "title": "Ohjausryhmä",
        "slug": "ohjausryhma",
        "intro": "KEKO-hankkeen ohjausryhmän työtila: kokoukset, esityslistat, pöytäkirjat ja "
        "kokousaineistot. Sivut näkyvät vain ohjausryhmän jäsenille ja hankehenkilöstölle.",
    },
    "sv": {
        "title": "Styrgruppen",
        "slug": "styrgruppen",
        "intro": "KEKO-projektets styrgrupps arbetsrum: möten, föredragningslistor, protokoll "
        "och mötesmaterial. Sidorna syns bara för styrgruppens medlemmar och projektpersonalen.",
    },
    "en": {
        "title": "Steering group",
        "slug": "steering-group",
        "intro": "The workspace of the KEKO steering group: meetings, agendas, minutes and "
        "meeting papers. Only the steering group's members and the project staff see it.",
    },
}

MEETING_INDEX = {
    "fi": {"title": "Kokoukset", "slug": "kokoukset", "intro": "Ohjausryhmän kokoukset."},
    "sv": {"title": "Möten", "slug": "moten", "intro": "Styrgruppens möten."},
    "en": {"title": "Meetings", "slug": "meetings", "intro": "The steering group's meetings."},
}

# (title, description, proposal) per agenda item.
AGENDA = {
    "fi": [
        ("Kokouksen avaus", "", ""),
        ("Laillisuus ja päätösvaltaisuus", "", "Todetaan kokous lailliseksi ja päätösvaltaiseksi."),
        ("Esityslistan hyväksyminen", "", "Hyväksytään esityslista kokouksen työjärjestykseksi."),
        (
            "Ohjausryhmän tehtävät ja kokoonpano",
            "Ohjausryhmä seuraa hankkeen etenemistä ja tukee sen toteutusta. Jäsenet edustavat "
            "hankekonsortiota (Keusote, Keski-Uudenmaan työllisyysalue ja Työterveyslaitos) "
            "ja sen yhteistyötahoja.",
            "Merkitään ohjausryhmän tehtävät ja kokoonpano tiedoksi.",
        ),
        (
            "Puheenjohtajan ja varapuheenjohtajan valinta, sihteerin nimeäminen",
            "",
            "Valitaan ohjausryhmälle puheenjohtaja ja varapuheenjohtaja; sihteerinä toimii "
            "hankehenkilöstön edustaja.",
        ),
        (
            "Hankkeen tilannekatsaus",
            "Hanke toteutetaan 1.1.2026–30.6.2028. Se on Euroopan unionin osarahoittama "
            "(ESR+), ja rahoittavana viranomaisena toimii Kaakkois-Suomen elinvoimakeskus. "
            "Tilannekuva 1 valmistuu syyskuussa 2026.",
            "Merkitään tiedoksi.",
        ),
        (
            "Viestintä",
            "Hankkeen käynnistysviesti, omat verkkosivut, aloitusuutinen, juliste ja "
            "LinkedIn-sivu.",
            "Merkitään tiedoksi.",
        ),
        ("Seuraavat kokoukset", "", "Sovitaan seuraavien kokousten ajankohdat."),
        ("Kokouksen päättäminen", "", ""),
    ],
    "sv": [
        ("Mötets öppnande", "", ""),
        ("Laglighet och beslutförhet", "", "Mötet konstateras lagligt och beslutfört."),
        ("Godkännande av föredragningslistan", "", "Föredragningslistan godkänns."),
        (
            "Styrgruppens uppgifter och sammansättning",
            "Styrgruppen följer projektets framsteg och stöder genomförandet.",
            "Uppgifterna och sammansättningen antecknas för kännedom.",
        ),
        (
            "Val av ordförande och vice ordförande, utnämning av sekreterare",
            "",
            "Styrgruppen väljer ordförande och vice ordförande.",
        ),
        (
            "Lägesöversikt över projektet",
            "Projektet pågår 1.1.2026–30.6.2028 och delfinansieras av Europeiska unionen "
            "(ESF+). Lägesbild 1 blir klar i september 2026.",
            "Antecknas för kännedom.",
        ),
        ("Kommunikation", "", "Antecknas för kännedom."),
        ("Följande möten", "", "Tiderna för följande möten avtalas."),
        ("Mötets avslutande", "", ""),
    ],
    "en": [
        ("Opening of the meeting", "", ""),
        ("Quorum", "", "The meeting is declared duly convened and quorate."),
        ("Adoption of the agenda", "", "The agenda is adopted."),
        (
            "Tasks and members of the steering group",
            "The steering group follows the project's progress and supports its work.",
            "The tasks and members are noted.",
        ),
        (
            "Election of the chair and vice chair, appointment of the secretary",
            "",
            "The steering group elects its chair and vice chair.",
        ),
        (
            "Project status",
            "The project runs from 1 January 2026 to 30 June 2028, co-funded by the European "
            "Union (ESF+). Situational picture 1 is due in September 2026.",
            "Noted.",
        ),
        ("Communication", "", "Noted."),
        ("Next meetings", "", "The dates of the next meetings are agreed."),
        ("Closing of the meeting", "", ""),
    ],
}

# (matter, decision) of the demo minutes.
DECISIONS = {
    "fi": [
        ("Laillisuus ja päätösvaltaisuus", "Kokous todettiin lailliseksi ja päätösvaltaiseksi."),
        ("Esityslista", "Esityslista hyväksyttiin kokouksen työjärjestykseksi."),
        (
            "Ohjausryhmän järjestäytyminen",
            "Ohjausryhmä valitsi puheenjohtajan ja "
            "varapuheenjohtajan; sihteeriksi nimettiin hankehenkilöstön edustaja.",
        ),
        ("Tilannekatsaus ja viestintä", "Merkittiin tiedoksi."),
    ],
    "sv": [
        ("Laglighet och beslutförhet", "Mötet konstaterades lagligt och beslutfört."),
        ("Styrgruppens konstituering", "Styrgruppen valde ordförande och vice ordförande."),
        ("Lägesöversikt och kommunikation", "Antecknades för kännedom."),
    ],
    "en": [
        ("Quorum", "The meeting was declared duly convened and quorate."),
        ("Organising the group", "The steering group elected its chair and vice chair."),
        ("Project status and communication", "Noted."),
    ],
}

MEETING = {
    "fi": {
        "title": "Järjestäytymiskokous 15.4.2026",
        "slug": "jarjestaytymiskokous-2026-04-15",
        "location": "Keski-Uusimaa ja Teams-etäyhteys (demotieto)",
        "summary": "Ohjausryhmän ensimmäinen kokous: ohjausryhmä järjestäytyy ja kuulee "
        "hankkeen tilannekatsauksen.",
    },
    "sv": {
        "title": "Konstituerande möte 15.4.2026",
        "slug": "konstituerande-mote-2026-04-15",
        "location": "Mellersta Nyland och Teams (demouppgift)",
        "summary": "Styrgruppens första möte: styrgruppen konstituerar sig och hör en "
        "lägesöversikt över projektet.",
    },
    "en": {
        "title": "Organising meeting, 15 April 2026",
        "slug": "organising-meeting-2026-04-15",
        "location": "Central Uusimaa and Teams (demo detail)",
        "summary": "The steering group's first meeting: it organises itself and hears the "
        "project's status.",
    },
}

DOCUMENT_TITLE = "Ohjausryhmän järjestäytymiskokous 15.4.2026 – esityslista (demo)"
DOCUMENT_FILENAME = "ohjausryhma-jarjestaytymiskokous-2026-04-15.pdf"
DOCUMENT_LINK_TEXT = {
    "fi": "Esityslista (PDF)",
    "sv": "Föredragningslista (PDF, på finska)",
    "en": "Agenda (PDF, in Finnish)",
}
