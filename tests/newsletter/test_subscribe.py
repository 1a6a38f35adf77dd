"""The subscribe form: double opt-in, no enumeration, rate limits, bad input, caching."""

import re
from datetime import timedelta

import pytest
from django.utils import translation
from django.utils.html import escape

from newsletter.addresses import MSG_INVALID, MSG_LINE_BREAK
from newsletter.forms import CONSENT_TEXT
from newsletter.models import ConsentRecord, Subscriber, Subscription
from tests.newsletter.conftest import SAME_ORIGIN, make_subscriber

URL = "/newsletter/subscribe/"


def _post(client, capture, data, **headers):
    with capture(execute=True):
        return client.post(URL, data, **{**SAME_ORIGIN, **headers})


def _form(email="liisa@example.fi", lists=("general",), language="fi", consent="on"):
    data = {"email": email, "lists": list(lists), "language": language}
    if consent:
        data["consent"] = consent
    return data


def _confirm_link(received):
    """The path of the confirmation link in the text part."""
    pattern = r"https://keko\.example\.fi((?:/[a-z]{2})?/newsletter/confirm/[^/\s]+/)"
    return re.search(pattern, received.part("text/plain")).group(1)


def _in(language, text):
    with translation.override(language):
        return str(text)


def test_the_form_page_is_cacheable_and_carries_no_token(client, lists):
    first = client.get(URL)
    assert first.status_code == 200
    html = first.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert not first.cookies
    assert 'name="consent"' in html and "Yleinen" in html and "Kumppanit" in html
    assert first["X-Page-Cache"] == "miss"
    assert client.get(URL)["X-Page-Cache"] == "hit"


def test_subscribe_page_queries_are_fixed(client, lists, django_assert_num_queries):
    """Five queries of the site shell (site, settings, navigation) and one for the lists,
    however many lists there are. The page cache is cleared before each count."""
    from django.core.cache import cache

    from newsletter.models import MailingList

    cache.clear()
    with django_assert_num_queries(6):
        client.get(URL)
    for n in range(5):
        MailingList.objects.create(slug=f"extra-{n}", name_fi=f"Lista {n}")
    cache.clear()
    with django_assert_num_queries(6):
        html = client.get(URL).content.decode()
    assert "Lista 4" in html


def test_double_opt_in(client, smtp_sink, lists, django_capture_on_commit_callbacks):
    response = _post(client, django_capture_on_commit_callbacks, _form())
    assert response.status_code == 303
    assert response["Location"] == "/newsletter/subscribe/check-your-inbox/"
    subscription = Subscription.objects.get(subscriber__email="liisa@example.fi")
    assert subscription.status == "pending"

    [received] = smtp_sink.to("liisa@example.fi")
    assert received.message["Subject"] == _in(
        "fi", translation.gettext_lazy("Confirm your subscription to the KEKO newsletter")
    )
    link = _confirm_link(received)
    page = client.get(link)
    assert page.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == "pending"  # opening the link (a link scanner) is not enough

    confirmed = client.post(link)
    assert confirmed.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == "confirmed" and subscription.confirmed_at
    consent = ConsentRecord.objects.get(subscriber__email="liisa@example.fi")
    assert consent.confirmed_at and consent.list_slugs == ["general"]
    assert consent.consent_text == _in("fi", CONSENT_TEXT)
    assert consent.language == "fi" and consent.newsletter_language == "fi"


def test_confirming_twice_is_harmless(client, smtp_sink, lists, django_capture_on_commit_callbacks):
    _post(client, django_capture_on_commit_callbacks, _form())
    link = _confirm_link(smtp_sink.to("liisa@example.fi")[0])
    client.post(link)
    again = client.post(link)
    assert again.status_code == 200
    assert Subscription.objects.filter(status="confirmed").count() == 1
    assert ConsentRecord.objects.filter(confirmed_at__isnull=False).count() == 1


def test_known_and_unknown_addresses_get_the_same_answer(
    client, smtp_sink, lists, django_capture_on_commit_callbacks
):
    make_subscriber("known@example.fi", lists["general"])
    known = _post(client, django_capture_on_commit_callbacks, _form(email="known@example.fi"))
    unknown = _post(client, django_capture_on_commit_callbacks, _form(email="new@example.fi"))
    assert known.status_code == unknown.status_code == 303
    assert known["Location"] == unknown["Location"]
    assert known.content == unknown.content
    assert client.get(known["Location"]).content == client.get(unknown["Location"]).content
    # Both addresses get a confirmation email; only their owners learn anything.
    assert len(smtp_sink.to("known@example.fi")) == len(smtp_sink.to("new@example.fi")) == 1


def test_double_submission_sends_one_email(
    client, smtp_sink, lists, django_capture_on_commit_callbacks
):
    _post(client, django_capture_on_commit_callbacks, _form())
    second = _post(client, django_capture_on_commit_callbacks, _form())
    assert second.status_code == 303
    assert len(smtp_sink.to("liisa@example.fi")) == 1
    assert Subscriber.objects.count() == 1
    assert Subscription.objects.count() == 1
    assert ConsentRecord.objects.count() == 1


@pytest.mark.parametrize(
    "raw, message",
    [
        ("liisa@example.fi\r\nBcc: victim@example.com", MSG_LINE_BREAK),
        ("liisa@example.fi\nSubject: spam", MSG_LINE_BREAK),
        ("liisa@example.fi%0aBcc:x@example.com", MSG_INVALID),
    ],
)
def test_header_injection_is_refused_and_the_form_keeps_the_input(
    client, smtp_sink, lists, django_capture_on_commit_callbacks, raw, message
):
    response = _post(client, django_capture_on_commit_callbacks, _form(email=raw))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert escape(_in("fi", message)) in html
    assert 'value="liisa@example.fi' in html  # what was typed is still there
    assert 'value="general" id="id_lists_0" checked' in html
    assert Subscriber.objects.count() == 0
    assert smtp_sink.messages == []


@pytest.mark.parametrize("raw", ["not-an-address", "a@b", "@example.fi", "x" * 300 + "@e.fi"])
def test_malformed_addresses_get_a_clear_message(client, lists, raw):
    response = client.post(URL, _form(email=raw), **SAME_ORIGIN)
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert Subscriber.objects.count() == 0


def test_missing_consent_and_lists_are_explained(client, lists):
    response = client.post(URL, _form(lists=(), consent=None), **SAME_ORIGIN)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"lists", "consent"}


def test_unknown_list_is_refused(client, lists):
    response = client.post(URL, _form(lists=("secret",)), **SAME_ORIGIN)
    assert response.status_code == 400
    assert "lists" in response.context["form"].errors


def test_non_public_list_cannot_be_subscribed_from_the_form(client, lists):
    lists["partners"].public = False
    lists["partners"].save()
    response = client.post(URL, _form(lists=("partners",)), **SAME_ORIGIN)
    assert response.status_code == 400


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "https://evil.example.com"},
        {"HTTP_REFERER": "https://evil.example.com/page"},
    ],
)
def test_cross_site_posts_are_refused(client, lists, headers):
    response = client.post(URL, _form(), **headers)
    assert response.status_code == 403
    assert Subscriber.objects.count() == 0
    assert 'value="liisa@example.fi"' in response.content.decode()


def test_same_origin_by_origin_or_referer_is_accepted(
    client, smtp_sink, lists, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        by_origin = client.post(URL, _form(), HTTP_ORIGIN="http://testserver")
        by_referer = client.post(
            URL, _form(email="b@example.fi"), HTTP_REFERER="http://testserver/uutiskirje/"
        )
    assert by_origin.status_code == by_referer.status_code == 303


def test_rate_limit_per_ip(client, smtp_sink, lists, settings, django_capture_on_commit_callbacks):
    settings.NEWSLETTER_RATE_PER_IP = (3, 3600)
    for n in range(3):
        response = _post(
            client, django_capture_on_commit_callbacks, _form(email=f"p{n}@example.fi")
        )
        assert response.status_code == 303
    refused = _post(client, django_capture_on_commit_callbacks, _form(email="p9@example.fi"))
    assert refused.status_code == 429
    assert (
        escape(
            _in(
                "fi",
                translation.gettext_lazy(
                    "Too many subscribe attempts from your network. Try again in an hour."
                ),
            )
        )
        in refused.content.decode()
    )
    assert not Subscriber.objects.filter(email="p9@example.fi").exists()
    other_ip = client.post(URL, _form(email="p8@example.fi"), REMOTE_ADDR="10.1.2.3", **SAME_ORIGIN)
    assert other_ip.status_code == 303


def test_rate_limit_per_address_sends_no_more_mail(
    client, smtp_sink, lists, settings, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_RATE_PER_ADDRESS = (2, 3600)
    settings.NEWSLETTER_DUPLICATE_WINDOW = timedelta(0)
    answers = []
    for n in range(4):
        answers.append(
            _post(
                client,
                django_capture_on_commit_callbacks,
                _form(language=["fi", "sv", "en", "fi"][n]),
                REMOTE_ADDR=f"10.0.0.{n}",
            )
        )
    assert {a.status_code for a in answers} == {303}  # the same answer every time
    assert len(smtp_sink.to("liisa@example.fi")) == 2


def test_expired_confirmation_link(
    client, smtp_sink, lists, settings, django_capture_on_commit_callbacks
):
    _post(client, django_capture_on_commit_callbacks, _form())
    link = _confirm_link(smtp_sink.to("liisa@example.fi")[0])
    settings.NEWSLETTER_CONFIRM_MAX_AGE = timedelta(seconds=-1)
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 400
        assert response.context["expired"] is True
    assert Subscription.objects.get().status == "pending"


@pytest.mark.parametrize("token", ["forged", "eyJrIjoiMSIsImMiOjF9:1tA:forgedsignature", "a" * 500])
def test_forged_confirmation_link(client, lists, token):
    response = client.post(f"/newsletter/confirm/{token}/")
    assert response.status_code == 400
    assert response.context["expired"] is False


def test_confirmation_link_for_another_purpose_is_refused(client, subscriber_factory, lists):
    from newsletter import tokens

    subscriber = subscriber_factory("x@example.fi", lists["general"])
    unsubscribe = tokens.unsubscribe_token(subscriber, lists["general"])
    assert client.post(f"/newsletter/confirm/{unsubscribe}/").status_code == 400


def test_confirmation_email_is_in_the_language_of_the_form(
    client, smtp_sink, lists, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/newsletter/subscribe/", _form(language="en"), **SAME_ORIGIN)
    [received] = smtp_sink.to("liisa@example.fi")
    assert received.message["Subject"] == "Confirm your subscription to the KEKO newsletter"
    assert "/en/newsletter/confirm/" in received.part("text/plain")
    assert "General" in received.part("text/html")


def test_a_new_list_shows_on_the_cached_form_at_once(client, lists):
    from newsletter.models import MailingList

    client.get(URL)
    assert client.get(URL)["X-Page-Cache"] == "hit"
    MailingList.objects.create(slug="events", name_fi="Tapahtumat")
    response = client.get(URL)
    assert response["X-Page-Cache"] == "miss"
    assert "Tapahtumat" in response.content.decode()
