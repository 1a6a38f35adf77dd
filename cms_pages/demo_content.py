"""The demo pages' text in Finnish, Swedish and English, drawn from the project briefing of
22 April 2026 (Keski-Uudenmaan työllisyysalueen ajankohtaiset). cms_pages.demo loads it.

Rich text is Wagtail's stored HTML format; plain strings are escaped by the helpers.
"""

import datetime
import uuid
from html import escape

# Fixed translation keys: they tie the three language versions of a page together and let
# the loader find its pages again, whatever an editor did to their titles or slugs.
HOME_KEY = uuid.uuid5(uuid.NAMESPACE_URL, "https://keko.invalid/pages/home")
ABOUT_KEY = uuid.uuid5(uuid.NAMESPACE_URL, "https://keko.invalid/pages/about")
STATEMENT_KEY = uuid.uuid5(uuid.NAMESPACE_URL, "https://keko.invalid/pages/accessibility")

PROJECT_START = datetime.date(2026, 1, 1)
PROJECT_END = datetime.date(2028, 6, 30)
# A placeholder mailbox: the real one is filled in the admin (Settings → Site settings).
CONTACT_EMAIL = "keko@example.org"

# The organisation line is left empty: one value would read Finnish on the sv/en pages.
FOOTER_SETTINGS = {
    "contact_email": CONTACT_EMAIL,
}


def heading(text: str, level: str = "h2") -> tuple:
    return ("heading", {"text": text, "level": level})


def paragraph(*sentences: str) -> tuple:
    """A paragraph of plain text."""
    return ("paragraph", f"<p>{escape(' '.join(sentences))}</p>")


def rich(html: str) -> tuple:
    """A paragraph block of ready rich-text HTML (for links)."""
    return ("paragraph", html)


def bullets(*items: str) -> tuple:
    lis = "".join(f"<li>{escape(item)}</li>" for item in items)
    return ("paragraph", f"<ul>{lis}</ul>")


def numbered(*items: str) -> tuple:
    lis = "".join(f"<li>{escape(item)}</li>" for item in items)
    return ("paragraph", f"<ol>{lis}</ol>")


def callout(title: str, text: str, tone: str = "info") -> tuple:
    return ("callout", {"title": title, "text": f"<p>{escape(text)}</p>", "tone": tone})


def link(url: str, text: str) -> str:
    return f'<a href="{escape(url)}">{escape(text)}</a>'


def goal(title: str, text: str) -> tuple:
    return ("goal", {"title": title, "text": text})


def partner(name: str, description: str, url: str = "") -> tuple:
    return ("partner", {"name": name, "description": description, "url": url})


def target_group(name: str, description: str) -> tuple:
    return ("target_group", {"name": name, "description": description})


# The employment services' online service (Job Market Finland), where the TE services of the
# employment areas, Central Uusimaa's among them, serve job seekers and employers.
TE_SERVICES_URL = {
    "fi": "https://tyomarkkinatori.fi/",
    "sv": "https://tyomarkkinatori.fi/sv",
    "en": "https://tyomarkkinatori.fi/en",
}


# --- Home page -------------------------------------------------------------------------

HOME = {
    "fi": {
        "title": "KEKO – työkyvyn tukemisen ja työhön osallistumisen ekosysteemi",
        "slug": "etusivu",
        "seo_title": "KEKO – työkyvyn tukemisen ja työhön osallistumisen ekosysteemi",
        "search_description": (
            "KEKO-hanke rakentaa Keski-Uudellemaalle monialaista yhteistyötä vaikeasti "
            "työllistyvien tueksi. Euroopan unionin osarahoittama (ESR+), 1.1.2026–30.6.2028."
        ),
        "lead": (
            "KEKO-hanke rakentaa Keski-Uudellemaalle työkyvyn tukemisen ja työhön "
            "osallistumisen ekosysteemin. Sovitamme yhteen johtamisen, toimijat, työpaikat ja "
            "palvelut, jotta vaikeasti työllistyvät ihmiset löytävät tiensä kestävään työhön."
        ),
        "funding": (
            "Euroopan unionin osarahoittama (ESR+). Rahoittava viranomainen on "
            "Kaakkois-Suomen elinvoimakeskus."
        ),
        "goals_heading": "Hankkeen tavoitteet",
        "goals": [
            goal(
                "Monialaisen yhteistyön rakenteet",
                "Luomme vaikeasti työllistyviin liittyvää monialaista yhteistyötä tukevat "
                "rakenteet: johtamisen, toimijoiden, työpaikkojen ja palvelujen "
                "yhteensovittamisen työkyvyn tukemisen ja työhön osallistumisen ekosysteemiksi.",
            ),
            goal(
                "Kestävää työllistymistä tukevat ratkaisut",
                "Kehitämme ja otamme käyttöön ratkaisuja ja toimintamalleja, jotka lisäävät "
                "vaikeasti työllistyvien henkilöiden kestävää työllistymistä ja työssäoloa ja "
                "ehkäisevät työllistymisen vaikeuksia.",
            ),
            goal(
                "Yhteiskehittäminen valtakunnalliseen käyttöön",
                "Yhteiskehitämme hankkeessa pilotoitavia toimintamalleja ja ratkaisuehdotuksia "
                "kumppaniverkoston kanssa valtakunnallisesti käytettäviksi.",
            ),
        ],
        "target_groups_heading": "Kenelle hanke on?",
        "target_groups_intro": (
            "Hankkeen varsinainen kohderyhmä ovat monialaisten hyvinvointi-, työllisyys-, "
            "sosiaali-, terveys-, kuntoutus- ja neuvontapalveluiden tarjoajat sekä niiden johto "
            "ja henkilöstö. Välillinen kohderyhmä ovat vaikeasti työllistyvät, erityisesti:"
        ),
        "target_groups": [
            target_group("Nuoret", "Alle 30-vuotiaat työnhakijat."),
            target_group("Maahanmuuttaneet", "Kotoutuvat ja ulkomaalaistaustaiset työnhakijat."),
            target_group("Pitkäaikaistyöttömät", "Vähintään 12 kuukautta työttömänä olleet."),
            target_group("Osatyökykyiset", "Henkilöt, joiden työkyky on osittain alentunut."),
            target_group(
                "Neurokirjon henkilöt", "Esimerkiksi ADHD- tai autismikirjon työnhakijat."
            ),
            target_group(
                "Ilman toisen asteen tutkintoa olevat",
                "Työnhakijat, joilla ei ole ammatillista tai lukion jälkeistä tutkintoa.",
            ),
        ],
        "consortium_heading": "Hankekonsortio",
        "consortium": [
            partner(
                "Keusote – Keski-Uudenmaan hyvinvointialue",
                "Vastaa sosiaali-, terveys- ja kuntoutuspalveluista, kuten työkykypalveluista, "
                "työttömien terveystarkastuksista, päihdepalveluista ja "
                "maahanmuuttajapalveluista.",
                "https://www.keusote.fi/",
            ),
            partner(
                "Keski-Uudenmaan TE-palvelut",
                "Hyvinkään, Järvenpään, Mäntsälän, Nurmijärven, Pornaisten ja Tuusulan "
                "työllisyysalue, joka vastaa lakisääteisistä työnhakijapalveluista.",
                TE_SERVICES_URL["fi"],
            ),
            partner(
                "Työterveyslaitos",
                "Tuottaa väestötason tilannekuvan työkyvystä ja työhön osallistumisesta "
                "Keski-Uudellamaalla ja koko Suomessa.",
                "https://www.ttl.fi/",
            ),
        ],
        "body": [
            callout(
                "Ohjausryhmä aloitti työnsä",
                "Hankkeen ohjausryhmä on perustettu, ja sen järjestäytymiskokous pidettiin "
                "15.4.2026.",
            ),
        ],
    },
    "sv": {
        "title": "KEKO – ekosystem för stöd till arbetsförmåga och deltagande i arbete",
        "slug": "startsida",
        "seo_title": "KEKO – ekosystem för stöd till arbetsförmåga och deltagande i arbete",
        "search_description": (
            "Projektet KEKO bygger upp sektorsövergripande samarbete i Mellersta Nyland till "
            "stöd för svårsysselsatta. Medfinansieras av Europeiska unionen (ESF+), "
            "1.1.2026–30.6.2028."
        ),
        "lead": (
            "Projektet KEKO bygger upp ett ekosystem för stöd till arbetsförmåga och deltagande "
            "i arbete i Mellersta Nyland. Vi samordnar ledning, aktörer, arbetsplatser och "
            "tjänster så att personer som har svårt att få arbete hittar vägen till ett hållbart "
            "arbetsliv."
        ),
        "funding": (
            "Medfinansieras av Europeiska unionen (ESF+). Finansierande myndighet är "
            "Sydöstra Finlands livskraftscentral (Kaakkois-Suomen elinvoimakeskus)."
        ),
        "goals_heading": "Projektets mål",
        "goals": [
            goal(
                "Strukturer för sektorsövergripande samarbete",
                "Vi skapar strukturer som stöder sektorsövergripande samarbete kring "
                "svårsysselsatta: ledning, aktörer, arbetsplatser och tjänster samordnas till "
                "ett ekosystem för stöd till arbetsförmåga och deltagande i arbete.",
            ),
            goal(
                "Lösningar för hållbar sysselsättning",
                "Vi utvecklar och tar i bruk lösningar och verksamhetsmodeller som ökar "
                "svårsysselsatta personers hållbara sysselsättning och förebygger svårigheter "
                "att få arbete.",
            ),
            goal(
                "Samutveckling för nationell användning",
                "Tillsammans med ett nätverk av partner utvecklar vi de modeller och "
                "lösningsförslag som prövas i projektet så att de kan användas i hela landet.",
            ),
        ],
        "target_groups_heading": "Vem är projektet till för?",
        "target_groups_intro": (
            "Projektets egentliga målgrupp är anordnare av sektorsövergripande välfärds-, "
            "sysselsättnings-, social-, hälso-, rehabiliterings- och rådgivningstjänster samt "
            "deras ledning och personal. Den indirekta målgruppen är svårsysselsatta, särskilt:"
        ),
        "target_groups": [
            target_group("Unga", "Arbetssökande under 30 år."),
            target_group("Invandrare", "Arbetssökande med utländsk bakgrund och i integration."),
            target_group("Långtidsarbetslösa", "Personer som varit arbetslösa i minst 12 månader."),
            target_group("Partiellt arbetsföra", "Personer vars arbetsförmåga är delvis nedsatt."),
            target_group(
                "Neurodivergenta personer",
                "Till exempel arbetssökande med adhd eller inom autismspektrumet.",
            ),
            target_group(
                "Personer utan examen på andra stadiet",
                "Arbetssökande som saknar yrkesinriktad examen eller gymnasieexamen.",
            ),
        ],
        "consortium_heading": "Projektkonsortiet",
        "consortium": [
            partner(
                "Keusote – Mellersta Nylands välfärdsområde",
                "Ansvarar för social-, hälso- och rehabiliteringstjänster, såsom tjänster för "
                "arbetsförmåga, hälsoundersökningar för arbetslösa, missbrukartjänster och "
                "invandrartjänster.",
                "https://www.keusote.fi/",
            ),
            partner(
                "Mellersta Nylands TE-tjänster",
                "Sysselsättningsområdet för Hyvinge, Träskända, Mäntsälä, Nurmijärvi, Borgnäs "
                "och Tusby, som ansvarar för de lagstadgade tjänsterna för arbetssökande.",
                TE_SERVICES_URL["sv"],
            ),
            partner(
                "Arbetshälsoinstitutet",
                "Tar fram en lägesbild på befolkningsnivå av arbetsförmåga och deltagande i "
                "arbete i Mellersta Nyland och i hela Finland.",
                "https://www.ttl.fi/sv",
            ),
        ],
        "body": [
            callout(
                "Styrgruppen har inlett sitt arbete",
                "Projektets styrgrupp har tillsatts och höll sitt konstituerande möte den "
                "15 april 2026.",
            ),
        ],
    },
    "en": {
        "title": "KEKO – Ecosystem for supporting work ability and participation in work",
        "slug": "home",
        "seo_title": "KEKO – Ecosystem for supporting work ability and participation in work",
        "search_description": (
            "The KEKO project builds multi-agency cooperation in Central Uusimaa to support "
            "people who find it hard to get work. Co-funded by the European Union (ESF+), "
            "1 January 2026 – 30 June 2028."
        ),
        "lead": (
            "The KEKO project builds an ecosystem for supporting work ability and participation "
            "in work in Central Uusimaa, Finland. We fit leadership, organisations, workplaces "
            "and services together so that people who find it hard to get work can find their "
            "way to sustainable employment."
        ),
        "funding": (
            "Co-funded by the European Union (ESF+). The funding authority is the Southeast "
            "Finland Vitality Centre (Kaakkois-Suomen elinvoimakeskus)."
        ),
        "goals_heading": "Goals of the project",
        "goals": [
            goal(
                "Structures for multi-agency cooperation",
                "We create structures that support multi-agency cooperation around people who "
                "are hard to employ: leadership, organisations, workplaces and services fitted "
                "together into an ecosystem for supporting work ability and participation in "
                "work.",
            ),
            goal(
                "Solutions for sustainable employment",
                "We develop and deploy solutions and operating models that increase the "
                "sustainable employment of people who are hard to employ, help them stay in "
                "work and prevent difficulties in finding work.",
            ),
            goal(
                "Co-development for national use",
                "Together with a partner network, we co-develop the operating models and "
                "proposals piloted in the project so that they can be used nationwide.",
            ),
        ],
        "target_groups_heading": "Who is the project for?",
        "target_groups_intro": (
            "The project's direct target group are the providers of multi-agency wellbeing, "
            "employment, social, health, rehabilitation and guidance services, and their "
            "leaders and staff. The indirect target group are people who are hard to employ, "
            "in particular:"
        ),
        "target_groups": [
            target_group("Young people", "Job seekers under 30 years of age."),
            target_group("Immigrants", "Job seekers with a foreign background or in integration."),
            target_group("Long-term unemployed", "People unemployed for 12 months or more."),
            target_group(
                "People with partial work ability", "People whose work ability is partly reduced."
            ),
            target_group(
                "Neurodivergent people",
                "For example job seekers with ADHD or on the autism spectrum.",
            ),
            target_group(
                "People without an upper secondary qualification",
                "Job seekers without a vocational or general upper secondary qualification.",
            ),
        ],
        "consortium_heading": "Project consortium",
        "consortium": [
            partner(
                "Keusote – Central Uusimaa Wellbeing Services County",
                "Responsible for social, health and rehabilitation services, such as "
                "work-ability services, health checks for the unemployed, substance-abuse "
                "services and immigrant services.",
                "https://www.keusote.fi/",
            ),
            partner(
                "Central Uusimaa TE Services",
                "The employment area of Hyvinkää, Järvenpää, Mäntsälä, Nurmijärvi, Pornainen "
                "and Tuusula, responsible for the statutory services for job seekers.",
                TE_SERVICES_URL["en"],
            ),
            partner(
                "Finnish Institute of Occupational Health",
                "Produces a population-level picture of work ability and participation in work "
                "in Central Uusimaa and in all of Finland.",
                "https://www.ttl.fi/en",
            ),
        ],
        "body": [
            callout(
                "The steering group has started its work",
                "The project's steering group has been founded and held its constitutive "
                "meeting on 15 April 2026.",
            ),
        ],
    },
}


# --- About the project ------------------------------------------------------------------

ABOUT = {
    "fi": {
        "title": "Hankkeesta",
        "slug": "hankkeesta",
        "search_description": "KEKO-hankkeen tavoitteet, toimenpiteet, kohderyhmät ja rahoitus.",
        "intro": (
            "KEKO eli Työkyvyn tukemisen ja työhön osallistumisen ekosysteemi -hanke kokoaa "
            "Keski-Uudenmaan palveluntarjoajat yhteiseen verkostoon vaikeasti työllistyvien "
            "tueksi."
        ),
        "body": [
            heading("Perustiedot"),
            bullets(
                "Kesto: 1.1.2026–30.6.2028.",
                "Hankekonsortio: Keusote, Keski-Uudenmaan työllisyysalue "
                "(Keski-Uudenmaan TE-palvelut) ja Työterveyslaitos.",
                "Rahoitus: Euroopan unionin osarahoittama (ESR+). Rahoittavana viranomaisena "
                "toimii Kaakkois-Suomen elinvoimakeskus.",
                "Varsinainen kohderyhmä: monialaisten hyvinvointi-, työllisyys-, sosiaali-, "
                "terveys-, kuntoutus- ja neuvontapalveluiden tarjoajat sekä niiden johto ja "
                "henkilöstö.",
                "Välillinen kohderyhmä: vaikeasti työllistyvät.",
                "Ohjausryhmä: perustettu, järjestäytymiskokous 15.4.2026.",
            ),
            heading("Miksi hanketta tarvitaan?"),
            paragraph(
                "Työllisyyspalvelut siirtyivät valtiolta kunnille vuoden 2025 alussa. "
                "Keski-Uudenmaan työllisyysalueeseen kuuluvat Hyvinkää, Järvenpää, Mäntsälä, "
                "Nurmijärvi, Pornainen ja Tuusula. Työllisyysalue on yhdistelmä "
                "viranomaistoimintaa sekä kuntien ja sidosryhmien palveluita, ja se ohjaa "
                "vahvasti verkostoyhteistyöhön."
            ),
            paragraph(
                "Työllisyystilanne haastaa: työttömiä työnhakijoita oli maaliskuussa 2026 "
                "alueella 11\u00a0860, mikä on 955 henkeä (8,8\u00a0%) enemmän kuin vuotta "
                "aiemmin. Pitkäaikaistyöttömiä oli helmikuussa 2026 5\u00a0546, mikä on "
                "1\u00a0096 enemmän kuin vuotta aiemmin. Palvelutarve kohdistuu yhä enemmän "
                "vaikeammin työllistyviin, ja heidän tukemisensa edellyttää monen toimijan "
                "yhteistyötä."
            ),
            heading("Tavoitteet"),
            numbered(
                "Luoda vaikeasti työllistyviin liittyvää monialaista yhteistyötä tukevat "
                "rakenteet: johtamisen, toimijoiden, työpaikkojen ja palvelujen "
                "yhteensovittaminen (työkyvyn tukemisen ja työhön osallistumisen ekosysteemi).",
                "Kehittää ja ottaa käyttöön ratkaisuja ja toimintamalleja vaikeasti "
                "työllistyvien henkilöiden kestävän työllistymisen ja työssäolon lisäämiseksi "
                "ja työllistymisen vaikeuksien ehkäisemiseksi.",
                "Yhteiskehittää hankkeessa pilotoitavia toimintamalleja ja ratkaisuehdotuksia "
                "kumppaniverkoston kanssa valtakunnallisesti käytettäviksi.",
            ),
            heading("Tilannekuva 1: ekosysteemin toimijat ja palvelut"),
            paragraph(
                "Kokoamme ja kuvaamme ekosysteemin toimijat ja palvelut "
                "asiantuntijahaastatteluin, työryhmissä ja työpajoissa. Toteutuksesta vastaavat "
                "Keusote ja Keski-Uudenmaan TE-palvelut syyskuuhun 2026 mennessä. Tarkastelussa "
                "ovat muun muassa:"
            ),
            bullets(
                "kuntouttava työtoiminta ja työtoiminta",
                "työkyvyn arvioinnin prosessi ja työkykypilotti",
                "TE-palveluiden kotoutumispalvelut ja Keusoten maahanmuuttajapalvelut",
                "TE-palveluiden aikuisten peruspalvelut",
                "TE-palveluiden nuorten palvelut ja Ohjaamo",
                "TYM – työllistymistä edistävä monialainen yhteispalvelu",
                "lastensuojelun jälkihuolto",
                "kumppanihankkeet ja työelämä",
            ),
            paragraph(
                "Työpajoissa Keusoten ja TE-palveluiden esihenkilöt määrittelevät kohderyhmää "
                "ja organisaatiorajat ylittävää yhteistyötä, kotoutumispalvelut kuvaavat "
                "kotoutujien monialaisia palvelupolkuja ja johtajat pohtivat ekosysteemistä "
                "johtamista."
            ),
            heading("Tilannekuva 2: väestön työkyky ja työhön osallistuminen"),
            paragraph(
                "Työterveyslaitos laatii tilannekuva 1:n rinnalla tilannekuvan "
                "Keski-Uudenmaan ja koko Suomen väestöstä. Demografisten tekijöiden ohella "
                "tarkastellaan erityisesti työkykyä ja työhön osallistumista."
            ),
            heading("Viestintä"),
            paragraph(
                "Hanke viestii sekä sisäisesti että ulkoisesti. Tähän mennessä on julkaistu "
                "hankkeen lanseerausviesti, omat verkkosivut, kick-off-uutinen, hankejuliste ja "
                "LinkedIn-sivu. Nostamme säännöllisesti esiin ajankohtaisia aiheita ja teemme "
                "yhteistyötä muiden saman teeman hankkeiden kanssa. Suunnitteilla ovat "
                "uutiskirje ja vieraskynäblogit."
            ),
            callout(
                "Ohjausryhmä",
                "Hankkeen ohjausryhmä on perustettu, ja sen järjestäytymiskokous pidettiin "
                "15.4.2026. Ohjausryhmä seuraa muun muassa alueen työnhakija- ja "
                "pitkäaikaistyöttömyyslukuja.",
            ),
        ],
    },
    "sv": {
        "title": "Om projektet",
        "slug": "om-projektet",
        "search_description": "Projektet KEKO: mål, åtgärder, målgrupper och finansiering.",
        "intro": (
            "KEKO – ekosystemet för stöd till arbetsförmåga och deltagande i arbete – samlar "
            "tjänsteanordnarna i Mellersta Nyland i ett gemensamt nätverk till stöd för "
            "svårsysselsatta."
        ),
        "body": [
            heading("Grunduppgifter"),
            bullets(
                "Projekttid: 1.1.2026–30.6.2028.",
                "Projektkonsortiet: Keusote, Mellersta Nylands sysselsättningsområde "
                "(Mellersta Nylands TE-tjänster) och Arbetshälsoinstitutet.",
                "Finansiering: medfinansieras av Europeiska unionen (ESF+). Finansierande "
                "myndighet är Sydöstra Finlands livskraftscentral.",
                "Egentlig målgrupp: anordnare av sektorsövergripande välfärds-, "
                "sysselsättnings-, social-, hälso-, rehabiliterings- och rådgivningstjänster "
                "samt deras ledning och personal.",
                "Indirekt målgrupp: svårsysselsatta.",
                "Styrgrupp: tillsatt, konstituerande möte 15.4.2026.",
            ),
            heading("Varför behövs projektet?"),
            paragraph(
                "Sysselsättningstjänsterna överfördes från staten till kommunerna i början av "
                "2025. Till Mellersta Nylands sysselsättningsområde hör Hyvinge, Träskända, "
                "Mäntsälä, Nurmijärvi, Borgnäs och Tusby. Sysselsättningsområdet kombinerar "
                "myndighetsverksamhet med kommunernas och intressenternas tjänster och bygger "
                "starkt på samarbete i nätverk."
            ),
            paragraph(
                "Sysselsättningsläget är utmanande: i mars 2026 fanns det 11\u00a0860 "
                "arbetslösa arbetssökande i området, 955 personer (8,8\u00a0%) fler än ett år "
                "tidigare. I februari 2026 fanns det 5\u00a0546 långtidsarbetslösa, "
                "1\u00a0096 fler än ett år tidigare. Behovet av tjänster riktar sig allt mer "
                "till dem som har svårt att få arbete, och att stödja dem kräver samarbete mellan "
                "många aktörer."
            ),
            heading("Mål"),
            numbered(
                "Skapa strukturer som stöder sektorsövergripande samarbete kring "
                "svårsysselsatta: samordning av ledning, aktörer, arbetsplatser och tjänster "
                "(ekosystemet för stöd till arbetsförmåga och deltagande i arbete).",
                "Utveckla och ta i bruk lösningar och verksamhetsmodeller för att öka "
                "svårsysselsattas hållbara sysselsättning och förebygga svårigheter att få "
                "arbete.",
                "Tillsammans med ett partnernätverk samutveckla de verksamhetsmodeller och "
                "lösningsförslag som prövas i projektet för nationell användning.",
            ),
            heading("Lägesbild 1: ekosystemets aktörer och tjänster"),
            paragraph(
                "Vi samlar in och beskriver ekosystemets aktörer och tjänster genom "
                "expertintervjuer, arbetsgrupper och workshoppar. Keusote och Mellersta Nylands "
                "TE-tjänster ansvarar för genomförandet före september 2026. Bland annat "
                "följande granskas:"
            ),
            bullets(
                "arbetsverksamhet i rehabiliteringssyfte och arbetsverksamhet",
                "processen för bedömning av arbetsförmåga och pilotprojektet om arbetsförmåga",
                "TE-tjänsternas integrationstjänster och Keusotes invandrartjänster",
                "TE-tjänsternas grundtjänster för vuxna",
                "TE-tjänsternas tjänster för unga och Navigatorn",
                "sektorsövergripande samservice som främjar sysselsättningen",
                "eftervård inom barnskyddet",
                "partnerprojekt och arbetslivet",
            ),
            paragraph(
                "I workshopparna definierar förmännen vid Keusote och TE-tjänsterna målgruppen "
                "och samarbetet över organisationsgränserna, integrationstjänsterna beskriver "
                "invandrares sektorsövergripande servicestigar och cheferna diskuterar ledning "
                "av ekosystemet."
            ),
            heading("Lägesbild 2: befolkningens arbetsförmåga och deltagande i arbete"),
            paragraph(
                "Parallellt med lägesbild 1 tar Arbetshälsoinstitutet fram en lägesbild av "
                "befolkningen i Mellersta Nyland och i hela Finland. Utöver demografiska faktorer "
                "granskas särskilt arbetsförmåga och deltagande i arbete."
            ),
            heading("Kommunikation"),
            paragraph(
                "Projektet kommunicerar både internt och externt. Hittills har projektets "
                "lanseringsmeddelande, egna webbplats, kick off-nyhet, projektaffisch och "
                "LinkedIn-sida publicerats. Vi lyfter regelbundet fram aktuella ämnen och "
                "samarbetar med andra projekt inom samma tema. Ett nyhetsbrev och gästbloggar "
                "planeras."
            ),
            callout(
                "Styrgruppen",
                "Projektets styrgrupp har tillsatts och höll sitt konstituerande möte den "
                "15 april 2026. Styrgruppen följer bland annat antalet arbetssökande och "
                "långtidsarbetslösa i området.",
            ),
        ],
    },
    "en": {
        "title": "About the project",
        "slug": "about-the-project",
        "search_description": "The KEKO project: goals, actions, target groups and funding.",
        "intro": (
            "KEKO, the Ecosystem for supporting work ability and participation in work, brings "
            "the service providers of Central Uusimaa together in one network to support people "
            "who are hard to employ."
        ),
        "body": [
            heading("Key facts"),
            bullets(
                "Duration: 1 January 2026 – 30 June 2028.",
                "Consortium: Keusote, the Central Uusimaa employment area (Central Uusimaa TE "
                "Services) and the Finnish Institute of Occupational Health.",
                "Funding: co-funded by the European Union (ESF+). The funding authority is the "
                "Southeast Finland Vitality Centre (Kaakkois-Suomen elinvoimakeskus).",
                "Direct target group: providers of multi-agency wellbeing, employment, social, "
                "health, rehabilitation and guidance services, and their leaders and staff.",
                "Indirect target group: people who are hard to employ.",
                "Steering group: founded; constitutive meeting on 15 April 2026.",
            ),
            heading("Why is the project needed?"),
            paragraph(
                "Employment services moved from the state to the municipalities at the start of "
                "2025. The Central Uusimaa employment area covers Hyvinkää, Järvenpää, Mäntsälä, "
                "Nurmijärvi, Pornainen and Tuusula. It combines the work of the employment "
                "authority with the services of the municipalities and their partners, and it "
                "relies strongly on cooperation in networks."
            ),
            paragraph(
                "The employment situation is challenging: in March 2026 there were 11,860 "
                "unemployed job seekers in the area, 955 people (8.8%) more than a year earlier. "
                "In February 2026 there were 5,546 long-term unemployed people, 1,096 more "
                "than a year earlier. The need for services increasingly concerns people who "
                "are hard to employ, and supporting them takes the cooperation of many "
                "organisations."
            ),
            heading("Goals"),
            numbered(
                "Create structures that support multi-agency cooperation around people who are "
                "hard to employ: fitting leadership, organisations, workplaces and services "
                "together (the ecosystem for supporting work ability and participation in "
                "work).",
                "Develop and deploy solutions and operating models that increase sustainable "
                "employment and staying in work among people who are hard to employ, and "
                "prevent difficulties in finding work.",
                "Co-develop the operating models and proposals piloted in the project with a "
                "partner network for nationwide use.",
            ),
            heading("Situational picture 1: the ecosystem's actors and services"),
            paragraph(
                "We collect and describe the actors and services of the ecosystem through expert "
                "interviews, working groups and workshops. Keusote and Central Uusimaa TE "
                "Services are responsible for this by September 2026. The topics include:"
            ),
            bullets(
                "rehabilitative work activity and work activity",
                "the work-ability assessment process and the work-ability pilot",
                "the integration services of the TE Services and Keusote's immigrant services",
                "the TE Services' basic services for adults",
                "the TE Services' youth services and Ohjaamo guidance centres",
                "TYM, the joint multi-agency service promoting employment",
                "aftercare in child welfare",
                "partner projects and working life",
            ),
            paragraph(
                "In the workshops, supervisors of Keusote and the TE Services define the target "
                "group and cooperation across organisational boundaries, the integration "
                "services describe immigrants' multi-agency service paths, and the directors "
                "discuss leading the ecosystem."
            ),
            heading("Situational picture 2: work ability and participation in work"),
            paragraph(
                "Alongside situational picture 1, the Finnish Institute of Occupational Health "
                "draws up a picture of the population of Central Uusimaa and of all of Finland. "
                "Besides demographic factors, it looks in particular at work ability and "
                "participation in work."
            ),
            heading("Communication"),
            paragraph(
                "The project communicates both internally and externally. So far we have "
                "published a launch message, the project's own web pages, a kick-off news item, "
                "a project poster and a LinkedIn page. We regularly highlight current topics and "
                "cooperate with other projects on the same theme. A newsletter and guest blog "
                "posts are planned."
            ),
            callout(
                "Steering group",
                "The project's steering group has been founded and held its constitutive "
                "meeting on 15 April 2026. Among other things, it follows the numbers of job "
                "seekers and long-term unemployed people in the area.",
            ),
        ],
    },
}


# --- Accessibility statement (the Finnish model of the Act on the Provision of Digital
# Services 306/2019) -----------------------------------------------------------------------

TRAFICOM_URL = {
    "fi": "https://www.saavutettavuusvaatimukset.fi/",
    "sv": "https://www.tillganglighetskrav.fi/",
    "en": "https://www.webaccessibility.fi/",
}
TRAFICOM_EMAIL = "saavutettavuus@traficom.fi"
TRAFICOM_PHONE = "029 534 5000"
MAILTO = f"mailto:{CONTACT_EMAIL}"

STATEMENT = {
    "fi": {
        "title": "Saavutettavuusseloste",
        "slug": "saavutettavuusseloste",
        "search_description": "KEKO-sivuston saavutettavuusseloste.",
        "intro": (
            "Tämä saavutettavuusseloste koskee KEKO-hankkeen verkkosivustoa. Haluamme, että "
            "mahdollisimman moni voi käyttää sivustoa vaivatta."
        ),
        "body": [
            paragraph(
                "Seloste on laadittu huhtikuussa 2026, ja sitä päivitetään sivuston kehittyessä. "
                "Sivuston saavutettavuus on arvioitu itsearviona."
            ),
            heading("Digipalvelun saavutettavuuden tila"),
            paragraph(
                "Sivusto täyttää osittain lain digitaalisten palvelujen tarjoamisesta "
                "(306/2019) edellyttämät saavutettavuusvaatimukset. Sivusto on toteutettu "
                "WCAG 2.1 -ohjeiston AA-tason mukaiseksi, mutta siinä on vielä alla kuvatut "
                "puutteet."
            ),
            heading("Sisällöt, jotka eivät vielä ole saavutettavia"),
            bullets(
                "Sivustolla julkaistut liitetiedostot, kuten esitysdiat ja PDF-tiedostot, eivät "
                "kaikilta osin täytä saavutettavuusvaatimuksia (WCAG 1.1.1, 1.3.1, 2.4.2). "
                "Toimitamme sisällön pyynnöstä saavutettavassa muodossa.",
                "Palvelukartan verkostokuvio on visuaalinen esitys. Kuvion tiedot ovat "
                "saatavilla myös tekstimuotoisena luettelona (WCAG 1.1.1).",
            ),
            heading("Anna palautetta saavutettavuudesta"),
            rich(
                "<p>Huomasitko saavutettavuuspuutteen sivustollamme? Kerro siitä meille, niin "
                "teemme parhaamme puutteen korjaamiseksi. Voit antaa palautetta sähköpostilla "
                f"osoitteeseen {link(MAILTO, CONTACT_EMAIL)}. Vastaamme 14 päivän kuluessa.</p>"
            ),
            heading("Valvontaviranomainen"),
            paragraph(
                "Jos huomaat sivustolla saavutettavuusongelmia, anna ensin palautetta meille. "
                "Jos et ole tyytyväinen saamaasi vastaukseen tai et saa vastausta lainkaan kahden "
                "viikon aikana, voit tehdä ilmoituksen valvontaviranomaiselle. Digipalvelulain "
                "noudattamista valvoo Liikenne- ja viestintävirasto Traficomin "
                "saavutettavuusvalvonta. Tehtävä siirtyi Traficomille Etelä-Suomen "
                "aluehallintovirastolta vuoden 2025 alussa. Valvontaviranomaisen sivuilla "
                "kerrotaan, miten ilmoituksen voi tehdä ja miten asia käsitellään."
            ),
            heading("Valvontaviranomaisen yhteystiedot", "h3"),
            rich(
                "<p>Liikenne- ja viestintävirasto Traficom<br/>Saavutettavuusvalvonta<br/>"
                f"{link(TRAFICOM_URL['fi'], 'www.saavutettavuusvaatimukset.fi')}<br/>"
                f"{link('mailto:' + TRAFICOM_EMAIL, TRAFICOM_EMAIL)}<br/>"
                f"puhelinvaihde {TRAFICOM_PHONE}</p>"
            ),
        ],
    },
    "sv": {
        "title": "Tillgänglighetsutlåtande",
        "slug": "tillganglighetsutlatande",
        "search_description": "Tillgänglighetsutlåtande för KEKO:s webbplats.",
        "intro": (
            "Detta tillgänglighetsutlåtande gäller projektet KEKO:s webbplats. Vi vill att så "
            "många som möjligt ska kunna använda webbplatsen utan hinder."
        ),
        "body": [
            paragraph(
                "Utlåtandet har upprättats i april 2026 och uppdateras när webbplatsen "
                "utvecklas. Webbplatsens tillgänglighet har bedömts genom en egen bedömning."
            ),
            heading("Den digitala tjänstens tillgänglighetsstatus"),
            paragraph(
                "Webbplatsen uppfyller delvis de tillgänglighetskrav som anges i lagen om "
                "tillhandahållande av digitala tjänster (306/2019). Webbplatsen följer nivå AA i "
                "WCAG 2.1-anvisningarna, men har ännu de brister som beskrivs nedan."
            ),
            heading("Innehåll som ännu inte är tillgängligt"),
            bullets(
                "Bilagor som publiceras på webbplatsen, till exempel presentationsbilder och "
                "PDF-filer, uppfyller inte alla tillgänglighetskrav (WCAG 1.1.1, 1.3.1, 2.4.2). "
                "På begäran levererar vi innehållet i tillgänglig form.",
                "Nätverksbilden på tjänstekartan är en visuell framställning. Uppgifterna i "
                "bilden finns också som en lista i textform (WCAG 1.1.1).",
            ),
            heading("Ge respons om tillgängligheten"),
            rich(
                "<p>Märkte du en brist i tillgängligheten på vår webbplats? Berätta för oss, så "
                "gör vi vårt bästa för att åtgärda den. Du kan ge respons per e-post till "
                f"{link(MAILTO, CONTACT_EMAIL)}. Vi svarar inom 14 dagar.</p>"
            ),
            heading("Tillsynsmyndighet"),
            paragraph(
                "Om du märker tillgänglighetsproblem på webbplatsen, ge först respons till oss. "
                "Om du inte är nöjd med svaret eller inte får något svar inom två veckor, kan du "
                "göra en anmälan till tillsynsmyndigheten. Efterlevnaden av lagen om "
                "tillhandahållande av digitala tjänster övervakas av tillgänglighetstillsynen "
                "vid Transport- och kommunikationsverket Traficom. Uppgiften överfördes till "
                "Traficom från Regionförvaltningsverket i Södra Finland i början av 2025. På "
                "tillsynsmyndighetens webbplats berättas hur du gör en anmälan och hur ärendet "
                "behandlas."
            ),
            heading("Tillsynsmyndighetens kontaktuppgifter", "h3"),
            rich(
                "<p>Transport- och kommunikationsverket Traficom<br/>Tillsynen av "
                f"tillgänglighet<br/>{link(TRAFICOM_URL['sv'], 'www.tillganglighetskrav.fi')}"
                f"<br/>{link('mailto:' + TRAFICOM_EMAIL, TRAFICOM_EMAIL)}<br/>"
                f"telefonväxel {TRAFICOM_PHONE}</p>"
            ),
        ],
    },
    "en": {
        "title": "Accessibility statement",
        "slug": "accessibility-statement",
        "search_description": "Accessibility statement of the KEKO website.",
        "intro": (
            "This accessibility statement applies to the website of the KEKO project. We want "
            "as many people as possible to be able to use the website with ease."
        ),
        "body": [
            paragraph(
                "The statement was drawn up in April 2026 and is updated as the website "
                "develops. The accessibility of the website has been assessed as a "
                "self-assessment."
            ),
            heading("Compliance status"),
            paragraph(
                "The website partially meets the accessibility requirements of the Finnish Act "
                "on the Provision of Digital Services (306/2019). It is built to level AA of the "
                "WCAG 2.1 guidelines, but it still has the shortcomings described below."
            ),
            heading("Content that is not yet accessible"),
            bullets(
                "Attachments published on the website, such as presentation slides and PDF "
                "files, do not meet all accessibility requirements (WCAG 1.1.1, 1.3.1, 2.4.2). "
                "On request, we provide the content in an accessible format.",
                "The network diagram of the service map is a visual presentation. Its "
                "information is also available as a text list (WCAG 1.1.1).",
            ),
            heading("Feedback on accessibility"),
            rich(
                "<p>Did you notice an accessibility issue on our website? Tell us and we will do "
                "our best to fix it. You can send feedback by email to "
                f"{link(MAILTO, CONTACT_EMAIL)}. We reply within 14 days.</p>"
            ),
            heading("Enforcement authority"),
            paragraph(
                "If you notice accessibility problems on the website, first send feedback to us. "
                "If you are not satisfied with our reply, or you do not get a reply within two "
                "weeks, you can report the matter to the enforcement authority. Compliance with "
                "the Act on the Provision of Digital Services is monitored by the accessibility "
                "monitoring unit of the Finnish Transport and Communications Agency Traficom. "
                "The task moved to Traficom from the Regional State Administrative Agency for "
                "Southern Finland at the start of 2025. The enforcement authority's website "
                "explains how to file a report and how it is handled."
            ),
            heading("Contact details of the enforcement authority", "h3"),
            rich(
                "<p>Finnish Transport and Communications Agency Traficom<br/>Accessibility "
                f"monitoring<br/>{link(TRAFICOM_URL['en'], 'www.webaccessibility.fi')}<br/>"
                f"{link('mailto:' + TRAFICOM_EMAIL, TRAFICOM_EMAIL)}<br/>"
                f"switchboard +358 29 534 5000</p>"
            ),
        ],
    },
}
