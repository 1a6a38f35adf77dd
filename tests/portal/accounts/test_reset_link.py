"""Links in account emails come from BASE_URL, never from the request's Host header."""

import re

from django.core import mail
from django.urls import reverse

BASE_URL = "https://keko.example.fi"


def test_password_reset_link_uses_the_configured_base_url(partner_user, client, settings):
    settings.BASE_URL = BASE_URL
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    mail.outbox.clear()
    response = client.post(
        reverse("account_reset_password"),
        {"email": partner_user.email},
        HTTP_HOST="127.0.0.1:9999",
    )
    assert response.status_code == 302
    body = mail.outbox[-1].body
    links = re.findall(r"https?://\S+", body)
    assert links and all(link.startswith(BASE_URL + "/") for link in links), body
    assert "/accounts/password/reset/key/" in body
    assert "9999" not in body and "testserver" not in body
