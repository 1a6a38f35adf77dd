"""Relations between actors and services: referrals, cooperation, funding…"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.models import RevisionMixin

from ecosystem.models.base import UUIDClusterableModel
from ecosystem.models.choices import (
    Direction,
    RelationType,
    Visibility,
)
from ecosystem.models.organisations import Organisation
from ecosystem.models.places import TargetGroup
from ecosystem.models.services import Service


class Relation(RevisionMixin, UUIDClusterableModel):
    """A relation between two actors or services; one pair may have several.

    Each side is either an organisation or a service: exactly one of `source_organisation` /
    `source_service` and exactly one of `target_organisation` / `target_service` is set (a
    database constraint holds it). `direction` is directed (source → target, e.g. a referral)
    or mutual. `valid_from` / `valid_to` are inclusive and optional; `evidence` says where the
    knowledge comes from (an interview, an agreement…).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    relation_type = models.CharField(
        _("relation type"), max_length=32, choices=RelationType.choices, db_index=True
    )
    direction = models.CharField(
        _("direction"), max_length=16, choices=Direction.choices, default=Direction.DIRECTED
    )
    source_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("source organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outgoing_relations",
    )
    source_service = models.ForeignKey(
        Service,
        verbose_name=_("source service"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outgoing_relations",
    )
    target_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("target organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="incoming_relations",
    )
    target_service = models.ForeignKey(
        Service,
        verbose_name=_("target service"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="incoming_relations",
    )
    target_groups = ParentalManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="relations"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("Where this knowledge comes from.")
    )
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["relation_type", "created_at"]
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(source_organisation__isnull=False, source_service__isnull=True)
                    | Q(source_organisation__isnull=True, source_service__isnull=False)
                ),
                name="eco_relation_one_source",
                violation_error_message=_(
                    "Choose either a source organisation or a source service, not both."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(target_organisation__isnull=False, target_service__isnull=True)
                    | Q(target_organisation__isnull=True, target_service__isnull=False)
                ),
                name="eco_relation_one_target",
                violation_error_message=_(
                    "Choose either a target organisation or a target service, not both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=models.F("valid_to")),
                name="eco_relation_validity",
                violation_error_message=_("The relation must start before it ends."),
            ),
        ]
        indexes = [models.Index(fields=["visibility"], name="eco_relation_visibility")]

    @property
    def source(self) -> Organisation | Service | None:
        """The source organisation or service."""
        return self.source_organisation or self.source_service

    @property
    def target(self) -> Organisation | Service | None:
        """The target organisation or service."""
        return self.target_organisation or self.target_service

    def __str__(self) -> str:
        arrow = "↔" if self.direction == Direction.MUTUAL else "→"
        return f"{self.source} {arrow} {self.target} ({self.get_relation_type_display()})"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if bool(self.source_organisation_id) == bool(self.source_service_id):
            errors["source_organisation"] = _(
                "Choose either a source organisation or a source service (exactly one)."
            )
        if bool(self.target_organisation_id) == bool(self.target_service_id):
            errors["target_organisation"] = _(
                "Choose either a target organisation or a target service (exactly one)."
            )
        same_organisation = (
            self.source_organisation_id
            and self.source_organisation_id == self.target_organisation_id
        )
        same_service = self.source_service_id and self.source_service_id == self.target_service_id
        if not errors and (same_organisation or same_service):
            errors["target_organisation" if self.target_organisation_id else "target_service"] = _(
                "A relation needs two different ends."
            )
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            errors["valid_to"] = _("The end date must not be before the start date.")
        if errors:
            raise ValidationError(errors)
