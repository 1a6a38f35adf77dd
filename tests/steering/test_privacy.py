"""Who gets what in the steering area: pages and documents, for every role."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Collection, Page, PageViewRestriction

from cms_pages.models import HomePage
from portal.accounts.roles import NETWORK_PARTNERS, PROJECT_STAFF, STEERING_GROUP
from steering.models import MeetingDocument, SteeringAreaPage
from steering.privacy import AREA_GROUP_NAMES, private_collection, restrict_area

pytestmark = pytest.mark.django_db


def _signed_in(sign_in, user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _assert_sign_in_redirect(response, path, language="fi"):
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    with translation.override(language):
        assert location.path == reverse("account_login")
    assert parse_qs(location.query)["next"] == [path]
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def _private_urls(demo):
    return [
        demo.area.url,
        demo.meeting_index.url,
        demo.meeting.url,
        demo.areas["sv"].url,
        demo.meetings["en"].url,
    ]


# --- the restriction itself ------------------------------------------------------------


def test_area_created_in_code_is_restricted_to_the_groups(steering_demo):
    home = HomePage.objects.get(locale__language_code="fi")
    area = SteeringAreaPage(title="Toinen alue", slug="toinen-alue", show_in_menus=True)
    # max_count_per_parent limits the admin, not code: a second area is still private.
    home.add_child(instance=area)
    restriction = PageViewRestriction.objects.get(page=area)
    assert restriction.restriction_type == BaseViewRestriction.GROUPS
    assert set(restriction.groups.values_list("name", flat=True)) == set(AREA_GROUP_NAMES)
    assert not SteeringAreaPage.objects.get(pk=area.pk).show_in_menus


def test_removing_the_restriction_puts_it_back(steering_demo, django_capture_on_commit_callbacks):
    area = steering_demo.area
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=area).delete()
    restriction = PageViewRestriction.objects.get(page=area)
    assert set(restriction.groups.values_list("name", flat=True)) == set(AREA_GROUP_NAMES)


def test_weakening_the_restriction_to_any_signed_in_user_is_undone(
    steering_demo, django_capture_on_commit_callbacks
):
    restriction = PageViewRestriction.objects.get(page=steering_demo.area)
    with django_capture_on_commit_callbacks(execute=True):
        restriction.restriction_type = BaseViewRestriction.LOGIN
        restriction.save()
        restriction.groups.clear()
    restriction.refresh_from_db()
    assert restriction.restriction_type == BaseViewRestriction.GROUPS
    assert set(restriction.groups.values_list("name", flat=True)) == set(AREA_GROUP_NAMES)


def test_restrict_area_is_idempotent(steering_demo):
    assert restrict_area(steering_demo.area) is False
    assert PageViewRestriction.objects.filter(page=steering_demo.area).count() == 1


def test_deleting_the_area_deletes_its_restriction(
    steering_demo, django_capture_on_commit_callbacks
):
    area_id = steering_demo.area.pk
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=area_id).delete()
    assert not PageViewRestriction.objects.filter(page_id=area_id).exists()


def test_private_collection_is_restricted_and_unique(steering_demo):
    collection = private_collection()
    assert collection.pk == steering_demo.document.collection_id
    assert Collection.objects.filter(name=collection.name).count() == 1
    restriction = collection.get_view_restrictions().get()
    assert restriction.restriction_type == BaseViewRestriction.GROUPS
    assert set(restriction.groups.values_list("name", flat=True)) == set(AREA_GROUP_NAMES)


def test_meeting_document_must_come_from_a_private_collection(steering_demo, tmp_path):
    from django.core.files.base import ContentFile

    public = get_document_model()(title="Julkinen", collection=Collection.get_first_root_node())
    public.file.save("julkinen.txt", ContentFile(b"julkinen"), save=True)
    attachment = MeetingDocument(page=steering_demo.meeting, document=public)
    with pytest.raises(ValidationError) as error:
        attachment.full_clean()
    assert "document" in error.value.message_dict
    MeetingDocument(page=steering_demo.meeting, document=steering_demo.document).full_clean()


# --- pages ----------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, steering_demo):
    for url in _private_urls(steering_demo):
        language = url.split("/")[1] if url.startswith(("/sv/", "/en/")) else "fi"
        _assert_sign_in_redirect(client.get(url), url, language)


@pytest.mark.parametrize("groups", [[NETWORK_PARTNERS], []])
def test_signed_in_users_without_the_role_get_a_403_page(
    steering_demo, make_account, sign_in, groups
):
    client = _signed_in(sign_in, make_account("outsider@example.org", groups=groups))
    for url in _private_urls(steering_demo):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "steering/forbidden.html" in [t.name for t in response.templates]
        text = response.content.decode()
        assert steering_demo.meeting.title not in text
        assert "Kokouksen avaus" not in text
        assert "no-cache" in response["Cache-Control"]
    finnish = client.get(steering_demo.area.url).content.decode()
    assert "Ei pääsyä ohjausryhmän sivuille" in finnish
    with translation.override("en"):
        english = client.get(steering_demo.areas["en"].url).content.decode()
    assert "No access to the steering group area" in english


@pytest.mark.parametrize("role", ["steering_user", "staff_user", "admin_user"])
def test_steering_group_staff_and_admins_see_the_area(steering_demo, sign_in, request, role):
    client = _signed_in(sign_in, request.getfixturevalue(role))
    area = client.get(steering_demo.area.url)
    assert area.status_code == 200
    assert steering_demo.meeting.title in area.content.decode()
    meeting = client.get(steering_demo.meeting.url)
    assert meeting.status_code == 200
    text = meeting.content.decode()
    assert "Kokouksen avaus" in text
    assert steering_demo.document.url in text
    assert "noindex" in text
    assert "no-cache" in meeting["Cache-Control"] or "private" in meeting["Cache-Control"]


def test_project_staff_without_mfa_see_the_area(steering_demo, staff_user_without_mfa, sign_in):
    client = _signed_in(sign_in, staff_user_without_mfa)
    assert client.get(steering_demo.meeting.url).status_code == 200


def test_wagtail_front_end_sign_in_leads_to_allauth(client, steering_demo):
    response = client.get("/_util/login/?next=/ohjausryhma/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/ohjausryhma/"


def test_signing_in_returns_to_the_area(client, steering_demo, steering_user, sign_in):
    url = steering_demo.meeting.url
    response = sign_in(client, steering_user, next_url=url)
    assert response["Location"] == url
    assert client.get(url).status_code == 200


# --- documents ------------------------------------------------------------------------------


def test_private_document_for_anonymous_partner_and_steering(
    client, steering_demo, partner_user, steering_user, sign_in
):
    url = steering_demo.document.url
    assert url.startswith("/documents/")
    _assert_sign_in_redirect(client.get(url), url)

    partner = _signed_in(sign_in, partner_user)
    refused = partner.get(url)
    assert refused.status_code == 403
    assert b"%PDF" not in refused.content

    member = _signed_in(sign_in, steering_user)
    served = member.get(url)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith(("inline", "attachment"))
    assert steering_demo.document.filename in served["Content-Disposition"]
    # A member's copy never lands in a shared cache or proxy.
    assert "private" in served["Cache-Control"]
    assert b"".join(served.streaming_content).startswith(b"%PDF-")


def test_document_file_is_not_reachable_under_media(client, steering_demo, settings):
    name = steering_demo.document.file.name
    assert name.startswith("documents/")
    assert client.get(settings.MEDIA_URL + name).status_code == 404


def test_development_server_serves_images_but_never_documents(settings):
    from portal.urls import debug_media_patterns

    settings.DEBUG = True
    patterns = debug_media_patterns()
    assert any(p.resolve("media/images/kuva.jpg") for p in patterns)
    assert any(p.resolve("media/original_images/kuva.jpg") for p in patterns)
    assert not any(p.resolve("media/documents/poytakirja.pdf") for p in patterns)
    assert not any(p.resolve("media/poytakirja.pdf") for p in patterns)
    settings.DEBUG = False
    assert debug_media_patterns() == []


def test_staff_in_the_admin_and_steering_members_share_one_restriction(steering_demo):
    groups = {g.name for g in PageViewRestriction.objects.get(page=steering_demo.area).groups.all()}
    assert groups == {STEERING_GROUP, PROJECT_STAFF}


# --- the serving hook's shortcut --------------------------------------------------------


def test_public_pages_cost_the_hook_no_query(steering_demo, django_assert_num_queries):
    from steering.privacy import may_be_restricted

    about = Page.objects.get(slug="hankkeesta")
    assert may_be_restricted(steering_demo.meeting)  # fills the cache
    with django_assert_num_queries(0):
        assert not may_be_restricted(about)
        assert may_be_restricted(steering_demo.area)


def test_a_new_restriction_or_a_move_is_seen_at_once(steering_demo, client):
    from steering.privacy import may_be_restricted

    about = Page.objects.get(slug="hankkeesta")
    assert not may_be_restricted(about)
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=BaseViewRestriction.LOGIN
    )
    assert may_be_restricted(about)
    restriction.delete()
    assert not may_be_restricted(about)
    # Moving a public page into the area makes it private.
    about.move(steering_demo.area, pos="last-child")
    about.refresh_from_db()
    assert may_be_restricted(about)
    response = client.get(about.url)
    assert response.status_code == 302
