"""The fast per-batch serialisation gives the same message the ordinary way gives."""

import email
import email.policy

import pytest
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import sanitize_address

from newsletter.emails import IssueMessages, render_issue
from newsletter.smtp import NewsletterSMTPBackend, newsletter_connection, sanitized
from tests.newsletter.conftest import make_subscriber

COMPARED_HEADERS = [
    "To",
    "From",
    "Subject",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "List-Id",
    "Message-ID",
    "MIME-Version",
]


def _parse(data: bytes):
    return email.message_from_bytes(data, policy=email.policy.default)


def _parts(message):
    return {
        part.get_content_type(): part.get_content()
        for part in message.walk()
        if not part.is_multipart()
    }


def _both(messages, subscriber):
    built = messages.build(subscriber, message_id="<keko.newsletter.1.2@keko.example.fi>")
    assert built.prepared is not None
    fast = _parse(built.message().as_bytes(linesep="\r\n"))
    ordinary = _parse(EmailMultiAlternatives.message(built).as_bytes(linesep="\r\n"))
    return fast, ordinary


def test_prepared_bytes_equal_the_ordinary_message(lists, issue):
    messages = IssueMessages({"fi": render_issue(issue, "fi", lists["general"])}, lists["general"])
    for address in ("anna@example.fi", "bo.virtanen+news@sub.example.fi", "jörg@bücher.example"):
        subscriber = make_subscriber(address, lists["general"])
        fast, ordinary = _both(messages, subscriber)
        for name in COMPARED_HEADERS:
            assert str(fast[name]) == str(ordinary[name]), name
        assert _parts(fast) == _parts(ordinary)
        # The key shows only inside the signed preferences token ("<key>:<signature>").
        decoded = "".join(_parts(fast).values())
        assert decoded.count(subscriber.key.hex) == decoded.count(f"{subscriber.key.hex}:")
    assert fast["To"] == "jörg@xn--bcher-kva.example"  # as Django encodes it


def test_long_lines_and_links_wrapped_by_quoted_printable_still_fill_in(lists, issue):
    """Text parts are quoted-printable, whose soft line breaks may cut a link (and a
    placeholder) in two: the prepared message still carries each subscriber's own links."""
    issue.body = [{"type": "paragraph", "value": "<p>" + "pitkä rivi " * 120 + "</p>"}]
    issue.save_revision().publish()
    messages = IssueMessages({"fi": render_issue(issue, "fi", lists["general"])}, lists["general"])
    subscriber = make_subscriber("anna@example.fi", lists["general"])
    fast, ordinary = _both(messages, subscriber)
    assert fast["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert _parts(fast) == _parts(ordinary)
    text = fast.get_body(preferencelist=("plain",)).get_content()
    assert str(fast["List-Unsubscribe"]).strip().strip("<>") in text
    assert "pitkä rivi " * 10 in text


def test_text_parts_are_quoted_printable_with_short_lines(lists, issue):
    messages = IssueMessages({"fi": render_issue(issue, "fi", lists["general"])}, lists["general"])
    subscriber = make_subscriber("anna@example.fi", lists["general"])
    built = messages.build(subscriber, message_id="<keko.newsletter.1.4@keko.example.fi>")
    data = built.message().as_bytes(linesep="\r\n")
    parsed = _parse(data)

    encodings = [
        part["Content-Transfer-Encoding"] for part in parsed.walk() if not part.is_multipart()
    ]
    assert encodings == ["quoted-printable", "quoted-printable"]
    assert all(byte < 128 for byte in data)
    assert max(len(line) for line in data.split(b"\r\n")) <= 998
    body = data.split(b"\r\n\r\n", 1)[1]
    assert max(len(line) for line in body.split(b"\r\n")) <= 76


@pytest.mark.parametrize(
    "address",
    [
        "anna@example.fi",
        "a.b+lista@posti.example.fi",
        "o'hara@example.com",
        "KEKO <keko@localhost>",
        "Åsa Öberg <asa@example.se>",
        "ääkkönen@example.fi",
        "Anna@Example.FI",
        "keko@localhost",
    ],
)
def test_the_quick_address_path_gives_what_django_gives(address):
    assert sanitized(address, "utf-8") == sanitize_address(address, "utf-8")


def test_the_sender_uses_the_quicker_smtp_backend_only_in_place_of_djangos(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert isinstance(newsletter_connection(), NewsletterSMTPBackend)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert not isinstance(newsletter_connection(), NewsletterSMTPBackend)
