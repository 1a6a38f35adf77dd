"""A worker that dies anywhere in a batch loses at most the one message in flight.

In-process: the worker's death is an exception raised at the moment under test (the real
worker killed with SIGKILL is in test_worker_crash.py). After the "crash" a second run
recovers the batch from its journal.
"""

from collections import Counter

import pytest

from newsletter.models import Delivery
from newsletter.services import journal, sending
from newsletter.services.sending import send_run, send_start
from tests.newsletter.conftest import make_subscriber


class WorkerDied(BaseException):
    """Not an Exception: nothing in the sender may catch a worker's death."""


def _subscribers(mailing_list, n):
    return [make_subscriber(f"crash{i:03d}@example.fi", mailing_list).email for i in range(n)]


def test_dying_after_the_claim_before_any_handover_loses_nobody(
    smtp_sink, lists, issue, monkeypatch
):
    """Killed between claiming a batch and handing its first message over (the batch
    boundary): nothing was sent, so nothing may be marked uncertain."""
    addresses = _subscribers(lists["general"], 6)
    send, _ = send_start(issue=issue, mailing_list=lists["general"])

    def dying_connection():
        raise WorkerDied

    with pytest.raises(WorkerDied):
        send_run(send, batch_size=4, connection_factory=dying_connection)
    assert Delivery.objects.filter(send=send, status="sending").count() == 4  # claimed

    resumed = send_run(send, batch_size=4)
    assert resumed.recovered_uncertain == 0
    assert resumed.finished and resumed.sent == 6
    assert Counter(smtp_sink.recipients()) == Counter(addresses)


def test_dying_while_the_batch_is_being_claimed_loses_nobody(smtp_sink, lists, issue, monkeypatch):
    """The claim and the journal are one step: there is no moment at which rows are claimed
    and their journal does not exist yet."""
    addresses = _subscribers(lists["general"], 5)
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    original = journal.Journal.__init__
    seen = []

    def journal_then_die(self, send_pk, claim):
        original(self, send_pk, claim)
        seen.append(Delivery.objects.filter(send=send, status="sending").count())
        raise WorkerDied

    monkeypatch.setattr(journal.Journal, "__init__", journal_then_die)
    with pytest.raises(WorkerDied):
        send_run(send, batch_size=5)
    monkeypatch.undo()
    # The journal is opened before any row is claimed.
    assert seen == [0]
    resumed = send_run(send, batch_size=5)
    assert resumed.recovered_uncertain == 0 and resumed.sent == 5
    assert Counter(smtp_sink.recipients()) == Counter(addresses)


def test_dying_at_the_second_batch_boundary_keeps_the_first_batch_and_loses_nobody(
    smtp_sink, lists, issue, monkeypatch
):
    addresses = _subscribers(lists["general"], 9)
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    opened = []

    def second_connection_dies():
        opened.append(1)
        if len(opened) == 2:
            raise WorkerDied
        return sending.newsletter_connection()

    with pytest.raises(WorkerDied):
        send_run(send, batch_size=4, connection_factory=second_connection_dies)
    assert len(smtp_sink.messages) == 4
    resumed = send_run(send, batch_size=4)
    assert resumed.recovered_uncertain == 0 and resumed.sent == 5 and resumed.finished
    assert Counter(smtp_sink.recipients()) == Counter(addresses)
