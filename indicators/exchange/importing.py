"""Importing indicator files, all or nothing: read, match names, check, write.

`indicators_import(path=…, dry_run=…)` returns an ImportSummary, or raises ImportRefused
listing every problem of the file with its place; then nothing was written.
Observations are upserted by (indicator, group, area, month); none is deleted.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecosystem.models import Municipality
from indicators.exchange.cells import name_key
from indicators.exchange.reading import Table, read_tables
from indicators.exchange.records import RawObservation
from indicators.exchange.tidy import read_tidy, tidy_columns
from indicators.exchange.wide import read_wide
from indicators.models import Area, Group, Indicator, Observation
from indicators.reference import OFFICIAL_NAMES
from portal.kernel.failures import file_kind, import_failures_logged
from portal.kernel.import_preview import RecordChange
from portal.kernel.problems import ImportRefused, Location, ProblemList

ALL_GROUP = "all"
# Values listed one by one in the preview; the counts above the list are exact.
MAX_CHANGES_LISTED = 300
Key = tuple[int, int, int, datetime.date]


@dataclass
class ImportSummary:
    """What an import did (or, in a dry run, would do)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    areas: list[str] = field(default_factory=list)
    new_areas: list[str] = field(default_factory=list)
    months: list[datetime.date] = field(default_factory=list)
    # Value by value: each added or changed value (old → new), in file order.
    changes: list[RecordChange] = field(default_factory=list)
    more_changes: int = 0

    def add_change(self, change: RecordChange) -> None:
        if len(self.changes) < MAX_CHANGES_LISTED:
            self.changes.append(change)
        else:
            self.more_changes += 1

    def details(self) -> dict:
        """The value-by-value preview in the shape of includes/import_details.html."""
        more = []
        if self.more_changes:
            more = [{"kind": _("values"), "count": self.more_changes}]
        return {
            "changes": [change.as_dict() for change in self.changes],
            "more": more,
            "warnings": [],
        }

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def lines(self) -> list[str]:
        """The summary as translated sentences."""
        lines = [
            ngettext("%(count)d value added", "%(count)d values added", self.created)
            % {"count": self.created},
            ngettext("%(count)d value changed", "%(count)d values changed", self.updated)
            % {"count": self.updated},
            ngettext("%(count)d value unchanged", "%(count)d values unchanged", self.unchanged)
            % {"count": self.unchanged},
        ]
        if self.months:
            lines.append(
                _("months %(first)s–%(last)s")
                % {"first": f"{self.months[0]:%Y-%m}", "last": f"{self.months[-1]:%Y-%m}"}
            )
        if self.areas:
            lines.append(_("areas: %(areas)s") % {"areas": ", ".join(self.areas)})
        if self.new_areas:
            lines.append(
                _("new municipality areas from the register: %(areas)s")
                % {"areas": ", ".join(self.new_areas)}
            )
        return lines


class Names:
    """Areas, indicators and groups by every name a file may use (one query each)."""

    def __init__(self):
        self.areas = self._index(Area.objects.select_related("municipality"), area=True)
        self.indicators = self._index(Indicator.objects.all())
        self.groups = self._index(Group.objects.all())
        employment_areas = [
            area for area in set(self.areas.values()) if area.level == Area.Level.EMPLOYMENT_AREA
        ]
        self.default_area = employment_areas[0] if len(employment_areas) == 1 else None
        self._add_register_municipalities()

    def _add_register_municipalities(self) -> None:
        """Municipalities of the ecosystem register without an area yet become (unsaved)
        areas, created when the import writes: a bulletin may name any of them."""

        for municipality in Municipality.objects.filter(indicator_area__isnull=True):
            if name_key(municipality.code) in self.areas:
                continue  # the code is taken by another area
            area = Area(
                code=municipality.code,
                level=Area.Level.MUNICIPALITY,
                municipality=municipality,
                parent=self.default_area,
                name_fi=municipality.name_fi,
                name_sv=municipality.name_sv,
                name_en=municipality.name_en,
                aliases=OFFICIAL_NAMES.get(municipality.code, ""),
                sort_order=100,
            )
            names = [municipality.code, municipality.name_fi, municipality.name_sv]
            for name in [*names, *area.alias_list()]:
                if name:
                    self.areas.setdefault(name_key(name), area)

    @staticmethod
    def _index(queryset, *, area: bool = False) -> dict:
        index: dict[str, object] = {}
        objects = list(queryset)
        # Codes first, then names, then other names: a code never loses to a name.
        for obj in objects:
            index.setdefault(name_key(obj.code), obj)
            if area and obj.municipality is not None:
                index.setdefault(name_key(obj.municipality.code), obj)
        for obj in objects:
            for name in (obj.name_fi, obj.name_sv, obj.name_en):
                if name:
                    index.setdefault(name_key(name), obj)
            if area and obj.municipality is not None:
                for name in (obj.municipality.name_fi, obj.municipality.name_sv):
                    if name:
                        index.setdefault(name_key(name), obj)
        for obj in objects:
            for name in obj.alias_list():
                index.setdefault(name_key(name), obj)
        return index

    @staticmethod
    def known(index: dict) -> str:
        return ", ".join(sorted({obj.name_fi for obj in index.values()}))


def area_key(area: Area) -> int | str:
    """The area's id, or for an area still to be created "new:<code>"."""
    return area.pk if area.pk is not None else f"new:{area.code}"


def _resolve(raw: list[RawObservation], problems: ProblemList) -> dict[Key, tuple]:
    """{(indicator, group, area, month): (value, source, forecast)}; problems added."""
    names = Names()
    resolved: dict[Key, tuple] = {}
    first_seen: dict[Key, Location] = {}
    for item in raw:
        where = item.location
        if item.area is None:
            area = names.default_area
            if area is None:
                problems.add(
                    where,
                    _("The table does not name its area: write the area above the table."),
                    item.fields["area"],
                )
        else:
            area = names.areas.get(name_key(item.area))
            if area is None:
                problems.add(
                    where,
                    _("Unknown area “%(name)s”. Known areas: %(known)s.")
                    % {"name": item.area, "known": names.known(names.areas)},
                    item.fields["area"],
                )
        indicator = names.indicators.get(name_key(item.indicator))
        if indicator is None:
            problems.add(
                where,
                _("Unknown indicator “%(name)s”. Known indicators: %(known)s.")
                % {"name": item.indicator, "known": names.known(names.indicators)},
                item.fields["indicator"],
            )
        group = names.groups.get(name_key(item.group or ALL_GROUP))
        if group is None:
            problems.add(
                where,
                _("Unknown population group “%(name)s”. Known groups: %(known)s.")
                % {"name": item.group or ALL_GROUP, "known": names.known(names.groups)},
                item.fields["group"],
            )
        if area is None or indicator is None or group is None:
            continue
        if indicator.unit == Indicator.Unit.PERSONS and (
            item.value < 0 or item.value != item.value.to_integral_value()
        ):
            problems.add(
                where,
                _("A number of persons is a whole number, zero or more: “%(value)s”.")
                % {"value": item.value},
                item.fields["value"],
            )
            continue
        key = (indicator.pk, group.pk, area_key(area), item.period)
        if key in first_seen:
            problems.add(
                where,
                _("This value is given twice in the file (first at %(where)s).")
                % {"where": first_seen[key].describe()},
                item.fields["value"],
            )
            continue
        first_seen[key] = where
        resolved[key] = (
            item.value,
            item.source[:255],
            item.forecast[:500],
            area,
            indicator,
            group,
        )
    return resolved


def read_observations(tables: list[Table], problems: ProblemList, *, source: str = "") -> list:
    """The raw values of every table, tidy or wide, with problems of single cells added."""
    raw: list[RawObservation] = []
    for table in tables:
        if not any(cells for _number, cells in table.rows):
            continue
        if tidy_columns(table) is not None:
            for item in read_tidy(table, problems):
                item.source = item.source or source
                raw.append(item)
        else:
            raw.extend(read_wide(table, problems, source=source))
    return raw


def _write(resolved: dict[Key, tuple], *, dry_run: bool) -> ImportSummary:
    summary = ImportSummary(dry_run=dry_run)
    periods = {key[3] for key in resolved}
    new_areas = {area_key(item[3]): item[3] for item in resolved.values() if item[3].pk is None}
    existing = {
        (obs.indicator_id, obs.group_id, obs.area_id, obs.period): obs
        for obs in Observation.objects.filter(
            area_id__in={key[2] for key in resolved if key[2] not in new_areas},
            indicator_id__in={key[0] for key in resolved},
            period__in=periods,
        )
    }
    to_create, to_update = [], []
    kind = _("Value")
    for key, (value, source, forecast, area, indicator, group) in resolved.items():
        stored = existing.get(key)
        name = _value_name(indicator, group, area, key[3])
        if stored is None:
            summary.add_change(
                RecordChange(
                    kind,
                    "created",
                    name,
                    [{"label": _("Value"), "old": "–", "new": _number(value)}],
                )
            )
            to_create.append(
                Observation(
                    indicator_id=key[0],
                    group_id=key[1],
                    area_id=key[2],
                    period=key[3],
                    value=value,
                    source=source,
                    forecast=forecast,
                )
            )
        elif (Decimal(stored.value), stored.source, stored.forecast) != (value, source, forecast):
            summary.add_change(
                RecordChange(
                    kind,
                    "updated",
                    name,
                    _changed_fields(stored, value=value, source=source, forecast=forecast),
                )
            )
            stored.value, stored.source, stored.forecast = value, source, forecast
            to_update.append(stored)
        else:
            summary.unchanged += 1
    summary.created, summary.updated = len(to_create), len(to_update)
    summary.areas = sorted({item[3].localized_name for item in resolved.values()})
    summary.months = sorted(periods)
    summary.new_areas = sorted(area.localized_name for area in new_areas.values())
    if not dry_run:
        with transaction.atomic():
            for area in new_areas.values():
                area.save()
            for observation in to_create:
                if isinstance(observation.area_id, str):
                    observation.area = new_areas[observation.area_id]
            Observation.objects.bulk_create(to_create, batch_size=1000)
            Observation.objects.bulk_update(
                to_update, ["value", "source", "forecast", "updated_at"], batch_size=1000
            )
    return summary


def _number(value) -> str:
    """A value as the language writes it (decimal comma in Finnish), as in the tables."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return number_format(int(value), use_l10n=True)
    return number_format(value.normalize(), use_l10n=True)


def _value_name(indicator: Indicator, group: Group, area: Area, month: datetime.date) -> str:
    """How the preview names one value: indicator, group, area and month."""
    parts = (indicator.localized_name, group.localized_name, area.localized_name)
    return " · ".join([*parts, f"{month.month}/{month.year}"])


def _changed_fields(stored: Observation, *, value, source: str, forecast: str) -> list[dict]:
    """[{label, old, new}] of what an import changes in a stored value."""
    fields = []
    if Decimal(stored.value) != value:
        fields.append({"label": _("Value"), "old": _number(stored.value), "new": _number(value)})
    if stored.source != source:
        fields.append({"label": _("Source"), "old": stored.source or "–", "new": source or "–"})
    if stored.forecast != forecast:
        fields.append(
            {"label": _("Forecast"), "old": stored.forecast or "–", "new": forecast or "–"}
        )
    return fields


def _order(location: Location | None, tables: list[Table]) -> tuple[int, int]:
    names = [table.name for table in tables]
    if location is None:
        return (-1, 0)
    sheet = names.index(location.source) if location.source in names else -1
    return (sheet, location.row or 0)


def import_tables(
    tables: list[Table], source_name: str, *, dry_run: bool = False, source: str = ""
) -> ImportSummary:
    """Import already opened tables (see indicators_import)."""
    problems = ProblemList()
    raw = read_observations(tables, problems, source=source)
    resolved = _resolve(raw, problems)
    if not resolved and not problems:
        problems.add(Location(source_name), _("The file holds no values."))
    # In file order: sheet by sheet, row by row (problems of one row in the order found).
    problems.sort(key=lambda problem: _order(problem.location, tables))
    problems.raise_if_any()
    return _write(resolved, dry_run=dry_run)


def indicators_import(
    *, path: Path | str, source_name: str | None = None, dry_run: bool = False, source: str = ""
) -> ImportSummary:
    """Import a .csv or .xlsx file of indicator values, all or nothing.

    source_name is the file name shown in messages (an upload's own name); `source`, when
    given, is stored as every value's source (else the file's lähde column, or for bulletin
    tables "Työllisyyskatsaus M/YYYY" of the table's latest month). Raises ImportRefused.
    """
    path = Path(path)
    source_name = source_name or path.name
    # A refusal is logged once, without the file's name or content (portal.kernel.failures).
    with import_failures_logged("indicators", file_kind(source_name, path), dry_run=dry_run):
        tables = read_tables(path, source_name)
        return import_tables(tables, source_name, dry_run=dry_run, source=source)


__all__ = ["ImportRefused", "ImportSummary", "import_tables", "indicators_import"]
