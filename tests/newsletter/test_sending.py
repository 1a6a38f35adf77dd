"""Sending an issue over real SMTP: headers, parts, links, language, exactly once."""

import re
from collections import Counter

import pytest

from newsletter.models import Delivery, Send, Subscription
from newsletter.services import sending
from newsletter.services.sending import SendBusy, send_run, send_start
from tests.newsletter.conftest import BASE_URL, make_subscriber


def _addresses(n, prefix="reader"):
    return [f"{prefix}{i:03d}@example.fi" for i in range(n)]


def _subscribe_all(addresses, mailing_list, language="fi"):
    return [make_subscriber(a, mailing_list, language=language) for a in addresses]


def test_each_message_carries_one_click_unsubscribe_and_both_parts(smtp_sink, lists, issue):
    make_subscriber("anna@example.fi", lists["general"])
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    report = send_run(send)

    assert report.sent == 1 and report.finished
    [received] = smtp_sink.to("anna@example.fi")
    message = received.message
    unsubscribe = message["List-Unsubscribe"].strip()
    assert re.fullmatch(rf"<{re.escape(BASE_URL)}/newsletter/unsubscribe/[^/>]+/>", unsubscribe)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Subject"] == "KEKO käynnistyy"
    assert message.get_content_type() == "multipart/alternative"
    html = received.part("text/html")
    text = received.part("text/plain")
    assert "<style" not in html  # the stylesheet was inlined, not sent along
    assert 'style="' in html and "Tilannekuva 1 etenee" in html
    assert "Tilannekuva 1 etenee" in text and "<p>" not in text
    assert "> Yhdessä enemmän." in text


def test_every_link_is_absolute_and_none_tracks(smtp_sink, lists, issue, news_page):
    make_subscriber("anna@example.fi", lists["general"])
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    send_run(send)
    [received] = smtp_sink.to("anna@example.fi")
    html = received.part("text/html")
    links = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert links
    assert all(link.startswith(("https://", "http://")) for link in links), links
    assert f"{BASE_URL}/hanke-kaynnistyi/" in links  # internal page link and news item
    assert f"{BASE_URL}/uutiskirje/keko-kaynnistyy/" in links  # read on the web
    assert "https://www.ttl.fi/" in links
    text = received.part("text/plain")
    assert f"{BASE_URL}/uutiskirje/keko-kaynnistyy/" in text
    assert "TTL:n sivuilta (https://www.ttl.fi/)" in text
    # No open or click tracking: no image beacons, links go straight to their targets.
    assert "<img" not in html
    assert not any("track" in link or "?utm" in link for link in links)


def test_subscribers_get_the_issue_in_their_language(smtp_sink, lists, english_issue, issue):
    make_subscriber("fi@example.fi", lists["general"], language="fi")
    make_subscriber("en@example.fi", lists["general"], language="en")
    make_subscriber("sv@example.fi", lists["general"], language="sv")
    send, _ = send_start(issue=english_issue, mailing_list=lists["general"])
    assert send.issue_id == issue.pk  # recorded against the Finnish original
    send_run(send)

    english = smtp_sink.to("en@example.fi")[0]
    assert english.message["Subject"] == "KEKO gets going"
    assert "Situational picture 1 is under way." in english.part("text/html")
    assert "Unsubscribe" in english.part("text/plain")
    assert "/en/newsletter/unsubscribe/" in english.message["List-Unsubscribe"]

    finnish = smtp_sink.to("fi@example.fi")[0]
    assert finnish.message["Subject"] == "KEKO käynnistyy"
    # No Swedish translation: the Finnish issue, with Swedish links and footer.
    swedish = smtp_sink.to("sv@example.fi")[0]
    assert swedish.message["Subject"] == "KEKO käynnistyy"
    assert "/sv/newsletter/unsubscribe/" in swedish.message["List-Unsubscribe"]


def test_only_confirmed_subscribers_of_the_list_receive_it(smtp_sink, lists, issue):
    make_subscriber("confirmed@example.fi", lists["general"])
    make_subscriber("pending@example.fi", lists["general"], status="pending")
    make_subscriber("left@example.fi", lists["general"], status="unsubscribed")
    make_subscriber("partner@example.fi", lists["partners"])
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    send_run(send)
    assert smtp_sink.recipients() == ["confirmed@example.fi"]


def test_one_smtp_connection_per_batch(smtp_sink, lists, issue):
    _subscribe_all(_addresses(7), lists["general"])
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    report = send_run(send, batch_size=3)
    assert report.sent == 7 and report.batches == 3
    assert report.connections == 3
    assert smtp_sink.sessions == 3
    assert len({m.peer for m in smtp_sink.messages}) == 3


def test_running_a_finished_send_again_sends_nothing(smtp_sink, lists, issue):
    _subscribe_all(_addresses(4), lists["general"])
    send, created = send_start(issue=issue, mailing_list=lists["general"])
    assert created
    send_run(send, batch_size=2)
    assert len(smtp_sink.messages) == 4
    smtp_sink.clear()

    again, created = send_start(issue=issue, mailing_list=lists["general"])
    assert not created and again.pk == send.pk
    report = send_run(again)
    assert report.sent == 0 and report.finished
    assert smtp_sink.messages == []
    assert Send.objects.get(pk=send.pk).status == Send.Status.DONE


def test_a_subscriber_on_two_lists_gets_the_issue_once(smtp_sink, lists, issue):
    both = make_subscriber("both@example.fi", lists["general"])
    Subscription.objects.create(subscriber=both, mailing_list=lists["partners"], status="confirmed")
    make_subscriber("partner@example.fi", lists["partners"])
    for mailing_list in lists.values():
        send, _ = send_start(issue=issue, mailing_list=mailing_list)
        send_run(send)
    assert Counter(smtp_sink.recipients()) == {"both@example.fi": 1, "partner@example.fi": 1}


def test_stopping_between_batches_then_resuming_sends_each_once(smtp_sink, lists, issue):
    addresses = _addresses(10)
    _subscribe_all(addresses, lists["general"])
    send, _ = send_start(issue=issue, mailing_list=lists["general"])

    first = send_run(send, batch_size=4, max_batches=1)  # the worker stops after one batch
    assert first.sent == 4 and not first.finished
    assert Send.objects.get(pk=send.pk).status == Send.Status.INTERRUPTED

    resumed = send_run(send, batch_size=4)
    assert resumed.sent == 6 and resumed.finished
    assert Counter(smtp_sink.recipients()) == Counter(addresses)  # everyone exactly once
    assert send_run(send).sent == 0
    assert len(smtp_sink.messages) == 10


class WorkerDied(Exception):
    pass


def test_crash_after_handover_is_never_sent_twice(smtp_sink, lists, issue, monkeypatch):
    """The worker dies after the server accepted the 3rd message and before recording it."""
    addresses = _addresses(8)
    _subscribe_all(addresses, lists["general"])
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    handed_over = []

    def die_on_third(delivery):
        handed_over.append(delivery.pk)
        if len(handed_over) == 3:
            raise WorkerDied

    monkeypatch.setattr(sending, "after_handover", die_on_third)
    with pytest.raises(WorkerDied):
        send_run(send, batch_size=5)
    monkeypatch.undo()
    assert len(smtp_sink.messages) == 3

    resumed = send_run(send, batch_size=5)
    assert resumed.recovered_uncertain == 1
    assert resumed.sent == 5 and resumed.finished
    assert Counter(smtp_sink.recipients()) == Counter(addresses)  # each address exactly once
    uncertain = Delivery.objects.get(send=send, status=Delivery.Status.UNCERTAIN)
    assert uncertain.pk == handed_over[2]
    assert send.counts()["sent"] == 7


def test_crash_with_a_refusal_in_the_batch_resends_nobody(smtp_sink, lists, issue, monkeypatch):
    """The journal records refusals too: the row after a refused one is not mistaken for
    the message in flight, and the refused one stays failed."""
    addresses = _addresses(6)
    _subscribe_all(addresses, lists["general"])
    smtp_sink.refuse.add(addresses[1])
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    handed_over = []

    def die_on_third_accepted(delivery):
        handed_over.append(delivery.pk)
        if len(handed_over) == 3:
            raise WorkerDied

    monkeypatch.setattr(sending, "after_handover", die_on_third_accepted)
    with pytest.raises(WorkerDied):
        send_run(send, batch_size=6)
    monkeypatch.undo()
    assert Delivery.objects.filter(send=send, status="sending").count() == 6  # nothing recorded
    resumed = send_run(send, batch_size=6)
    assert resumed.recovered_uncertain == 1 and resumed.sent == 2
    received = Counter(smtp_sink.recipients())
    assert received == Counter(addresses[:1] + addresses[2:])  # each accepted address once
    counts = send.counts()
    assert (counts["sent"], counts["failed"], counts["uncertain"]) == (4, 1, 1)
    assert Delivery.objects.get(send=send, status="uncertain").pk == handed_over[2]


def test_without_the_journal_a_dead_batch_is_uncertain_not_resent(
    smtp_sink, lists, issue, monkeypatch, settings
):
    addresses = _addresses(7)
    _subscribe_all(addresses, lists["general"])
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    handed_over = []

    def die_on_second(delivery):
        handed_over.append(delivery.pk)
        if len(handed_over) == 2:
            raise WorkerDied

    monkeypatch.setattr(sending, "after_handover", die_on_second)
    with pytest.raises(WorkerDied):
        send_run(send, batch_size=4)
    monkeypatch.undo()
    # The worker "died on another host": the resuming one does not see its journal.
    settings.NEWSLETTER_JOURNAL_DIR = settings.NEWSLETTER_JOURNAL_DIR + "-elsewhere"
    resumed = send_run(send, batch_size=4)
    assert resumed.recovered_uncertain == 4 and resumed.sent == 3 and resumed.finished
    assert Counter(smtp_sink.recipients()) == Counter(addresses[:2] + addresses[4:])
    assert max(Counter(smtp_sink.recipients()).values()) == 1  # nobody twice


def test_a_finished_batch_leaves_no_journal_behind(smtp_sink, lists, issue, settings):
    from pathlib import Path

    _subscribe_all(_addresses(5), lists["general"])
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    assert send_run(send, batch_size=2).sent == 5
    assert list(Path(settings.NEWSLETTER_JOURNAL_DIR).glob("*.log")) == []


def test_an_unwritable_journal_stops_before_sending(smtp_sink, lists, issue, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.NEWSLETTER_JOURNAL_DIR = str(blocker / "journal")
    _subscribe_all(_addresses(3), lists["general"])
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    with pytest.raises(sending.SendInterrupted, match="journal"):
        send_run(send)
    assert smtp_sink.messages == []
    assert send.counts()["pending"] == 3


def test_a_second_worker_cannot_send_the_same_send_at_once(smtp_sink, lists, issue, monkeypatch):
    _subscribe_all(_addresses(3), lists["general"])
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    attempts = []

    def try_a_second_worker(delivery):
        if not attempts:
            with pytest.raises(SendBusy):
                send_run(Send.objects.get(pk=send.pk))
            attempts.append(True)

    monkeypatch.setattr(sending, "after_handover", try_a_second_worker)
    report = send_run(send)
    assert attempts and report.sent == 3
    assert len(smtp_sink.messages) == 3


def test_refused_recipient_is_recorded_and_the_rest_go_out(smtp_sink, lists, issue):
    _subscribe_all(["ok1@example.fi", "gone@example.fi", "ok2@example.fi"], lists["general"])
    smtp_sink.refuse.add("gone@example.fi")
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    report = send_run(send)
    assert report.sent == 2 and report.failed == 1 and report.finished
    failed = Delivery.objects.get(send=send, status="failed")
    assert failed.subscriber.email == "gone@example.fi" and "550" in failed.error
    assert sorted(smtp_sink.recipients()) == ["ok1@example.fi", "ok2@example.fi"]


def test_who_unsubscribes_during_a_send_is_skipped(smtp_sink, lists, issue):
    stays, leaves = _subscribe_all(["stays@example.fi", "leaves@example.fi"], lists["general"])
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    Subscription.objects.filter(subscriber=leaves).update(status="unsubscribed")
    report = send_run(send)
    assert report.sent == 1 and report.skipped == 1
    assert smtp_sink.recipients() == ["stays@example.fi"]


def test_unpublished_issue_cannot_be_sent(lists, issue):
    issue.unpublish()
    with pytest.raises(sending.SendError):
        send_start(issue=issue, mailing_list=lists["general"])


def _queries_of_batches(send, batch_size, batches):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        send_run(Send.objects.get(pk=send.pk), batch_size=batch_size, max_batches=batches)
    return len(captured)


def test_queries_per_batch_do_not_grow_with_the_batch_or_the_list(
    smtp_sink, lists, issue, django_assert_num_queries
):
    """A batch costs the same few queries, whatever its size and the size of the list:
    claim UPDATE, SELECT the claimed rows, SELECT who is still confirmed, one UPDATE for
    the sent rows, the heartbeat."""
    _subscribe_all(_addresses(130), lists["general"])
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    send_run(send, batch_size=5, max_batches=1)  # renders and warms up
    per_batch = 5
    small_one = _queries_of_batches(send, 5, 1)
    small_three = _queries_of_batches(send, 5, 3)
    assert small_three - small_one == 2 * per_batch
    large_one = _queries_of_batches(send, 20, 1)
    large_three = _queries_of_batches(send, 20, 3)
    assert large_three - large_one == 2 * per_batch  # 20 messages a batch cost what 5 did
    assert large_one == small_one
    with django_assert_num_queries(small_one):
        send_run(Send.objects.get(pk=send.pk), batch_size=20, max_batches=1)
    assert Delivery.objects.filter(send=send, status="sent").count() == 5 + 5 + 15 + 20 + 60 + 20
    assert len(smtp_sink.messages) == 125


def test_a_refused_recipient_costs_one_more_query_per_batch_not_one_per_message(
    smtp_sink, lists, issue
):
    addresses = _addresses(30)
    _subscribe_all(addresses, lists["general"])
    for address in addresses[10:20:2]:
        smtp_sink.refuse.add(address)
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    send_run(send, batch_size=10, max_batches=1)  # warm up: ten accepted
    with_refusals = _queries_of_batches(send, 10, 1)  # five accepted, five refused
    without = _queries_of_batches(send, 10, 1)  # ten accepted
    assert with_refusals == without + 1
    counts = Send.objects.get(pk=send.pk).counts()
    assert counts["sent"] == 25 and counts["failed"] == 5
    assert "550" in Delivery.objects.filter(send=send, status="failed").first().error


def test_image_block_has_alt_text_and_an_absolute_address(
    smtp_sink, lists, issue, settings, tmp_path
):
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from wagtail.images.models import Image

    settings.MEDIA_ROOT = str(tmp_path)
    buffer = io.BytesIO()
    PillowImage.new("RGB", (800, 400), "#003a70").save(buffer, "PNG")
    image = Image.objects.create(
        title="Työpaja", file=ImageFile(io.BytesIO(buffer.getvalue()), name="tyopaja.png")
    )
    issue.body = [
        {
            "type": "image",
            "value": {"image": image.pk, "alt_text": "Työpajan osallistujat", "caption": "Työpaja"},
        }
    ]
    issue.save_revision().publish()
    make_subscriber("anna@example.fi", lists["general"])
    send_run(send_start(issue=issue, mailing_list=lists["general"])[0])
    received = smtp_sink.to("anna@example.fi")[0]
    html = received.part("text/html")
    match = re.search(r'<img [^>]*src="([^"]+)"[^>]*>', html)
    assert match and match.group(1).startswith(f"{BASE_URL}/media/images/")
    assert 'alt="Työpajan osallistujat"' in match.group(0)
    assert "[Työpaja]" in received.part("text/plain")


def test_unreachable_mail_server_leaves_everything_pending(smtp_sink, lists, issue, settings):
    from tests.newsletter.smtp_sink import free_port

    _subscribe_all(_addresses(3), lists["general"])
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    sink_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nothing listens there
    with pytest.raises(sending.SendInterrupted):
        send_run(send)
    send.refresh_from_db()
    assert send.status == Send.Status.INTERRUPTED and send.last_error
    assert send.counts()["pending"] == 3
    settings.EMAIL_PORT = sink_port
    assert send_run(send).sent == 3


def test_refused_sender_stops_without_losing_anyone(smtp_sink, lists, issue):
    addresses = _addresses(3)
    _subscribe_all(addresses, lists["general"])
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    smtp_sink.refuse_sender = True
    with pytest.raises(sending.SendInterrupted):
        send_run(send)
    assert send.counts()["pending"] == 3 and smtp_sink.messages == []
    smtp_sink.refuse_sender = False
    send_run(send)
    assert Counter(smtp_sink.recipients()) == Counter(addresses)


def test_a_line_break_in_the_title_cannot_inject_a_header(smtp_sink, lists, issue):
    """A title typed (or posted) with a line break is sent on one line: no extra header,
    no crash in the middle of a send."""
    issue.seo_title = "Uutiskirje 1\r\nBcc: everyone@example.org"
    issue.save_revision().publish()
    make_subscriber("anna@example.fi", lists["general"])
    report = send_run(send_start(issue=issue, mailing_list=lists["general"])[0])
    assert report.sent == 1
    [received] = smtp_sink.to("anna@example.fi")
    assert received.message["Subject"] == "Uutiskirje 1 Bcc: everyone@example.org"
    assert received.message["Bcc"] is None
    assert smtp_sink.recipients() == ["anna@example.fi"]
