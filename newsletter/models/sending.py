"""A send of one issue to one list, and one delivery row per subscriber of that send."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Send(models.Model):
    """Sending one issue to the confirmed subscribers of one list.

    The recipients are fixed when the send starts (one Delivery row each); the worker that
    sends holds a lease (`runner_token`, renewed by `heartbeat_at`) so two workers never
    send the same send at once.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        DONE = "done", _("sent")
        INTERRUPTED = "interrupted", _("interrupted")

    issue = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("issue"),
    )
    issue_title = models.CharField(_("issue"), max_length=255)
    mailing_list = models.ForeignKey(
        "newsletter.MailingList",
        on_delete=models.SET_NULL,
        null=True,
        related_name="sends",
        verbose_name=_("mailing list"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    runner_token = models.CharField(max_length=32, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True)
    task_result_id = models.CharField(max_length=64, blank=True, editable=False)
    # Random, so Message-IDs never repeat across databases: a restored or fresh database
    # numbers its sends and deliveries from 1 again (newsletter.services.sending).
    message_key = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("newsletter send")
        verbose_name_plural = _("newsletter sends")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "mailing_list"], name="newsletter_send_once_per_list"
            )
        ]

    def __str__(self):
        return f"{self.issue_title} → {self.mailing_list or '–'}"

    def counts(self) -> dict[str, int]:
        """Deliveries by status (one query), every status present."""
        counts = {status: 0 for status in Delivery.Status.values}
        rows = self.deliveries.values("status").annotate(n=Count("id")).order_by()
        for row in rows:
            counts[row["status"]] = row["n"]
        return counts


class Delivery(models.Model):
    """One subscriber's copy of one send.

    pending → (claimed by a worker batch) sending → sent | failed | skipped.
    `uncertain`: the worker died right after handing this message to the SMTP server and
    before journaling it, or died during a batch whose journal cannot be found; it is not
    sent again (see newsletter.services.sending and newsletter.services.journal).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("skipped (no longer subscribed)")
        UNCERTAIN = "uncertain", _("uncertain (worker stopped)")

    send = models.ForeignKey(Send, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        "newsletter.Subscriber",
        on_delete=models.SET_NULL,
        null=True,
        related_name="deliveries",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    claim = models.CharField(max_length=32, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["send", "subscriber"], name="newsletter_delivery_once")
        ]
        indexes = [
            models.Index(fields=["send", "status", "id"], name="newsletter_delivery_queue"),
            models.Index(fields=["send", "claim"], name="newsletter_delivery_claim"),
        ]

    def __str__(self):
        return f"{self.send_id}/{self.subscriber_id}: {self.status}"
