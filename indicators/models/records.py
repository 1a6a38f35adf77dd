"""Labour-market indicators: monthly time series per area and population group.

The schema follows the monthly employment bulletin (Työllisyyskatsaus) of the employment
authority:

- Area: the employment area or one of its municipalities (Keski-Uudenmaan
  työllisyysalue, Tuusula).
- Indicator: what is counted (Työttömät työnhakijat); a bulletin sub-row has a `parent`.
- Group: a population group the count is broken down by (Kaikki yhteensä, Alle 30-vuotiaat).
- Observation: one value, indicator × group × area × month (11860).

A municipality-level area points to the ecosystem register's Municipality (its official
code and names); the employment area has no municipality. Areas, indicators and groups are
referred to by their `code` in import files (names and aliases are accepted too).

Changes (the bulletin's "LKM", "%", "Muutos 1 v / 2 v") are never stored: they are computed
from the observations (`indicators.selectors`).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ecosystem.models import Municipality
from portal.kernel.localization import LocalizedMixin


def _names() -> tuple[models.CharField, ...]:
    return (
        models.CharField(_("name (Finnish)"), max_length=255),
        models.CharField(_("name (Swedish)"), max_length=255, blank=True),
        models.CharField(_("name (English)"), max_length=255, blank=True),
    )


def _code_field(help_text) -> models.SlugField:
    return models.SlugField(_("code"), max_length=64, unique=True, help_text=help_text)


class Area(LocalizedMixin, models.Model):
    """The employment area or one of its municipalities."""

    class Level(models.TextChoices):
        EMPLOYMENT_AREA = "employment_area", _("employment area")
        MUNICIPALITY = "municipality", _("municipality")

    code = _code_field(
        _("Used in import files, e.g. keski-uusimaa, or the municipality code such as 858.")
    )
    level = models.CharField(
        _("level"), max_length=32, choices=Level.choices, default=Level.MUNICIPALITY
    )
    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicator_area",
        help_text=_("The municipality of a municipality-level area; empty for the whole area."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("employment area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="municipality_areas",
        limit_choices_to={"level": "employment_area"},
    )
    name_fi, name_sv, name_en = _names()
    aliases = models.TextField(
        _("other names"),
        blank=True,
        help_text=_(
            "Names the bulletin also uses for this area, one per line (e.g. Tuusulan kunta); "
            "the import recognises them."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name_fi"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.CheckConstraint(
                name="indicators_area_municipality_matches_level",
                condition=(Q(level="municipality") & Q(municipality__isnull=False))
                | (Q(level="employment_area") & Q(municipality__isnull=True)),
            )
        ]

    def __str__(self) -> str:
        return self.localized_name

    def clean(self) -> None:
        super().clean()
        if self.level == self.Level.MUNICIPALITY and self.municipality_id is None:
            raise ValidationError(
                {"municipality": _("A municipality-level area needs its municipality.")}
            )
        if self.level == self.Level.EMPLOYMENT_AREA and self.municipality_id is not None:
            raise ValidationError(
                {"municipality": _("The employment area as a whole has no single municipality.")}
            )

    def alias_list(self) -> list[str]:
        """The other names, one per line, without blanks."""
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class Indicator(LocalizedMixin, models.Model):
    """What is counted, e.g. unemployed job seekers; a bulletin sub-row has a parent."""

    class Unit(models.TextChoices):
        PERSONS = "persons", _("persons")
        PERCENT = "percent", _("per cent")

    code = _code_field(_("Used in import files, e.g. unemployed or long_term_unemployed."))
    name_fi, name_sv, name_en = _names()
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        help_text=_("For a breakdown such as “Kokoaikatyössä” under “Työssä olevat yhteensä”."),
    )
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices, default=Unit.PERSONS)
    aliases = models.TextField(
        _("other names"),
        blank=True,
        help_text=_("Names the bulletin also uses for this indicator, one per line."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name_fi"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.localized_name

    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class Group(LocalizedMixin, models.Model):
    """A population group counts are broken down by; "all" is everyone."""

    code = _code_field(_("Used in import files, e.g. all, finnish, foreign, under_30."))
    name_fi, name_sv, name_en = _names()
    aliases = models.TextField(
        _("other names"),
        blank=True,
        help_text=_("Names the bulletin also uses for this group, one per line."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name_fi"]
        verbose_name = _("population group")
        verbose_name_plural = _("population groups")

    def __str__(self) -> str:
        return self.localized_name

    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


def first_of_month(value: datetime.date) -> datetime.date:
    return value.replace(day=1)


class Observation(models.Model):
    """One monthly value of an indicator for a group in an area."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    group = models.ForeignKey(
        Group,
        verbose_name=_("population group"),
        on_delete=models.PROTECT,
        related_name="observations",
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="observations"
    )
    period = models.DateField(
        _("month"), help_text=_("The month the value describes (stored as its first day).")
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("e.g. Työllisyyskatsaus 3/2026")
    )
    forecast = models.CharField(
        _("forecast"),
        max_length=500,
        blank=True,
        help_text=_("The bulletin's outlook without changes or measures, e.g. “Kasvaa”."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["indicator__sort_order", "group__sort_order", "area__sort_order", "period"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "group", "area", "period"],
                name="indicators_observation_unique_month",
            ),
        ]
        indexes = [models.Index(fields=["area", "indicator", "period"])]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.group} · {self.area} · {self.period:%Y-%m}: {self.value}"

    def save(self, *args, **kwargs):
        if self.period:
            self.period = first_of_month(self._meta.get_field("period").to_python(self.period))
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if (
            self.indicator_id is not None
            and self.value is not None
            and self.indicator.unit == Indicator.Unit.PERSONS
            and (self.value < 0 or self.value != self.value.to_integral_value())
        ):
            raise ValidationError(
                {"value": _("A number of persons is a whole number, zero or more.")}
            )
