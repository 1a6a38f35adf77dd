"""Sending an issue to the confirmed subscribers of a list: idempotent and resumable.

How it works
------------
`send_start` creates one Send per (issue, list) and, in the same transaction, one Delivery
row per recipient (bulk inserts, unique per send and subscriber). A subscriber who already
got the issue through another list is left out, so everyone gets an issue once.

`send_run` (the background task, and `manage.py send_newsletter`) takes a lease on the send,
then repeats: claim the next batch of pending deliveries (one UPDATE), open ONE SMTP
connection, hand the messages over one by one, writing each outcome to the batch's journal
(`journal.py`: one line in a local file, no query) right after the server answered, and
record the batch's outcomes in the database in bulk at its end. A batch costs the same few
queries whatever its size. Memory stays flat: a batch is all that is ever loaded.

Crashes and the one-message window
----------------------------------
Between the server accepting a message and the journal line that records it there is a
window no SMTP client can close. The batch's journal is opened before its rows are claimed
(claim and journal are one step), and a `handing` line goes to it just before each message
goes to the server, its outcome right after. If the worker dies, the next run finds that
batch's rows still claimed and reads its journal: the outcomes in it are recorded, the one
row with a `handing` line and no outcome may have been delivered (it is marked `uncertain`
and NOT sent again), and every other row goes back to pending and is sent once. A worker
killed at a batch boundary has handed nothing over, so nothing is uncertain. (A batch whose
journal is gone, say the worker died on another host, is uncertain as a whole: still never
a duplicate.)

A worker that dies keeps its lease until the lease expires, unless the next worker runs on
the same host: the holder file beside the journal names the holding process (pid and start
time, `portal.processes`), and a dead holder's lease is taken over at once. The restarted
task worker (`manage.py db_worker`, `portal.task_recovery`) puts the dead worker's send
task back in the queue, so the send goes on by itself.

Running a finished send again finds nothing pending and sends nothing.
"""

import smtplib
import uuid
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from newsletter import conf
from newsletter.emails import IssueMessages, mail_domain, render_issue
from newsletter.models import Delivery, Send, Subscription
from newsletter.services import journal
from newsletter.smtp import newsletter_connection
from portal import processes
from portal.kernel.failures import error_fields, log_failure

Status = Delivery.Status
# Errors the server reports about one message; the connection stays usable.
MESSAGE_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError)
INSERT_CHUNK = 1000


class SendError(Exception):
    """A send cannot start or go on; the message is translated and meant for staff."""


class SendBusy(SendError):
    """Another worker holds the send's lease."""


class SendInterrupted(SendError):
    """The SMTP server could not be used; what is unsent stays pending for a resume."""


@dataclass
class RunReport:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    recovered_uncertain: int = 0
    batches: int = 0
    connections: int = 0
    finished: bool = False
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def canonical_issue(issue):
    """Sends are recorded against the issue in the default language, whichever translation
    staff started from, so the same issue is never sent twice through two translations."""
    issue = issue.specific
    default = Locale.get_default()
    if issue.locale_id != default.pk:
        original = issue.get_translation_or_none(default)
        if original is not None:
            return original.specific
    return issue


def send_start(*, issue, mailing_list, user=None) -> tuple[Send, bool]:
    """The send of `issue` to `mailing_list`, created with its deliveries if new.

    Returns (send, created). An existing send is returned as it is: starting a send twice
    adds no recipient and sends nothing new.
    """
    issue = canonical_issue(issue)
    if not issue.live:
        raise SendError(_("Publish the issue before sending it."))
    with transaction.atomic():
        send, created = Send.objects.get_or_create(
            issue=issue,
            mailing_list=mailing_list,
            defaults={"issue_title": issue.title[:255], "created_by": user},
        )
        if not created:
            return send, False
        recipients = (
            Subscription.objects.filter(
                mailing_list=mailing_list, status=Subscription.Status.CONFIRMED
            )
            .exclude(subscriber__deliveries__send__issue=issue)
            .order_by("subscriber_id")
            .values_list("subscriber_id", flat=True)
        )
        total, last_id = 0, 0
        while True:  # keyset pages: a fixed amount of memory whatever the list's size
            chunk = list(recipients.filter(subscriber_id__gt=last_id)[:INSERT_CHUNK])
            if not chunk:
                break
            Delivery.objects.bulk_create(
                [Delivery(send=send, subscriber_id=subscriber_id) for subscriber_id in chunk]
            )
            total += len(chunk)
            last_id = chunk[-1]
        send.total = total
        send.save(update_fields=["total"])
    return send, True


def _process_alive(identity: str) -> bool:
    return not processes.is_dead(identity)


def _acquire(send: Send, token: str, force: bool) -> None:
    now = timezone.now()
    candidates = Send.objects.filter(pk=send.pk)
    # Holders on this host that have died (SIGKILL, out of memory): their lease is void.
    dead = [held for held, who in journal.holders(send.pk).items() if not _process_alive(who)]
    if not force:
        stale = now - conf.get("NEWSLETTER_LEASE")
        candidates = candidates.filter(
            Q(runner_token="")
            | Q(heartbeat_at__isnull=True)
            | Q(heartbeat_at__lt=stale)
            | Q(runner_token__in=dead)
        )
    try:
        journal.write_holder(send.pk, token, processes.identity())
    except OSError as error:
        raise SendInterrupted(
            _("The sending journal cannot be written (%(error)s); nothing was sent.")
            % {"error": error}
        ) from error
    taken = candidates.update(
        runner_token=token,
        heartbeat_at=now,
        status=Send.Status.SENDING,
        started_at=Coalesce(F("started_at"), now),
        last_error="",
    )
    if not taken:
        journal.remove_holder(send.pk, token)
        raise SendBusy(
            _(
                "Another worker is sending this issue right now. If it has stopped, wait "
                "%(minutes)s minutes or take over with --force."
            )
            % {"minutes": int(conf.get("NEWSLETTER_LEASE").total_seconds() // 60)}
        )
    for held in dead:
        journal.remove_holder(send.pk, held)


def _recover_abandoned(send: Send) -> int:
    """Rows still claimed belong to a worker that died: settle them from its journal.

    Per dead batch: the outcomes in its journal are recorded; the row handed over without
    an outcome may have been in flight (uncertain, not resent); the rest go back to pending.
    A batch whose journal is missing is uncertain as a whole. Returns how many rows became
    uncertain.
    """
    claimed = Delivery.objects.filter(send=send, status=Status.SENDING).order_by("id")
    by_claim: dict[str, list[int]] = defaultdict(list)
    for pk, claim in claimed.values_list("id", "claim"):
        by_claim[claim].append(pk)
    sent, failed, uncertain, pending, lost = [], [], [], [], []
    for claim, ids in by_claim.items():
        entries = journal.read(send.pk, claim) if claim else None
        if entries is None:
            lost.extend(ids)
            continue
        for pk in ids:
            status, error = entries.get(pk, ("", ""))
            if status == Status.SENT:
                sent.append(pk)
            elif status == Status.FAILED:
                failed.append(Delivery(pk=pk, status=Status.FAILED, claim="", error=error))
            elif status == journal.HANDING:
                uncertain.append(pk)
            else:
                pending.append(pk)
    _record(sent, failed)
    if uncertain:
        Delivery.objects.filter(pk__in=uncertain).update(
            status=Status.UNCERTAIN,
            claim="",
            error=_("The worker stopped while handing this message over; not sent again."),
        )
    if lost:
        Delivery.objects.filter(pk__in=lost).update(
            status=Status.UNCERTAIN,
            claim="",
            error=_(
                "The worker stopped during this batch and its journal was not found; "
                "not sent again."
            ),
        )
    if pending:
        Delivery.objects.filter(pk__in=pending).update(status=Status.PENDING, claim="")
    journal.remove_all(send.pk)
    return len(uncertain) + len(lost)


def _claim_batch(send: Send, token: str, size: int) -> tuple[list[Delivery], journal.Journal]:
    """Open the batch's journal, then claim the batch: no claimed row is ever without one."""
    try:
        log = journal.Journal(send.pk, token)
    except OSError as error:
        raise SendInterrupted(
            _("The sending journal cannot be written (%(error)s); nothing was sent.")
            % {"error": error}
        ) from error
    pending = (
        Delivery.objects.filter(send=send, status=Status.PENDING).order_by("id").values("id")[:size]
    )
    claimed = Delivery.objects.filter(pk__in=pending).update(status=Status.SENDING, claim=token)
    if not claimed:
        log.remove()
        return [], log
    batch = list(
        Delivery.objects.filter(send=send, claim=token, status=Status.SENDING)
        .select_related("subscriber")
        .order_by("id")
    )
    return batch, log


def after_handover(delivery: Delivery) -> None:
    """Called after the SMTP server accepted a message and before it is recorded.

    Does nothing; tests replace it to simulate a worker dying in the crash window.
    """


def _record(sent_ids: list[int], others: list[Delivery]) -> None:
    """Record a batch's outcomes: one UPDATE for the sent rows, one bulk_update for the rows
    that carry their own status and error (failed, uncertain)."""
    if sent_ids:
        Delivery.objects.filter(pk__in=sent_ids).update(
            status=Status.SENT, claim="", sent_at=timezone.now(), error=""
        )
    if others:
        Delivery.objects.bulk_update(others, ["status", "claim", "error"], batch_size=500)


def _back_to_pending(deliveries: list[Delivery]) -> None:
    if deliveries:
        Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).update(
            status=Status.PENDING, claim=""
        )


def _send_batch(send, batch, log, messages, report, connection_factory) -> None:
    """Send one claimed batch over one SMTP connection.

    Each outcome goes to the batch's journal the moment it is known; the database gets
    them in bulk at the end (or before an interruption is reported). A fixed number of
    queries per batch, whatever its size.
    """
    mailing_list = send.mailing_list
    subscriber_ids = [d.subscriber_id for d in batch if d.subscriber_id is not None]
    confirmed = set(
        Subscription.objects.filter(
            mailing_list=mailing_list,
            status=Subscription.Status.CONFIRMED,
            subscriber_id__in=subscriber_ids,
        ).values_list("subscriber_id", flat=True)
    )
    to_send = [d for d in batch if d.subscriber_id in confirmed]
    skipped = [d.pk for d in batch if d.subscriber_id not in confirmed]
    if skipped:
        Delivery.objects.filter(pk__in=skipped).update(status=Status.SKIPPED, claim="")
        report.skipped += len(skipped)
    if not to_send:
        log.remove()
        return
    connection = connection_factory()
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as error:
        log.remove()
        _back_to_pending(to_send)
        raise SendInterrupted(
            _("The mail server could not be reached: %(error)s") % {"error": error}
        ) from error
    report.connections += 1
    domain = mail_domain()
    messages.new_batch()
    sent_ids: list[int] = []
    failed: list[Delivery] = []

    def settle(uncertain: Delivery | None = None, rest: list[Delivery] = ()) -> None:
        if uncertain is not None:
            failed.append(uncertain)
        _record(sent_ids, failed)
        _back_to_pending(list(rest))
        log.remove()

    try:
        for position, delivery in enumerate(to_send):
            message = messages.build(
                delivery.subscriber,
                message_id=f"<keko.{send.message_key.hex}.{delivery.pk}@{domain}>",
                connection=connection,
            )
            log.record(delivery.pk, journal.HANDING)
            try:
                connection.send_messages([message])
            except MESSAGE_ERRORS as error:
                log.record(delivery.pk, Status.FAILED, str(error))
                delivery.status, delivery.claim = Status.FAILED, ""
                delivery.error = str(error)[:300]
                failed.append(delivery)
                report.failed += 1
                continue
            except smtplib.SMTPSenderRefused as error:  # refused before any data: not sent
                settle(rest=to_send[position:])
                raise SendInterrupted(
                    _("The mail server refused the sender: %(error)s") % {"error": error}
                ) from error
            except (OSError, smtplib.SMTPException) as error:
                delivery.status, delivery.claim, delivery.error = (
                    Status.UNCERTAIN,
                    "",
                    str(error)[:300],
                )
                settle(uncertain=delivery, rest=to_send[position + 1 :])
                raise SendInterrupted(
                    _("The connection to the mail server broke: %(error)s") % {"error": error}
                ) from error
            after_handover(delivery)
            log.record(delivery.pk, Status.SENT)
            sent_ids.append(delivery.pk)
            report.sent += 1
    finally:
        try:
            connection.close()
        except (OSError, smtplib.SMTPException):
            pass
        log.close()
    settle()


@contextmanager
def _asynchronous_commits():
    """On PostgreSQL, let this session's commits return before the WAL reaches the disk.

    Each delivery is recorded by its own commit right after the SMTP server accepted it;
    waiting for a disk flush each time would cost more than the SMTP exchange. Commits stay
    atomic and visible to every other session at once, so a worker that dies loses nothing;
    only a crash of the database server itself could lose the last fraction of a second of
    records (and resend those few messages). SQLite runs in WAL mode with synchronous=NORMAL,
    which is the same trade already.
    """
    if db_connection.vendor != "postgresql":
        yield
        return
    with db_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with db_connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _log_failed_send(send: Send, error: SendError) -> None:
    """The one log record of a send that stopped (portal.kernel.failures): which issue and
    list, how far it got, why; never an address (the SMTP error's text is cleaned)."""
    counts = dict(
        Delivery.objects.filter(send=send)
        .order_by()
        .values("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    log_failure(
        "send",
        "Newsletter send failed",
        send_id=send.pk,
        issue_id=send.issue_id,
        list_id=send.mailing_list_id,
        **{status: counts.get(status, 0) for status in Status.values},
        **error_fields(error),
    )


def send_run(
    send: Send,
    *,
    batch_size: int | None = None,
    max_batches: int | None = None,
    force: bool = False,
    connection_factory=newsletter_connection,
) -> RunReport:
    """Send what is pending in `send`, batch by batch, until nothing is left.

    `max_batches` stops early (tests, benchmarks); `force` takes the lease from a worker
    that is believed dead. Raises SendBusy or SendInterrupted (a SendError).
    """
    with _asynchronous_commits():
        return _run(send, batch_size, max_batches, force, connection_factory)


def _run(send, batch_size, max_batches, force, connection_factory) -> RunReport:
    batch_size = batch_size or conf.get("NEWSLETTER_BATCH_SIZE")
    token = uuid.uuid4().hex
    report = RunReport()
    _acquire(send, token, force)
    finished = False
    try:
        report.recovered_uncertain = _recover_abandoned(send)
        messages = None
        if send.issue is not None and send.mailing_list is not None:
            messages = IssueMessages(
                {
                    language: render_issue(send.issue, language, send.mailing_list)
                    for language, _name in settings.LANGUAGES
                },
                send.mailing_list,
            )
        while max_batches is None or report.batches < max_batches:
            batch, log = _claim_batch(send, token, batch_size)
            if not batch:
                break
            if messages is None:
                Delivery.objects.filter(pk__in=[d.pk for d in batch]).update(
                    status=Status.SKIPPED, claim=""
                )
                log.remove()
                report.skipped += len(batch)
            else:
                _send_batch(send, batch, log, messages, report, connection_factory)
            report.batches += 1
            alive = Send.objects.filter(pk=send.pk, runner_token=token).update(
                heartbeat_at=timezone.now()
            )
            if not alive:  # the lease was taken over (--force): stop at once
                return report
        finished = not Delivery.objects.filter(
            send=send, status__in=[Status.PENDING, Status.SENDING]
        ).exists()
        report.finished = finished
    except SendError as error:
        Send.objects.filter(pk=send.pk, runner_token=token).update(last_error=str(error))
        report.errors.append(str(error))
        _log_failed_send(send, error)
        raise
    finally:
        now = timezone.now()
        Send.objects.filter(pk=send.pk, runner_token=token).update(
            runner_token="",
            heartbeat_at=now,
            status=Send.Status.DONE if finished else Send.Status.INTERRUPTED,
            finished_at=now if finished else None,
        )
        journal.remove_holder(send.pk, token)
        send.refresh_from_db()
    return report
