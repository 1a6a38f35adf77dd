"""Subscriber CSV import/export, a person's data export and erasure (services and commands)."""

import csv
import io
import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newsletter.addresses import email_hash
from newsletter.models import ConsentRecord, Delivery, Subscriber, Subscription, Suppression
from newsletter.services.personal_data import erase_subscriber, subscriber_data
from newsletter.services.sending import send_run, send_start
from newsletter.services.subscriber_csv import ImportFailed, export_csv, import_csv
from newsletter.services.subscriptions import unsubscribe
from tests.newsletter.conftest import make_subscriber

BASIS = "Asked at the partner workshop on 12 May 2026"


def _line_of(error: str) -> int:
    """The line number an import error starts with ("Line 3: …", "Rivi 3: …")."""
    return int(re.match(r"\w+ (\d+): ", error).group(1))


def _csv(*lines):
    return ("\n".join(lines) + "\n").encode()


def test_import_adds_confirmed_subscribers_with_their_basis(lists):
    result = import_csv(
        _csv(
            "email,language,lists", "Anna@Example.fi,sv,general partners", "bo@example.fi,,general"
        ),
        basis=BASIS,
    )
    assert (result.new_subscribers, result.subscriptions_added) == (2, 3)
    anna = Subscriber.objects.get(email="anna@example.fi")
    assert anna.language == "sv"
    assert set(anna.subscriptions.values_list("status", flat=True)) == {"confirmed"}
    consent = ConsentRecord.objects.get(subscriber=anna)
    assert consent.source == "import" and consent.consent_text == BASIS
    assert consent.list_slugs == ["general", "partners"]
    assert Subscriber.objects.get(email="bo@example.fi").language == "fi"


def test_semicolons_and_a_byte_order_mark_are_understood(lists):
    data = "\ufeffEmail;Lists\nanna@example.fi;partners\n".encode()
    assert import_csv(data, basis=BASIS).subscriptions_added == 1


def test_import_is_all_or_nothing_with_numbered_translated_errors(lists):
    data = _csv(
        "email,language,lists",
        "good@example.fi,fi,general",
        "not-an-address,fi,general",
        "other@example.fi,de,general",
        "third@example.fi,fi,nosuchlist",
        "good@example.fi,fi,partners",
        "",
        "fourth@example.fi,fi,",
    )
    with pytest.raises(ImportFailed) as failure:
        import_csv(data, basis=BASIS)
    errors = failure.value.errors
    assert [_line_of(error) for error in errors] == [3, 4, 5, 6, 8]
    assert "not-an-address" in errors[0]
    assert "de" in errors[1]
    assert "nosuchlist" in errors[2]
    assert " 2" in errors[3].split(":", 1)[1]
    assert Subscriber.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"name,lists\nx,general\n",
        b"\xff\xfe\x00bad",
        b"email\n",
        b"email\nok@example.fi\n\x00",
    ],
)
def test_broken_files_import_nothing(lists, data):
    with pytest.raises(ImportFailed) as failure:
        import_csv(data, basis=BASIS)
    assert failure.value.errors
    assert Subscriber.objects.count() == 0


def test_import_never_resubscribes_someone_who_left(lists):
    left = make_subscriber("left@example.fi", lists["general"])
    unsubscribe(subscriber=left, list_slug="general")
    pending = make_subscriber("pending@example.fi", lists["general"], status="pending")
    result = import_csv(
        _csv("email,lists", "left@example.fi,general partners", "pending@example.fi,general"),
        basis=BASIS,
    )
    assert result.left_off_unsubscribed == 1
    assert Subscription.objects.get(subscriber=left, mailing_list__slug="general").status == (
        "unsubscribed"
    )
    # Leaving one list says nothing about another.
    assert Subscription.objects.get(subscriber=left, mailing_list__slug="partners").status == (
        "confirmed"
    )
    assert Subscription.objects.get(subscriber=pending).status == "confirmed"


def test_import_after_erasure_or_restore_does_not_bring_anyone_back(lists):
    person = make_subscriber("gone@example.fi", lists["general"])
    unsubscribe(subscriber=person, list_slug=None)
    assert erase_subscriber("gone@example.fi")
    # An old export (taken before the unsubscribe) is imported again, e.g. after a restore.
    result = import_csv(_csv("email,lists", "gone@example.fi,general partners"), basis=BASIS)
    assert result.left_off_unsubscribed == 2 and result.subscriptions_added == 0
    assert not Subscription.objects.filter(subscriber__email="gone@example.fi").exists()


def test_export_then_import_round_trip(lists):
    make_subscriber("a@example.fi", lists["general"], language="en")
    b = make_subscriber("b@example.fi", lists["general"])
    unsubscribe(subscriber=b, list_slug="general")
    make_subscriber("=cmd@example.fi", lists["partners"])
    stream = io.StringIO()
    assert export_csv(stream) == 3
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    by_email = {row["email"]: row for row in rows}
    assert by_email["a@example.fi"]["lists"] == "general"
    assert by_email["a@example.fi"]["language"] == "en"
    assert by_email["b@example.fi"]["unsubscribed_lists"] == "general"
    assert "'=cmd@example.fi" in by_email  # a spreadsheet shows it as text, never runs it

    Subscription.objects.all().delete()
    Subscriber.objects.all().delete()
    with pytest.raises(ImportFailed):  # b has no confirmed list: said clearly, nothing done
        import_csv(stream.getvalue().encode(), basis=BASIS)
    kept = [r for r in rows if r["lists"]]
    again = io.StringIO()
    writer = csv.DictWriter(again, fieldnames=rows[0].keys())
    writer.writeheader()
    writer.writerows(kept)
    result = import_csv(again.getvalue().encode(), basis=BASIS)
    assert result.subscriptions_added == 2
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "a@example.fi",
        "=cmd@example.fi",
    }
    assert not Subscriber.objects.filter(email="b@example.fi").exists()


def test_person_data_export_holds_everything(smtp_sink, lists, issue):
    person = make_subscriber("anna@example.fi", lists["general"])
    ConsentRecord.objects.create(
        subscriber=person,
        source="form",
        list_slugs=["general"],
        consent_text="Kyllä",
        language="fi",
    )
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    send_run(send)
    data = subscriber_data("anna@example.fi")
    assert data["subscriber"]["language"] == "fi"
    assert data["subscriptions"][0]["list"] == "general"
    assert data["consents"][0]["consent_text"] == "Kyllä"
    assert data["deliveries"][0]["issue"] == "KEKO käynnistyy"
    assert data["deliveries"][0]["status"] == "sent"
    json.dumps(data)  # JSON-ready
    assert subscriber_data("nobody@example.fi") is None


def test_erasure_removes_the_person_and_keeps_the_counts(smtp_sink, lists, issue):
    person = make_subscriber("anna@example.fi", lists["general"])
    make_subscriber("bo@example.fi", lists["general"])
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    send_run(send)
    assert erase_subscriber("anna@example.fi")
    assert not Subscriber.objects.filter(pk=person.pk).exists()
    assert not ConsentRecord.objects.filter(subscriber_id=person.pk).exists()
    assert Delivery.objects.filter(send=send, subscriber=None, status="sent").count() == 1
    assert send.counts()["sent"] == 2
    entry = Suppression.objects.get(email_hash=email_hash("anna@example.fi"))
    assert entry.mailing_list is None and entry.reason == "erased"
    assert "anna@example.fi" not in str(list(Suppression.objects.values()))
    assert not erase_subscriber("anna@example.fi")


def test_subscriber_data_command(lists):
    make_subscriber("anna@example.fi", lists["general"])
    out = io.StringIO()
    call_command("subscriber_data", "export", " Anna@Example.fi ", stdout=out)
    assert json.loads(out.getvalue())["subscriber"]["email"] == "anna@example.fi"
    call_command("subscriber_data", "erase", "anna@example.fi", stdout=io.StringIO())
    assert not Subscriber.objects.exists()
    with pytest.raises(CommandError):
        call_command("subscriber_data", "erase", "anna@example.fi")
    with pytest.raises(CommandError):
        call_command("subscriber_data", "export", "not an address")


def test_subscribers_csv_commands(lists, tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes(_csv("email,lists", "a@example.fi,general", "b@example.fi,partners"))
    out = io.StringIO()
    call_command("newsletter_subscribers", "import", str(source), "--basis", BASIS, stdout=out)
    assert "2 new subscribers" in out.getvalue()
    target = tmp_path / "out.csv"
    call_command("newsletter_subscribers", "export", "--output", str(target), stderr=io.StringIO())
    assert "a@example.fi" in target.read_text(encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_csv("email,lists", "x@example.fi,general", "broken,general"))
    with pytest.raises(CommandError, match=r"\w+ 3: "):
        call_command("newsletter_subscribers", "import", str(bad), "--basis", BASIS)
    assert not Subscriber.objects.filter(email="x@example.fi").exists()
    with pytest.raises(CommandError):
        call_command("newsletter_subscribers", "import", str(source))  # no basis given
