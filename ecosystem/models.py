"""The ecosystem register: actors, services, relations and service paths.

Aligned with Open Referral HSDS 3.0 and the Finnish national service catalogue (PTV):

| KEKO model           | HSDS 3.0                                   | PTV                      |
| -------------------- | ------------------------------------------ | ------------------------ |
| Organisation         | organization                               | organisaatio             |
| Service              | service (+ service_area, cost_option)      | palvelu                  |
| ServiceOrganisation  | service.organization_id (responsible)      | järjestäjä / tuottaja    |
| ServiceChannel       | location + service_at_location, phone, url | asiointikanava           |
| TargetGroup          | attribute + taxonomy_term                  | kohderyhmä               |
| Municipality         | service_area (extent = municipality code)  | kunta                    |
| Relation, ServicePath| (no HSDS counterpart; KEKO's own)          |                          |

Conventions every consumer (graph, API, export/import) can rely on:
- Every record's primary key `id` is a UUID4 chosen at creation and never changed; export and
  import upsert by it. Inline children (ServiceOrganisation, ServiceChannel, ServicePathStep)
  have their own UUIDs too.
- Localised text lives in `<field>_fi`, `<field>_sv`, `<field>_en`; `_fi` is required for names
  and is the fallback (`localized_name`, `ecosystem.localization.localized`).
- Choice fields store the English codes of `ecosystem.choices`.
- Writes through the ORM (save/delete/m2m) bump the analysis data version by signal
  (`ecosystem.signals`); bulk writes (bulk_create, update) must call
  `ecosystem.versioning.bump_data_version()` themselves.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail.models import Orderable, RevisionMixin

from ecosystem.choices import (
    ChannelType,
    Cost,
    Direction,
    Obligation,
    OrganisationRole,
    OrganisationType,
    ProvisionType,
    RelationType,
    ServiceClass,
    ServiceStatus,
    Visibility,
)
from ecosystem.localization import LocalizedMixin
from ecosystem.validators import validate_business_id, validate_municipality_code

MAX_AGE = 120


class UUIDClusterableModel(ClusterableModel):
    """A ClusterableModel whose revisions restore UUID primary keys as UUIDs.

    modelcluster rebuilds a revision's object and its inline children with the primary keys
    as the strings stored in the revision JSON; a string never equals the UUID of the same
    row, so reverting to a revision would insert children that already exist. Converting the
    keys back makes a revert update the rows it should.
    """

    class Meta:
        abstract = True

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        obj = super().from_serializable_data(data, check_fks=check_fks, strict_fks=strict_fks)
        if obj is not None:
            obj.pk = obj._meta.pk.to_python(obj.pk)
            for relation in get_all_child_relations(obj):
                for child in getattr(obj, relation.get_accessor_name()).all():
                    child.pk = child._meta.pk.to_python(child.pk)
        return obj


def _name_fields() -> tuple[models.CharField, ...]:
    """name_fi (required), name_sv, name_en."""
    return (
        models.CharField(_("name (Finnish)"), max_length=255),
        models.CharField(_("name (Swedish)"), max_length=255, blank=True),
        models.CharField(_("name (English)"), max_length=255, blank=True),
    )


def _description_fields() -> tuple[models.TextField, ...]:
    return (
        models.TextField(_("description (Finnish)"), blank=True),
        models.TextField(_("description (Swedish)"), blank=True),
        models.TextField(_("description (English)"), blank=True),
    )


class Municipality(LocalizedMixin, models.Model):
    """A Finnish municipality, identified by Statistics Finland's official three-digit code.

    The six of Central Uusimaa are Hyvinkää 106, Järvenpää 186, Mäntsälä 505, Nurmijärvi 543,
    Pornainen 611 and Tuusula 858. `employment_area` names the employment area (one of ~45
    in Finland) the municipality belongs to, free text such as "Keski-Uusimaa".
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.CharField(
        _("municipality code"),
        max_length=3,
        unique=True,
        validators=[validate_municipality_code],
        help_text=_("Official three-digit code of Statistics Finland, e.g. 858."),
    )
    name_fi, name_sv, name_en = _name_fields()
    employment_area = models.CharField(_("employment area"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return f"{self.localized_name} ({self.code})"


class TargetGroup(LocalizedMixin, models.Model):
    """A customer group services are aimed at; an editable list (the six of KEKO by default).

    `code` is a stable slug used by the API, exports and HSDS taxonomy terms, e.g.
    `young_people`, `immigrants`, `long_term_unemployed`, `partial_work_ability`,
    `neurodivergent`, `no_secondary_qualification`.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.SlugField(
        _("code"),
        max_length=64,
        unique=True,
        help_text=_("Stable identifier in lower case, e.g. young_people."),
    )
    name_fi, name_sv, name_en = _name_fields()
    description_fi, description_sv, description_en = _description_fields()
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["sort_order", "name_fi"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self) -> str:
        return self.localized_name


class Organisation(LocalizedMixin, RevisionMixin, UUIDClusterableModel):
    """An actor of the ecosystem (HSDS organization, PTV organisaatio).

    `parent` builds the hierarchy (e.g. a municipality's youth services under the municipality);
    `municipalities` are the municipalities it serves; `is_consortium_member` marks the KEKO
    consortium (Keusote, the employment area, Työterveyslaitos).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name_fi, name_sv, name_en = _name_fields()
    short_name = models.CharField(
        _("short name"),
        max_length=64,
        blank=True,
        help_text=_("Abbreviation used in graphs and lists, e.g. Keusote or TTL."),
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


from ecosystem.pages import EcosystemMapPage  # noqa: E402, F401  (the map page type)
