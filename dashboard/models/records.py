"""The steering group's ecosystem dashboard: snapshots of the register, project progress and
the dashboard page (see dashboard.pages)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.kernel.localization import LocalizedMixin


class SnapshotSource(models.TextChoices):
    MANUAL = "manual", _("Taken by staff")
    SCHEDULED = "scheduled", _("Scheduled")


class EcosystemSnapshotQuerySet(models.QuerySet):
    def light(self) -> EcosystemSnapshotQuerySet:
        """Without the frozen records (megabytes for a national network): for lists."""
        return self.defer("records")


class EcosystemSnapshot(models.Model):
    """The register's state frozen at one moment: every organisation, service and relation
    in compact form (key fields and a hash per record) and the dashboard metrics of that
    moment (dashboard.metrics). Compared two at a time by dashboard.snapshots.compare."""

    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("E.g. “Ennen ohjausryhmän kokousta 3.6.2026”."),
    )
    taken_at = models.DateTimeField(_("taken"), auto_now_add=True, db_index=True)
    source = models.CharField(
        _("source"), max_length=16, choices=SnapshotSource.choices, default=SnapshotSource.MANUAL
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    data_version = models.CharField(_("data version"), max_length=64, blank=True, editable=False)
    records = models.JSONField(_("records"), default=dict, editable=False)
    metrics = models.JSONField(_("metrics"), default=dict, editable=False)

    objects = EcosystemSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_at", "-pk"]
        verbose_name = _("ecosystem snapshot")
        verbose_name_plural = _("ecosystem snapshots")

    def __str__(self) -> str:
        return self.title


class ProgressKind(models.TextChoices):
    MILESTONE = "milestone", _("Milestone")
    COMMUNICATION = "communication", _("Communication")


class ProgressStatus(models.TextChoices):
    DONE = "done", _("Done")
    IN_PROGRESS = "in_progress", _("In progress")
    NOT_STARTED = "not_started", _("Not started")


class ProgressItem(LocalizedMixin, models.Model):
    """One milestone of the situational pictures or one item of the communication checklist,
    with its status; kept up to date by project staff (a snippet in the admin)."""

    kind = models.CharField(_("kind"), max_length=16, choices=ProgressKind.choices)
    name_fi = models.CharField(_("name (Finnish)"), max_length=255)
    name_sv = models.CharField(_("name (Swedish)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProgressStatus.choices,
        default=ProgressStatus.NOT_STARTED,
    )
    due = models.DateField(_("due"), null=True, blank=True)
    responsible = models.CharField(_("responsible"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    key = models.SlugField(
        _("key"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Stable identifier of demo items, so loading the demo twice adds nothing.",
    )

    class Meta:
        ordering = ["kind", "sort_order", "pk"]
        verbose_name = _("progress item")
        verbose_name_plural = _("progress items")

    def __str__(self) -> str:
        return self.localized_name

    @property
    def is_overdue(self) -> bool:
        """Past its due date and not done (a milestone the steering group should ask about)."""
        return (
            self.status != ProgressStatus.DONE
            and self.due is not None
            and self.due < timezone.localdate()
        )
