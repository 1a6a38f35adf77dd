"""The HSDS API as a consuming directory meets it: paging, filters, public records only,
errors, caching headers and the rate limit."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from ecosystem.exchange.hsds import taxonomy_id, term_id
from ecosystem.models import Organisation, Service, ServiceChannel, ServiceOrganisation
from ecosystem.models.choices import ChannelType, OrganisationType, Visibility

pytestmark = pytest.mark.django_db

PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


def ids(body) -> set[str]:
    return {item["id"] for item in body["contents"]}


def test_root_answers_version_profile_and_description(api):
    status, body, response = api("")
    assert status == 200
    assert body["version"] == "3.0"
    assert body["profile"].startswith("https://")
    assert body["openapi_url"] == "http://testserver/api/hsds/openapi.json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json"


def test_pages_follow_the_descriptions_page(api, demo_register):
    total = Service.objects.filter(visibility=Visibility.PUBLIC).count()
    status, first, _ = api("services?per_page=10")
    assert status == 200 and set(first) == PAGE_KEYS
    assert (first["total_items"], first["size"], first["page_number"]) == (total, 10, 1)
    assert first["total_pages"] == -(-total // 10)
    assert (first["first_page"], first["last_page"], first["empty"]) == (True, False, False)
    pages = [first] + [
        api(f"services?per_page=10&page={page}")[1] for page in range(2, first["total_pages"] + 1)
    ]
    last = pages[-1]
    assert (last["first_page"], last["last_page"]) == (False, True)
    seen = [item["id"] for page in pages for item in page["contents"]]
    assert len(seen) == len(set(seen)) == total  # every public service once
    status, beyond, _ = api(f"services?per_page=10&page={first['total_pages'] + 1}")
    assert status == 200 and beyond["contents"] == [] and beyond["empty"] and beyond["last_page"]


def test_partner_only_records_and_their_relations_never_appear(api, full_register):
    hidden_service = full_register["service"]  # partner-only
    hidden_unit = full_register["unit"]  # partner-only organisation under the county
    child = Organisation.objects.create(
        name_fi="Julkinen alayksikkö",
        organisation_type=OrganisationType.WELLBEING_COUNTY,
        parent=hidden_unit,
    )
    # A public service whose responsible organisation is partner-only: it is shown, with its
    # public producer as its organization.
    coaching = full_register["coaching"]
    ServiceOrganisation.objects.create(
        service=coaching, organisation=hidden_unit, role="responsible", sort_order=-1
    )
    ServiceChannel.objects.create(
        service=hidden_service, channel_type=ChannelType.WEB_PAGE, url="https://x.example/"
    )

    _, services, _ = api("services?full=true&per_page=1000")
    assert str(hidden_service.pk) not in ids(services)
    text = str(services)
    assert str(hidden_unit.pk) not in text and "Työkyvyn arviointi" not in text
    shown = next(s for s in services["contents"] if s["id"] == str(coaching.pk))
    assert shown["organization_id"] == str(full_register["ngo"].pk)
    assert api(f"services/{hidden_service.pk}")[0] == 404
    _, organizations, _ = api("organizations?full=true&full_service=true&per_page=1000")
    assert str(hidden_unit.pk) not in str(organizations)
    listed = next(o for o in organizations["contents"] if o["id"] == str(child.pk))
    assert "parent_organization_id" not in listed  # its parent is partner-only
    assert api(f"organizations/{hidden_unit.pk}")[0] == 404
    _, located, _ = api("service_at_locations?per_page=1000")
    assert located["total_items"] == 0
    hidden_channel = hidden_service.channels.first()
    assert api(f"service_at_locations/{hidden_channel.pk}")[0] == 404


def test_filters_by_taxonomy_organisation_search_and_change(api, full_register):
    guidance, coaching = full_register["guidance"], full_register["coaching"]
    guidance.target_groups.set([full_register["young"]])
    guidance.save()
    swedish_young = term_id("target_group", "young_people", "sv")
    assert ids(api(f"services?taxonomy_term_id={swedish_young}")[1]) == {str(guidance.pk)}
    coaching_class = term_id("service_class", "coaching")
    assert ids(api(f"services?taxonomy_term_id={coaching_class}")[1]) == {str(coaching.pk)}
    groups = taxonomy_id("target_group")
    assert ids(api(f"services?taxonomy_id={groups}")[1]) == {str(guidance.pk)}
    assert ids(api("services?taxonomy_term_id=not-a-term")[1]) == set()
    ngo = full_register["ngo"]
    assert ids(api(f"services?organization_id={ngo.pk}")[1]) == {
        str(guidance.pk),
        str(coaching.pk),
    }
    assert ids(api("services?search=OHJAA")[1]) == {str(guidance.pk)}
    long_ago = timezone.now() - datetime.timedelta(days=3)
    Service.objects.filter(pk=coaching.pk).update(updated_at=long_ago)
    since = (timezone.now() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert ids(api(f"services?modified_after={since}")[1]) == {str(guidance.pk)}
    minimal = api(f"services?minimal=true&modified_after={since}")[1]["contents"]
    assert set(minimal[0]) == {"id", "name", "status", "last_modified"}


def test_service_at_locations_by_postcode(api, full_register):
    service = full_register["service"]
    service.visibility = Visibility.PUBLIC
    service.save()
    _, body, _ = api("service_at_locations?postcode=04300")
    assert [item["location"]["location_type"] for item in body["contents"]] == ["physical"]
    assert api("service_at_locations?postcode=00100")[1]["total_items"] == 0
    _, everything, _ = api("service_at_locations")
    assert everything["total_items"] == 2  # the service point and the e-service, not the phone


def test_taxonomy_terms_hierarchy_and_languages(api, full_register):
    municipalities = taxonomy_id("municipality")
    _, top, _ = api(f"taxonomy_terms?taxonomy_id={municipalities}&top_only=true")
    assert {t["name"] for t in top["contents"]} == {"Helsinki", "Keski-Uusimaa"}
    area = term_id("employment_area", "Keski-Uusimaa")
    _, children, _ = api(f"taxonomy_terms?parent_id={area}")
    assert {(t["name"], t["language"]) for t in children["contents"]} == {
        ("Tuusula", "fi"),
        ("Tusby", "sv"),
        ("Tuusula", "en"),
    }
    status, term, _ = api(f"taxonomy_terms/{term_id('target_group', 'young_people', 'en')}")
    assert status == 200 and term["name"] == "Young people"
    status, taxonomy, _ = api(f"taxonomies/{municipalities}")
    assert status == 200 and taxonomy["name"] == "Finnish municipalities"
    assert api("taxonomies/nope")[0] == 404


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("services?page=abc", "page"),
        ("services?page=0", "page"),
        ("services?per_page=1001", "per_page"),
        ("services?full=maybe", "full"),
        ("services?modified_after=yesterday", "modified_after"),
        ("services?modified_after=2026-13-01", "modified_after"),
        ("services?format=xml", "format"),
        ("organizations?full_service=2", "full_service"),
        ("service_at_locations?proximity=500", "proximity"),
        ("taxonomy_terms?top_only=yes%00", "top_only"),
    ],
)
def test_a_bad_parameter_gets_a_translated_json_error(api, db, query, parameter):
    status, body, response = api(query, accept_language="sv")
    assert status == 400
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert body["error"] == "bad_parameter" and list(body["parameters"]) == [parameter]
    finnish = api(query)[1]
    assert finnish["detail"] != body["detail"]  # Finnish by default, Swedish when asked


def test_proximity_says_why_it_cannot_be_used(api, db):
    _, body, _ = api("service_at_locations?postcode=04300&proximity=1000", accept_language="en")
    assert "no coordinates" in body["parameters"]["proximity"]


def test_odd_values_are_answered_without_a_server_error(api, db):
    for query in (
        "services?search=%00",
        "services?organization_id=%00x",
        "services?page=99999999999999999999999",
        "service_at_locations?postcode=%00",
        "services/%00",
        "services/..%2F..%2Fadmin",
        "organizations?search=" + "ä" * 500,
        "services?modified_after=0001-01-01T00:00:00%2B23:59",
        "services?modified_after=9999-12-31T23:59:60-23:59",
    ):
        status, body, _ = api(query)
        assert status in (200, 400, 404), query
        assert isinstance(body, dict), query


def test_etag_and_last_modified_give_304_until_the_register_changes(
    api, full_register, django_capture_on_commit_callbacks
):
    status, _, first = api("services")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert status == 200 and etag and modified and first["Cache-Control"] == "no-cache"
    status, body, again = api("services", if_none_match=etag)
    assert status == 304 and body is None and again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"
    assert api("services", if_modified_since=modified)[0] == 304
    assert api("services?per_page=1", if_none_match=etag)[0] == 200  # another URL
    guidance = full_register["guidance"]
    guidance.name_fi = "Ohjaamo Tuusula"
    with django_capture_on_commit_callbacks(execute=True):
        guidance.save()  # a new data version once committed
    status, body, changed = api("services", if_none_match=etag)
    assert status == 200 and changed["ETag"] != etag
    assert "Ohjaamo Tuusula" in {item["name"] for item in body["contents"]}


def test_a_client_over_the_limit_gets_429_with_retry_after(api, db, settings):
    settings.KEKO_HSDS_RATE_LIMIT = 3
    for _ in range(3):
        assert api("taxonomies")[0] == 200
    status, body, response = api("taxonomies", accept_language="en")
    assert status == 429
    wait = int(response["Retry-After"])
    assert 1 <= wait <= 61 and body["retry_after"] == wait
    assert body["error"] == "too_many_requests" and "Try again" in body["detail"]


def test_only_reading_is_allowed_and_cors_preflight_is_answered(client, db):
    response = client.post("/api/hsds/services")
    assert response.status_code == 405 and "GET" in response["Allow"]
    response = client.options("/api/hsds/services")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]
