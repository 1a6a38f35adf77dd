"""Signing in: by email only, verified addresses only, no public sign-up, Wagtail's own sign-in
and password reset lead to allauth's, and allauth's pages render inside the site shell."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from portal.accounts.roles import NETWORK_PARTNERS, STEERING_GROUP

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_partner_signs_in_with_email_and_lands_on_the_front_page(client, partner_user):
    response = client.post(
        "/en/accounts/login/", {"login": partner_user.email, "password": partner_user.test_password}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_user_id(client) == str(partner_user.pk)


def _landing_message(client, email, password, path="/accounts/login/?next=/accounts/") -> str:
    response = client.post(path, {"login": email, "password": password}, follow=True)
    assert response.status_code == 200
    return " ".join(m.get_text() for m in _messages(response))


def _messages(response):
    return BeautifulSoup(response.content, "html.parser").select(".message")


def test_a_partner_who_signs_in_is_told_what_they_can_now_see(client, partner_user):
    text = _landing_message(client, partner_user.email, partner_user.test_password)
    assert "Verkostokumppanina näet nyt" in text
    assert "vain kumppaneille" in text
    assert "ohjausryhmän" not in text.lower()


def test_a_steering_member_is_pointed_to_the_steering_area(client, make_account):
    user = make_account("sari@example.org", groups=[STEERING_GROUP])
    text = _landing_message(
        client, user.email, user.test_password, "/sv/accounts/login/?next=/sv/accounts/"
    )
    assert "Styrgruppens område" in text


def test_email_is_case_insensitive(client, partner_user):
    client.post(
        "/en/accounts/login/",
        {"login": partner_user.email.upper(), "password": partner_user.test_password},
    )
    assert signed_in_user_id(client) == str(partner_user.pk)


def test_a_username_is_not_a_way_in(client, make_account):
    user = make_account("pia@example.org", groups=[NETWORK_PARTNERS])
    get_user_model().objects.filter(pk=user.pk).update(username="pia")
    response = client.post("/en/accounts/login/", {"login": "pia", "password": user.test_password})
    assert response.status_code == 200
    assert "login" in response.context["form"].errors
    assert signed_in_user_id(client) is None


def test_wrong_password_is_refused_with_a_message_next_to_the_form(client, partner_user):
    response = client.post(
        "/en/accounts/login/", {"login": partner_user.email, "password": "not-the-password"}
    )
    assert response.status_code == 200
    assert b"not correct" in response.content
    assert b'class="form-errors" role="alert"' in response.content
    assert signed_in_user_id(client) is None


def test_an_unverified_email_cannot_sign_in(client, make_account):
    user = make_account("unverified@example.org", groups=[NETWORK_PARTNERS], verified=False)
    mail.outbox.clear()
    response = client.post(
        "/en/accounts/login/", {"login": user.email, "password": user.test_password}
    )
    assert signed_in_user_id(client) is None
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    # allauth sends a new verification link instead.
    assert [message.to for message in mail.outbox] == [[user.email]]
    assert client.get("/en/accounts/").status_code == 302


@pytest.mark.parametrize("method", ["get", "post"])
def test_sign_up_is_closed_with_a_clear_page(client, db, method):
    data = {"email": "me@example.org", "password1": "x" * 12, "password2": "x" * 12}
    response = getattr(client, method)("/en/accounts/signup/", data if method == "post" else None)
    assert response.status_code == 200
    assert b"Sign-up is by invitation only" in response.content
    assert not get_user_model().objects.filter(email="me@example.org").exists()


def test_the_login_page_offers_no_sign_up(client, db):
    response = client.get("/en/accounts/login/")
    assert response.status_code == 200
    assert b"/accounts/signup/" not in response.content
    assert b"invitation" in response.content


def test_wagtail_login_redirects_to_allauth_keeping_next(client, db):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


def test_credentials_posted_to_wagtails_login_do_not_sign_in(client, staff_user):
    response = client.post(
        "/admin/login/", {"username": staff_user.email, "password": staff_user.test_password}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert signed_in_user_id(client) is None


def test_wagtail_password_reset_redirects_to_allauth(client, db):
    response = client.get("/admin/password_reset/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/"


def test_password_reset_sends_a_link_to_a_known_address(client, partner_user):
    mail.outbox.clear()
    response = client.post("/en/accounts/password/reset/", {"email": partner_user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/en/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.parametrize(
    "path",
    ["/en/accounts/login/", "/en/accounts/password/reset/", "/en/accounts/signup/"],
)
def test_allauth_pages_render_inside_the_site_shell(client, db, path):
    response = client.get(path)
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in content
    assert 'class="skip-link"' in content
    main = content.split('<main id="main-content"', 1)[1].split("</main>", 1)[0]
    assert main.count("<h1") == 1
    assert content.count("<h1") == 1
    assert not INLINE_SCRIPT.search(content)


def test_login_form_fields_are_labelled(client, db):
    content = client.get("/en/accounts/login/").content.decode()
    for field in ("login", "password"):
        assert f'<label for="id_{field}">' in content
        assert f'id="id_{field}"' in content


def test_signed_in_pages_render_inside_the_shell_without_inline_script(partner_user, sign_in):
    client = Client()
    sign_in(client, partner_user)
    paths = (
        "/en/accounts/",
        "/en/accounts/sessions/",
        "/en/accounts/2fa/",
        "/en/accounts/email/",
        "/en/accounts/password/change/",
    )
    for path in paths:
        response = client.get(path)
        content = response.content.decode()
        assert response.status_code == 200, path
        assert '<main id="main-content"' in content, path
        assert content.count("<h1") == 1, path
        assert not INLINE_SCRIPT.search(content), path
