"""The invitation lifecycle: staff invite, the email carries a one-time link, the invitee
creates the account; expired, revoked, used and forged links get a clear page."""

import hashlib
import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from portal.accounts.models import Invitation
from portal.accounts.roles import NETWORK_PARTNERS, PROJECT_STAFF, STEERING_GROUP
from portal.accounts.services import invitation_create

BASE_URL = "https://keko.example.fi"
GOOD_PASSWORD = "Vahva-Salasana-Tuusula-7"
LINK = re.compile(r"https?://\S+/accounts/invitation/[\w-]+/")


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.BASE_URL = BASE_URL


@pytest.fixture
def staff_client(staff_user, sign_in):
    client = Client()
    sign_in(client, staff_user)
    return client


def invite(client, email="new.partner@example.org", role="partner", language="en"):
    return client.post(
        reverse("invitations:add"),
        {"email": email, "role": role, "language": language},
    )


def link_in(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(0)


def path_of(link: str) -> str:
    assert link.startswith(BASE_URL)
    return link[len(BASE_URL) :]


def accept(client, link, **overrides):
    data = {
        "first_name": "Pia",
        "last_name": "Partneri",
        "password1": GOOD_PASSWORD,
        "password2": GOOD_PASSWORD,
        **overrides,
    }
    return client.post(path_of(link), data)


@pytest.fixture
def sent_link(db):
    """An English partner invitation sent by the service (not through the admin)."""
    invitation_create(email="Pia.Partner@Example.org", role="partner", language="en")
    return link_in(mail.outbox[-1])


def test_staff_invite_from_the_admin_sends_an_absolute_link(staff_client, staff_user):
    mail.outbox.clear()
    response = invite(staff_client, email="New.Partner@Example.org", role="steering")

    assert response.status_code == 302
    assert response["Location"] == reverse("invitations:index")
    invitation = Invitation.objects.get()
    assert invitation.email == "new.partner@example.org"
    assert invitation.role == "steering"
    assert invitation.invited_by == staff_user
    assert invitation.is_pending
    days = (invitation.expires_at - invitation.created).days
    assert days == 7

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.partner@example.org"]
    assert "KEKO" in message.subject
    link = link_in(message)
    assert link.startswith(f"{BASE_URL}/en/accounts/invitation/")
    assert "Steering group member" in message.body

    # Only a hash of the token is stored.
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not Invitation.objects.filter(token_hash=token).exists()

    listing = staff_client.get(reverse("invitations:index"))
    assert b"new.partner@example.org" in listing.content


def test_the_invitation_language_decides_the_link_language(staff_client):
    mail.outbox.clear()
    invite(staff_client, email="svensk@example.org", language="sv")
    invite(staff_client, email="suomi@example.org", language="fi")
    assert path_of(link_in(mail.outbox[0])).startswith("/sv/accounts/invitation/")
    assert path_of(link_in(mail.outbox[1])).startswith("/accounts/invitation/")


def test_staff_cannot_invite_an_existing_user_or_a_pending_address(staff_client, partner_user):
    response = invite(staff_client, email=partner_user.email.upper())
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not Invitation.objects.exists()

    invite(staff_client, email="twice@example.org")
    response = invite(staff_client, email="twice@example.org")
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert Invitation.objects.count() == 1


def test_accepting_creates_a_verified_user_in_the_role_and_signs_in(client, sent_link):
    page = client.get(path_of(sent_link))
    assert page.status_code == 200
    assert b"pia.partner@example.org" in page.content
    assert b'<label for="id_first_name">' in page.content

    response = accept(client, sent_link)

    user = get_user_model().objects.get(email="pia.partner@example.org")
    assert user.get_full_name() == "Pia Partneri"
    assert list(user.groups.values_list("name", flat=True)) == [NETWORK_PARTNERS]
    assert user.check_password(GOOD_PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert address.verified and address.primary
    assert client.session["_auth_user_id"] == str(user.pk)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/"
    invitation = Invitation.objects.get()
    assert invitation.accepted_at is not None
    assert invitation.accepted_user == user

    overview = client.get(response["Location"])
    assert b"Welcome! Your account is ready." in overview.content
    assert b"Network partners" in overview.content


def test_the_new_user_signs_in_with_email_and_password(sent_link, sign_in):
    accept(Client(), sent_link)
    user = get_user_model().objects.get(email="pia.partner@example.org")
    user.test_password, user.totp_secret = GOOD_PASSWORD, None
    sign_in(Client(), user)


def test_form_errors_keep_what_was_typed(client, sent_link):
    response = accept(client, sent_link, password2="something-else-entirely")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Pia"' in content
    assert 'value="Partneri"' in content
    assert 'id="id_password2_error"' in content
    assert 'aria-invalid="true"' in content
    assert not get_user_model().objects.filter(email="pia.partner@example.org").exists()

    response = accept(client, sent_link, password1="12345", password2="12345")
    assert response.status_code == 200
    assert 'id="id_password1_error"' in response.content.decode()
    assert Invitation.objects.get().is_pending


def test_a_used_link_cannot_be_used_again(sent_link):
    accept(Client(), sent_link)
    again = Client()
    response = again.get(path_of(sent_link))
    assert response.status_code == 410
    assert b"already been used" in response.content
    response = accept(again, sent_link, first_name="Mallory")
    assert response.status_code == 410
    assert get_user_model().objects.filter(email="pia.partner@example.org").count() == 1
    assert "_auth_user_id" not in again.session


def test_an_expired_link_shows_the_expired_page(client, sent_link):
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(path_of(sent_link))
    assert response.status_code == 410
    assert b"The invitation has expired" in response.content
    assert accept(client, sent_link).status_code == 410
    assert not get_user_model().objects.filter(email="pia.partner@example.org").exists()


def test_staff_revoke_an_invitation_and_its_link_stops_working(staff_client, sent_link):
    invitation = Invitation.objects.get()
    revoke_url = reverse("invitations:revoke", args=[invitation.pk])
    confirm = staff_client.get(revoke_url)
    assert confirm.status_code == 200
    assert b"pia.partner@example.org" in confirm.content

    response = staff_client.post(revoke_url)
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked

    visitor = Client()
    response = visitor.get(path_of(sent_link))
    assert response.status_code == 410
    assert b"withdrawn" in response.content
    assert accept(visitor, sent_link).status_code == 410
    assert not get_user_model().objects.filter(email="pia.partner@example.org").exists()


def test_resend_sends_a_new_link_and_retires_the_old_one(staff_client, sent_link):
    invitation = Invitation.objects.get()
    Invitation.objects.update(expires_at=timezone.now() - timedelta(days=1))
    mail.outbox.clear()

    response = staff_client.post(reverse("invitations:resend", args=[invitation.pk]))

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    new_link = link_in(mail.outbox[0])
    assert new_link != sent_link
    invitation.refresh_from_db()
    assert invitation.is_pending
    visitor = Client()
    assert visitor.get(path_of(sent_link)).status_code == 404
    assert visitor.get(path_of(new_link)).status_code == 200


@pytest.mark.parametrize("token", ["forged-token", "x" * 43, "a" * 500])
def test_a_forged_link_shows_the_invalid_link_page(client, sent_link, token):
    response = client.get(f"/en/accounts/invitation/{token}/")
    assert response.status_code == 404
    assert b"The link is not valid" in response.content
    response = client.post(
        f"/en/accounts/invitation/{token}/",
        {"first_name": "X", "last_name": "Y", "password1": "a", "password2": "a"},
    )
    assert response.status_code == 404


def test_a_signed_in_user_is_asked_to_sign_out_first(partner_user, sign_in, sent_link):
    client = Client()
    sign_in(client, partner_user)
    response = client.get(path_of(sent_link))
    assert response.status_code == 200
    assert b"You are already signed in" in response.content
    assert Invitation.objects.get().is_pending


def test_an_invited_staff_member_goes_to_the_admin_and_is_sent_to_mfa_setup(db):
    invitation_create(email="staff.new@example.org", role="staff", language="en")
    client = Client()
    response = accept(client, link_in(mail.outbox[-1]))
    user = get_user_model().objects.get(email="staff.new@example.org")
    assert list(user.groups.values_list("name", flat=True)) == [PROJECT_STAFF]
    assert response["Location"] == "/admin/"
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    # The password was chosen a moment ago: the setup page opens without asking for it again.
    response = client.get(response["Location"])
    assert response.status_code == 200


def test_partners_cannot_manage_invitations(partner_user, sign_in, sent_link):
    client = Client()
    sign_in(client, partner_user)
    invitation = Invitation.objects.get()
    response = client.post(reverse("invitations:revoke", args=[invitation.pk]))
    assert response.status_code == 403
    assert not Invitation.objects.get().revoked
    assert invite(client).status_code == 403


def test_steering_group_invitation_gives_the_steering_role(client, db):
    invitation_create(email="ohjaus@example.org", role="steering", language="fi")
    accept(client, link_in(mail.outbox[-1]))
    user = get_user_model().objects.get(email="ohjaus@example.org")
    assert list(user.groups.values_list("name", flat=True)) == [STEERING_GROUP]


def test_the_admin_list_shows_status_and_offers_resend_and_revoke(staff_client, staff_user):
    pending = invitation_create(email="pending@example.org", role="partner", language="fi")
    used = invitation_create(email="used@example.org", role="partner", language="fi")
    Invitation.objects.filter(pk=used.pk).update(accepted_at=timezone.now())
    content = staff_client.get(reverse("invitations:index")).content.decode()
    with translation.override("fi"):
        assert str(Invitation.Status.PENDING.label) in content
        assert str(Invitation.Status.ACCEPTED.label) in content
    assert reverse("invitations:revoke", args=[pending.pk]) in content
    assert reverse("invitations:resend", args=[pending.pk]) in content
    assert reverse("invitations:revoke", args=[used.pk]) not in content
    assert reverse("invitations:resend", args=[used.pk]) not in content
    # The admin menu (rendered from JSON by Wagtail's sidebar) offers the invitations.
    assert '"/admin/invitations/"' in staff_client.get("/admin/").content.decode()


def test_the_admin_list_query_count_does_not_grow_with_invitations(
    staff_client, staff_user, django_assert_num_queries
):
    invitation_create(
        email="first@example.org", role="partner", language="fi", invited_by=staff_user
    )
    staff_client.get(reverse("invitations:index"))  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        staff_client.get(reverse("invitations:index"))
    for number in range(10):
        invitation_create(
            email=f"more{number}@example.org", role="steering", language="sv", invited_by=staff_user
        )
    with django_assert_num_queries(len(one.captured_queries)):
        response = staff_client.get(reverse("invitations:index"))
    assert response.content.decode().count("@example.org") >= 11
