"""Unsubscribe (RFC 8058 one-click) and the preferences page, reached by signed links."""

import re

import pytest

from newsletter import tokens
from newsletter.addresses import email_hash
from newsletter.models import ConsentRecord, Subscription, Suppression
from newsletter.services.sending import send_run, send_start
from tests.newsletter.conftest import make_subscriber


@pytest.fixture
def anna(lists):
    subscriber = make_subscriber("anna@example.fi", lists["general"])
    Subscription.objects.create(
        subscriber=subscriber, mailing_list=lists["partners"], status="confirmed"
    )
    return subscriber


def _status(subscriber, slug):
    return Subscription.objects.get(subscriber=subscriber, mailing_list__slug=slug).status


def test_one_click_post_from_the_email_header_unsubscribes_without_csrf(
    smtp_sink, lists, issue, anna
):
    from django.test import Client

    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    send_run(send)
    header = smtp_sink.to("anna@example.fi")[0].message["List-Unsubscribe"].strip()
    path = re.fullmatch(r"<https://keko\.example\.fi(/.+)>", header).group(1)

    mail_provider = Client(enforce_csrf_checks=True)  # no cookie, no token, no Origin
    response = mail_provider.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert _status(anna, "general") == "unsubscribed"
    assert _status(anna, "partners") == "confirmed"  # only the list of that email
    assert Suppression.objects.filter(
        email_hash=email_hash("anna@example.fi"), mailing_list=lists["general"]
    ).exists()


def test_get_only_asks(client, lists, anna):
    token = tokens.unsubscribe_token(anna, lists["general"])
    response = client.get(f"/newsletter/unsubscribe/{token}/")
    assert response.status_code == 200
    assert "Yleinen" in response.content.decode()
    assert 'method="post"' in response.content.decode()
    assert _status(anna, "general") == "confirmed"
    assert response["Cache-Control"].startswith("max-age=0")
    assert "X-Page-Cache" not in response


def test_unsubscribing_twice_is_harmless(client, lists, anna):
    url = f"/newsletter/unsubscribe/{tokens.unsubscribe_token(anna, lists['general'])}/"
    assert client.post(url).status_code == 200
    assert client.post(url).status_code == 200
    assert _status(anna, "general") == "unsubscribed"
    assert Suppression.objects.count() == 1


def test_unsubscribe_from_every_list(client, lists, anna):
    url = f"/newsletter/unsubscribe/{tokens.unsubscribe_token(anna)}/"
    assert client.post(url).status_code == 200
    assert {_status(anna, "general"), _status(anna, "partners")} == {"unsubscribed"}
    assert Suppression.objects.get().mailing_list is None


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "eyJrIjoiMTIzIiwibCI6ImdlbmVyYWwifQ:forged-signature-000000000000000000000",
    ],
)
def test_forged_unsubscribe_links_change_nothing(client, lists, anna, token):
    for method in (client.get, client.post):
        response = method(f"/newsletter/unsubscribe/{token}/")
        assert response.status_code == 400
        assert response.context["expired"] is False
    assert _status(anna, "general") == "confirmed"


def test_a_token_cannot_be_moved_to_another_subscriber_or_list(client, lists, anna):
    token = tokens.unsubscribe_token(anna, lists["general"])
    payload, signature = token.rsplit(":", 1)
    tampered = tokens.unsubscribe_token(anna, lists["partners"]).rsplit(":", 1)[0]
    response = client.post(f"/newsletter/unsubscribe/{tampered}:{signature}/")
    assert response.status_code == 400
    assert _status(anna, "partners") == "confirmed"


def test_unsubscribe_links_never_expire(client, lists, anna, settings):
    from datetime import timedelta

    settings.NEWSLETTER_CONFIRM_MAX_AGE = timedelta(seconds=-1)
    url = f"/newsletter/unsubscribe/{tokens.unsubscribe_token(anna, lists['general'])}/"
    assert client.post(url).status_code == 200
    assert _status(anna, "general") == "unsubscribed"


def test_preferences_page_changes_lists_and_language(client, lists, anna):
    url = f"/newsletter/preferences/{tokens.preferences_token(anna)}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "anna@example.fi" in page.content.decode()
    response = client.post(url, {"lists": ["partners"], "language": "sv"})
    assert response.status_code == 200
    anna.refresh_from_db()
    assert anna.language == "sv"
    assert _status(anna, "general") == "unsubscribed"
    assert _status(anna, "partners") == "confirmed"

    client.post(url, {"lists": ["partners", "general"], "language": "sv"})
    assert _status(anna, "general") == "confirmed"
    consent = ConsentRecord.objects.get(source="preferences")
    assert consent.list_slugs == ["general"] and consent.confirmed_at
    assert not Suppression.objects.filter(mailing_list=lists["general"]).exists()


def test_preferences_with_bad_input_keep_everything(client, lists, anna):
    url = f"/newsletter/preferences/{tokens.preferences_token(anna)}/"
    response = client.post(url, {"lists": ["nope"], "language": "xx"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"lists", "language"}
    assert _status(anna, "general") == _status(anna, "partners") == "confirmed"


def test_forged_preferences_link(client, lists, anna):
    assert client.get("/newsletter/preferences/abc:def/").status_code == 400
    token = tokens.preferences_token(anna)
    assert client.get(f"/newsletter/preferences/{token}x/").status_code == 400


def test_links_of_an_erased_subscriber_reveal_nothing(client, lists, anna):
    from newsletter.services.personal_data import erase_subscriber

    unsubscribe = f"/newsletter/unsubscribe/{tokens.unsubscribe_token(anna, lists['general'])}/"
    preferences = f"/newsletter/preferences/{tokens.preferences_token(anna)}/"
    erase_subscriber("anna@example.fi")
    assert client.post(unsubscribe).status_code == 200
    assert client.get(preferences).status_code == 400


def test_subscribing_again_through_double_opt_in_lifts_an_unsubscribe(client, lists, anna):
    """Only the person's own confirmed request brings them back; other lists stay off."""
    from newsletter.services import subscriptions

    client.post(f"/newsletter/unsubscribe/{tokens.unsubscribe_token(anna)}/")
    consent = ConsentRecord.objects.create(
        subscriber=anna,
        source="form",
        list_slugs=["general"],
        consent_text="x",
        language="fi",
        newsletter_language="fi",
    )
    subscriptions.confirm_subscription(subscriber_key=anna.key.hex, consent_id=consent.pk)
    assert _status(anna, "general") == "confirmed"
    assert _status(anna, "partners") == "unsubscribed"
    remaining = Suppression.objects.get(email_hash=email_hash("anna@example.fi"))
    assert remaining.mailing_list == lists["partners"]
