"""Every object the API returns is valid HSDS 3.0 in strict mode under both readings: the
per-object schemas (hsds-validator's reading) and the compiled schemas the API description
refers to (the list schemas for list forms)."""

from __future__ import annotations

import pytest

from ecosystem.models.choices import Visibility
from tests.ecosystem.exchange.hsds_schemas import compiled_validator, object_validator, problems

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["demo", "full"])
def register(request, db):
    if request.param == "demo":
        request.getfixturevalue("demo_register")
    else:
        records = request.getfixturevalue("full_register")
        records["service"].visibility = Visibility.PUBLIC  # its channels become locations
        records["service"].save()


def check(records, *, per_object: str | None, compiled: str | None, label: str) -> None:
    assert records, label
    if per_object:
        assert problems(object_validator(per_object), records, label) == []
    if compiled:
        assert problems(compiled_validator(compiled), records, label) == []


def contents(api, path: str) -> list:
    status, body, _ = api(f"{path}{'&' if '?' in path else '?'}per_page=1000")
    assert status == 200, path
    return body["contents"]


def detail(api, path: str) -> dict:
    status, body, _ = api(path)
    assert status == 200, path
    return body


@pytest.mark.heavy
def test_every_api_object_is_valid_in_strict_mode(api, register):
    services = contents(api, "services")
    check(services, per_object="service.json", compiled="service_list.json", label="services")
    check(
        contents(api, "services?minimal=true"),
        per_object="service.json",
        compiled="service_list.json",
        label="minimal",
    )
    full = contents(api, "services?full=true")
    check(full, per_object="service.json", compiled="service.json", label="full services")
    one = [detail(api, f"services/{item['id']}") for item in services[:5]]
    check(one, per_object="service.json", compiled="service.json", label="services/{id}")

    organizations = contents(api, "organizations")
    check(
        organizations,
        per_object="organization.json",
        compiled="organization_list.json",
        label="organizations",
    )
    check(
        contents(api, "organizations?full=true"),
        per_object="organization.json",
        compiled="organization.json",
        label="full organizations",
    )
    with_services = contents(api, "organizations?full_service=true") + [
        detail(api, f"organizations/{item['id']}?full_service=true") for item in organizations[:5]
    ]
    # `services` is the API description's addition (compiled schema); the per-object reading
    # checks the organization without it and each of its services on their own.
    check(with_services, per_object=None, compiled="organization.json", label="full_service")
    check(
        [{k: v for k, v in item.items() if k != "services"} for item in with_services],
        per_object="organization.json",
        compiled=None,
        label="full_service organizations",
    )
    nested = [service for item in with_services for service in item["services"]]
    check(nested, per_object="service.json", compiled="service.json", label="their services")

    located = contents(api, "service_at_locations")
    check(
        located,
        per_object="service_at_location.json",
        compiled="service_at_location_list.json",
        label="service_at_locations",
    )
    located_full = contents(api, "service_at_locations?full=true") + [
        detail(api, f"service_at_locations/{item['id']}") for item in located[:5]
    ]
    check(
        located_full,
        per_object="service_at_location.json",
        compiled="service_at_location.json",
        label="full service_at_locations",
    )

    taxonomies = contents(api, "taxonomies")
    taxonomies += [detail(api, f"taxonomies/{item['id']}") for item in taxonomies]
    check(taxonomies, per_object="taxonomy.json", compiled=None, label="taxonomies")
    terms = contents(api, "taxonomy_terms")
    terms += [detail(api, f"taxonomy_terms/{item['id']}") for item in terms[:20]]
    check(terms, per_object="taxonomy_term.json", compiled=None, label="taxonomy_terms")
