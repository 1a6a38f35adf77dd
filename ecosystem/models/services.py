"""Services, who provides them and where they are reached (channels)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.models import Orderable, RevisionMixin

from ecosystem.models.base import MAX_AGE, UUIDClusterableModel, _description_fields, _name_fields
from ecosystem.models.choices import (
    ChannelType,
    Cost,
    Obligation,
    OrganisationRole,
    ProvisionType,
    ServiceClass,
    ServiceStatus,
    Visibility,
)
from ecosystem.models.organisations import Organisation
from ecosystem.models.places import Municipality, TargetGroup
from portal.kernel.localization import LocalizedMixin


class Service(LocalizedMixin, RevisionMixin, UUIDClusterableModel):
    """A service (HSDS service, PTV palvelu) offered by one or more organisations.

    - `organisation_roles` (ServiceOrganisation): who is responsible and who produces it.
    - `channels` (ServiceChannel): where and how it is used (service point, phone, e-service,
      web page), each with its contact details.
    - `municipalities` is the service area; `target_groups` the groups it is aimed at (empty means
      open to everyone).
    - `obligation` says whether it is statutory or complementary; `service_class` is a coarse
      class for coverage analysis.
    - `visibility`: partner-only services are left out of anonymous views.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name_fi, name_sv, name_en = _name_fields()
    description_fi, description_sv, description_en = _description_fields()
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=ServiceStatus.choices,
        default=ServiceStatus.ACTIVE,
        db_index=True,
    )
    obligation = models.CharField(
        _("statutory or complementary"),
        max_length=16,
        choices=Obligation.choices,
        default=Obligation.COMPLEMENTARY,
    )
    service_class = models.CharField(
        _("service class"), max_length=32, choices=ServiceClass.choices, db_index=True
    )
    target_groups = ParentalManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="services"
    )
    municipalities = ParentalManyToManyField(
        Municipality,
        verbose_name=_("service area (municipalities)"),
        blank=True,
        related_name="services",
    )
    eligibility_description = models.TextField(_("eligibility"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)]
    )
    cost = models.CharField(_("cost"), max_length=16, choices=Cost.choices, default=Cost.FREE)
    cost_description = models.TextField(_("cost details"), blank=True)
    legal_basis = models.TextField(
        _("legal basis"),
        blank=True,
        help_text=_("The act and section the service is based on, e.g. 380/2023."),
    )
    ptv_id = models.UUIDField(
        _("PTV ID"),
        null=True,
        blank=True,
        unique=True,
        help_text=_("The service's identifier in the national service catalogue, when known."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    # Who last checked the service (a steward's "still correct", a reviewer accepting a
    # proposal, staff in the admin): "last checked" is last_reviewed + last_reviewed_by.
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ends_on = models.DateField(
        _("ends on"),
        null=True,
        blank=True,
        help_text=_("The last day the service is offered, when its ending is known."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [models.Index(fields=["visibility"], name="eco_service_visibility")]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=models.F("maximum_age")),
                name="eco_service_age_range",
                violation_error_message=_(
                    "The minimum age must not be greater than the maximum age."
                ),
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.minimum_age > self.maximum_age
        ):
            raise ValidationError(
                {"maximum_age": _("The maximum age must not be less than the minimum age.")}
            )


class ServiceOrganisation(Orderable):
    """An organisation's role in a service: responsible or producer, own or procured.

    One organisation may hold both roles in one service (two rows); the same role twice is
    refused. In HSDS export the first responsible organisation becomes `organization_id`.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="organisation_roles")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="service_roles",
    )
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=OrganisationRole.choices,
        default=OrganisationRole.RESPONSIBLE,
    )
    provision_type = models.CharField(
        _("provision type"),
        max_length=16,
        choices=ProvisionType.choices,
        default=ProvisionType.OWN,
    )

    class Meta(Orderable.Meta):
        verbose_name = _("service organisation")
        verbose_name_plural = _("service organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "organisation", "role"],
                name="eco_service_org_role_unique",
                violation_error_message=_(
                    "This organisation already has this role in the service."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.get_role_display()}"


class ServiceChannel(Orderable):
    """A way to use a service (PTV asiointikanava; HSDS location + service_at_location, phone).

    A service point needs a street address; a phone service a phone number; an e-service or
    web page a URL.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="channels")
    channel_type = models.CharField(_("channel type"), max_length=16, choices=ChannelType.choices)
    name = models.CharField(_("name"), max_length=255, blank=True)
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    post_office = models.CharField(_("post office"), max_length=64, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_channels",
    )
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    email = models.EmailField(_("email"), blank=True)
    url = models.URLField(_("web address"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("service channel")
        verbose_name_plural = _("service channels")

    def __str__(self) -> str:
        return self.name or self.get_channel_type_display()

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.postal_code and not (len(self.postal_code) == 5 and self.postal_code.isdigit()):
            errors["postal_code"] = _("A postal code is five digits, e.g. 04300.")
        if self.channel_type == ChannelType.SERVICE_POINT and not self.street_address:
            errors["street_address"] = _("A service point needs a street address.")
        if self.channel_type == ChannelType.PHONE and not self.phone:
            errors["phone"] = _("A phone service needs a phone number.")
        if self.channel_type in (ChannelType.E_SERVICE, ChannelType.WEB_PAGE) and not self.url:
            errors["url"] = _("An e-service or web page needs a web address.")
        if errors:
            raise ValidationError(errors)
