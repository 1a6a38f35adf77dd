"""Service paths: a customer's route through services, step by step."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.models import Orderable, RevisionMixin

from ecosystem.models.base import UUIDClusterableModel, _description_fields, _name_fields
from ecosystem.models.choices import (
    Visibility,
)
from ecosystem.models.places import Municipality, TargetGroup
from ecosystem.models.services import Service
from portal.kernel.localization import LocalizedMixin


class ServicePath(LocalizedMixin, RevisionMixin, UUIDClusterableModel):
    """A customer's route through services, for one target group in an area.

    `steps` (ServicePathStep) are ordered by `position` (1, 2, 3…); steps that share a
    position are alternatives to each other (the customer takes one of them).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name_fi, name_sv, name_en = _name_fields()
    description_fi, description_sv, description_en = _description_fields()
    target_group = models.ForeignKey(
        TargetGroup,
        verbose_name=_("target group"),
        on_delete=models.PROTECT,
        related_name="service_paths",
    )
    municipalities = ParentalManyToManyField(
        Municipality,
        verbose_name=_("area (municipalities)"),
        blank=True,
        related_name="service_paths",
    )
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("service path")
        verbose_name_plural = _("service paths")


class ServicePathStep(Orderable):
    """One step of a service path: a service at a position, with a hand-off note.

    Steps with the same `position` are alternatives. `handoff_note` describes how the customer
    is passed on from this step to the next (who contacts whom, what information travels).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    path = ParentalKey(ServicePath, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(
        _("position"),
        help_text=_("1 for the first step; steps with the same position are alternatives."),
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        related_name="path_steps",
    )
    handoff_note = models.TextField(_("hand-off note"), blank=True)

    class Meta(Orderable.Meta):
        ordering = ["position", "sort_order"]
        verbose_name = _("service path step")
        verbose_name_plural = _("service path steps")
        constraints = [
            models.CheckConstraint(
                condition=Q(position__gte=1),
                name="eco_path_step_position_positive",
                violation_error_message=_("Positions start from 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.service}"
