"""Oversized form bodies and over-long URLs get the site's translated error page."""

from django.test import Client


def test_an_oversized_form_body_gets_the_site_page(db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = "email=" + "a" * 20_000
    response = Client().post(
        "/en/newsletter/subscribe/",
        body,
        content_type="application/x-www-form-urlencoded",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert '<main id="main-content"' in html
    assert "The request could not be handled" in html


def test_an_oversized_body_is_answered_in_finnish_on_finnish_pages(db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = Client().post(
        "/newsletter/subscribe/",
        "email=" + "a" * 20_000,
        content_type="application/x-www-form-urlencoded",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 400
    assert "Pyyntöä ei voitu käsitellä" in response.content.decode()


def test_an_over_long_url_gets_the_site_page(db):
    response = Client().get("/en/" + "a" * 5000)
    assert response.status_code == 414
    html = response.content.decode()
    assert '<main id="main-content"' in html
    assert "The address is too long" in html
