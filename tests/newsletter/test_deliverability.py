"""What a receiving mail server checks: Message-IDs that never repeat, 7-bit text parts that
a relay cannot re-encode (a DKIM signature survives), https one-click unsubscribe links."""

import re

from newsletter.models import Send
from newsletter.services.sending import send_run, send_start
from newsletter.services.subscriptions import subscription_request
from tests.newsletter.conftest import make_subscriber


def _send(issue, mailing_list):
    send, _ = send_start(issue=issue, mailing_list=mailing_list)
    send_run(send)
    return Send.objects.get(pk=send.pk)


def test_message_ids_are_random_per_send_not_row_numbers(smtp_sink, lists, issue):
    make_subscriber("anna@example.fi", lists["general"])
    make_subscriber("bo@example.fi", lists["partners"])
    first = _send(issue, lists["general"])
    second = _send(issue, lists["partners"])

    ids = [received.message["Message-ID"] for received in smtp_sink.messages]
    assert len(set(ids)) == 2
    assert first.message_key != second.message_key
    for send, message_id in ((first, ids[0]), (second, ids[1])):
        assert re.fullmatch(rf"<keko\.{send.message_key.hex}\.\d+@keko\.example\.fi>", message_id)
        assert f".{send.pk}." not in message_id.replace(send.message_key.hex, "")


def test_newsletter_and_confirmation_text_parts_are_quoted_printable(
    smtp_sink, lists, issue, django_capture_on_commit_callbacks
):
    make_subscriber("anna@example.fi", lists["general"])
    _send(issue, lists["general"])
    with django_capture_on_commit_callbacks(execute=True):
        subscription_request(
            email="uusi@example.fi",
            language="fi",
            lists=[lists["general"]],
            consent_text="Haluan uutiskirjeen.",
            consent_language="fi",
        )

    assert len(smtp_sink.messages) == 2
    for received in smtp_sink.messages:
        assert all(byte < 128 for byte in received.raw), "8-bit bytes in the message"
        parts = [part for part in received.message.walk() if not part.is_multipart()]
        assert {part["Content-Transfer-Encoding"] for part in parts} == {"quoted-printable"}
    assert "Yhdessä" in smtp_sink.to("anna@example.fi")[0].part("text/plain")


def test_one_click_unsubscribe_is_https_where_the_site_redirects_to_https(
    smtp_sink, lists, issue, settings
):
    settings.BASE_URL = "http://keko.example.fi"
    settings.SECURE_SSL_REDIRECT = True
    make_subscriber("anna@example.fi", lists["general"])
    _send(issue, lists["general"])

    [received] = smtp_sink.to("anna@example.fi")
    unsubscribe = received.message["List-Unsubscribe"].strip()
    assert unsubscribe.startswith("<https://keko.example.fi/newsletter/unsubscribe/")
    assert "http://" not in received.part("text/html")
    assert "http://" not in received.part("text/plain")
