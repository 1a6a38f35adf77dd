"""Users see where they are signed in and can end their other sessions."""

from django.test import Client
from django.urls import reverse
from django.utils import translation


def test_my_account_lists_email_mfa_status_and_links(partner_user, sign_in):
    client = Client()
    sign_in(client, partner_user)
    response = client.get("/en/accounts/")
    content = response.content.decode()
    assert response.status_code == 200
    assert partner_user.email in content
    assert "Network partners" in content
    assert "Off." in content
    for name in ("account_email", "account_change_password", "mfa_index", "usersessions_list"):
        with translation.override("en"):
            assert f'href="{reverse(name)}"' in content, name


def test_my_account_shows_mfa_on_for_staff(staff_user, sign_in):
    client = Client()
    sign_in(client, staff_user)
    content = client.get("/en/accounts/").content.decode()
    assert "On: an authenticator app is in use." in content
    assert 'href="/admin/"' in content


def test_sessions_are_listed_and_other_sessions_can_be_ended(partner_user, sign_in):
    laptop = Client(HTTP_USER_AGENT="KEKO laptop browser")
    phone = Client(HTTP_USER_AGENT="KEKO phone browser")
    sign_in(laptop, partner_user)
    sign_in(phone, partner_user)

    listing = laptop.get("/en/accounts/sessions/")
    assert listing.status_code == 200
    assert listing.context["session_count"] == 2
    assert b"KEKO laptop browser" in listing.content
    assert b"KEKO phone browser" in listing.content
    assert b"Current" in listing.content

    response = laptop.post("/en/accounts/sessions/")
    assert response.status_code == 302

    # The phone's session is gone; the laptop stays signed in.
    assert phone.get("/en/accounts/").status_code == 302
    assert "_auth_user_id" not in phone.session
    assert laptop.get("/en/accounts/").status_code == 200
    listing = laptop.get("/en/accounts/sessions/")
    assert listing.context["session_count"] == 1
    assert b"KEKO phone browser" not in listing.content


def test_signing_out_from_the_only_session(partner_user, sign_in):
    client = Client()
    sign_in(client, partner_user)
    listing = client.get("/en/accounts/sessions/")
    assert listing.context["session_count"] == 1
    assert b'action="/en/accounts/logout/"' in listing.content
    client.post("/en/accounts/logout/")
    assert "_auth_user_id" not in client.session
