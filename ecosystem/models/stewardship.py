"""Stewardship records: changes proposed by an organisation's steward, and check reminders.

A steward (portal.accounts.models.Stewardship) proposes; project staff review in the admin
(ecosystem.stewardship). A proposal keeps the values proposed and the record's values at the
time, so a review can show old → new and notice what changed in the register meanwhile.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ecosystem.models.organisations import Organisation
from ecosystem.models.services import Service


class ProposalKind(models.TextChoices):
    SERVICE_CHANGE = "service_change", _("Change to a service")
    NEW_SERVICE = "new_service", _("New service")
    ORGANISATION_CHANGE = "organisation_change", _("Change to an organisation")


class ProposalStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("proposal status", "Open")
    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    REJECTED = "rejected", _("Rejected")


class Proposal(models.Model):
    """A steward's proposed change to a service or an organisation, or a proposed new service.

    - `values`: the proposed values, JSON-ready, keyed by field (names and descriptions per
      language, `target_groups`, `channels`, `referrals_to`…; see ecosystem.stewardship.fields).
    - `base_values`: the record's values of the same fields when the proposal was made;
      `base_updated_at` its `updated_at` then. A field whose current value differs from its
      base value was changed by someone else meanwhile: a conflict, never overwritten.
    - `accepted_fields`: the fields a reviewer accepted (all, some, or none when rejected).
    """

    register_data = False  # no new data version (ecosystem.register.signals)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=32, choices=ProposalKind.choices)
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="proposals",
        help_text=_("The organisation the steward proposes for."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    values = models.JSONField(_("proposed values"), default=dict)
    base_values = models.JSONField(_("values when proposed"), default=dict)
    base_updated_at = models.DateTimeField(_("record updated when proposed"), null=True)
    note = models.TextField(_("note to the reviewer"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.OPEN,
        db_index=True,
    )
    accepted_fields = models.JSONField(_("accepted fields"), default=list, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    outcome_sent_at = models.DateTimeField(_("outcome emailed"), null=True, blank=True)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.record_name}"

    @property
    def record_name(self) -> str:
        """The name of the record proposed for (the proposed name of a new service)."""
        if self.kind == ProposalKind.ORGANISATION_CHANGE:
            return self.organisation.name_fi
        if self.kind == ProposalKind.NEW_SERVICE or self.service is None:
            return str(self.values.get("name_fi", ""))
        return self.service.name_fi

    @property
    def is_open(self) -> bool:
        return self.status == ProposalStatus.OPEN


class CheckReminder(models.Model):
    """A reminder to check services, claimed for one steward before it is emailed.

    The row is written (and committed) before the email goes out, so a worker that restarts
    never sends the same reminder twice; at most one per steward per check period.
    """

    register_data = False

    steward = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("steward"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    services = models.JSONField(_("services"), default=list)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("check reminder")
        verbose_name_plural = _("check reminders")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.steward} {self.created_at:%Y-%m-%d}"
