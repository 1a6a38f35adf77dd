"""Sending an issue to the confirmed subscribers of a list: idempotent and resumable.

How it works
------------
`send_start` creates one Send per (issue, list) and, in the same transaction, one Delivery
row per recipient (bulk inserts, unique per send and subscriber). A subscriber who already
got the issue through another list is left out, so everyone gets an issue once.

`send_run` (the background task, and `manage.py send_newsletter`) takes a lease on the send,
then repeats: claim the next batch of pending deliveries (one UPDATE), open ONE SMTP
connection, hand the messages over one by one, and record each delivery as sent right after
the server accepted it. Memory stays flat: a batch is all that is ever loaded.

Crashes and the one-message window
----------------------------------
Between the server accepting a message and the UPDATE that records it there is a window
no SMTP client can close. If the worker dies there, the next run finds that batch's rows
still claimed. Messages of a batch go out in id order, each recorded before the next is
handed over, so only the first unrecorded row of a dead batch can have been delivered: it
is marked `uncertain` and NOT sent again; the rest go back to pending and are sent once.

That is at-most-once for the single message in flight at the moment of a crash. We chose it
over at-least-once because a duplicate newsletter annoys readers and drives spam complaints
(which hurt the delivery of every later issue), while the one possibly missed message per
crash is counted and shown to staff, and the issue is on the web archive anyway.
Failures the SMTP server reports (a refused recipient or message) are `failed`; a connection
that breaks mid-message makes that message `uncertain` for the same reason as above; a
server that cannot be reached, or refuses the sender, stops the run with everything unsent
still pending.

Running a finished send again finds nothing pending and sends nothing.
"""

import smtplib
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Min, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from newsletter import conf
from newsletter.emails import IssueMessages, mail_domain, render_issue
from newsletter.models import Delivery, Send, Subscription

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


def _acquire(send: Send, token: str, force: bool) -> None:
    now = timezone.now()
    candidates = Send.objects.filter(pk=send.pk)
    if not force:
        stale = now - conf.get("NEWSLETTER_LEASE")
        candidates = candidates.filter(
            Q(runner_token="") | Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=stale)
        )
    taken = candidates.update(
        runner_token=token,
        heartbeat_at=now,
        status=Send.Status.SENDING,
        started_at=Coalesce(F("started_at"), now),
        last_error="",
    )
    if not taken:
        raise SendBusy(
            _(
                "Another worker is sending this issue right now. If it has stopped, wait "
                "%(minutes)s minutes or take over with --force."
            )
            % {"minutes": int(conf.get("NEWSLETTER_LEASE").total_seconds() // 60)}
        )


def _recover_abandoned(send: Send) -> int:
    """Rows still claimed belong to a worker that died: see the module docstring."""
    abandoned = (
        Delivery.objects.filter(send=send, status=Status.SENDING)
        .values("claim")
        .annotate(first=Min("id"))
        .order_by()
    )
    first_ids = [row["first"] for row in abandoned]
    if not first_ids:
        return 0
    Delivery.objects.filter(pk__in=first_ids).update(
        status=Status.UNCERTAIN,
        claim="",
        error=_("The worker stopped while handing this message over; not sent again."),
    )
    Delivery.objects.filter(send=send, status=Status.SENDING).update(
        status=Status.PENDING, claim=""
    )
    return len(first_ids)


def _claim_batch(send: Send, token: str, size: int) -> list[Delivery]:
    pending = (
        Delivery.objects.filter(send=send, status=Status.PENDING).order_by("id").values("id")[:size]
    )
    claimed = Delivery.objects.filter(pk__in=pending).update(status=Status.SENDING, claim=token)
    if not claimed:
        return []
    return list(
        Delivery.objects.filter(send=send, claim=token, status=Status.SENDING)
        .select_related("subscriber")
        .order_by("id")
    )


def after_handover(delivery: Delivery) -> None:
    """Called after the SMTP server accepted a message and before it is recorded.

    Does nothing; tests replace it to simulate a worker dying in the crash window.
    """


def _mark(delivery: Delivery, status: str, error: str = "") -> None:
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status,
        claim="",
        sent_at=timezone.now() if status == Status.SENT else None,
        error=error[:300],
    )


def _send_batch(send, batch, messages, report, connection_factory) -> None:
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
        return
    connection = connection_factory()
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as error:
        Delivery.objects.filter(pk__in=[d.pk for d in to_send]).update(
            status=Status.PENDING, claim=""
        )
        raise SendInterrupted(
            _("The mail server could not be reached: %(error)s") % {"error": error}
        ) from error
    report.connections += 1
    domain = mail_domain()
    messages.new_batch()
    try:
        for position, delivery in enumerate(to_send):
            message = messages.build(
                delivery.subscriber,
                message_id=f"<keko.newsletter.{send.pk}.{delivery.pk}@{domain}>",
                connection=connection,
            )
            try:
                connection.send_messages([message])
            except MESSAGE_ERRORS as error:
                _mark(delivery, Status.FAILED, str(error))
                report.failed += 1
                continue
            except smtplib.SMTPSenderRefused as error:  # refused before any data: not sent
                Delivery.objects.filter(pk__in=[d.pk for d in to_send[position:]]).update(
                    status=Status.PENDING, claim=""
                )
                raise SendInterrupted(
                    _("The mail server refused the sender: %(error)s") % {"error": error}
                ) from error
            except (OSError, smtplib.SMTPException) as error:
                _mark(delivery, Status.UNCERTAIN, str(error))
                Delivery.objects.filter(pk__in=[d.pk for d in to_send[position + 1 :]]).update(
                    status=Status.PENDING, claim=""
                )
                raise SendInterrupted(
                    _("The connection to the mail server broke: %(error)s") % {"error": error}
                ) from error
            after_handover(delivery)
            _mark(delivery, Status.SENT)
            report.sent += 1
    finally:
        try:
            connection.close()
        except (OSError, smtplib.SMTPException):
            pass


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


def send_run(
    send: Send,
    *,
    batch_size: int | None = None,
    max_batches: int | None = None,
    force: bool = False,
    connection_factory=get_connection,
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
            batch = _claim_batch(send, token, batch_size)
            if not batch:
                break
            if messages is None:
                Delivery.objects.filter(pk__in=[d.pk for d in batch]).update(
                    status=Status.SKIPPED, claim=""
                )
                report.skipped += len(batch)
            else:
                _send_batch(send, batch, messages, report, connection_factory)
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
        raise
    finally:
        now = timezone.now()
        Send.objects.filter(pk=send.pk, runner_token=token).update(
            runner_token="",
            heartbeat_at=now,
            status=Send.Status.DONE if finished else Send.Status.INTERRUPTED,
            finished_at=now if finished else None,
        )
        send.refresh_from_db()
    return report
