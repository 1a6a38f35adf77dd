"""The admin's door: staff need two-factor authentication, everyone else gets a clear 403."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse
from django.utils import translation

from portal.accounts.roles import PROJECT_STAFF
from tests.conftest import totp_code

# Fixtures are requested by name (getfixturevalue): the marker orders these tests with the
# other database tests, before transactional ones flush what migrations created.
pytestmark = pytest.mark.django_db

SECRET_FIELD = re.compile(r'id="authenticator_secret"[^>]*?value="([A-Z2-7=]+)"')


def finnish(msgid: str) -> bytes:
    """The admin's URLs carry no language prefix, so its pages are in Finnish (the default):
    the text a user sees is the Finnish translation of the message."""
    with translation.override("fi"):
        return translation.gettext(msgid).encode()


def next_of(response):
    return parse_qs(urlsplit(response["Location"]).query).get("next", [None])[0]


def test_anonymous_visitors_go_to_sign_in_with_next(client, db):
    response = client.get("/admin/pages/?q=x")
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("account_login")
    assert next_of(response) == "/admin/pages/?q=x"


def test_staff_sign_in_with_a_real_totp_code_and_reach_the_admin(client, staff_user):
    response = client.get("/admin/pages/")
    login_url = response["Location"]
    assert client.get(login_url).status_code == 200

    response = client.post(
        login_url, {"login": staff_user.email, "password": staff_user.test_password}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # the password alone is not enough

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(staff_user.totp_secret)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.session["_auth_user_id"] == str(staff_user.pk)
    assert client.get("/admin/pages/").status_code == 200


def test_a_totp_code_works_only_once(staff_user):
    code = totp_code(staff_user.totp_secret)
    first, second = Client(), Client()
    for browser in (first, second):
        browser.post(
            reverse("account_login"),
            {"login": staff_user.email, "password": staff_user.test_password},
        )
    assert first.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    response = second.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200
    assert "_auth_user_id" not in second.session


def test_a_recovery_code_also_signs_staff_in(client, staff_user):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    recovery = RecoveryCodes(Authenticator.objects.get(user=staff_user, type="recovery_codes"))
    code = recovery.get_unused_codes()[0]
    client.post(
        reverse("account_login"), {"login": staff_user.email, "password": staff_user.test_password}
    )
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    used = Authenticator.objects.get(pk=recovery.instance.pk)
    assert code not in RecoveryCodes(used).get_unused_codes()


@pytest.mark.parametrize("fixture", ["staff_user_without_mfa", "superuser_without_mfa"])
def test_admins_without_mfa_are_sent_to_authenticator_setup(request, sign_in, fixture):
    user = request.getfixturevalue(fixture)
    client = Client()
    sign_in(client, user)
    response = client.get("/admin/images/")
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/accounts/2fa/totp/activate/"
    assert next_of(response) == "/admin/images/"
    page = client.get(response["Location"], follow=True)
    assert (
        finnish(
            "The admin is protected by two-factor authentication. "
            "Set up an authenticator app to continue."
        )
        in page.content
    )


@pytest.fixture
def superuser_without_mfa(make_account):
    return make_account("root@example.org", groups=[PROJECT_STAFF], superuser=True)


def test_setting_up_totp_with_a_real_code_opens_the_admin(staff_user_without_mfa, sign_in):
    user = staff_user_without_mfa
    client = Client()
    sign_in(client, user)
    activate_url = client.get("/admin/")["Location"]

    # The password was typed a moment ago at sign-in: no second "confirm it is you" (it
    # used to ask, "Vahvista pääsy"); the page shows the secret and its QR code at once...
    page = client.get(activate_url)
    assert page.status_code == 200

    # ...and the app's code activates it.
    secret = SECRET_FIELD.search(page.content.decode()).group(1)
    assert b'src="data:image/svg+xml;base64,' in page.content
    response = client.post("/accounts/2fa/totp/activate/", {"code": "123456"})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=user).exists()
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert set(Authenticator.objects.filter(user=user).values_list("type", flat=True)) == {
        "totp",
        "recovery_codes",
    }

    codes_page = client.get(response["Location"])
    assert codes_page.status_code == 200
    assert finnish("Continue to the admin") in codes_page.content
    # Setting up the app in this session proved the second factor: no second code asked.
    assert client.get("/admin/").status_code == 200

    # Next time the password alone is not enough.
    later = Client()
    user.totp_secret = secret
    sign_in(later, user)
    assert later.get("/admin/").status_code == 200


def test_a_session_without_the_second_factor_must_confirm_a_code(staff_user):
    """A session signed in before the authenticator existed (here: force_login) is asked for a
    code before the admin opens."""
    client = Client()
    client.force_login(staff_user)
    response = client.get("/admin/documents/")
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/accounts/2fa/reauthenticate/"
    assert next_of(response) == "/admin/documents/"

    response = client.post(response["Location"], {"code": totp_code(staff_user.totp_secret)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/documents/"
    assert client.get("/admin/documents/").status_code == 200


@pytest.mark.parametrize("fixture", ["partner_user", "steering_user"])
def test_partners_and_steering_group_get_a_clear_403_not_a_login_loop(request, sign_in, fixture):
    client = Client()
    sign_in(client, request.getfixturevalue(fixture))
    for path in ("/admin/", "/admin/pages/", "/admin/api/main/pages/"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert finnish("No access to the admin") in response.content
        text = "The admin is for the KEKO project staff. Your account does not give access to it."
        assert finnish(text) in response.content
        assert '<main id="main-content"' in response.content.decode()


def test_a_plain_user_without_a_role_gets_403(make_account, sign_in):
    client = Client()
    sign_in(client, make_account("nobody@example.org"))
    assert client.get("/admin/").status_code == 403


def test_staff_land_in_the_admin_after_signing_in(client, staff_user, sign_in):
    response = sign_in(client, staff_user)
    assert response["Location"] == "/admin/"


def test_wagtails_account_page_links_to_sign_in_security(client, staff_user, sign_in):
    sign_in(client, staff_user)
    content = client.get("/admin/account/").content.decode()
    for name in ("mfa_index", "usersessions_list", "account_change_password"):
        assert f'href="{reverse(name)}"' in content, name
