"""The register's record pages: a permanent page per organisation and service, in fi/sv/en,
partner-only records for those who may see them, public ones in the sitemap."""

import html
import re

import pytest
from django.utils import translation

from ecosystem.register.permalinks import record_page_url, record_slug


def _text(response) -> str:
    body = response.content.decode()
    main = body.split('id="main-content"', 1)[1]
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", main).split()))


def test_slug_is_ascii_from_the_finnish_name():
    assert record_slug("Työkyvyn arviointi (TYM) – Hyvinkää") == "tyokyvyn-arviointi-tym-hyvinkaa"
    assert record_slug("", "org") == "toimija"


def test_addresses_are_translated_and_keep_the_uuid(small_register):
    service = small_register["service"]
    with translation.override("fi"):
        fi = record_page_url("svc", service.pk, service.name_fi)
    with translation.override("sv"):
        sv = record_page_url("svc", service.pk, service.name_fi)
    with translation.override("en"):
        en = record_page_url("org", small_register["org"].pk, small_register["org"].name_fi)
    assert fi == f"/rekisteri/palvelut/tyokyvyn-arviointi-{service.pk}/"
    assert sv == f"/sv/register/tjanster/tyokyvyn-arviointi-{service.pk}/"
    assert en.startswith("/en/register/organisations/keski-uudenmaan-te-palvelut-")


def test_service_page_shows_what_a_user_needs(client, small_register):
    service = small_register["service"]
    response = client.get(record_page_url("svc", service.pk, service.name_fi))
    assert response.status_code == 200
    text = _text(response)
    assert "Työkyvyn arviointi" in text
    assert "Arvioidaan <p>työkyky</p> yhdessä." in text  # text, not markup
    assert b"<p>ty\xc3\xb6kyky</p>" not in response.content
    for expected in (
        "Kenelle",
        "Nuoret",
        "enintään 29",
        "Missä",
        "Hyvinkää",
        "Miten asioida",
        "0295 025 500",
        "Kuka tarjoaa",
        "Keski-Uudenmaan TE-palvelut",
        "Ohjaa tai on yhteydessä eteenpäin",
        "Ohjaamo",
        "Palvelupolut",
        "Nuoren polku",
        "Näytä kartalla",
    ):
        assert expected in text, expected
    # Nothing partner-only reaches an anonymous visitor (the relation from the secret pilot).
    assert "Salainen pilotti" not in text
    page = response.content.decode()
    org = small_register["org"]
    assert record_page_url("org", org.pk, org.name_fi) in page
    assert f"/ecosystem/map/text/?focus=svc:{service.pk}" in page  # no map page: its text view


def test_service_page_in_english(client, small_register):
    service = small_register["service"]
    with translation.override("en"):
        url = record_page_url("svc", service.pk, service.name_fi)
    text = _text(client.get(url))
    assert "Work-ability assessment" in text and "Who it is for" in text
    assert "Central Uusimaa Employment Services" in text


def test_organisation_page_lists_its_services_and_units(client, small_register):
    org = small_register["org"]
    response = client.get(record_page_url("org", org.pk, org.name_fi))
    text = _text(response)
    assert response.status_code == 200
    assert "Työkyvyn arviointi" in text and "Työllisyyspalvelujen yksikkö" in text
    assert "0246246-0" in text and "te@example.fi" in text
    assert "Nuoren polku" in text  # a path through one of its services
    assert "Salainen pilotti" not in text


def test_a_wrong_slug_redirects_to_the_current_address(client, small_register):
    service = small_register["service"]
    response = client.get(f"/rekisteri/palvelut/vanha-nimi-{service.pk}/")
    assert response.status_code == 301
    assert response["Location"] == record_page_url("svc", service.pk, service.name_fi)


def test_partner_only_record_is_404_for_the_public(client, small_register):
    secret = small_register["secret"]
    assert client.get(record_page_url("svc", secret.pk, secret.name_fi)).status_code == 404


def test_partner_only_record_is_shown_to_a_partner(client, small_register, partner_user):
    client.force_login(partner_user)
    secret = small_register["secret"]
    response = client.get(record_page_url("svc", secret.pk, secret.name_fi))
    assert response.status_code == 200
    assert "Vain verkostokumppaneille" in _text(response)
    assert "private" in response["Cache-Control"]
    service = small_register["service"]
    assert "Salainen pilotti" in _text(
        client.get(record_page_url("svc", service.pk, service.name_fi))
    )


def test_unknown_record_is_404(client, small_register):
    assert (
        client.get("/rekisteri/palvelut/x-00000000-0000-0000-0000-000000000000/").status_code == 404
    )


def test_sitemap_lists_public_records_in_every_language(client, small_register):
    body = client.get("/sitemap.xml").content.decode()
    service, secret = small_register["service"], small_register["secret"]
    assert f"/rekisteri/palvelut/tyokyvyn-arviointi-{service.pk}/" in body
    assert f"/sv/register/tjanster/tyokyvyn-arviointi-{service.pk}/" in body
    assert f"/en/register/services/tyokyvyn-arviointi-{service.pk}/" in body
    assert str(secret.pk) not in body


def test_map_details_and_text_view_link_to_the_pages(client, small_register):
    service = small_register["service"]
    details = client.get(f"/en/api/ecosystem/nodes/svc:{service.pk}.json").json()
    with translation.override("en"):
        assert details["page_url"] == record_page_url("svc", service.pk, service.name_fi)
    assert details["organisations"][0]["page_url"].startswith("/en/register/organisations/")
    assert details["relations"][0]["other"]["page_url"].startswith("/en/register/services/")
    text_view = client.get("/ecosystem/map/text/").content.decode()
    assert record_page_url("svc", service.pk, service.name_fi) in text_view


@pytest.mark.parametrize("kind", ["svc", "org"])
def test_query_count_is_pinned_and_does_not_grow(
    client, small_register, django_assert_num_queries, django_capture_on_commit_callbacks, kind
):
    from ecosystem.models import Relation, Service, ServiceOrganisation

    record = small_register["service"] if kind == "svc" else small_register["org"]
    url = record_page_url(kind, record.pk, record.name_fi)
    client.get(url)  # warm caches of the site shell and the record's details
    # The record's details come from the cache (ecosystem.map.details) until the data changes.
    with django_assert_num_queries({"svc": 8, "org": 9}[kind]):
        assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # a new data version
        for number in range(8):
            extra = Service.objects.create(
                name_fi=f"Lisäpalvelu {number}", service_class="coaching"
            )
            ServiceOrganisation.objects.create(service=extra, organisation=small_register["org"])
            Relation.objects.create(
                relation_type="referral",
                source_service=small_register["service"],
                target_service=extra,
            )
    expected = {"svc": 14, "org": 13}[kind]
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    assert "Lisäpalvelu 7" in response.content.decode()
