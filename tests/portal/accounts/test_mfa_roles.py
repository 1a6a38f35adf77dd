"""Two-factor authentication is offered to every role and required of the roles the
operator lists in KEKO_MFA_REQUIRED_ROLES (by default staff only, for the admin)."""

import pytest
from django.urls import reverse


@pytest.fixture
def steering_client(client, steering_user, sign_in):
    sign_in(client, steering_user)
    return client


def test_by_default_a_steering_member_is_offered_but_not_required_mfa(steering_client):
    assert steering_client.get("/en/").status_code == 200
    overview = steering_client.get(reverse("account_overview"))
    assert reverse("mfa_index").encode() in overview.content


def test_a_required_role_is_sent_to_set_up_an_authenticator(steering_client, settings):
    settings.KEKO_MFA_REQUIRED_ROLES = ["staff", "steering"]
    response = steering_client.get("/en/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    # The setup page itself (or allauth's "confirm it is you" before it) stays open: no loop.
    setup = steering_client.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200 or not setup["Location"].startswith(
        reverse("mfa_activate_totp")
    )


def test_a_role_not_listed_is_not_asked(client, partner_user, sign_in, settings):
    settings.KEKO_MFA_REQUIRED_ROLES = ["staff", "steering"]
    sign_in(client, partner_user)
    assert client.get("/en/").status_code == 200
