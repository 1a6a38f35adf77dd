"""The standard areas, indicators and population groups of the employment bulletin.

`ensure_reference_data()` creates the ones missing (by code) and leaves edited ones alone,
so it can run on every demo load. Municipality-level areas are made for the ecosystem
register's municipalities of the employment area (Keski-Uusimaa).
"""

from __future__ import annotations

from ecosystem.models import Municipality
from indicators.models.records import Area, Group, Indicator

EMPLOYMENT_AREA_CODE = "keski-uusimaa"
EMPLOYMENT_AREA = {
    "code": EMPLOYMENT_AREA_CODE,
    "level": Area.Level.EMPLOYMENT_AREA,
    "name_fi": "Keski-Uudenmaan työllisyysalue",
    "name_sv": "Mellersta Nylands sysselsättningsområde",
    "name_en": "Central Uusimaa employment area",
    "aliases": "Keski-Uusimaa\nKeski-Uudenmaan TE-palvelut",
    "sort_order": 0,
}
# Matches ecosystem.Municipality.employment_area of the six municipalities.
EMPLOYMENT_AREA_MUNICIPALITIES = "Keski-Uusimaa"

# The bulletin names a municipality's column by its official name, e.g. "Tuusulan kunta".
OFFICIAL_NAMES = {
    "106": "Hyvinkään kaupunki",
    "186": "Järvenpään kaupunki",
    "505": "Mäntsälän kunta",
    "543": "Nurmijärven kunta",
    "611": "Pornaisten kunta",
    "858": "Tuusulan kunta",
}

# (code, parent code, fi, sv, en, aliases): the rows of the bulletin, in its order.
INDICATORS = [
    (
        "unemployed",
        None,
        "Työttömät työnhakijat",
        "Arbetslösa arbetssökande",
        "Unemployed job seekers",
        "Työttömät",
    ),
    (
        "employed",
        None,
        "Työssä olevat yhteensä",
        "Arbetssökande i arbete totalt",
        "Job seekers in work, total",
        "Työssä olevat",
    ),
    ("full_time", "employed", "Kokoaikatyössä", "I heltidsarbete", "In full-time work", ""),
    ("part_time", "employed", "Osa-aikatyössä", "I deltidsarbete", "In part-time work", ""),
    (
        "subsidised",
        "employed",
        "Työllistettynä",
        "I subventionerat arbete",
        "In subsidised work",
        "",
    ),
    (
        "outside_labour_force",
        None,
        "Työvoiman ulkopuolella",
        "Utanför arbetskraften",
        "Outside the labour force",
        "",
    ),
    (
        "in_services",
        "outside_labour_force",
        "Työllistymistä edistävässä palvelussa",
        "I sysselsättningsfrämjande service",
        "In employment-promoting services",
        "",
    ),
    ("in_training", "outside_labour_force", "Koulutuksessa", "I utbildning", "In training", ""),
    (
        "job_seekers",
        None,
        "Kaikki työnhakijat yhteensä",
        "Alla arbetssökande totalt",
        "All job seekers, total",
        "Työnhakijoita\nTyönhakijat\nKaikki työnhakijat",
    ),
    (
        "long_term_unemployed",
        None,
        "Pitkäaikaistyöttömät",
        "Långtidsarbetslösa",
        "Long-term unemployed",
        "Pitkäaikaistyöttömiä",
    ),
]

# (code, fi, sv, en, aliases)
GROUPS = [
    ("all", "Kaikki yhteensä", "Alla totalt", "All", "Kaikki"),
    ("finnish", "Suomalaiset", "Finländare", "Finnish nationals", ""),
    (
        "foreign",
        "Ulkomaalaiset / maahanmuuttajat",
        "Utlänningar / invandrare",
        "Foreign nationals / immigrants",
        "Ulkomaalaiset\nMaahanmuuttajat",
    ),
    (
        "under_30",
        "Alle 30-vuotiaat",
        "Under 30 år",
        "Under 30 years of age",
        "Alle 30 vuotiaat\nAlle 30\nNuoret",
    ),
]


def ensure_reference_data() -> int:
    """Create the standard areas, indicators and groups that are missing; return how many."""
    created = 0
    area, made = Area.objects.get_or_create(
        code=EMPLOYMENT_AREA_CODE,
        defaults={key: value for key, value in EMPLOYMENT_AREA.items() if key != "code"},
    )
    created += made
    municipalities = Municipality.objects.filter(
        employment_area=EMPLOYMENT_AREA_MUNICIPALITIES
    ).order_by("name_fi")
    for order, municipality in enumerate(municipalities, start=1):
        if Area.objects.filter(municipality=municipality).exists():
            continue
        Area.objects.create(
            code=municipality.code,
            level=Area.Level.MUNICIPALITY,
            municipality=municipality,
            parent=area,
            name_fi=municipality.name_fi,
            name_sv=municipality.name_sv,
            name_en=municipality.name_en,
            aliases=OFFICIAL_NAMES.get(municipality.code, ""),
            sort_order=order,
        )
        created += 1
    for order, (code, parent, fi, sv, en, aliases) in enumerate(INDICATORS):
        _indicator, made = Indicator.objects.get_or_create(
            code=code,
            defaults={
                "parent": Indicator.objects.get(code=parent) if parent else None,
                "name_fi": fi,
                "name_sv": sv,
                "name_en": en,
                "aliases": aliases,
                "sort_order": order,
            },
        )
        created += made
    for order, (code, fi, sv, en, aliases) in enumerate(GROUPS):
        _group, made = Group.objects.get_or_create(
            code=code,
            defaults={
                "name_fi": fi,
                "name_sv": sv,
                "name_en": en,
                "aliases": aliases,
                "sort_order": order,
            },
        )
        created += made
    return created
