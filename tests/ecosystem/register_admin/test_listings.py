"""The admin listings of organisations and services show each record once, with the right
count, under any search and filter (a search over a service's organisations used to list
a service once per providing organisation)."""

import re

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from ecosystem.models import Municipality, Organisation, Service, ServiceOrganisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, staff_user, sign_in):
    profile = UserProfile.get_for_user(staff_user)
    profile.preferred_language = "en"
    profile.save()
    sign_in(client, staff_user)
    return client


@pytest.fixture
def shared_services(db):
    """Three services run by the same four Kela offices, all in two municipalities."""
    places = [
        Municipality.objects.create(code="106", name_fi="Hyvinkää"),
        Municipality.objects.create(code="186", name_fi="Järvenpää"),
    ]
    offices = []
    for number in range(4):
        office = Organisation.objects.create(
            name_fi=f"Kelan toimisto {number}", short_name="Kela", organisation_type="state_agency"
        )
        office.municipalities.set(places)
        office.save()
        offices.append(office)
    services = []
    for name in ("Kuntoutus", "Työttömyysturva", "Opintotuki"):
        service = Service.objects.create(name_fi=name, service_class="benefits")
        service.municipalities.set(places)
        service.save()
        for office in offices:
            ServiceOrganisation.objects.create(service=service, organisation=office)
        services.append(service)
    return {"places": places, "services": services, "offices": offices}


def _listed(response) -> list[str]:
    body = response.content.decode()
    return re.findall(r'<span id="snippet_[0-9a-f-]+_title">([^<]+)</span>', body)


def test_service_search_over_organisations_lists_each_service_once(staff, shared_services):
    url = reverse("wagtailsnippets_ecosystem_service:list")
    response = staff.get(url, {"q": "Kela"})
    names = _listed(response)
    assert sorted(names) == ["Kuntoutus", "Opintotuki", "Työttömyysturva"]
    assert response.context["paginator"].count == 3


def test_service_filter_and_search_together_list_each_once(staff, shared_services):
    url = reverse("wagtailsnippets_ecosystem_service:list")
    places = shared_services["places"]
    response = staff.get(url, {"q": "Kela", "municipalities": [str(p.pk) for p in places]})
    assert sorted(_listed(response)) == ["Kuntoutus", "Opintotuki", "Työttömyysturva"]
    assert response.context["paginator"].count == 3


def test_organisation_filter_by_municipalities_lists_each_once(staff, shared_services):
    url = reverse("wagtailsnippets_ecosystem_organisation:list")
    places = shared_services["places"]
    response = staff.get(url, {"municipalities": [str(p.pk) for p in places], "q": "Kela"})
    assert response.context["paginator"].count == 4
    assert len(_listed(response)) == 4
