"""Lists, subscribers, their subscriptions and consent, and the suppression list."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class MailingList(models.Model):
    """A list people subscribe to, e.g. "general" or "partners"."""

    slug = models.SlugField(_("identifier"), max_length=50, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=100)
    name_sv = models.CharField(_("name in Swedish"), max_length=100, blank=True)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    description_fi = models.CharField(_("description in Finnish"), max_length=300, blank=True)
    description_sv = models.CharField(_("description in Swedish"), max_length=300, blank=True)
    description_en = models.CharField(_("description in English"), max_length=300, blank=True)
    public = models.BooleanField(
        _("offered on the subscribe form"),
        default=True,
        help_text=_("Lists that are not public get subscribers only by staff import."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("mailing list")
        verbose_name_plural = _("mailing lists")

    def __str__(self):
        return self.name

    def _localised(self, field: str, language: str | None = None) -> str:
        language = (language or get_language() or "fi")[:2]
        return getattr(self, f"{field}_{language}", "") or getattr(self, f"{field}_fi")

    @property
    def name(self) -> str:
        """The name in the active language, Finnish when it has none."""
        return self._localised("name")

    @property
    def description(self) -> str:
        return self._localised("description")

    def name_in(self, language: str) -> str:
        return self._localised("name", language)


class Subscriber(models.Model):
    """One email address. Its `key` (not the address, not the id) goes into signed links."""

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="fi"
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        return self.email


class Subscription(models.Model):
    """A subscriber's membership of one list."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    mailing_list = models.ForeignKey(
        MailingList,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("mailing list"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "mailing_list"], name="newsletter_subscription_once"
            )
        ]
        indexes = [
            models.Index(fields=["mailing_list", "status"], name="newsletter_sub_list_status")
        ]

    def __str__(self):
        return f"{self.subscriber} – {self.mailing_list} ({self.get_status_display()})"


class ConsentRecord(models.Model):
    """What a person agreed to: when, to which lists, in which language, with which words.

    A record is written when the subscribe form is sent and completed (`confirmed_at`) when
    the person follows the link in the confirmation email. Imports record the basis staff
    gave. No IP address is kept: it is not needed to show consent.
    """

    class Source(models.TextChoices):
        FORM = "form", _("subscribe form (double opt-in)")
        PREFERENCES = "preferences", _("preferences page")
        IMPORT = "import", _("staff import")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    list_slugs = models.JSONField(_("lists"), default=list)
    consent_text = models.TextField(_("consent text shown"))
    language = models.CharField(_("language of the consent text"), max_length=2)
    newsletter_language = models.CharField(
        _("language chosen for the newsletter"), max_length=2, blank=True
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self):
        return f"{self.subscriber} {self.requested_at:%Y-%m-%d} {self.get_source_display()}"


class Suppression(models.Model):
    """An address that must not be added back to a list (or to any list) by import or restore.

    Only a hash of the address is kept, so the entry survives the erasure of the subscriber
    while still matching the same address if it turns up in a later import. A person lifts it
    only by subscribing again themselves through the double opt-in.
    """

    class Reason(models.TextChoices):
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")
        ERASED = "erased", _("data erased on request")

    email_hash = models.CharField(max_length=64)
    mailing_list = models.ForeignKey(
        MailingList,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: every list."),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("suppression")
        verbose_name_plural = _("suppressions")
        constraints = [
            models.UniqueConstraint(
                fields=["email_hash", "mailing_list"],
                condition=models.Q(mailing_list__isnull=False),
                name="newsletter_suppression_per_list",
            ),
            models.UniqueConstraint(
                fields=["email_hash"],
                condition=models.Q(mailing_list__isnull=True),
                name="newsletter_suppression_all_lists",
            ),
        ]
        indexes = [models.Index(fields=["email_hash"], name="newsletter_suppression_hash")]

    def __str__(self):
        return f"{self.email_hash[:12]}… ({self.get_reason_display()})"
