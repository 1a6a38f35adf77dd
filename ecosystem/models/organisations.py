"""The actors of the ecosystem."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.models import RevisionMixin

from ecosystem.models.base import UUIDClusterableModel, _description_fields, _name_fields
from ecosystem.models.choices import (
    OrganisationType,
    Visibility,
)
from ecosystem.models.places import Municipality
from ecosystem.models.validators import validate_business_id
from portal.kernel.localization import LocalizedMixin


class Organisation(LocalizedMixin, RevisionMixin, UUIDClusterableModel):
    """An actor of the ecosystem (HSDS organization, PTV organisaatio).

    `parent` builds the hierarchy (e.g. a municipality's youth services under the municipality);
    `municipalities` are the municipalities it serves; `is_consortium_member` marks the KEKO
    consortium (Keusote, the employment area, Työterveyslaitos).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name_fi, name_sv, name_en = _name_fields()
    short_name = models.CharField(
        _("short name (Finnish)"),
        max_length=64,
        blank=True,
        help_text=_("Abbreviation used in graphs and lists, e.g. Keusote or TTL."),
    )
    # `short_name` is the Finnish one (the fallback, as name_fi is): kept under its old name
    # so that exports, imports and links written before the translations still read.
    short_name_sv = models.CharField(
        _("short name (Swedish)"),
        max_length=64,
        blank=True,
        help_text=_("Leave empty when it is the same as the Finnish one, e.g. FPA for Kela."),
    )
    short_name_en = models.CharField(
        _("short name (English)"),
        max_length=64,
        blank=True,
        help_text=_("Leave empty when it is the same as the Finnish one."),
    )
    description_fi, description_sv, description_en = _description_fields()
    organisation_type = models.CharField(
        _("organisation type"), max_length=32, choices=OrganisationType.choices, db_index=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    business_id = models.CharField(
        _("business ID (Y-tunnus)"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_("Finnish business ID, e.g. 0246246-0."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    municipalities = ParentalManyToManyField(
        Municipality,
        verbose_name=_("municipalities served"),
        blank=True,
        related_name="organisations",
    )
    is_consortium_member = models.BooleanField(_("KEKO consortium member"), default=False)
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    ptv_id = models.UUIDField(
        _("PTV ID"),
        null=True,
        blank=True,
        unique=True,
        help_text=_("The organisation's identifier in the national service catalogue."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["visibility"], name="eco_org_visibility")]

    def clean(self) -> None:
        super().clean()
        if self.parent_id and self.parent_id == self.id:
            raise ValidationError({"parent": _("An organisation cannot be its own parent.")})
        seen = {self.id}
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.id in seen:
                raise ValidationError(
                    {"parent": _("This parent would make the organisation its own ancestor.")}
                )
            seen.add(ancestor.id)
            ancestor = ancestor.parent
