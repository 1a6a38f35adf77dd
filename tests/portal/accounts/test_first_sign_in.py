"""Small faults of the sign-in: no colon after "Muista minut", and a new staff member is not
asked for the password again right after signing in ("Vahvista pääsy")."""

from django.urls import reverse


def test_the_remember_me_label_has_no_colon(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert "Muista minut" in html
    assert "Muista minut:" not in html


def test_a_new_staff_member_goes_from_sign_in_to_the_authenticator_setup(
    client, staff_user_without_mfa, sign_in
):
    sign_in(client, staff_user_without_mfa)
    admin = client.get("/admin/")
    assert admin.status_code == 302
    assert admin["Location"].startswith(reverse("mfa_activate_totp"))
    setup = client.get(admin["Location"])
    assert setup.status_code == 200, setup.get("Location")  # no "confirm it is you" first
