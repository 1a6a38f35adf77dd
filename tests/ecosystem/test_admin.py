"""Project staff edit the register in the Wagtail admin: listings, search, filters, forms with
inline children, validation messages, revisions and history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from ecosystem.demo import map_page as map_demo
from ecosystem.demo.synthetic import generate
from ecosystem.models import Organisation, Relation, Service, ServicePath, TargetGroup
from ecosystem.models.map_page import EcosystemMapPage
from ecosystem.register.permalinks import node_page_url

pytestmark = pytest.mark.django_db


def url(model: str, action: str, *args) -> str:
    return reverse(f"wagtailsnippets_ecosystem_{model}:{action}", args=args)


@pytest.fixture
def staff(client, staff_user, sign_in, demo_register):
    """A signed-in project staff member whose admin speaks English."""
    profile = UserProfile.get_for_user(staff_user)
    profile.preferred_language = "en"
    profile.save()
    sign_in(client, staff_user)
    return client


def formset(prefix: str, rows: list[dict]) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data[f"{prefix}-{index}-id"] = ""
        data[f"{prefix}-{index}-ORDER"] = str(index + 1)
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def service_form(**overrides) -> dict:
    te = Organisation.objects.get(short_name="TE-palvelut")
    data = {
        "name_fi": "Digitaalinen työnhakuvalmennus",
        "name_sv": "",
        "name_en": "Digital job-search coaching",
        "status": "active",
        "visibility": "public",
        "obligation": "complementary",
        "service_class": "coaching",
        "description_fi": "Verkossa toteutettava valmennus.",
        "description_sv": "",
        "description_en": "",
        "last_reviewed": "2026-05-04",
        "target_groups": [str(TargetGroup.objects.get(code="young_people").pk)],
        "municipalities": [],
        "eligibility_description": "",
        "minimum_age": "",
        "maximum_age": "",
        "cost": "free",
        "cost_description": "",
        "legal_basis": "",
        "ptv_id": "",
        **formset(
            "organisation_roles",
            [{"organisation": str(te.pk), "role": "responsible", "provision_type": "own"}],
        ),
        **formset(
            "channels",
            [
                {
                    "channel_type": "e_service",
                    "name": "Työmarkkinatori",
                    "url": "https://tyomarkkinatori.fi/",
                    "street_address": "",
                    "postal_code": "",
                    "post_office": "",
                    "municipality": "",
                    "phone": "",
                    "email": "",
                    "opening_hours": "",
                    "description": "",
                }
            ],
        ),
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("organisation", "Keski-Uudenmaan TE-palvelut"),
        ("service", "Aikuissosiaalityö"),
        ("relation", "Ohjaamo"),
        ("servicepath", "Pitkäaikaistyötön osatyökykyinen (Tuusula)"),
        ("targetgroup", "Maahanmuuttajat"),
        ("municipality", "Pornainen"),
    ],
)
def test_staff_see_every_register_listing(staff, model, expected):
    response = staff.get(url(model, "list"))
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert staff.get(url(model, "add")).status_code == 200


def test_the_ecosystem_menu_groups_the_register(staff):
    page = staff.get(reverse("wagtailadmin_home")).content.decode()
    assert "Ecosystem" in page
    assert url("service", "list") in page


def test_service_search_and_filters(staff):
    found = staff.get(url("service", "list"), {"q": "ohjaamo"}).content.decode()
    assert "Ohjaamoiden Duuniviikko" in found
    assert "Palkkatuki" not in found
    by_organisation = staff.get(url("service", "list"), {"q": "Keuke"}).content.decode()
    assert "Keuken yritysneuvonta" in by_organisation
    inactive = staff.get(url("service", "list"), {"status": "inactive"}).content.decode()
    assert "Neurokirjon nuorten työhönvalmennus" in inactive
    assert "Palkkatuki" not in inactive
    relations = staff.get(url("relation", "list"), {"relation_type": "funding"}).content.decode()
    assert "Keuke" in relations
    assert "Ohjaamo" not in relations


def test_service_listing_query_count_does_not_grow_with_the_data(staff):
    listing = url("service", "list")
    staff.get(listing)
    with CaptureQueriesContext(connection) as small:
        assert staff.get(listing).status_code == 200
    generate(services=900, relations=100, seed=5)
    with CaptureQueriesContext(connection) as large:
        assert staff.get(listing).status_code == 200
    assert len(large) == len(small)


def test_staff_create_a_service_with_its_organisation_and_channel(staff, staff_user):
    response = staff.post(url("service", "add"), service_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    service = Service.objects.get(name_fi="Digitaalinen työnhakuvalmennus")
    role = service.organisation_roles.get()
    assert (role.organisation.short_name, role.role, role.provision_type) == (
        "TE-palvelut",
        "responsible",
        "own",
    )
    assert service.channels.get().url == "https://tyomarkkinatori.fi/"
    assert list(service.target_groups.values_list("code", flat=True)) == ["young_people"]
    assert service.revisions.count() == 1
    assert ModelLogEntry.objects.filter(object_id=str(service.pk), action="wagtail.create").exists()

    history = staff.get(url("service", "history", service.pk))
    assert history.status_code == 200
    assert "Created" in history.content.decode()


def test_editing_keeps_revisions(staff):
    service = Service.objects.get(name_fi="Palkkatuki")
    edit = url("service", "edit", service.pk)
    page = staff.get(edit)
    assert page.status_code == 200
    te = Organisation.objects.get(short_name="TE-palvelut")
    role = service.organisation_roles.get()
    data = service_form(
        name_fi="Palkkatuki",
        description_fi="Päivitetty kuvaus.",
        **{
            "organisation_roles-TOTAL_FORMS": "1",
            "organisation_roles-INITIAL_FORMS": "1",
            "organisation_roles-0-id": str(role.pk),
            "organisation_roles-0-organisation": str(te.pk),
            "channels-TOTAL_FORMS": "0",
        },
    )
    response = staff.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    service.refresh_from_db()
    assert service.description_fi == "Päivitetty kuvaus."
    assert service.organisation_roles.get().pk == role.pk  # the child kept its UUID
    assert service.revisions.count() == 1
    staff.post(edit, {**data, "description_fi": "Toinen versio."})
    assert service.revisions.count() == 2
    assert staff.get(url("service", "history", service.pk)).status_code == 200


def test_invalid_service_is_explained_and_not_saved(staff):
    response = staff.post(
        url("service", "add"),
        service_form(minimum_age="30", maximum_age="18", **{"channels-0-url": ""}),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The maximum age must not be less than the minimum age." in page
    assert "An e-service or web page needs a web address." in page
    assert not Service.objects.filter(name_fi="Digitaalinen työnhakuvalmennus").exists()


def test_service_needs_an_organisation(staff):
    response = staff.post(url("service", "add"), service_form(**formset("organisation_roles", [])))
    assert response.status_code == 200
    assert not Service.objects.filter(name_fi="Digitaalinen työnhakuvalmennus").exists()


def relation_form(**overrides) -> dict:
    data = {
        "relation_type": "referral",
        "direction": "directed",
        "source_organisation": "",
        "source_service": str(Service.objects.get(name_fi="Ohjaamo").pk),
        "target_organisation": "",
        "target_service": str(Service.objects.get(name_fi="Palkkatuki").pk),
        "target_groups": [],
        "valid_from": "",
        "valid_to": "",
        "evidence": "Työpaja 5.5.2026",
        "visibility": "public",
    }
    data.update(overrides)
    return data


def test_staff_add_a_relation_and_bad_ones_are_explained(staff):
    before = Relation.objects.count()
    response = staff.post(
        url("relation", "add"),
        relation_form(source_organisation=str(Organisation.objects.get(short_name="Kela").pk)),
    )
    assert response.status_code == 200
    assert (
        "Choose either a source organisation or a source service (exactly one)."
        in response.content.decode()
    )
    response = staff.post(
        url("relation", "add"), relation_form(valid_from="2027-01-01", valid_to="2026-01-01")
    )
    assert "The end date must not be before the start date." in response.content.decode()
    assert Relation.objects.count() == before

    response = staff.post(url("relation", "add"), relation_form())
    assert response.status_code == 302
    assert Relation.objects.count() == before + 1


def test_staff_build_a_service_path_with_alternatives(staff):
    ohjaamo = Service.objects.get(name_fi="Ohjaamo")
    tuva = Service.objects.get(name_fi__startswith="Keudan tutkintokoulutukseen")
    kerkka = Service.objects.get(name_fi__startswith="Kerkkä")
    data = {
        "name_fi": "Nuoren polku (Hyvinkää)",
        "name_sv": "",
        "name_en": "",
        "target_group": str(TargetGroup.objects.get(code="young_people").pk),
        "visibility": "partners",
        "municipalities": [],
        "description_fi": "",
        "description_sv": "",
        "description_en": "",
        **formset(
            "steps",
            [
                {"position": "1", "service": str(ohjaamo.pk), "handoff_note": "Saatetaan."},
                {"position": "2", "service": str(tuva.pk), "handoff_note": ""},
                {"position": "2", "service": str(kerkka.pk), "handoff_note": ""},
            ],
        ),
    }
    response = staff.post(url("servicepath", "add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    path = ServicePath.objects.get(name_fi="Nuoren polku (Hyvinkää)")
    assert list(path.steps.values_list("position", "service__name_fi")) == [
        (1, "Ohjaamo"),
        (2, tuva.name_fi),
        (2, kerkka.name_fi),
    ]
    assert path.revisions.count() == 1


def test_reverting_a_service_to_an_earlier_revision_restores_its_children(staff):
    response = staff.post(url("service", "add"), service_form())
    assert response.status_code == 302
    service = Service.objects.get(name_fi="Digitaalinen työnhakuvalmennus")
    first = service.revisions.get()
    kela = Organisation.objects.get(short_name="Kela")
    role, channel = service.organisation_roles.get(), service.channels.get()
    children = {
        "organisation_roles-INITIAL_FORMS": "1",
        "organisation_roles-0-id": str(role.pk),
        "channels-INITIAL_FORMS": "1",
        "channels-0-id": str(channel.pk),
    }
    edited = service_form(
        **children,
        **{
            "organisation_roles-0-organisation": str(kela.pk),
            "channels-0-url": "https://www.kela.fi/",
        },
    )
    assert staff.post(url("service", "edit", service.pk), edited).status_code == 302
    assert service.organisation_roles.get().organisation == kela
    assert service.channels.get().url == "https://www.kela.fi/"

    revert = url("service", "revisions_revert", service.pk, first.pk)
    page = staff.get(revert)
    assert page.status_code == 200
    assert 'value="https://tyomarkkinatori.fi/"' in page.content.decode()
    assert staff.post(revert, service_form(**children)).status_code == 302
    service.refresh_from_db()
    assert service.organisation_roles.get().pk == role.pk
    assert service.organisation_roles.get().organisation.short_name == "TE-palvelut"
    assert service.channels.get().url == "https://tyomarkkinatori.fi/"
    assert service.revisions.count() == 3


def test_deleting_a_service_used_by_a_path_is_refused_with_a_message(staff):
    ohjaamo = Service.objects.get(name_fi="Ohjaamo")
    response = staff.post(url("service", "delete", ohjaamo.pk), follow=True)
    assert response.status_code == 200
    assert Service.objects.filter(pk=ohjaamo.pk).exists()
    page = response.content.decode()
    assert "cannot be deleted because it is used by" in page
    assert "Young person without a secondary qualification (Järvenpää)" in page


def test_a_service_path_needs_a_step(staff):
    data = {
        "name_fi": "Tyhjä polku",
        "target_group": str(TargetGroup.objects.get(code="immigrants").pk),
        "visibility": "public",
        **formset("steps", []),
    }
    response = staff.post(url("servicepath", "add"), data)
    assert response.status_code == 200
    assert not ServicePath.objects.filter(name_fi="Tyhjä polku").exists()


def test_the_editor_links_to_the_records_public_page_and_the_map(staff, site_demo):
    """A staff member editing a service or an organisation finds its public page and the
    service map focused on it (the admin speaks English here, so the links are the English
    pages)."""
    map_demo.load()
    english_map = EcosystemMapPage.objects.get(locale__language_code="en").url
    service = Service.objects.filter(visibility="public").order_by("name_fi").first()
    organisation = Organisation.objects.order_by("name_fi").first()
    for model, record, kind in (("service", service, "svc"), ("organisation", organisation, "org")):
        page = staff.get(url(model, "edit", record.pk)).content.decode()
        node = f"{kind}:{record.pk}"
        with translation.override("en"):
            public_page = node_page_url(node, record.name_fi)
        assert f'href="{english_map}?focus={node}"' in page, model
        assert f'href="{public_page}"' in page, model
        assert "Show on the map" in page and "Public page" in page
        answer = staff.get(public_page)
        assert answer.status_code == 200
        assert (record.name_en or record.name_fi) in answer.content.decode()
    # A record not saved yet has no links.
    page = staff.get(url("service", "add")).content.decode()
    assert "Show on the map" not in page
