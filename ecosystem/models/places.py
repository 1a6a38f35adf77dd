"""Where and for whom: municipalities and target groups (the register's vocabularies)."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from ecosystem.models.base import _description_fields, _name_fields
from ecosystem.models.validators import validate_municipality_code
from portal.kernel.localization import LocalizedMixin


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
