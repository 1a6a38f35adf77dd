"""Author the demo ecosystem: writes ecosystem/demo/demo_ecosystem.json.

The JSON file is what the portal loads (ecosystem.demo.loader); this script is how it was written,
kept so the demo can be edited as readable Python and regenerated:

    .venv/bin/python scripts/build_demo_fixture.py

Source: the Central Uusimaa employment area's briefing of 22 April 2026 (actors, services,
development plans and the KEKO project). Every UUID is derived from a readable key with
uuid5, so regenerating gives the same ids. Where the briefing names a kind of actor without
naming one (NGOs, procured coaching providers), a collective record stands for them and says so.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

NAMESPACE = uuid.UUID("6f1d3c52-8a41-4d0b-9a57-0c6b3a0e5a11")
OUT = Path(__file__).resolve().parent.parent / "ecosystem" / "demo" / "demo_ecosystem.json"
REVIEWED = "2026-04-22"
BRIEFING = "Työllisyysalueen ajankohtaiset 22.4.2026 (Keski-Uudenmaan TE-palvelut)."


def uid(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"keko-demo:{kind}:{key}"))


# --- municipalities and target groups ---------------------------------------------------------

MUNICIPALITIES = {
    # key: (code, fi, sv, en, genitive stem used in Finnish service names)
    "hyvinkaa": ("106", "Hyvinkää", "Hyvinge", "Hyvinkää", "Hyvinkään kaupungin"),
    "jarvenpaa": ("186", "Järvenpää", "Träskända", "Järvenpää", "Järvenpään kaupungin"),
    "mantsala": ("505", "Mäntsälä", "Mäntsälä", "Mäntsälä", "Mäntsälän kunnan"),
    "nurmijarvi": ("543", "Nurmijärvi", "Nurmijärvi", "Nurmijärvi", "Nurmijärven kunnan"),
    "pornainen": ("611", "Pornainen", "Borgnäs", "Pornainen", "Pornaisten kunnan"),
    "tuusula": ("858", "Tuusula", "Tusby", "Tuusula", "Tuusulan kunnan"),
}
ALL = list(MUNICIPALITIES)

TARGET_GROUPS = [
    (
        "young_people",
        "Nuoret (alle 30-vuotiaat)",
        "Unga (under 30 år)",
        "Young people (under 30)",
    ),
    ("immigrants", "Maahanmuuttajat", "Invandrare", "Immigrants"),
    (
        "long_term_unemployed",
        "Pitkäaikaistyöttömät",
        "Långtidsarbetslösa",
        "Long-term unemployed (12+ months)",
    ),
    (
        "partial_work_ability",
        "Osatyökykyiset",
        "Personer med partiell arbetsförmåga",
        "People with partial work ability",
    ),
    ("neurodivergent", "Neurokirjon henkilöt", "Neurodivergenta personer", "Neurodivergent people"),
    (
        "no_secondary_qualification",
        "Ilman toisen asteen tutkintoa olevat",
        "Personer utan examen på andra stadiet",
        "People without a secondary-level qualification",
    ),
]

# --- organisations ----------------------------------------------------------------------------

ORGANISATIONS: list[dict[str, Any]] = [
    dict(
        key="te",
        fi="Keski-Uudenmaan TE-palvelut",
        sv="Arbets- och näringstjänsterna i Mellersta Nyland",
        en="Central Uusimaa Employment Services",
        short="TE-palvelut",
        short_sv="TE-tjänsterna",
        short_en="TE Services",
        type="employment_authority",
        consortium=True,
        munis=ALL,
        desc_fi=(
            "Keski-Uudenmaan työllisyysalueen työvoimaviranomainen (Hyvinkää, Järvenpää, "
            "Mäntsälä, Nurmijärvi, Pornainen, Tuusula). Työllisyyspalvelut siirtyivät "
            "kunnille 1.1.2025. Vastaa lakisääteisistä työnhakijapalveluista; KEKO-hankkeen "
            "konsortiokumppani."
        ),
        desc_en=(
            "Employment authority of the Central Uusimaa employment area (six municipalities); "
            "employment services moved to municipalities on 1 January 2025. Responsible for "
            "statutory job-seeker services; KEKO consortium partner."
        ),
    ),
    dict(
        key="keusote",
        fi="Keski-Uudenmaan hyvinvointialue (Keusote)",
        sv="Välfärdsområdet i Mellersta Nyland (Keusote)",
        en="Central Uusimaa Wellbeing Services County (Keusote)",
        short="Keusote",
        type="wellbeing_county",
        consortium=True,
        munis=ALL,
        website="https://www.keusote.fi/",
        desc_fi=(
            "Sosiaali-, terveys- ja pelastuspalvelut: työkykypalvelut, työttömien "
            "terveystarkastukset, TYM-toiminta, ennaltaehkäisevä toiminta, päihdepalvelut ja "
            "maahanmuuttajapalvelut. KEKO-hankkeen päätoteuttaja."
        ),
        desc_en=(
            "Health, social and rescue services: work-ability services, health checks of the "
            "unemployed, TYM, preventive work, substance-abuse and immigrant services. Lead "
            "partner of KEKO."
        ),
    ),
    dict(
        key="ttl",
        fi="Työterveyslaitos",
        sv="Arbetshälsoinstitutet",
        en="Finnish Institute of Occupational Health",
        short="TTL",
        short_en="FIOH",
        type="research_institute",
        consortium=True,
        munis=[],
        website="https://www.ttl.fi/",
        business_id="0220266-9",
        desc_fi=(
            "Valtakunnallinen tutkimuslaitos. KEKO-hankkeessa vastaa tilannekuvasta 2: "
            "Keski-Uudenmaan ja koko Suomen väestön työkyky ja työhön osallistuminen."
        ),
        desc_en=(
            "National research institute. In KEKO it produces situational picture 2: work "
            "ability and participation in work in Central Uusimaa and Finland."
        ),
    ),
    dict(
        key="kela",
        fi="Kela",
        sv="FPA",
        en="Kela – The Social Insurance Institution of Finland",
        short="Kela",
        short_sv="FPA",
        type="state_agency",
        munis=ALL,
        website="https://www.kela.fi/",
        business_id="0246246-0",
        desc_fi=(
            "Työttömyysetuudet, perustoimeentulotuki ja Kelan kuntoutus; mukana TYM-toiminnassa."
        ),
        desc_en="Unemployment benefits, basic social assistance and rehabilitation; part of TYM.",
    ),
    dict(
        key="legal_aid",
        fi="Etelä-Suomen oikeusapu- ja edunvalvontapiiri (oikeusaputoimistot)",
        sv="Södra Finlands rättshjälps- och intressebevakningsdistrikt",
        en="Legal aid offices of Southern Finland",
        short="Oikeusapu",
        short_sv="Rättshjälp",
        short_en="Legal aid",
        type="state_agency",
        munis=ALL,
        website="https://oikeus.fi/oikeusapu/",
        desc_fi="Valtion oikeusaputoimistot: oikeusapu sekä talous- ja velkaneuvonta.",
        desc_en="State legal aid offices: legal aid and financial and debt counselling.",
    ),
    dict(
        key="keha",
        fi="KEHA-keskus",
        sv="UF-centret",
        en="KEHA Centre (development and administrative centre)",
        short="KEHA",
        short_sv="UF-centret",
        short_en="KEHA Centre",
        type="state_agency",
        munis=ALL,
        desc_fi=(
            "Valtakunnallinen kehittämis- ja hallintokeskus. Toiminnan muutokset ja vastuun "
            "siirto kuntiin vaikuttavat työllisyysalueeseen jo elokuussa 2026; KEHA:n "
            "tiedostokokonaisuus integroidaan Järvenpään tietoaltaaseen."
        ),
        desc_en=(
            "National development and administrative centre. Its responsibilities move to "
            "municipalities (effects from August 2026); its data files are being integrated "
            "into Järvenpää's data lake."
        ),
    ),
    dict(
        key="keuda",
        fi="Keuda (Keski-Uudenmaan koulutuskuntayhtymä)",
        sv="Keuda",
        en="Keuda vocational college",
        short="Keuda",
        type="educational_institute",
        munis=["jarvenpaa", "mantsala", "nurmijarvi", "pornainen", "tuusula"],
        website="https://www.keuda.fi/",
        desc_fi=(
            "Ammatillinen koulutus, valmentavat koulutukset, työnantajayhteistyö ja "
            "ennakointi. Yhteinen monialainen palvelumalli työllisyysalueen kanssa "
            "suunnitteilla vuodelle 2027."
        ),
        desc_en=(
            "Vocational education, preparatory training, employer cooperation and "
            "anticipation; a joint multi-agency model with the employment area is planned "
            "for 2027."
        ),
    ),
    dict(
        key="hyria",
        fi="Hyria koulutus Oy",
        sv="Hyria",
        en="Hyria Education",
        short="Hyria",
        type="educational_institute",
        munis=["hyvinkaa"],
        website="https://www.hyria.fi/",
        desc_fi=(
            "Ammatillinen koulutus, valmentavat koulutukset ja työnantajayhteistyö; "
            "Kerkkä-pilotti (matalan kynnyksen asiakaspalvelu) keväällä 2026."
        ),
        desc_en=(
            "Vocational education, preparatory training and employer cooperation; the Kerkkä "
            "pilot (low-threshold customer service training) in spring 2026."
        ),
    ),
    dict(
        key="keuke",
        fi="Keski-Uudenmaan Kehittämisyhtiö Keuke Oy",
        sv="Keuke utvecklingsbolag",
        en="Keuke regional development company",
        short="Keuke",
        type="development_company",
        munis=ALL,
        website="https://www.keuke.fi/",
        desc_fi=(
            "Kehittämisyhtiön palvelut yrittäjille; yrityskontaktit ja tieto rekrytointi- ja "
            "koulutustarpeista. Liidien välittäminen työllisyysalueelle valmistelussa."
        ),
        desc_en=(
            "Services for entrepreneurs; company contacts and knowledge of recruitment and "
            "training needs. Passing leads to the employment area is being prepared."
        ),
    ),
    dict(
        key="labore",
        fi="Työn ja talouden tutkimus LABORE",
        sv="Forskningsinstitutet för arbete och ekonomi LABORE",
        en="Labore – Finnish Labour Economics Research",
        short="Labore",
        type="research_institute",
        munis=[],
        website="https://labore.fi/",
        desc_fi=(
            "Tutkimus 2026–2027, jossa työllisyysalueen asiakastietoja yhdistetään "
            "tulorekisterin tietoihin; Keski-Uudenmaan työllisyysalue on mukana."
        ),
        desc_en=(
            "Research in 2026–2027 combining employment-service data with the incomes "
            "register; the Central Uusimaa employment area takes part."
        ),
    ),
    dict(
        key="coaching_providers",
        fi="Valmennuspalveluiden tuottajat (DPS-hankinta)",
        sv="Producenter av coachningstjänster (DPS-upphandling)",
        en="Coaching providers (dynamic purchasing system)",
        short="Valmennustuottajat",
        short_sv="Coachningsproducenter",
        short_en="Coaching providers",
        type="company",
        munis=ALL,
        desc_fi=(
            "Kokoava tietue yrityksille, joilta työllisyysalue hankkii valmennuspalveluita "
            "dynaamisella hankintajärjestelmällä 1.4.2026 alkaen: yleisistä "
            "työnhakuvalmennuksista erikoistuneisiin palveluihin."
        ),
        desc_en=(
            "Collective record for the companies the employment area buys coaching from "
            "through its dynamic purchasing system (from 1 April 2026)."
        ),
    ),
    dict(
        key="private_placement",
        fi="Yksityiset työnvälittäjät",
        sv="Privata arbetsförmedlare",
        en="Private employment agencies",
        short="Yksityinen työnvälitys",
        short_sv="Privat arbetsförmedling",
        short_en="Private employment agencies",
        type="company",
        munis=ALL,
        desc_fi=(
            "Kokoava tietue: yksityisen työnvälityksen hankinta vuoden 2026 aikana "
            "(valmennuspalveluna) pääkaupunkiseudun piilotyöpaikkoihin."
        ),
        desc_en=(
            "Collective record: private placement procured during 2026 (as a coaching "
            "service) towards hidden vacancies in the capital region."
        ),
    ),
    dict(
        key="ngo_unemployed",
        fi="Keski-Uudenmaan työttömien yhdistykset",
        sv="Arbetslösas föreningar i Mellersta Nyland",
        en="Associations of the unemployed in Central Uusimaa",
        short="Työttömien yhdistykset",
        short_sv="Arbetslösas föreningar",
        short_en="Unemployed associations",
        type="ngo",
        munis=ALL,
        desc_fi=(
            "Kokoava tietue järjestösektorin työttömille suunnatuille toimijoille; "
            "yksittäiset yhdistykset kirjataan tilannekuvan 1 edetessä."
        ),
        desc_en=(
            "Collective record for NGOs working with the unemployed; individual associations "
            "are added as situational picture 1 progresses."
        ),
    ),
    dict(
        key="ngo_multicultural",
        fi="Monikulttuuriset järjestöt ja kotoutumista tukevat yhdistykset",
        sv="Mångkulturella organisationer",
        en="Multicultural NGOs supporting integration",
        short="Monikulttuuriset järjestöt",
        short_sv="Mångkulturella föreningar",
        short_en="Multicultural NGOs",
        type="ngo",
        munis=["hyvinkaa", "jarvenpaa", "nurmijarvi", "tuusula"],
        desc_fi="Kokoava tietue kotoutumista tukeville järjestöille (kielikahvilat, vertaistuki).",
        desc_en="Collective record for NGOs supporting integration (language cafés, peer support).",
    ),
    dict(
        key="ngo_mental_health",
        fi="Mielenterveys- ja kuntoutujajärjestöt",
        sv="Organisationer för psykisk hälsa och rehabilitering",
        en="Mental health and rehabilitation NGOs",
        short="Mielenterveysjärjestöt",
        short_sv="Mentalhälsoföreningar",
        short_en="Mental health NGOs",
        type="ngo",
        munis=["hyvinkaa", "jarvenpaa", "tuusula"],
        desc_fi="Kokoava tietue: klubitalot ja vertaistuki mielenterveyskuntoutujille.",
        desc_en="Collective record: clubhouses and peer support for mental health rehabilitees.",
    ),
]

MUNICIPAL_ORG_NAMES = {
    "hyvinkaa": ("Hyvinkään kaupunki", "Hyvinge stad", "City of Hyvinkää"),
    "jarvenpaa": ("Järvenpään kaupunki", "Träskända stad", "City of Järvenpää"),
    "mantsala": ("Mäntsälän kunta", "Mäntsälä kommun", "Municipality of Mäntsälä"),
    "nurmijarvi": ("Nurmijärven kunta", "Nurmijärvi kommun", "Municipality of Nurmijärvi"),
    "pornainen": ("Pornaisten kunta", "Borgnäs kommun", "Municipality of Pornainen"),
    "tuusula": ("Tuusulan kunta", "Tusby kommun", "Municipality of Tuusula"),
}
for _key, (_fi, _sv, _en) in MUNICIPAL_ORG_NAMES.items():
    ORGANISATIONS.append(
        dict(
            key=f"mun_{_key}",
            fi=_fi,
            sv=_sv,
            en=_en,
            short=MUNICIPALITIES[_key][1],
            # Hyvinge, Träskända, Borgnäs, Tusby; the English names are the Finnish ones.
            short_sv=MUNICIPALITIES[_key][2]
            if MUNICIPALITIES[_key][2] != MUNICIPALITIES[_key][1]
            else "",
            type="municipality",
            munis=[_key],
            website=f"https://www.{_key}.fi/",
            desc_fi=(
                "Kunta: valmennus- ja kotouttavat palvelut, elinkeinopalvelut, "
                "nuorisopalvelut ja Ohjaamo-yhteistyö, liikunta- ja kulttuuripalvelut (HYTE). "
                "Työllisyysalueen jäsenkunta."
            ),
            desc_en=(
                "Municipality: coaching and integration services, business services, youth "
                "services and Ohjaamo cooperation, sports and culture (wellbeing promotion). "
                "Member of the employment area."
            ),
        )
    )

# --- services ---------------------------------------------------------------------------------

SERVICES: list[dict[str, Any]] = []


def service(key: str, fi: str, sv: str, en: str, **fields: Any) -> None:
    """Add a service; `orgs` is a list of (organisation key, role, provision type)."""
    fields.setdefault("munis", ALL)
    fields.setdefault("tgs", [])
    fields.setdefault("status", "active")
    fields.setdefault("obligation", "statutory")
    fields.setdefault("visibility", "public")
    fields.setdefault("cost", "free")
    fields.setdefault("channels", [])
    SERVICES.append(dict(key=key, fi=fi, sv=sv, en=en, **fields))


TE = [("te", "responsible", "own")]
KEUSOTE = [("keusote", "responsible", "own")]
KELA = [("kela", "responsible", "own")]
LAW_TE = "Laki työvoimapalvelujen järjestämisestä 380/2023"
LAW_TYM = "Laki työllistymistä edistävästä monialaisesta yhteispalvelusta 381/2023"
LAW_INTEGRATION = "Laki kotoutumisen edistämisestä 681/2023"
LAW_YOUTH = "Nuorisolaki 1285/2016"
LAW_HYTE = (
    "Kuntalaki 410/2015 1 § ja 7 §; laki sosiaali- ja terveydenhuollon järjestämisestä 612/2021 6 §"
)
TYOMARKKINATORI = [
    dict(type="e_service", name="Työmarkkinatori", url="https://tyomarkkinatori.fi/"),
]
# Channels where the briefing names one: Työmarkkinatori (where job seekers publish their
# profile). It also names the information services' "palvelutorit & puhelinpalvelut" and the
# face-to-face meetings of the customer process, but gives no address or number, and the
# register refuses a service point without an address and a phone service without a number:
# the demo does not invent them (the dashboard's data-quality list shows what is missing).

# The employment authority: statutory processes listed in the briefing.
service(
    "te_customer_process",
    "Työnhakija-asiakkaan palveluprosessi",
    "Serviceprocessen för arbetssökande kunder",
    "Job-seeker customer service process",
    desc_fi="Työnhakijaksi ilmoittautuminen, alkuhaastattelu, työnhakukeskustelut ja "
    "työnhaun seuranta.",
    desc_en="Registration as a job seeker, initial interview, job-search discussions and "
    "follow-up.",
    cls="employment",
    orgs=TE,
    legal=LAW_TE,
    channels=TYOMARKKINATORI,
)
service(
    "te_employment_plan",
    "Työllistymissuunnitelma",
    "Sysselsättningsplan",
    "Employment plan",
    desc_fi="Työnhakijan kanssa laadittava suunnitelma työnhausta ja palveluista.",
    desc_en="A plan for job search and services, drawn up with the job seeker.",
    cls="employment",
    orgs=TE,
    legal=LAW_TE,
)
service(
    "te_benefit_statements",
    "Työttömyysturvaan liittyvät lausunnot",
    "Arbetskraftspolitiska utlåtanden om utkomstskydd",
    "Unemployment-benefit statements",
    desc_fi="Työvoimapoliittiset lausunnot työttömyysetuuden maksajalle (Kela, kassat).",
    desc_en="Labour-policy statements to the payer of unemployment benefit (Kela, funds).",
    cls="benefits",
    orgs=TE,
    legal="Työttömyysturvalaki 1290/2002; " + LAW_TE,
)
service(
    "te_service_guidance",
    "Palveluohjaus ja palveluihin liittyvä harkinta",
    "Servicehänvisning och prövning av tjänster",
    "Service guidance and discretion",
    desc_fi="Asiakkaan ohjaaminen oikeisiin palveluihin, myös kuntien, hyvinvointialueen ja "
    "järjestöjen palveluihin.",
    desc_en="Guiding the customer to the right services, including those of the "
    "municipalities, the wellbeing county and NGOs.",
    cls="guidance",
    orgs=TE,
    legal=LAW_TE,
)
service(
    "te_information",
    "Tieto- ja neuvontapalvelut (palvelutorit ja puhelinpalvelut)",
    "Informations- och rådgivningstjänster (servicetorg och telefontjänster)",
    "Information and advice services (service points and phone)",
    desc_fi="Palvelutorit ja puhelinpalvelut sekä muu ohjaus ja neuvonta kaikille asiakkaille. "
    "Työnhakuprofiilin pakollisuus 1.9.2026 lisää neuvontatyötä.",
    desc_en="Service points, phone services and other guidance for all customers; the "
    "mandatory job-search profile (1 Sep 2026) adds advisory work.",
    cls="guidance",
    orgs=TE,
    legal=LAW_TE,
    channels=TYOMARKKINATORI,
)
service(
    "te_subsidies",
    "Työllistämisen tuet ja harkinnanvaraiset avustukset",
    "Sysselsättningsstöd och prövningsbaserade bidrag",
    "Employment subsidies and discretionary grants",
    desc_fi="Tuet ja avustukset työnhakijoille ja yrityksille.",
    desc_en="Subsidies and grants for job seekers and companies.",
    cls="subsidised_work",
    orgs=TE,
    legal=LAW_TE,
)
service(
    "te_pay_subsidy",
    "Palkkatuki",
    "Lönesubvention",
    "Pay subsidy",
    desc_fi="Työnantajalle myönnettävä tuki työttömän palkkauskustannuksiin. Muuttaminen "
    "kuntalisäksi arvioidaan ja valmistellaan syksyllä 2026.",
    desc_en="A subsidy to an employer for the wage costs of an unemployed person; turning it "
    "into a municipal supplement is assessed in autumn 2026.",
    cls="subsidised_work",
    tgs=["long_term_unemployed", "partial_work_ability"],
    orgs=TE,
    legal=LAW_TE,
)
service(
    "te_work_trial",
    "Työkokeilu",
    "Arbetsprövning",
    "Work trial",
    desc_fi="Ammatinvalinta- ja uravaihtoehtojen selvittäminen tai työmarkkinoille paluun "
    "tukeminen työpaikalla.",
    desc_en="Trying out an occupation at a workplace or supporting a return to the labour market.",
    cls="subsidised_work",
    orgs=TE,
    legal=LAW_TE,
)
service(
    "te_work_ability_assessment",
    "Asiantuntija-arvioinnit (työkyky)",
    "Expertbedömningar (arbetsförmåga)",
    "Expert work-ability assessments",
    desc_fi="Työ- ja toimintakyvyn asiantuntija-arviot osana palvelutarpeen arviointia.",
    desc_en="Expert assessments of work and functional ability as part of assessing service needs.",
    cls="work_ability",
    tgs=["partial_work_ability", "long_term_unemployed"],
    orgs=TE + [("coaching_providers", "producer", "procured")],
    legal=LAW_TE,
)
service(
    "te_job_search_coaching",
    "Työnhakuvalmennukset",
    "Jobbsökarträning",
    "Job-search coaching",
    desc_fi="Työnhakijoille myönnettävät valmennukset; tuotetaan pääosin hankintoina "
    "(DPS 1.4.2026 alkaen).",
    desc_en="Coaching granted to job seekers, mostly procured (dynamic purchasing system from "
    "1 April 2026).",
    cls="coaching",
    orgs=TE + [("coaching_providers", "producer", "procured")],
    legal=LAW_TE,
)
service(
    "te_labour_training",
    "Työvoimakoulutus",
    "Arbetskraftsutbildning",
    "Labour market training",
    desc_fi="Työnhakijalle myönnettävä koulutus; selvitetään tutkinnon osien suorittamista "
    "työvoimakoulutuksena.",
    desc_en="Training granted to job seekers; completing parts of qualifications as labour "
    "market training is being explored.",
    cls="education",
    orgs=TE + [("keuda", "producer", "procured"), ("hyria", "producer", "procured")],
    legal=LAW_TE,
)
service(
    "te_payments",
    "Maksatustehtävät",
    "Utbetalningsuppgifter",
    "Payment tasks",
    desc_fi="Tukien, avustusten ja hankittujen palveluiden maksatus.",
    desc_en="Paying subsidies, grants and procured services.",
    cls="benefits",
    orgs=TE,
    legal=LAW_TE,
    visibility="partners",
)
service(
    "te_youth",
    "TE-palveluiden nuorten palvelut",
    "Arbets- och näringstjänsternas tjänster för unga",
    "Employment services for young people",
    desc_fi="Alle 30-vuotiaiden työnhakijoiden palvelut; painopistekohderyhmä.",
    desc_en="Services for job seekers under 30; a priority group.",
    cls="employment",
    tgs=["young_people"],
    orgs=TE,
    legal=LAW_TE,
    max_age=29,
)
service(
    "te_adult_basic",
    "TE-palveluiden aikuisten peruspalvelut",
    "Grundtjänster för vuxna",
    "Basic services for adults",
    desc_fi="Yli 30-vuotiaiden työnhakijoiden peruspalvelut.",
    desc_en="Basic services for job seekers over 30.",
    cls="employment",
    orgs=TE,
    legal=LAW_TE,
    min_age=30,
)
service(
    "te_koto",
    "TE Koto – kotoutumisen palvelut työnhakijoille",
    "Integrationstjänster för arbetssökande",
    "Integration services for job seekers",
    desc_fi="Alkukartoitus, kotoutumissuunnitelma ja ohjaus kotoutumiskoulutukseen.",
    desc_en="Initial assessment, integration plan and guidance to integration training.",
    cls="integration",
    tgs=["immigrants"],
    orgs=TE,
    legal=LAW_INTEGRATION,
)
service(
    "te_integration_training",
    "Kotoutumiskoulutus",
    "Integrationsutbildning",
    "Integration training",
    desc_fi="Suomen tai ruotsin kieltä ja työelämätaitoja; hankitaan oppilaitoksilta.",
    desc_en="Finnish or Swedish and working-life skills, procured from colleges.",
    cls="integration",
    tgs=["immigrants"],
    orgs=TE + [("keuda", "producer", "procured"), ("hyria", "producer", "procured")],
    legal=LAW_INTEGRATION,
)
service(
    "te_employer_services",
    "Työnantajapalvelut",
    "Arbetsgivartjänster",
    "Employer services",
    desc_fi="Rekrytointipalvelut ja yhteinen työnantajapalvelukokonaisuus; liidien kulku "
    "kunnilta ja Keukelta valmistelussa.",
    desc_en="Recruitment services and the joint employer-service package; leads from the "
    "municipalities and Keuke are being prepared.",
    cls="business",
    orgs=TE,
    legal=LAW_TE,
)
service(
    "tym",
    "TYM – työllistymistä edistävä monialainen yhteispalvelu",
    "Sektorsövergripande samservice som främjar sysselsättning (TYP)",
    "TYM – multi-agency joint service promoting employment",
    desc_fi="TE-palveluiden, Kelan ja hyvinvointialueen yhteinen palvelu pitkään työttömänä "
    "olleille, joiden työllistyminen edellyttää monialaisia palveluita.",
    desc_en="A joint service of the employment services, Kela and the wellbeing county for "
    "the long-term unemployed who need multi-agency services.",
    cls="work_ability",
    tgs=["long_term_unemployed", "partial_work_ability"],
    orgs=TE + KEUSOTE + KELA,
    legal=LAW_TYM,
    eligibility="Työttömyys on jatkunut pitkään ja työllistyminen edellyttää työvoima-, "
    "sosiaali-, terveys- tai kuntoutuspalveluita.",
)
service(
    "ohjaamo",
    "Ohjaamo",
    "Navigatorn",
    "Ohjaamo – one-stop guidance centre for young people",
    desc_fi="Matalan kynnyksen ohjaus alle 30-vuotiaille yhdestä paikasta: TE-palvelut, kunnan "
    "nuorisopalvelut ja hyvinvointialue yhdessä.",
    desc_en="Low-threshold guidance for under-30s in one place: employment services, "
    "municipal youth services and the wellbeing county together.",
    cls="guidance",
    obligation="complementary",
    tgs=["young_people"],
    orgs=TE
    + [(f"mun_{m}", "producer", "own") for m in ("hyvinkaa", "jarvenpaa", "nurmijarvi", "tuusula")]
    + [("keusote", "producer", "own")],
    max_age=29,
    channels=[dict(type="web_page", name="Ohjaamot", url="https://ohjaamot.fi/")],
)
service(
    "duuniviikko",
    "Ohjaamoiden Duuniviikko – nuorten rekrytapahtumat",
    "Navigatorernas jobbvecka",
    "Ohjaamo job week – recruitment events for young people",
    desc_fi="Nuorten rekrytapahtumat kaikissa kunnissa.",
    desc_en="Recruitment events for young people in every municipality.",
    cls="employment",
    obligation="complementary",
    tgs=["young_people"],
    orgs=TE + [(f"mun_{m}", "producer", "own") for m in ALL],
    max_age=29,
)
service(
    "youth_coaching_neuro",
    "Neurokirjon nuorten työhönvalmennus",
    "Jobbcoachning för neurodivergenta unga",
    "Job coaching for neurodivergent young people",
    desc_fi="Nuorten palveluhankinta käynnistyy syksyllä 2026: yksilöllinen ja jalkautuva "
    "työhönvalmennus, myös neurokirjon asiakkaille kohdistettuna.",
    desc_en="Procurement starts in autumn 2026: individual, outreach job coaching, also "
    "targeted at neurodivergent customers.",
    cls="coaching",
    status="inactive",
    tgs=["young_people", "neurodivergent"],
    orgs=TE + [("coaching_providers", "producer", "procured")],
    legal=LAW_TE,
    max_age=29,
)
service(
    "private_placement",
    "Yksityinen työnvälitys valmennuspalveluna",
    "Privat arbetsförmedling som coachningstjänst",
    "Private placement as a coaching service",
    desc_fi="Hankinta vuoden 2026 aikana: työnantajakontaktointi työllisyysaluerajojen yli.",
    desc_en="Procured during 2026: employer contacts across employment-area borders.",
    cls="employment",
    status="inactive",
    orgs=TE + [("private_placement", "producer", "procured")],
    visibility="partners",
)
service(
    "replacement_service_2027",
    "Kuntouttavan työtoiminnan korvaava palvelu (2027)",
    "Tjänst som ersätter arbetsverksamhet i rehabiliteringssyfte (2027)",
    "Service replacing rehabilitative work activity (2027)",
    desc_fi="Uusi lakisääteinen palvelu työllisyysalueelle 1.1.2027 alkaen; ratkaisun sisältö "
    "vielä epäselvä (arvio 2 htv).",
    desc_en="A new statutory service of the employment area from 1 January 2027; its content "
    "is still open.",
    cls="work_ability",
    status="inactive",
    tgs=["long_term_unemployed", "partial_work_ability"],
    orgs=TE,
)
service(
    "school_joint_model",
    "Työllistymistä edistävä monialainen palvelumalli oppilaitosten kanssa",
    "Sektorsövergripande servicemodell med läroanstalterna",
    "Multi-agency employment model with the colleges",
    desc_fi="Vuoden 2027 kehityssuunta yhdessä Keudan ja Hyrian kanssa: nuoret, "
    "maahanmuuttaneet ja ilman toisen asteen tutkintoa olevat pitkäaikaistyöttömät; "
    "yhteiset työntekijät ohjaukseen ja siltakoulutuksiin.",
    desc_en="Planned for 2027 with Keuda and Hyria for young people, immigrants and the "
    "long-term unemployed without a secondary qualification; shared staff for guidance and "
    "bridging courses.",
    cls="education",
    obligation="complementary",
    status="inactive",
    tgs=["young_people", "immigrants", "no_secondary_qualification", "long_term_unemployed"],
    orgs=TE + [("keuda", "responsible", "own"), ("hyria", "responsible", "own")],
)

# Educational institutes.
for inst, munis in (
    ("keuda", ["jarvenpaa", "mantsala", "nurmijarvi", "pornainen", "tuusula"]),
    ("hyria", ["hyvinkaa"]),
):
    name = "Keudan" if inst == "keuda" else "Hyrian"
    label = inst.capitalize()
    service(
        f"{inst}_vocational",
        f"{name} ammatillinen koulutus",
        f"Yrkesutbildning vid {label}",
        f"Vocational education at {label}",
        desc_fi="Ammatilliset perus-, ammatti- ja erikoisammattitutkinnot sekä tutkinnon osat.",
        desc_en="Vocational qualifications and parts of qualifications.",
        cls="education",
        tgs=["no_secondary_qualification", "young_people", "immigrants"],
        orgs=[(inst, "responsible", "own")],
        munis=munis,
        legal="Laki ammatillisesta koulutuksesta 531/2017",
    )
    service(
        f"{inst}_tuva",
        f"{name} tutkintokoulutukseen valmentava koulutus (TUVA)",
        f"Utbildning som handleder för examensutbildning (Hux) vid {label}",
        f"Preparatory education for a qualification (TUVA) at {label}",
        desc_fi="Valmentava koulutus ja siltakoulutus ilman tutkintoa oleville.",
        desc_en="Preparatory and bridging education for those without a qualification.",
        cls="education",
        tgs=["no_secondary_qualification", "young_people", "immigrants"],
        orgs=[(inst, "responsible", "own")],
        munis=munis,
        legal="Laki tutkintokoulutukseen valmentavasta koulutuksesta 1215/2020",
    )
    service(
        f"{inst}_employer",
        f"{name} työelämäpalvelut ja ennakointi",
        f"Arbetslivstjänster och prognostisering vid {label}",
        f"Employer cooperation and anticipation at {label}",
        desc_fi="Työnantajayhteistyö, koulutustarpeiden ennakointi ja räätälöidyt koulutukset.",
        desc_en="Employer cooperation, anticipating training needs and tailored training.",
        cls="business",
        obligation="complementary",
        orgs=[(inst, "responsible", "own")],
        munis=munis,
    )
service(
    "apprenticeship",
    "Oppisopimuskoulutus",
    "Läroavtalsutbildning",
    "Apprenticeship training",
    desc_fi="Työpaikalla tapahtuva koulutus; oppisopimuksen vahvempaa hyödyntämistä "
    "selvitetään nuorten työllistämisessä.",
    desc_en="Training at the workplace; stronger use of apprenticeships for young people is "
    "being explored.",
    cls="education",
    tgs=["young_people", "no_secondary_qualification"],
    orgs=[("keuda", "responsible", "own"), ("hyria", "responsible", "own")],
    legal="Laki ammatillisesta koulutuksesta 531/2017",
)
service(
    "kerkka",
    "Kerkkä – matalan kynnyksen asiakaspalvelukoulutus (pilotti)",
    "Kerkkä – kundservice med låg tröskel (pilot)",
    "Kerkkä – low-threshold customer service training (pilot)",
    desc_fi="Hyrian lyhytkoulutuspilotti keväällä 2026 yhteistyössä työllisyysalueen kanssa.",
    desc_en="Hyria's short-course pilot in spring 2026 with the employment area.",
    cls="education",
    obligation="complementary",
    tgs=["young_people", "no_secondary_qualification"],
    orgs=[("hyria", "responsible", "own"), ("te", "producer", "own")],
    munis=["hyvinkaa"],
)

# Keuke.
service(
    "keuke_business",
    "Keuken yritysneuvonta ja yrittäjäpalvelut",
    "Företagsrådgivning vid Keuke",
    "Keuke business advice and entrepreneur services",
    desc_fi="Aloittavien ja toimivien yritysten neuvonta, yrityskontaktit.",
    desc_en="Advice for new and existing companies; company contacts.",
    cls="business",
    obligation="complementary",
    orgs=[("keuke", "responsible", "own")],
    channels=[dict(type="web_page", name="Keuke", url="https://www.keuke.fi/")],
)

# Keusote.
service(
    "keusote_work_ability",
    "Työkykypalvelut",
    "Arbetsförmågetjänster",
    "Work-ability services",
    desc_fi="Työkyvyn tuki, arviointi ja kuntoutusohjaus työikäisille.",
    desc_en="Work-ability support, assessment and rehabilitation guidance for working-age people.",
    cls="work_ability",
    tgs=["partial_work_ability", "long_term_unemployed", "neurodivergent"],
    orgs=KEUSOTE,
    legal="Terveydenhuoltolaki 1326/2010; sosiaalihuoltolaki 1301/2014",
    channels=[dict(type="web_page", name="Keusote", url="https://www.keusote.fi/")],
)
service(
    "keusote_health_checks",
    "Työttömien terveystarkastukset",
    "Hälsokontroller för arbetslösa",
    "Health checks of the unemployed",
    desc_fi="Terveystarkastukset ja terveysneuvonta työttömille.",
    desc_en="Health checks and health counselling for the unemployed.",
    cls="health",
    tgs=["long_term_unemployed"],
    orgs=KEUSOTE,
    legal="Terveydenhuoltolaki 1326/2010 13 §",
)
service(
    "keusote_preventive",
    "Ennaltaehkäisevä toiminta ja sosiaaliohjaus",
    "Förebyggande verksamhet och social handledning",
    "Preventive work and social guidance",
    desc_fi="Ennaltaehkäisevät sosiaalipalvelut ja ohjaus.",
    desc_en="Preventive social services and guidance.",
    cls="social",
    orgs=KEUSOTE,
    legal="Sosiaalihuoltolaki 1301/2014",
)
service(
    "keusote_adult_social_work",
    "Aikuissosiaalityö",
    "Socialt arbete för vuxna",
    "Adult social work",
    desc_fi="Sosiaalityö työikäisille; aktivointisuunnitelmat ja ohjaus kuntouttavaan "
    "työtoimintaan. Toimeentulotuen uudistukset tuovat noin 1700 uutta asiakasta.",
    desc_en="Social work for working-age adults; activation plans and referral to "
    "rehabilitative work activity.",
    cls="social",
    tgs=["long_term_unemployed"],
    orgs=KEUSOTE,
    legal="Sosiaalihuoltolaki 1301/2014",
)
service(
    "keusote_substance",
    "Päihdepalvelut",
    "Missbrukarvård",
    "Substance-abuse services",
    desc_fi="Päihdeongelmien hoito ja kuntoutus.",
    desc_en="Treatment and rehabilitation of substance abuse.",
    cls="mental_health_substance",
    orgs=KEUSOTE,
    legal="Päihdehuoltolaki 41/1986; sosiaalihuoltolaki 1301/2014",
)
service(
    "keusote_immigrant",
    "Maahanmuuttajapalvelut",
    "Invandrartjänster",
    "Immigrant services",
    desc_fi="Sosiaaliohjaus ja palveluohjaus kotoutujille; monialaiset palvelupolut TE Koton "
    "kanssa.",
    desc_en="Social and service guidance for newcomers; multi-agency paths with the "
    "employment services' integration team.",
    cls="integration",
    tgs=["immigrants"],
    orgs=KEUSOTE,
    legal=LAW_INTEGRATION,
)
service(
    "keusote_aftercare",
    "Lastensuojelun jälkihuolto",
    "Eftervård inom barnskyddet",
    "Aftercare of child welfare",
    desc_fi="Tuki lastensuojelun asiakkuudesta itsenäistyville nuorille.",
    desc_en="Support for young people leaving child welfare care.",
    cls="social",
    tgs=["young_people"],
    orgs=KEUSOTE,
    legal="Lastensuojelulaki 417/2007",
    min_age=18,
    max_age=24,
)
service(
    "rehabilitative_work_activity",
    "Kuntouttava työtoiminta",
    "Arbetsverksamhet i rehabiliteringssyfte",
    "Rehabilitative work activity",
    desc_fi="Elämänhallinnan ja työ- ja toimintakyvyn tuki pitkään työttömänä olleille. "
    "Lakkautetaan 1.1.2027; tilalle uusi lakisääteinen palvelu työllisyysalueelle.",
    desc_en="Support for life management and work ability for the long-term unemployed. Ends "
    "on 1 January 2027, replaced by a new statutory service of the employment area.",
    cls="work_ability",
    tgs=["long_term_unemployed", "partial_work_ability"],
    orgs=KEUSOTE + [(f"mun_{m}", "producer", "own") for m in ALL],
    legal="Laki kuntouttavasta työtoiminnasta 189/2001 (kumotaan 1.1.2027)",
)
service(
    "keusote_work_activity_disabled",
    "Vammaisten työtoiminta",
    "Arbetsverksamhet för personer med funktionsnedsättning",
    "Work activity for people with disabilities",
    desc_fi="Työtoiminta henkilöille, joilla ei ole edellytyksiä työllistyä avoimille "
    "työmarkkinoille.",
    desc_en="Work activity for people who cannot work in the open labour market.",
    cls="work_ability",
    tgs=["partial_work_ability", "neurodivergent"],
    orgs=KEUSOTE,
    legal="Sosiaalihuoltolaki 1301/2014",
)
service(
    "work_ability_pilot",
    "Työkykypilotti",
    "Arbetsförmågepilot",
    "Work-ability pilot",
    desc_fi="Keusoten ja TE-palveluiden yhteinen kokeilu työkyvyn tuen prosessista.",
    desc_en="A joint pilot of Keusote and the employment services on the work-ability support "
    "process.",
    cls="work_ability",
    obligation="complementary",
    tgs=["partial_work_ability"],
    orgs=KEUSOTE + TE,
)

# Kela.
service(
    "kela_unemployment_benefit",
    "Työttömyysetuudet",
    "Arbetslöshetsförmåner",
    "Unemployment benefits",
    desc_fi="Peruspäiväraha ja työmarkkinatuki; yleistuen aktivointijakso 1.5.2026 alkaen.",
    desc_en="Basic unemployment allowance and labour market subsidy.",
    cls="benefits",
    orgs=KELA,
    legal="Työttömyysturvalaki 1290/2002",
    channels=[dict(type="e_service", name="OmaKela", url="https://www.kela.fi/")],
)
service(
    "kela_vocational_rehab",
    "Kelan ammatillinen kuntoutus",
    "FPA:s yrkesinriktade rehabilitering",
    "Kela vocational rehabilitation",
    desc_fi="Ammatillinen kuntoutus ja nuoren ammatillinen kuntoutus työkyvyn tueksi.",
    desc_en="Vocational rehabilitation, including for young people, to support work ability.",
    cls="work_ability",
    tgs=["partial_work_ability", "young_people", "neurodivergent"],
    orgs=KELA,
    legal="Laki Kansaneläkelaitoksen kuntoutusetuuksista ja kuntoutusrahaetuuksista 566/2005",
)
service(
    "kela_social_assistance",
    "Perustoimeentulotuki",
    "Grundläggande utkomststöd",
    "Basic social assistance",
    desc_fi="Viimesijainen taloudellinen tuki; toimeentulotuen uudistukset käynnissä.",
    desc_en="Last-resort financial assistance; reforms under way.",
    cls="benefits",
    orgs=KELA,
    legal="Laki toimeentulotuesta 1412/1997",
)

# Legal aid, KEHA, TTL.
service(
    "legal_aid",
    "Oikeusapu",
    "Rättshjälp",
    "Legal aid",
    desc_fi="Oikeudellinen neuvonta ja avustaminen tulojen mukaan maksutta tai osittain "
    "maksullisena.",
    desc_en="Legal advice and representation, free or partly paid depending on income.",
    cls="legal",
    orgs=[("legal_aid", "responsible", "own")],
    legal="Oikeusapulaki 257/2002",
    cost="varies",
    cost_description="Maksuton tai omavastuullinen hakijan tulojen mukaan.",
    channels=[dict(type="web_page", name="Oikeusapu", url="https://oikeus.fi/oikeusapu/")],
)
service(
    "debt_counselling",
    "Talous- ja velkaneuvonta",
    "Ekonomi- och skuldrådgivning",
    "Financial and debt counselling",
    desc_fi="Maksuton neuvonta talouden ja velkojen hallintaan.",
    desc_en="Free counselling on managing money and debts.",
    cls="legal",
    tgs=["long_term_unemployed"],
    orgs=[("legal_aid", "responsible", "own")],
    legal="Laki talous- ja velkaneuvonnasta 713/2000",
)
service(
    "keha_support",
    "KEHA-keskuksen tieto- ja osaamispalvelut työllisyysalueelle",
    "UF-centrets informations- och kompetenstjänster",
    "KEHA Centre's data and competence services",
    desc_fi="Tiedostokokonaisuudet, lainsäädännön tulkinta ja osaamispalvelut; vastuu "
    "siirtyy kuntiin (kustannusarvio 100 000 €, 1–1,5 htv).",
    desc_en="Data files, interpretation of legislation and competence services; "
    "responsibility moves to municipalities.",
    cls="employment",
    orgs=[("keha", "responsible", "own")],
    visibility="partners",
)
service(
    "ttl_work_ability_expertise",
    "Työkyvyn tuen asiantuntijapalvelut ja tilannekuva",
    "Expertis i stöd för arbetsförmåga",
    "Work-ability support expertise and situational picture",
    desc_fi="Tutkimustieto ja väestötason tilannekuva työkyvystä ja työhön osallistumisesta "
    "ammattilaisten ja johdon käyttöön.",
    desc_en="Research and a population-level picture of work ability and participation for "
    "professionals and management.",
    cls="work_ability",
    obligation="complementary",
    tgs=["partial_work_ability"],
    orgs=[("ttl", "responsible", "own")],
)

# NGOs.
service(
    "ngo_peer_support",
    "Työttömien kohtaamispaikat ja vertaistuki",
    "Mötesplatser och kamratstöd för arbetslösa",
    "Meeting places and peer support for the unemployed",
    desc_fi="Matalan kynnyksen toimintaa, arjen rytmiä ja osallisuutta.",
    desc_en="Low-threshold activities, daily rhythm and participation.",
    cls="leisure",
    obligation="complementary",
    tgs=["long_term_unemployed"],
    orgs=[("ngo_unemployed", "responsible", "own")],
)
service(
    "ngo_language_cafes",
    "Kielikahvilat ja kotoutumista tukeva vertaistoiminta",
    "Språkkaféer och kamratstöd för integration",
    "Language cafés and peer support for integration",
    desc_fi="Suomen kielen harjoittelua ja vertaistukea.",
    desc_en="Practising Finnish and peer support.",
    cls="integration",
    obligation="complementary",
    tgs=["immigrants"],
    orgs=[("ngo_multicultural", "responsible", "own")],
    munis=["hyvinkaa", "jarvenpaa", "nurmijarvi", "tuusula"],
)
service(
    "ngo_clubhouse",
    "Klubitalot ja vertaistuki mielenterveyskuntoutujille",
    "Klubbhus för personer som rehabiliteras efter psykisk ohälsa",
    "Clubhouses for mental health rehabilitees",
    desc_fi="Yhteisöllinen kuntoutus ja siirtymätyöpaikat.",
    desc_en="Community-based rehabilitation and transitional employment.",
    cls="mental_health_substance",
    obligation="complementary",
    tgs=["partial_work_ability"],
    orgs=[("ngo_mental_health", "responsible", "own")],
    munis=["hyvinkaa", "jarvenpaa", "tuusula"],
)

# Municipal services: each municipality's own, as the briefing lists them.
WORKSHOP_MUNIS = ("hyvinkaa", "jarvenpaa", "mantsala", "nurmijarvi", "tuusula")
INTEGRATION_MUNIS = ("hyvinkaa", "jarvenpaa", "mantsala", "nurmijarvi", "tuusula")
for m, (_code, _m_fi, m_sv, m_en, m_gen) in MUNICIPALITIES.items():
    org = [(f"mun_{m}", "responsible", "own")]
    service(
        f"{m}_coaching",
        f"{m_gen} työllisyyspalvelut ja valmennus",
        f"Sysselsättningstjänster och coachning i {m_sv}",
        f"{m_en} employment coaching",
        desc_fi="Kunnan tuottamat valmennuspalvelut; kohdennetaan painopistekohderyhmiin, "
        "erityisesti pitkäaikaistyöttömien tavoittamiseen.",
        desc_en="Coaching produced by the municipality, targeted at the priority groups, "
        "especially reaching the long-term unemployed.",
        cls="coaching",
        obligation="complementary",
        tgs=["long_term_unemployed", "partial_work_ability"],
        orgs=org,
        munis=[m],
    )
    service(
        f"{m}_business",
        f"{m_gen} elinkeinopalvelut",
        f"Näringslivstjänster i {m_sv}",
        f"{m_en} business services",
        desc_fi="Yrityskontaktit, tieto rekrytointi- ja koulutustarpeista; liidien "
        "välittäminen työllisyysalueelle valmistelussa.",
        desc_en="Company contacts and knowledge of recruitment needs; passing leads to the "
        "employment area is being prepared.",
        cls="business",
        obligation="complementary",
        orgs=org,
        munis=[m],
    )
    service(
        f"{m}_youth",
        f"{m_gen} nuorisopalvelut ja etsivä nuorisotyö",
        f"Ungdomstjänster och uppsökande ungdomsarbete i {m_sv}",
        f"{m_en} youth services and outreach youth work",
        desc_fi="Nuoriso- ja osallisuustyö syrjäytymisen ehkäisemiseksi; Ohjaamo-yhteistyö.",
        desc_en="Youth and participation work preventing exclusion; Ohjaamo cooperation.",
        cls="youth",
        tgs=["young_people"],
        orgs=org,
        munis=[m],
        legal=LAW_YOUTH,
        max_age=29,
    )
    service(
        f"{m}_leisure",
        f"{m_gen} liikunta- ja kulttuuripalvelut",
        f"Idrotts- och kulturtjänster i {m_sv}",
        f"{m_en} sports and culture services",
        desc_fi="Liikunta- ja hyvinvointipalvelut sekä kulttuuri- ja yhteisötoiminta työ- ja "
        "toimintakyvyn, arjen rytmin ja osallisuuden tueksi (HYTE).",
        desc_en="Sports, wellbeing, culture and community activities supporting work ability, "
        "daily rhythm and participation.",
        cls="leisure",
        obligation="complementary",
        orgs=org,
        munis=[m],
        legal=LAW_HYTE,
        cost="varies",
    )
    if m in INTEGRATION_MUNIS:
        service(
            f"{m}_integration",
            f"{m_gen} kotoutumisen palvelut",
            f"Integrationstjänster i {m_sv}",
            f"{m_en} integration services",
            desc_fi="Kunnan kotouttavat palvelut ja monikulttuurinen ohjaus.",
            desc_en="The municipality's integration services and multicultural guidance.",
            cls="integration",
            tgs=["immigrants"],
            orgs=org,
            munis=[m],
            legal=LAW_INTEGRATION,
        )
    if m in WORKSHOP_MUNIS:
        service(
            f"{m}_workshop",
            f"{m_gen} nuorten työpaja",
            f"Ungdomsverkstad i {m_sv}",
            f"{m_en} youth workshop",
            desc_fi="Työpajatoiminta ja valmennus; opinnollistaminen ja osaamisen todentaminen.",
            desc_en="Workshop activity and coaching; recognising skills learned at work.",
            cls="coaching",
            obligation="complementary",
            tgs=["young_people", "no_secondary_qualification"],
            orgs=org,
            munis=[m],
            legal=LAW_YOUTH,
            max_age=29,
        )

# --- relations --------------------------------------------------------------------------------

RELATIONS: list[dict[str, Any]] = []


def relation(
    source: str,
    target: str,
    relation_type: str,
    *,
    mutual: bool = False,
    tgs: tuple[str, ...] = (),
    valid_from: str | None = None,
    valid_to: str | None = None,
    evidence: str = BRIEFING,
    visibility: str = "public",
) -> None:
    """source/target: "org:<key>" or "svc:<key>"."""
    RELATIONS.append(
        dict(
            key=f"{source}|{target}|{relation_type}",
            source=source,
            target=target,
            type=relation_type,
            direction="mutual" if mutual else "directed",
            tgs=list(tgs),
            valid_from=valid_from,
            valid_to=valid_to,
            evidence=evidence,
            visibility=visibility,
        )
    )


KEKO = "KEKO-hankkeen konsortiosopimus (1.1.2026–30.6.2028)."
LTU = ("long_term_unemployed",)
PWA = ("partial_work_ability",)
YOUNG = ("young_people",)
IMM = ("immigrants",)

# Consortium and organisation-level ties.
relation(
    "org:te",
    "org:keusote",
    "cooperation_agreement",
    mutual=True,
    valid_from="2026-01-01",
    valid_to="2028-06-30",
    evidence=KEKO,
)
relation(
    "org:te",
    "org:ttl",
    "cooperation_agreement",
    mutual=True,
    valid_from="2026-01-01",
    valid_to="2028-06-30",
    evidence=KEKO,
)
relation(
    "org:keusote",
    "org:ttl",
    "cooperation_agreement",
    mutual=True,
    valid_from="2026-01-01",
    valid_to="2028-06-30",
    evidence=KEKO,
)
relation(
    "org:ttl",
    "org:keusote",
    "information_sharing",
    valid_from="2026-01-01",
    valid_to="2028-06-30",
    evidence="Tilannekuva 2 (TTL).",
)
for m in ALL:
    relation(
        f"org:mun_{m}",
        "org:te",
        "funding",
        evidence="Työllisyysalueen kustannustenjako; siirrytään aiheuttamisperusteiseen "
        "kustannustenjakoon.",
    )
    relation(f"org:mun_{m}", "org:keuke", "funding", evidence="Kehittämisyhtiön rahoitus.")
relation(
    "org:te",
    "org:keuda",
    "cooperation_agreement",
    mutual=True,
    tgs=("young_people", "immigrants", "no_secondary_qualification"),
    evidence="Oppilaitosyhteistyö ja toiminnanohjauskokeilu; " + BRIEFING,
)
relation(
    "org:te",
    "org:hyria",
    "cooperation_agreement",
    mutual=True,
    tgs=("young_people", "immigrants", "no_secondary_qualification"),
    evidence="Oppilaitosyhteistyö ja toiminnanohjauskokeilu; " + BRIEFING,
)
relation(
    "org:te",
    "org:coaching_providers",
    "cooperation_agreement",
    valid_from="2026-04-01",
    evidence="Dynaaminen hankintajärjestelmä 1.4.2026 alkaen.",
)
relation(
    "org:te",
    "org:private_placement",
    "cooperation_agreement",
    valid_from="2026-06-01",
    evidence="Yksityisen työnvälityksen hankinta 2026.",
    visibility="partners",
)
relation(
    "org:labore",
    "org:te",
    "information_sharing",
    mutual=True,
    valid_from="2026-01-01",
    valid_to="2027-12-31",
    evidence="Laboren tutkimus 2026–2027 (A-TMT ja tulorekisteri).",
    visibility="partners",
)
relation(
    "org:keha",
    "org:mun_jarvenpaa",
    "information_sharing",
    evidence="KEHA:n tiedostokokonaisuus integroidaan Järvenpään tietoaltaaseen.",
)
relation("org:keha", "org:te", "information_sharing", valid_to="2026-12-31")
relation("org:te", "org:kela", "information_sharing", mutual=True)

# Service-level: the job seeker's routes.
relation("svc:te_customer_process", "svc:te_employment_plan", "referral")
relation(
    "svc:te_benefit_statements",
    "svc:kela_unemployment_benefit",
    "information_sharing",
    evidence="Työvoimapoliittiset lausunnot etuuden maksajalle.",
)
relation("svc:te_customer_process", "svc:te_benefit_statements", "information_sharing")
relation("svc:te_information", "svc:te_customer_process", "referral")
relation("svc:te_employment_plan", "svc:te_service_guidance", "referral")
relation("svc:te_service_guidance", "svc:te_job_search_coaching", "referral")
relation("svc:te_service_guidance", "svc:te_labour_training", "referral")
relation("svc:te_service_guidance", "svc:tym", "referral", tgs=LTU + PWA)
relation("svc:te_service_guidance", "svc:te_work_ability_assessment", "referral", tgs=PWA)
relation("svc:te_service_guidance", "svc:keusote_health_checks", "referral", tgs=LTU)
relation("svc:te_service_guidance", "svc:te_work_trial", "referral")
relation("svc:te_work_ability_assessment", "svc:keusote_work_ability", "referral", tgs=PWA)
relation("svc:te_work_ability_assessment", "svc:kela_vocational_rehab", "referral", tgs=PWA)
relation("svc:keusote_health_checks", "svc:keusote_work_ability", "referral", tgs=LTU + PWA)
relation("svc:keusote_health_checks", "svc:keusote_substance", "referral", tgs=LTU)
relation("svc:keusote_substance", "svc:keusote_adult_social_work", "referral", mutual=True)
relation("svc:tym", "svc:kela_vocational_rehab", "referral", tgs=PWA)
relation("svc:tym", "svc:rehabilitative_work_activity", "referral", tgs=LTU, valid_to="2026-12-31")
relation("svc:tym", "svc:replacement_service_2027", "referral", tgs=LTU, valid_from="2027-01-01")
relation("svc:tym", "svc:keusote_work_ability", "joint_service", mutual=True, tgs=PWA)
relation(
    "svc:keusote_adult_social_work",
    "svc:rehabilitative_work_activity",
    "referral",
    tgs=LTU,
    valid_to="2026-12-31",
)
relation(
    "svc:keusote_adult_social_work",
    "svc:kela_social_assistance",
    "information_sharing",
    mutual=True,
)
relation("svc:keusote_adult_social_work", "svc:debt_counselling", "referral", tgs=LTU)
relation("svc:keusote_adult_social_work", "svc:legal_aid", "referral")
relation("svc:keusote_preventive", "svc:keusote_adult_social_work", "referral")
relation("svc:rehabilitative_work_activity", "svc:te_work_trial", "referral", tgs=LTU)
relation("svc:te_work_trial", "svc:te_pay_subsidy", "referral", tgs=LTU + PWA)
relation("svc:te_subsidies", "svc:te_pay_subsidy", "referral")
relation("svc:keusote_work_ability", "svc:ngo_clubhouse", "referral", tgs=PWA)
relation(
    "svc:keusote_work_ability",
    "svc:keusote_work_activity_disabled",
    "referral",
    tgs=PWA + ("neurodivergent",),
)
relation("svc:work_ability_pilot", "svc:keusote_work_ability", "joint_service", mutual=True)
relation("svc:work_ability_pilot", "svc:te_work_ability_assessment", "joint_service", mutual=True)
relation("svc:ttl_work_ability_expertise", "svc:keusote_work_ability", "information_sharing")
relation(
    "svc:ttl_work_ability_expertise",
    "svc:work_ability_pilot",
    "cooperation_agreement",
    valid_from="2026-01-01",
    valid_to="2028-06-30",
    evidence=KEKO,
)
relation("svc:keusote_work_ability", "svc:kela_vocational_rehab", "referral", tgs=PWA)

# Young people.
relation("svc:te_youth", "svc:ohjaamo", "joint_service", mutual=True, tgs=YOUNG)
relation("svc:ohjaamo", "svc:keuda_tuva", "referral", tgs=YOUNG + ("no_secondary_qualification",))
relation("svc:ohjaamo", "svc:hyria_tuva", "referral", tgs=YOUNG + ("no_secondary_qualification",))
relation(
    "svc:ohjaamo",
    "svc:kerkka",
    "referral",
    tgs=YOUNG,
    valid_from="2026-01-01",
    valid_to="2026-06-30",
)
relation(
    "svc:ohjaamo",
    "svc:youth_coaching_neuro",
    "referral",
    tgs=("neurodivergent",),
    valid_from="2026-09-01",
)
relation("svc:ohjaamo", "svc:kela_vocational_rehab", "referral", tgs=YOUNG)
relation("svc:ohjaamo", "svc:duuniviikko", "joint_service", tgs=YOUNG)
relation("svc:keusote_aftercare", "svc:ohjaamo", "referral", tgs=YOUNG)
relation("svc:keuda_tuva", "svc:keuda_vocational", "referral")
relation("svc:hyria_tuva", "svc:hyria_vocational", "referral")
relation("svc:te_youth", "svc:apprenticeship", "referral", tgs=YOUNG)
relation("svc:te_employer_services", "svc:apprenticeship", "cooperation_agreement")
relation("svc:te_employer_services", "svc:duuniviikko", "cooperation_agreement", tgs=YOUNG)
relation("svc:school_joint_model", "svc:keuda_tuva", "joint_service", valid_from="2027-01-01")
relation("svc:school_joint_model", "svc:hyria_tuva", "joint_service", valid_from="2027-01-01")
relation(
    "svc:te_service_guidance",
    "svc:school_joint_model",
    "referral",
    tgs=("no_secondary_qualification",),
    valid_from="2027-01-01",
)
for m in ALL:
    relation(f"svc:{m}_youth", "svc:ohjaamo", "referral", tgs=YOUNG)
    if m in WORKSHOP_MUNIS:
        relation(f"svc:{m}_youth", f"svc:{m}_workshop", "referral", tgs=YOUNG)
        relation(f"svc:{m}_workshop", "svc:te_youth", "referral", tgs=YOUNG)

# Immigrants.
relation(
    "svc:keusote_immigrant",
    "svc:te_koto",
    "referral",
    mutual=True,
    tgs=IMM,
    evidence="Työpaja: TE Koto ja Keusoten maahanmuuttajapalvelut – kotoutujien "
    "monialaiset palvelupolut.",
)
relation("svc:keusote_immigrant", "svc:te_koto", "information_sharing", mutual=True, tgs=IMM)
relation("svc:te_koto", "svc:te_integration_training", "referral", tgs=IMM)
relation("svc:te_koto", "svc:ngo_language_cafes", "referral", tgs=IMM)
relation("svc:te_integration_training", "svc:te_work_trial", "referral", tgs=IMM)
relation("svc:te_integration_training", "svc:hyria_vocational", "referral", tgs=IMM)
relation("svc:te_integration_training", "svc:keuda_vocational", "referral", tgs=IMM)
for m in INTEGRATION_MUNIS:
    relation(f"svc:{m}_integration", "svc:te_koto", "referral", mutual=True, tgs=IMM)

# Employers and businesses: leads flow to the employment area.
relation(
    "svc:keuke_business",
    "svc:te_employer_services",
    "information_sharing",
    valid_from="2026-09-01",
    evidence="Liidien välittäminen työllisyysalueelle (valmistelussa).",
)
relation("svc:keuda_employer", "svc:te_employer_services", "cooperation_agreement", mutual=True)
relation("svc:hyria_employer", "svc:te_employer_services", "cooperation_agreement", mutual=True)
relation(
    "svc:te_employer_services",
    "svc:private_placement",
    "cooperation_agreement",
    visibility="partners",
)
for m in ALL:
    relation(
        f"svc:{m}_business",
        "svc:te_employer_services",
        "information_sharing",
        valid_from="2026-09-01",
    )
    relation(f"svc:{m}_business", "svc:keuke_business", "cooperation_agreement", mutual=True)
    relation("svc:te_service_guidance", f"svc:{m}_coaching", "referral", tgs=LTU)
    relation(f"svc:{m}_coaching", f"svc:{m}_leisure", "referral", tgs=LTU)
    relation(f"svc:{m}_coaching", "svc:ngo_peer_support", "referral", tgs=LTU)
    relation(f"svc:{m}_coaching", "svc:te_work_trial", "referral", tgs=LTU)

# --- service paths ----------------------------------------------------------------------------

PATHS: list[dict[str, Any]] = [
    dict(
        key="young_no_qualification",
        fi="Nuori ilman toisen asteen tutkintoa (Järvenpää)",
        sv="Ung person utan examen på andra stadiet (Träskända)",
        en="Young person without a secondary qualification (Järvenpää)",
        desc_fi="Etsivästä nuorisotyöstä Ohjaamon kautta valmentavaan koulutukseen ja tutkintoon.",
        desc_en="From outreach youth work through Ohjaamo to preparatory education and a "
        "qualification.",
        tg="no_secondary_qualification",
        munis=["jarvenpaa"],
        steps=[
            (
                1,
                "jarvenpaa_youth",
                "Etsivä nuorisotyöntekijä saattaa nuoren Ohjaamoon ja on mukana ensitapaamisessa.",
            ),
            (
                2,
                "ohjaamo",
                "Ohjaamossa kartoitetaan tilanne; TE-palveluiden nuorten asiantuntija "
                "laatii suunnitelman yhdessä nuoren kanssa.",
            ),
            (
                3,
                "te_youth",
                "Työllistymissuunnitelmaan kirjataan koulutus- tai pajapolku; "
                "tiedot välitetään oppilaitokselle nuoren luvalla.",
            ),
            (4, "keuda_tuva", "Valmentavan koulutuksen jälkeen haku tutkintokoulutukseen."),
            (
                4,
                "jarvenpaa_workshop",
                "Pajajakson osaaminen todennetaan ja nuori ohjataan tutkintokoulutukseen.",
            ),
            (5, "keuda_vocational", ""),
            (5, "apprenticeship", ""),
        ],
    ),
    dict(
        key="immigrant",
        fi="Maahanmuuttanut työnhakija (Hyvinkää)",
        sv="Invandrad arbetssökande (Hyvinge)",
        en="Immigrant job seeker (Hyvinkää)",
        desc_fi="Kotoutujan monialainen polku hyvinvointialueen maahanmuuttajapalveluista "
        "kotoutumiskoulutuksen kautta työhön tai koulutukseen.",
        desc_en="A newcomer's multi-agency path from the wellbeing county's immigrant services "
        "through integration training to work or education.",
        tg="immigrants",
        munis=["hyvinkaa"],
        steps=[
            (
                1,
                "keusote_immigrant",
                "Sosiaaliohjaaja ohjaa asiakkaan TE Kotoon ja välittää "
                "alkukartoituksen tiedot asiakkaan suostumuksella.",
            ),
            (2, "te_koto", "Kotoutumissuunnitelmassa sovitaan kielikoulutuksesta."),
            (
                3,
                "te_integration_training",
                "Koulutuksen lopussa työkokeilu tai ammatillinen "
                "koulutus sovitaan TE Koton kanssa.",
            ),
            (
                3,
                "hyvinkaa_integration",
                "Kunnan kotoutumisen palvelut tukevat arkea kielikoulutuksen rinnalla.",
            ),
            (4, "te_work_trial", "Työkokeilun jälkeen arvioidaan palkkatuen tarve."),
            (4, "hyria_vocational", ""),
            (5, "te_pay_subsidy", ""),
        ],
    ),
    dict(
        key="ltu_partial_work_ability_tuusula",
        fi="Pitkäaikaistyötön osatyökykyinen (Tuusula)",
        sv="Långtidsarbetslös med partiell arbetsförmåga (Tusby)",
        en="Long-term unemployed person with partial work ability (Tuusula)",
        desc_fi="Terveystarkastuksesta ja TYM-palvelusta työkyvyn arvioinnin ja kuntoutuksen "
        "kautta työkokeiluun ja palkkatuettuun työhön.",
        desc_en="From a health check and TYM through work-ability assessment and "
        "rehabilitation to a work trial and subsidised work.",
        tg="partial_work_ability",
        munis=["tuusula"],
        steps=[
            (
                1,
                "te_service_guidance",
                "Asiantuntija ohjaa työttömien terveystarkastukseen ja "
                "arvioi TYM-asiakkuuden tarpeen.",
            ),
            (
                2,
                "keusote_health_checks",
                "Terveystarkastuksen tulos välitetään TYM-tiimille asiakkaan luvalla.",
            ),
            (3, "tym", "Monialainen suunnitelma: työkyvyn arviointi ja kuntoutusvaihtoehdot."),
            (
                4,
                "keusote_work_ability",
                "Työkyvyn arviointi; tarvittaessa ohjaus Kelan kuntoutukseen.",
            ),
            (4, "te_work_ability_assessment", ""),
            (5, "kela_vocational_rehab", ""),
            (
                5,
                "rehabilitative_work_activity",
                "Kuntouttava työtoiminta päättyy 1.1.2027; asiakas siirtyy korvaavaan palveluun.",
            ),
            (5, "tuusula_coaching", ""),
            (6, "te_work_trial", "Työkokeilun jälkeen palkkatuen tarve arvioidaan."),
            (7, "te_pay_subsidy", ""),
        ],
    ),
    dict(
        key="neurodivergent_young_nurmijarvi",
        fi="Neurokirjon nuori (Nurmijärvi)",
        sv="Neurodivergent ung person (Nurmijärvi)",
        en="Neurodivergent young person (Nurmijärvi)",
        desc_fi="Ohjaamosta työkyvyn tuen ja ammatillisen kuntoutuksen kautta työhönvalmennukseen.",
        desc_en="From Ohjaamo through work-ability support and vocational rehabilitation to "
        "job coaching.",
        tg="neurodivergent",
        munis=["nurmijarvi"],
        steps=[
            (1, "ohjaamo", "Ohjaamo ohjaa hyvinvointialueen työkykypalveluihin."),
            (2, "keusote_work_ability", "Lausunto Kelan nuoren ammatillista kuntoutusta varten."),
            (3, "kela_vocational_rehab", ""),
            (3, "nurmijarvi_workshop", ""),
            (
                4,
                "youth_coaching_neuro",
                "Työhönvalmennus alkaa hankinnan valmistuttua syksyllä 2026.",
            ),
        ],
    ),
]

# --- document ---------------------------------------------------------------------------------


def node_id(ref: str) -> tuple[str, str]:
    kind, key = ref.split(":", 1)
    return ("organisation" if kind == "org" else "service"), uid(
        "organisation" if kind == "org" else "service", key
    )


def build() -> dict[str, Any]:
    org_keys = {o["key"] for o in ORGANISATIONS}
    svc_keys = {s["key"] for s in SERVICES}
    tg_keys = {t[0] for t in TARGET_GROUPS}

    def mun(keys: list[str]) -> list[str]:
        return [uid("municipality", k) for k in keys]

    def tgs(keys: list[str] | tuple[str, ...]) -> list[str]:
        assert set(keys) <= tg_keys, keys
        return [uid("target_group", k) for k in keys]

    document: dict[str, Any] = {"format": "keko-ecosystem", "version": 1}
    document["municipalities"] = [
        dict(
            id=uid("municipality", key),
            code=code,
            name_fi=fi,
            name_sv=sv,
            name_en=en,
            employment_area="Keski-Uusimaa",
        )
        for key, (code, fi, sv, en, _gen) in MUNICIPALITIES.items()
    ]
    document["target_groups"] = [
        dict(
            id=uid("target_group", code),
            code=code,
            name_fi=fi,
            name_sv=sv,
            name_en=en,
            description_fi="",
            description_sv="",
            description_en="",
            sort_order=index,
        )
        for index, (code, fi, sv, en) in enumerate(TARGET_GROUPS, start=1)
    ]
    document["organisations"] = [
        dict(
            id=uid("organisation", o["key"]),
            name_fi=o["fi"],
            name_sv=o["sv"],
            name_en=o["en"],
            short_name=o.get("short", ""),
            short_name_sv=o.get("short_sv", ""),
            short_name_en=o.get("short_en", ""),
            description_fi=o.get("desc_fi", ""),
            description_sv="",
            description_en=o.get("desc_en", ""),
            organisation_type=o["type"],
            parent=uid("organisation", o["parent"]) if o.get("parent") else None,
            business_id=o.get("business_id", ""),
            website=o.get("website", ""),
            email="",
            phone="",
            municipalities=mun(o["munis"]),
            is_consortium_member=o.get("consortium", False),
            visibility="public",
            ptv_id=None,
        )
        for o in ORGANISATIONS
    ]
    services = []
    for s in SERVICES:
        roles = []
        for index, (org, role, provision) in enumerate(s["orgs"]):
            assert org in org_keys, org
            roles.append(
                dict(
                    id=uid("service_organisation", f"{s['key']}|{org}|{role}"),
                    organisation=uid("organisation", org),
                    role=role,
                    provision_type=provision,
                    sort_order=index,
                )
            )
        channels = [
            dict(
                id=uid("service_channel", f"{s['key']}|{index}"),
                channel_type=c["type"],
                name=c.get("name", ""),
                street_address="",
                postal_code="",
                post_office="",
                municipality=None,
                phone=c.get("phone", ""),
                email="",
                url=c.get("url", ""),
                opening_hours="",
                description="",
                sort_order=index,
            )
            for index, c in enumerate(s["channels"])
        ]
        services.append(
            dict(
                id=uid("service", s["key"]),
                name_fi=s["fi"],
                name_sv=s["sv"],
                name_en=s["en"],
                description_fi=s.get("desc_fi", ""),
                description_sv="",
                description_en=s.get("desc_en", ""),
                status=s["status"],
                obligation=s["obligation"],
                service_class=s["cls"],
                target_groups=tgs(s["tgs"]),
                municipalities=mun(s["munis"]),
                eligibility_description=s.get("eligibility", ""),
                minimum_age=s.get("min_age"),
                maximum_age=s.get("max_age"),
                cost=s["cost"],
                cost_description=s.get("cost_description", ""),
                legal_basis=s.get("legal", ""),
                ptv_id=None,
                visibility=s["visibility"],
                last_reviewed=REVIEWED,
                organisations=roles,
                channels=channels,
            )
        )
    document["services"] = services

    relations = []
    for r in RELATIONS:
        ends = {}
        for side in ("source", "target"):
            kind, ident = node_id(r[side])
            key = r[side].split(":", 1)[1]
            assert key in (org_keys if kind == "organisation" else svc_keys), r[side]
            ends[f"{side}_organisation"] = ident if kind == "organisation" else None
            ends[f"{side}_service"] = ident if kind == "service" else None
        relations.append(
            dict(
                id=uid("relation", r["key"]),
                relation_type=r["type"],
                direction=r["direction"],
                **ends,
                target_groups=tgs(r["tgs"]),
                valid_from=r["valid_from"],
                valid_to=r["valid_to"],
                evidence=r["evidence"],
                visibility=r["visibility"],
            )
        )
    assert len({r["id"] for r in relations}) == len(relations), "duplicate relation"
    document["relations"] = relations

    paths = []
    for p in PATHS:
        steps = []
        for index, (position, svc, note) in enumerate(p["steps"]):
            assert svc in svc_keys, svc
            steps.append(
                dict(
                    id=uid("service_path_step", f"{p['key']}|{position}|{svc}"),
                    position=position,
                    service=uid("service", svc),
                    handoff_note=note,
                    sort_order=index,
                )
            )
        paths.append(
            dict(
                id=uid("service_path", p["key"]),
                name_fi=p["fi"],
                name_sv=p["sv"],
                name_en=p["en"],
                description_fi=p["desc_fi"],
                description_sv="",
                description_en=p["desc_en"],
                target_group=uid("target_group", p["tg"]),
                municipalities=mun(p["munis"]),
                visibility="public",
                steps=steps,
            )
        )
    document["service_paths"] = paths
    return document


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
