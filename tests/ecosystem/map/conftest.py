"""Fixtures of the service-map tests: a small register whose routes are known by heart.

Tuusula (858) and Järvenpää (186) are in the Keski-Uusimaa employment area, Helsinki (091)
in its own. Referrals: guidance (TE) → youth coaching (town) → work trial (TE), guidance →
work trial directly (same organisation), guidance → a partner-only service.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from ecosystem.models import (
    Municipality,
    Organisation,
    Relation,
    Service,
    ServiceOrganisation,
    ServicePath,
    ServicePathStep,
    TargetGroup,
)

SECRET_NAME = "Salainen kumppanipalvelu"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def make_service(name, organisation, *, service_class="coaching", groups=(), places=(), **extra):
    service = Service.objects.create(name_fi=name, service_class=service_class, **extra)
    ServiceOrganisation.objects.create(service=service, organisation=organisation)
    service.target_groups.set(groups)
    service.municipalities.set(places)
    service.save()  # parental many-to-many changes are written on save
    return service


def referral(source, target, *, groups=(), **extra):
    relation = Relation.objects.create(
        relation_type="referral", source_service=source, target_service=target, **extra
    )
    relation.target_groups.set(groups)
    relation.save()
    return relation


@pytest.fixture
def register(db):
    """The small register; its records as attributes (r.guidance, r.te, ...)."""
    tuusula = Municipality.objects.create(
        code="858", name_fi="Tuusula", name_sv="Tusby", employment_area="Keski-Uusimaa"
    )
    jarvenpaa = Municipality.objects.create(
        code="186", name_fi="Järvenpää", name_sv="Träskända", employment_area="Keski-Uusimaa"
    )
    helsinki = Municipality.objects.create(
        code="091", name_fi="Helsinki", name_sv="Helsingfors", employment_area="Helsinki"
    )
    young = TargetGroup.objects.create(code="young_people", name_fi="Nuoret", name_en="Young")
    immigrants = TargetGroup.objects.create(
        code="immigrants", name_fi="Maahanmuuttajat", name_en="Immigrants"
    )
    te = Organisation.objects.create(
        name_fi="TE-palvelut", short_name="TE", organisation_type="employment_authority"
    )
    te.municipalities.set([tuusula, jarvenpaa])
    te.save()
    town = Organisation.objects.create(name_fi="Tuusulan kunta", organisation_type="municipality")
    town.municipalities.set([tuusula])
    town.save()
    county = Organisation.objects.create(
        name_fi="Keusote", organisation_type="wellbeing_county", website="https://keusote.fi/"
    )
    county.municipalities.set([tuusula, jarvenpaa])
    county.save()
    capital = Organisation.objects.create(
        name_fi="Helsingin kaupunki", organisation_type="municipality"
    )
    capital.municipalities.set([helsinki])
    capital.save()
    hidden_org = Organisation.objects.create(
        name_fi="Kumppanijärjestö", organisation_type="ngo", visibility="partners"
    )
    guidance = make_service(
        "Palveluohjaus", te, service_class="guidance", places=[tuusula, jarvenpaa]
    )
    coaching = make_service(
        "Nuorten valmennus", town, groups=[young], places=[tuusula], description_fi="Valmennusta."
    )
    trial = make_service(
        "Työkokeilu", te, service_class="subsidised_work", places=[tuusula, jarvenpaa]
    )
    secret = make_service(
        SECRET_NAME,
        te,
        places=[tuusula],
        visibility="partners",
        description_fi="Vain kumppaneille.",
    )
    health = make_service("Työkykypalvelut", county, service_class="work_ability", places=[tuusula])
    helsinki_service = make_service("Helsingin valmennus", capital, places=[helsinki])
    r1 = referral(guidance, coaching)
    r2 = referral(coaching, trial)
    r3 = referral(guidance, trial)
    r4 = referral(guidance, secret, visibility="partners", evidence="Kumppanisopimus")
    cooperation = Relation.objects.create(
        relation_type="cooperation_agreement",
        direction="mutual",
        source_organisation=te,
        target_organisation=county,
        evidence="Sopimus 2026",
    )
    sharing = Relation.objects.create(
        relation_type="information_sharing", source_service=health, target_service=guidance
    )
    path = ServicePath.objects.create(name_fi="Nuori Tuusulassa", target_group=young)
    path.municipalities.set([tuusula])
    path.save()
    for position, service in enumerate([guidance, coaching, trial], start=1):
        ServicePathStep.objects.create(
            path=path, position=position, service=service, handoff_note=f"Siirto {position}"
        )
    return SimpleNamespace(**locals())


@pytest.fixture
def today():
    return dt.date(2026, 5, 1)


@pytest.fixture
def map_site(site_demo, recorded_load):
    """The demo site pages with the service map page in fi, sv and en, as the map's demo
    loader adds it (replayed after the first time: creating Wagtail pages is most of a map
    test's cost)."""
    from ecosystem.demo import map_page as map_demo
    from ecosystem.models.map_page import EcosystemMapPage

    recorded_load("map page on the demo site", map_demo.load)
    return {page.locale.language_code: page for page in EcosystemMapPage.objects.all()}


@pytest.fixture
def map_url(map_site):
    return map_site["fi"].url
