"""Invitations: the only way into the portal (there is no public sign-up)."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.roles import ROLE_CHOICES, ROLE_GROUPS, ROLE_PARTNER


def hash_token(token: str) -> str:
    """The stored form of an invitation token: only its SHA-256 digest is kept."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        """Invitations that can still be accepted."""
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    # Account bookkeeping, not content: left out of Wagtail's reference index, whose "usage"
    # page of a user would otherwise list invitations and fail on their missing edit view.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=ROLE_CHOICES, default=ROLE_PARTNER)
    language = models.CharField(
        _("language of the invitation"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # A network partner invited as the steward of these organisations (see Stewardship).
    # A string reference: the accounts app does not import the register.
    organisations = models.ManyToManyField(
        "ecosystem.Organisation",
        verbose_name=_("steward of organisations"),
        blank=True,
        related_name="+",
        help_text=_(
            "Network partners only: the person may propose changes to these organisations' "
            "services and is reminded to check them."
        ),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created"]
        indexes = [models.Index(fields=["email"], name="accounts_invitation_email")]

    def __str__(self):
        return self.email

    @property
    def group_name(self) -> str:
        return ROLE_GROUPS[self.role]

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def status(self) -> str:
        if self.accepted_at is not None:
            return self.Status.ACCEPTED
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.is_expired:
            return self.Status.EXPIRED
        return self.Status.PENDING

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def can_resend(self) -> bool:
        """Pending or expired invitations can be sent again (with a new link)."""
        return self.accepted_at is None and self.revoked_at is None


class Stewardship(models.Model):
    """A network partner's account linked to an organisation of the register: the partner is
    that organisation's steward (proposes changes to its records, confirms they are still
    correct). Whether the link counts is decided by portal.accounts.access."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="stewardships",
    )
    organisation = models.ForeignKey(
        "ecosystem.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="stewardships",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("steward")
        verbose_name_plural = _("stewards")
        ordering = ["organisation__name_fi", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="accounts_stewardship_unique",
                violation_error_message=_("This person is already a steward of the organisation."),
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation}"
