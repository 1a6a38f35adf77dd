"""The service map's view state: what the URL's query string asks the map to show.

Everything a person can set on the map (filters, search, focus, drill-down, the highlighted
service path, the route finder's question) lives in the query string, so a view can be
shared as a link. `MapView.from_query()` reads it leniently: a value that cannot be right
(wrong shape, unknown choice) is dropped with a translated note for the page, never a 500.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from ecosystem.models.choices import OrganisationType, RelationType
from ecosystem.network.routes import Goal, Situation

CODE_RE = re.compile(r"^[a-z0-9_-]{1,64}$")
MUNICIPALITY_RE = re.compile(r"^[0-9]{3}$")
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
NODE_RE = re.compile(r"^(org|svc):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
MAX_QUERY = 100
MAX_AREA = 255
DEFAULT_ROUTES = 3
MAX_ROUTES = 5

# Query-string parameter names (short: they end up in shared links).
PARAMS = {
    "target_group": "tg",
    "municipality": "mun",
    "organisation_type": "otype",
    "relation_types": "rel",
    "query": "q",
    "focus": "focus",
    "area": "area",
    "organisation": "org",
    "path": "path",
    "start": "start",
    "situation": "situation",
    "goal": "goal",
    "routes": "k",
}


@dataclass(frozen=True)
class MapView:
    """One view of the map. Empty strings and tuples mean "not set"."""

    target_group: str = ""
    municipality: str = ""
    organisation_type: str = ""
    relation_types: tuple[str, ...] = ()
    query: str = ""
    focus: str = ""
    area: str = ""
    organisation: str = ""
    path: str = ""
    start: str = ""
    situation: str = ""
    goal: str = ""
    routes: int = DEFAULT_ROUTES
    notes: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> MapView:
        """The view a query string (a QueryDict or a plain dict) asks for.

        Values that cannot be valid are dropped and explained in `notes`.
        """
        notes: list[str] = []

        def one(name: str) -> str:
            key = PARAMS[name]
            if hasattr(query, "getlist"):
                # The last value given (a form may ask for one parameter in two places,
                # e.g. the municipality beside the route finder), empty ones left out.
                given = [value for value in query.getlist(key) if str(value).strip()]
                return str(given[-1]).strip() if given else ""
            value = query.get(key, "")
            if isinstance(value, list | tuple):
                value = value[0] if value else ""
            return str(value or "").strip()

        def checked(name: str, pattern: re.Pattern[str], message: str) -> str:
            value = one(name)
            if value and not pattern.match(value):
                notes.append(message)
                return ""
            return value

        target_group = checked("target_group", CODE_RE, _("The target group was not understood."))
        municipality = checked(
            "municipality", MUNICIPALITY_RE, _("The municipality was not understood.")
        )
        organisation_type = one("organisation_type")
        if organisation_type and organisation_type not in OrganisationType.values:
            notes.append(_("The organisation type was not understood."))
            organisation_type = ""
        if hasattr(query, "getlist"):
            raw_relations = query.getlist(PARAMS["relation_types"])
        else:
            raw_relations = query.get(PARAMS["relation_types"], [])
            raw_relations = [raw_relations] if isinstance(raw_relations, str) else raw_relations
        relation_types = tuple(
            sorted({value for value in raw_relations if value in RelationType.values})
        )
        if len(relation_types) < len({value for value in raw_relations if value}):
            notes.append(_("A relation type was not understood and was left out."))
        if set(relation_types) == set(RelationType.values):
            relation_types = ()  # every type is the same as no filter
        text = one("query")[:MAX_QUERY]
        focus = checked("focus", NODE_RE, _("The node to focus on was not understood."))
        area = one("area")[:MAX_AREA]
        organisation = checked(
            "organisation", UUID_RE, _("The organisation to open was not understood.")
        )
        path = checked("path", UUID_RE, _("The service path was not understood."))
        start = checked("start", NODE_RE, _("The starting service was not understood."))
        if start.startswith("org:"):
            notes.append(_("Routes start from a service, not from an organisation."))
            start = ""
        situation = one("situation")
        if situation and situation not in Situation.CHOICES:
            notes.append(_("The situation was not understood."))
            situation = ""
        goal = one("goal")
        if goal and goal not in Goal.CHOICES:
            notes.append(_("The goal was not understood."))
            goal = ""
        try:
            routes = int(one("routes") or DEFAULT_ROUTES)
        except ValueError:
            routes = DEFAULT_ROUTES
        routes = min(max(routes, 1), MAX_ROUTES)
        return cls(
            target_group=target_group,
            municipality=municipality,
            organisation_type=organisation_type,
            relation_types=relation_types,
            query=text,
            focus=focus,
            area=area,
            organisation=organisation,
            path=path,
            start=start,
            situation=situation,
            goal=goal,
            routes=routes,
            notes=tuple(notes),
        )

    @property
    def wants_routes(self) -> bool:
        """True when the route finder was asked something (a start or a situation)."""
        return bool(self.start or self.situation)

    @property
    def goal_or_default(self) -> str:
        return self.goal or Goal.DEFAULT

    def params(self, **changes: Any) -> list[tuple[str, str]]:
        """The query-string pairs of this view (with `changes`), empty values left out."""
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "notes"}
        values.update(changes)
        pairs: list[tuple[str, str]] = []
        for name, key in PARAMS.items():
            value = values.get(name)
            if name == "routes":
                if value and int(value) != DEFAULT_ROUTES:
                    pairs.append((key, str(value)))
            elif isinstance(value, tuple | list):
                pairs.extend((key, str(item)) for item in value)
            elif value:
                pairs.append((key, str(value)))
        return pairs

    def query_string(self, **changes: Any) -> str:
        """`?tg=...&mun=...` for this view (with `changes`), or "" when nothing is set."""
        pairs = self.params(**changes)
        return "?" + urlencode(pairs) if pairs else ""

    def cache_token(self, *names: str) -> str:
        """A short stable digest of the named parts of the view (all when none named)."""
        wanted = names or tuple(PARAMS)
        parts = [f"{name}={getattr(self, name)!r}" for name in wanted]
        return hashlib.sha256("&".join(parts).encode()).hexdigest()[:24]

    @property
    def filter_names(self) -> tuple[str, ...]:
        """The parts that decide which nodes and edges are drawn."""
        return (
            "target_group",
            "municipality",
            "organisation_type",
            "relation_types",
            "focus",
            "area",
            "organisation",
        )
