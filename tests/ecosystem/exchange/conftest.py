"""Registers to export and import: a small one using every field (the demo ecosystem is
tests/conftest.py's `demo_register`)."""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command

from ecosystem.models import (
    Municipality,
    Organisation,
    Relation,
    Service,
    ServiceChannel,
    ServiceOrganisation,
    ServicePath,
    ServicePathStep,
    TargetGroup,
)
from ecosystem.models.choices import (
    ChannelType,
    Cost,
    Direction,
    Obligation,
    OrganisationRole,
    OrganisationType,
    ProvisionType,
    RelationType,
    ServiceClass,
    ServiceStatus,
    Visibility,
)

HSDS_COMPILED = Path(__file__).resolve().parents[4] / "shared" / "hsds-3.0" / "compiled"
DEMO_FIXTURE = Path(__file__).resolve().parents[3] / "ecosystem" / "demo" / "demo_ecosystem.json"


@pytest.fixture(autouse=True)
def english():
    """Messages in English, the language the assertions are written in (msgids)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def build_full_register() -> dict[str, object]:
    """A small register where every field of every model holds a value, with tricky text.

    Returns the main records by name for tests to change.
    """
    tuusula = Municipality.objects.create(
        code="858",
        name_fi="Tuusula",
        name_sv="Tusby",
        name_en="Tuusula",
        employment_area="Keski-Uusimaa",
    )
    helsinki = Municipality.objects.create(
        code="091",
        name_fi="Helsinki",
        name_sv="Helsingfors",
        name_en="Helsinki",
        employment_area="Helsinki",
    )
    young = TargetGroup.objects.create(
        code="young_people",
        name_fi="Nuoret",
        name_sv="Unga",
        name_en="Young people",
        description_fi="Alle 30-vuotiaat",
        description_sv="Under 30",
        description_en="Under 30",
        sort_order=1,
    )
    immigrants = TargetGroup.objects.create(
        code="immigrants", name_fi="Maahanmuuttajat", sort_order=2
    )
    county = Organisation.objects.create(
        name_fi="Keski-Uudenmaan hyvinvointialue",
        name_sv="Mellersta Nylands välfärdsområde",
        name_en="Central Uusimaa wellbeing services county",
        short_name="Keusote",
        short_name_sv="MNVO",
        short_name_en="CUWSC",
        description_fi="Sosiaali- ja terveyspalvelut;\nmonirivinen kuvaus",
        description_sv="Social- och hälsovård",
        description_en="Health and social services",
        organisation_type=OrganisationType.WELLBEING_COUNTY,
        business_id="0246246-0",
        website="https://www.keusote.fi/",
        email="kirjaamo@keusote.fi",
        phone="+358 9 8727 0000",
        is_consortium_member=True,
        visibility=Visibility.PUBLIC,
        ptv_id=uuid.UUID("11111111-2222-4333-8444-555555555555"),
    )
    county.municipalities.set([tuusula, helsinki])
    county.save()
    unit = Organisation.objects.create(
        name_fi="=Työkykypalvelut",
        short_name="-TKP",
        organisation_type=OrganisationType.WELLBEING_COUNTY,
        parent=county,
        visibility=Visibility.PARTNERS,
    )
    ngo = Organisation.objects.create(name_fi="Yhdistys ry", organisation_type=OrganisationType.NGO)
    service = Service.objects.create(
        name_fi="Työkyvyn arviointi",
        name_sv="Bedömning av arbetsförmåga",
        name_en="Work-ability assessment",
        description_fi="@kuvaus, alkaa at-merkillä",
        description_sv="Beskrivning",
        description_en="Description",
        status=ServiceStatus.TEMPORARILY_CLOSED,
        obligation=Obligation.STATUTORY,
        service_class=ServiceClass.WORK_ABILITY,
        eligibility_description="Ohjaus TE-palveluista",
        minimum_age=18,
        maximum_age=67,
        cost=Cost.FEE,
        cost_description="Asiakasmaksu 'vaihtelee'",
        legal_basis="380/2023 § 5",
        ptv_id=uuid.UUID("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"),
        visibility=Visibility.PARTNERS,
        last_reviewed=datetime.date(2026, 3, 31),
    )
    service.target_groups.set([young, immigrants])
    service.municipalities.set([tuusula])
    service.save()
    ServiceOrganisation.objects.create(
        service=service,
        organisation=county,
        role=OrganisationRole.RESPONSIBLE,
        provision_type=ProvisionType.OWN,
        sort_order=0,
    )
    ServiceOrganisation.objects.create(
        service=service,
        organisation=ngo,
        role=OrganisationRole.PRODUCER,
        provision_type=ProvisionType.PROCURED,
        sort_order=1,
    )
    ServiceChannel.objects.create(
        service=service,
        channel_type=ChannelType.SERVICE_POINT,
        name="Tuusulan toimipiste",
        street_address="Hyryläntie 13",
        postal_code="04300",
        post_office="Tuusula",
        municipality=tuusula,
        phone="+358 40 123 4567",
        email="tyokyky@keusote.fi",
        url="https://www.keusote.fi/tyokyky",
        opening_hours="ma–pe 8–16",
        description="Esteetön sisäänkäynti",
        sort_order=0,
    )
    ServiceChannel.objects.create(
        service=service,
        channel_type=ChannelType.PHONE,
        name="Neuvonta",
        phone="09 123 456",
        email="neuvonta@keusote.fi",
        opening_hours="ma–to 9–15",
        sort_order=1,
    )
    ServiceChannel.objects.create(
        service=service,
        channel_type=ChannelType.E_SERVICE,
        url="https://asiointi.example.fi/",
        sort_order=2,
    )
    coaching = Service.objects.create(
        name_fi="Työhönvalmennus", service_class=ServiceClass.COACHING
    )
    ServiceOrganisation.objects.create(service=coaching, organisation=ngo, sort_order=0)
    guidance = Service.objects.create(
        name_fi="Ohjaamo", service_class=ServiceClass.GUIDANCE, minimum_age=15, maximum_age=29
    )
    ServiceOrganisation.objects.create(service=guidance, organisation=ngo, sort_order=0)
    referral = Relation.objects.create(
        relation_type=RelationType.REFERRAL,
        direction=Direction.DIRECTED,
        source_service=service,
        target_service=coaching,
        valid_from=datetime.date(2026, 1, 1),
        valid_to=datetime.date(2028, 6, 30),
        evidence="Haastattelu 4/2026",
        visibility=Visibility.PARTNERS,
    )
    referral.target_groups.set([young])
    referral.save()
    Relation.objects.create(
        relation_type=RelationType.COOPERATION_AGREEMENT,
        direction=Direction.MUTUAL,
        source_organisation=county,
        target_organisation=ngo,
    )
    Relation.objects.create(
        relation_type=RelationType.FUNDING, source_organisation=county, target_service=coaching
    )
    path = ServicePath.objects.create(
        name_fi="Nuori ilman tutkintoa, Tuusula",
        name_sv="Ung utan examen",
        name_en="Young person without a qualification",
        description_fi="Polku",
        description_sv="Stig",
        description_en="Path",
        target_group=young,
        visibility=Visibility.PARTNERS,
    )
    path.municipalities.set([tuusula, helsinki])
    path.save()
    ServicePathStep.objects.create(
        path=path, position=1, service=guidance, handoff_note="Saattaen", sort_order=0
    )
    ServicePathStep.objects.create(path=path, position=2, service=service, sort_order=1)
    ServicePathStep.objects.create(
        path=path, position=2, service=coaching, handoff_note="Vaihtoehto", sort_order=2
    )
    return {
        "tuusula": tuusula,
        "helsinki": helsinki,
        "young": young,
        "immigrants": immigrants,
        "county": county,
        "unit": unit,
        "ngo": ngo,
        "service": service,
        "coaching": coaching,
        "guidance": guidance,
        "referral": referral,
        "path": path,
    }


@pytest.fixture
def full_register(db):
    """build_full_register() as a fixture."""
    return build_full_register()


def empty_register() -> None:
    """Delete every register record (to import into an empty database)."""
    ServicePath.objects.all().delete()
    Relation.objects.all().delete()
    Service.objects.all().delete()
    Organisation.objects.all().delete()
    TargetGroup.objects.all().delete()
    Municipality.objects.all().delete()


def export(format: str, path: Path) -> Path:
    """Run export_ecosystem into path."""
    call_command("export_ecosystem", format=format, output=str(path))
    return path


def register_counts() -> dict[str, int]:
    """How many records of every register model are stored."""
    return {
        model.__name__: model.objects.count()
        for model in (
            Municipality,
            TargetGroup,
            Organisation,
            Service,
            ServiceOrganisation,
            ServiceChannel,
            Relation,
            ServicePath,
            ServicePathStep,
        )
    }
