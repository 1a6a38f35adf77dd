"""Project staff build the steering area in the Wagtail admin; it is private at once."""

import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Collection, PageViewRestriction

from cms_pages import demo as cms_demo
from cms_pages.models import HomePage
from steering.models import MeetingPage, SteeringAreaPage
from steering.privacy import AREA_GROUP_NAMES

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(staff_user, sign_in) -> Client:
    client = Client()
    sign_in(client, staff_user)
    return client


def _restriction_choices(html: str) -> set[str]:
    soup = BeautifulSoup(html, "html.parser")
    return {tag["value"] for tag in soup.select('input[name="restriction_type"]')}


def test_area_added_in_the_admin_is_private_at_once(db, staff_client):
    cms_demo.load()
    home = HomePage.objects.get(locale__language_code="fi")
    url = reverse("wagtailadmin_pages:add", args=["steering", "steeringareapage", home.pk])
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(
        url,
        {
            "title": "Ohjausryhmän työtila",
            "slug": "tyotila",
            "intro": "Vain ohjausryhmälle.",
            "body-count": "0",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    area = SteeringAreaPage.objects.get(slug="tyotila")
    assert area.live
    restriction = PageViewRestriction.objects.get(page=area)
    assert restriction.restriction_type == BaseViewRestriction.GROUPS
    assert set(restriction.groups.values_list("name", flat=True)) == set(AREA_GROUP_NAMES)
    assert Client().get("/tyotila/").status_code == 302
    # One area per home page: the admin no longer offers a second one.
    assert staff_client.get(url).status_code in (302, 403)


def test_privacy_dialogs_offer_no_shared_password(steering_demo, staff_client, admin_user, sign_in):
    page_dialog = staff_client.get(
        reverse("wagtailadmin_pages:set_privacy", args=[steering_demo.area.pk])
    )
    assert page_dialog.status_code == 200
    choices = _restriction_choices(json.loads(page_dialog.content)["html"])
    assert choices and "password" not in choices
    assert "groups" in choices

    # Collections' privacy is the administrators' (staff manage documents, not collections).
    admin_client = Client()
    sign_in(admin_client, admin_user)
    collection = steering_demo.document.collection
    collection_dialog = admin_client.get(
        reverse("wagtailadmin_collections:set_privacy", args=[collection.pk])
    )
    assert collection_dialog.status_code == 200
    choices = _restriction_choices(json.loads(collection_dialog.content)["html"])
    assert choices and "password" not in choices


def test_staff_open_the_editor_of_every_steering_page_type(steering_demo, staff_client):
    for page in (steering_demo.area, steering_demo.meeting_index, steering_demo.meeting):
        response = staff_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
        assert page.title in response.content.decode()


def _meeting_form(title: str, slug: str, document_id) -> dict:
    return {
        "title": title,
        "slug": slug,
        "start": "2026-09-16 13:00",
        "end": "2026-09-16 15:00",
        "location": "Järvenpää",
        "summary": "Tilannekuva 1 valmis.",
        "agenda-count": "1",
        "agenda-0-type": "item",
        "agenda-0-deleted": "",
        "agenda-0-order": "0",
        "agenda-0-value-title": "Tilannekuva 1",
        "agenda-0-value-description": json.dumps(
            {
                "blocks": [
                    {
                        "key": "k1",
                        "type": "unstyled",
                        "depth": 0,
                        "text": "Katsaus tilannekuvaan.",
                        "inlineStyleRanges": [],
                        "entityRanges": [],
                    }
                ],
                "entityMap": {},
            }
        ),
        "agenda-0-value-presenter": "",
        "agenda-0-value-proposal": "Merkitään tiedoksi.",
        "minutes-count": "0",
        "participants-TOTAL_FORMS": "0",
        "participants-INITIAL_FORMS": "0",
        "participants-MIN_NUM_FORMS": "0",
        "participants-MAX_NUM_FORMS": "1000",
        "attached_documents-TOTAL_FORMS": "1",
        "attached_documents-INITIAL_FORMS": "0",
        "attached_documents-MIN_NUM_FORMS": "0",
        "attached_documents-MAX_NUM_FORMS": "1000",
        "attached_documents-0-document": str(document_id),
        "attached_documents-0-title": "Esitys",
        "attached_documents-0-ORDER": "1",
        "attached_documents-0-id": "",
        "attached_documents-0-DELETE": "",
        "action-publish": "publish",
    }


def test_staff_add_a_meeting_with_a_private_document(steering_demo, staff_client):
    index = steering_demo.meeting_index
    url = reverse("wagtailadmin_pages:add", args=["steering", "meetingpage", index.pk])
    response = staff_client.post(
        url, _meeting_form("Syyskokous", "syyskokous", steering_demo.document.pk)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = MeetingPage.objects.get(slug="syyskokous")
    assert [d.document_id for d in meeting.attached_documents.all()] == [steering_demo.document.pk]
    page = staff_client.get(meeting.url).content.decode()
    assert "Tilannekuva 1" in page and steering_demo.document.url in page


def test_a_document_from_a_public_collection_is_refused(steering_demo, staff_client):
    from django.core.files.base import ContentFile

    public = get_document_model()(title="Julkinen", collection=Collection.get_first_root_node())
    public.file.save("julkinen.txt", ContentFile(b"julkinen"), save=True)
    index = steering_demo.meeting_index
    url = reverse("wagtailadmin_pages:add", args=["steering", "meetingpage", index.pk])
    response = staff_client.post(url, _meeting_form("Kevätkokous", "kevatkokous", public.pk))
    assert response.status_code == 200
    assert not MeetingPage.objects.filter(slug="kevatkokous").exists()
    assert "Valitse asiakirja yksityisestä kokoelmasta" in response.content.decode()


def test_area_takes_meetings_dashboard_and_indicators(db):
    allowed = {model._meta.label for model in SteeringAreaPage.allowed_subpage_models()}
    assert allowed == {
        "steering.MeetingIndexPage",
        "dashboard.DashboardPage",
        "indicators.IndicatorsPage",
    }


@pytest.mark.parametrize("choice", ["none", "login"])
def test_making_the_area_public_in_the_privacy_dialog_is_undone(
    steering_demo, staff_client, django_capture_on_commit_callbacks, choice
):
    area = steering_demo.area
    url = reverse("wagtailadmin_pages:set_privacy", args=[area.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"restriction_type": choice, "groups": []})
        # The dialog did weaken it: the fix comes once the transaction commits.
        weakened = PageViewRestriction.objects.filter(page=area).first()
        assert weakened is None or weakened.restriction_type == BaseViewRestriction.LOGIN
    assert response.status_code == 200
    restriction = PageViewRestriction.objects.get(page=area)
    assert restriction.restriction_type == BaseViewRestriction.GROUPS
    assert set(restriction.groups.values_list("name", flat=True)) == set(AREA_GROUP_NAMES)
    assert Client().get(area.url).status_code == 302
