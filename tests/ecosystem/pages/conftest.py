import pytest
from django.utils import translation

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


@pytest.fixture(autouse=True)
def _finnish_and_no_page_cache(settings):
    """Every test starts in Finnish (a request leaves its language active) and renders its
    pages (the anonymous page cache would answer a second request without a query)."""
    settings.PAGE_CACHE_SECONDS = 0
    with translation.override("fi"):
        yield


@pytest.fixture
def small_register(db):
    """A public organisation with a public and a partner-only service, a unit, a relation
    each way, a channel and a path."""
    youth = TargetGroup.objects.create(
        code="young_people", name_fi="Nuoret", name_en="Young people"
    )
    hyvinkaa = Municipality.objects.create(code="106", name_fi="Hyvinkää", name_sv="Hyvinge")
    org = Organisation.objects.create(
        name_fi="Keski-Uudenmaan TE-palvelut",
        name_en="Central Uusimaa Employment Services",
        organisation_type="employment_authority",
        business_id="0246246-0",
        email="te@example.fi",
    )
    org.municipalities.add(hyvinkaa)
    org.save()  # parental many-to-many fields are written on save
    unit = Organisation.objects.create(
        name_fi="Työllisyyspalvelujen yksikkö", organisation_type="municipality", parent=org
    )
    service = Service.objects.create(
        name_fi="Työkyvyn arviointi",
        name_en="Work-ability assessment",
        description_fi="Arvioidaan <p>työkyky</p> yhdessä.",
        service_class="work_ability",
        maximum_age=29,
    )
    service.target_groups.add(youth)
    service.municipalities.add(hyvinkaa)
    service.save()
    ServiceOrganisation.objects.create(service=service, organisation=org)
    ServiceChannel.objects.create(
        service=service, channel_type="phone", name="Palvelunumero", phone="0295 025 500"
    )
    secret = Service.objects.create(
        name_fi="Salainen pilotti", service_class="coaching", visibility="partners"
    )
    ServiceOrganisation.objects.create(service=secret, organisation=org)
    other = Service.objects.create(name_fi="Ohjaamo", service_class="guidance")
    Relation.objects.create(relation_type="referral", source_service=service, target_service=other)
    Relation.objects.create(relation_type="referral", source_service=secret, target_service=service)
    path = ServicePath.objects.create(name_fi="Nuoren polku", target_group=youth)
    ServicePathStep.objects.create(path=path, position=1, service=other)
    ServicePathStep.objects.create(path=path, position=2, service=service)
    return {
        "org": org,
        "unit": unit,
        "service": service,
        "secret": secret,
        "other": other,
        "path": path,
    }
