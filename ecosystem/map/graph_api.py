"""`GET /api/ecosystem/graph.json`: the register's graph as nodes and edges, a page at a time.

Query parameters, all optional (anything else, or a value that is not known, is answered with
400 and a translated message per parameter; never a 500):

- `tg` target group code, `mun` municipality code, `otype` organisation type, `rel` relation
  type (repeat it or separate with commas for several). They mean what the service map's
  filters mean (`ecosystem.map.visual.select`): services open to the target group (a service
  without target groups is open to all), in the municipality, run by an organisation of the
  type; organisations of the type that serve the municipality or run a kept service (only the
  latter when a target group is given); relations of the types, for the target group, between
  kept nodes; organisation–service links between kept nodes.
- `page` (1, 2, …) and `limit` (items a page, default 2 000, at most 10 000).

The graph is one sequence — nodes (organisations, then services, each by id), then edges
(relations, then organisation–service links, each by id) — cut into pages of `limit` items, so
a page may end the nodes and begin the edges; `next` / `previous` are the neighbouring pages'
absolute addresses (null at the ends) and `count` gives the totals. At national scale (20 000
services, 100 000 relations) that is about 150 000 items: 15 pages at the largest limit.

Anonymous callers get public records only: partner-only organisations, services, relations
and service paths are left out, with every edge that touches something left out. Signed-in
network partners, steering-group members and staff get everything, `partners_only` marking
what anonymous callers do not see.

A filtered graph is computed once per data version (ecosystem.register.versioning) and audience and
kept in the cache in language-neutral blocks of `BLOCK` items; a page is cut from at most
three of them and given names in the request's language (Finnish where a translation is
missing). Answers say `Cache-Control: no-cache`, so the anonymous page cache does not keep
them: only the version-keyed blocks, which a bulk import makes stale at once, serve repeats.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from operator import itemgetter
from typing import Any
from urllib.parse import urlencode

import networkx as nx
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse, QueryDict
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ecosystem.map.state import CODE_RE, MUNICIPALITY_RE, MapView
from ecosystem.map.views import viewer
from ecosystem.models import Municipality, TargetGroup
from ecosystem.models.choices import (
    Direction,
    OrganisationType,
    RelationType,
    ServiceClass,
    Visibility,
)
from ecosystem.network.filtering import select
from ecosystem.network.graph import (
    NAME_FIELDS,
    ORGANISATION,
    PROVIDES,
    RELATION,
    SERVICE,
    build_graph,
    collector_paused,
)
from ecosystem.network.labels import relation_type_label
from ecosystem.register.versioning import data_version
from portal.kernel.localization import CONTENT_LANGUAGES, localized
from portal.page_cache import shared_by_audience

PARAMETERS = ("tg", "mun", "otype", "rel", "page", "limit")
DEFAULT_LIMIT = 2000
MAX_LIMIT = 10000
BLOCK = 5000
CACHE_SECONDS = 24 * 3600
CACHE_PREFIX = "ecosystem:graph-json:v1"
MAX_ECHO = 64
# Plain strings: comparing with them is quicker than with the enum members.
PUBLIC = str(Visibility.PUBLIC.value)
DIRECTED = str(Direction.DIRECTED.value)
NO_GROUPS: tuple[str, ...] = ()
NODE_KINDS = (ORGANISATION, SERVICE)


@dataclass(frozen=True)
class GraphQuery:
    """What a graph.json request asks for; empty means "not set"."""

    target_group: str = ""
    municipality: str = ""
    organisation_type: str = ""
    relation_types: tuple[str, ...] = ()
    page: int = 1
    limit: int = DEFAULT_LIMIT

    def view(self) -> MapView:
        """The service-map view with the same filters (its filtering is reused)."""
        return MapView(
            target_group=self.target_group,
            municipality=self.municipality,
            organisation_type=self.organisation_type,
            relation_types=self.relation_types,
        )

    def filters(self) -> dict[str, Any]:
        return {
            "tg": self.target_group,
            "mun": self.municipality,
            "otype": self.organisation_type,
            "rel": list(self.relation_types),
        }

    def token(self) -> str:
        """The filters as a cache-key part (validated values: letters, digits, _ and -)."""
        return "|".join(
            (
                self.target_group,
                self.municipality,
                self.organisation_type,
                ",".join(self.relation_types),
            )
        )

    def query_string(self, page: int) -> str:
        pairs = [(key, value) for key, value in self.filters().items() if value and key != "rel"]
        pairs += [("rel", value) for value in self.relation_types]
        if self.limit != DEFAULT_LIMIT:
            pairs.append(("limit", str(self.limit)))
        pairs.append(("page", str(page)))
        return urlencode(pairs)


class QueryError(Exception):
    """The request's parameters were not understood: one problem per parameter."""

    def __init__(self, problems: list[dict[str, str]]):
        super().__init__(problems)
        self.problems = problems


class PageNotFound(Exception):
    def __init__(self, page: int, pages: int):
        super().__init__(page, pages)
        self.page, self.pages = page, pages


def _problem(parameter: str, value: str, message: str) -> dict[str, str]:
    return {"parameter": parameter, "value": value[:MAX_ECHO], "message": message}


def parse_query(params: QueryDict) -> GraphQuery:
    """The GraphQuery of a query string, checked for shape and fixed vocabularies (target
    groups and municipalities are checked against the register by `check_known`).

    Raises QueryError listing every problem found.
    """
    problems: list[dict[str, str]] = []
    for name in params:
        if name not in PARAMETERS:
            problems.append(
                _problem(
                    name,
                    params.get(name, ""),
                    _("Unknown parameter %(name)s; the parameters are %(known)s.")
                    % {"name": name[:MAX_ECHO], "known": ", ".join(PARAMETERS)},
                )
            )

    def single(name: str) -> str:
        values = [value.strip() for value in params.getlist(name)]
        if len(values) > 1:
            problems.append(
                _problem(name, values[1], _("Give %(name)s only once.") % {"name": name})
            )
        return values[0] if values else ""

    target_group = single("tg")
    if target_group and not CODE_RE.match(target_group):
        problems.append(
            _problem(
                "tg", target_group, _("There is no target group %(value)s.") % _echo(target_group)
            )
        )
    municipality = single("mun")
    if municipality and not MUNICIPALITY_RE.match(municipality):
        problems.append(
            _problem(
                "mun", municipality, _("There is no municipality %(value)s.") % _echo(municipality)
            )
        )
    organisation_type = single("otype")
    if organisation_type and organisation_type not in OrganisationType.values:
        problems.append(
            _problem(
                "otype",
                organisation_type,
                _("There is no organisation type %(value)s; the types are %(known)s.")
                % {**_echo(organisation_type), "known": ", ".join(OrganisationType.values)},
            )
        )
    relation_types: set[str] = set()
    for raw in params.getlist("rel"):
        for value in (part.strip() for part in raw.split(",")):
            if value in RelationType.values:
                relation_types.add(value)
            elif value:
                problems.append(
                    _problem(
                        "rel",
                        value,
                        _("There is no relation type %(value)s; the types are %(known)s.")
                        % {**_echo(value), "known": ", ".join(RelationType.values)},
                    )
                )
    page = _whole_number(single("page"), 1, None)
    if page is None:
        page = 1
        problems.append(
            _problem(
                "page", params.get("page", ""), _("The page must be a whole number from 1 up.")
            )
        )
    limit = _whole_number(single("limit"), DEFAULT_LIMIT, MAX_LIMIT)
    if limit is None:
        limit = DEFAULT_LIMIT
        problems.append(
            _problem(
                "limit",
                params.get("limit", ""),
                _("The limit must be a whole number from 1 to %(max)s.") % {"max": MAX_LIMIT},
            )
        )
    if problems:
        raise QueryError(problems)
    return GraphQuery(
        target_group=target_group,
        municipality=municipality,
        organisation_type=organisation_type,
        # Every type is the same as no filter (and the same cache entry).
        relation_types=()
        if relation_types == set(RelationType.values)
        else tuple(sorted(relation_types)),
        page=page,
        limit=limit,
    )


def _echo(value: str) -> dict[str, str]:
    return {"value": value[:MAX_ECHO]}


def _whole_number(text: str, default: int, maximum: int | None) -> int | None:
    """The number in text (default when empty), None when it is not one in 1..maximum."""
    if not text:
        return default
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        return None
    number = int(text)
    if number < 1 or (maximum is not None and number > maximum):
        return None
    return number


# --- The register's vocabulary --------------------------------------------------------------


def _rows(queryset: QuerySet, *fields: str) -> list[dict[str, Any]]:
    return list(queryset.values("code", *fields))


def vocabulary(version: str) -> dict[str, list[dict[str, Any]]]:
    """Target groups and municipalities of the register (codes with names), cached under the
    data version; the same for every audience."""
    key = f"{CACHE_PREFIX}:{version}:vocabulary"
    found = cache.get(key)
    if found is None:
        found = {
            "target_groups": _rows(
                TargetGroup.objects.order_by("sort_order", "name_fi"), *NAME_FIELDS
            ),
            "municipalities": _rows(Municipality.objects.order_by("name_fi"), *NAME_FIELDS),
        }
        cache.set(key, found, CACHE_SECONDS)
    return found


def check_known(query: GraphQuery, known: dict[str, list[dict[str, Any]]]) -> None:
    """Raise QueryError when the target group or municipality is not in the register."""
    problems = []
    if query.target_group and query.target_group not in {r["code"] for r in known["target_groups"]}:
        problems.append(
            _problem(
                "tg",
                query.target_group,
                _("There is no target group %(value)s.") % _echo(query.target_group),
            )
        )
    if query.municipality and query.municipality not in {
        r["code"] for r in known["municipalities"]
    }:
        problems.append(
            _problem(
                "mun",
                query.municipality,
                _("There is no municipality %(value)s.") % _echo(query.municipality),
            )
        )
    if problems:
        raise QueryError(problems)


# --- Items ----------------------------------------------------------------------------------


# Items are cached as tuples (quicker to make and to pickle than dicts) in these field orders;
# the kind, second in each, says which. A node's name is (fi, sv, en) until a page is cut.
NODE_FIELDS = ("id", "kind", "type", "name")
EDGE_FIELDS = ("id", "kind", "type", "source", "target", "direction", "target_groups")
FIELDS = {
    ORGANISATION: (
        *NODE_FIELDS,
        "short_name",
        "parent",
        "consortium_member",
        "target_groups",
        "municipalities",
        "partners_only",
    ),
    SERVICE: (
        *NODE_FIELDS,
        "status",
        "obligation",
        "minimum_age",
        "maximum_age",
        "target_groups",
        "municipalities",
        "partners_only",
    ),
    RELATION: (*EDGE_FIELDS, "valid_from", "valid_to", "partners_only"),
    PROVIDES: (*EDGE_FIELDS, "role", "provision_type", "partners_only"),
}


def _node_item(data: dict[str, Any]) -> tuple:
    """A node in the field order of FIELDS."""
    names = (data["name_fi"], data["name_sv"], data["name_en"])
    if data["kind"] == ORGANISATION:
        parent = data["parent"]
        return (
            data["id"],
            ORGANISATION,
            data["type"],
            names,
            # .get: a graph cached before the translations has only the Finnish one.
            (data["short_name"], data.get("short_name_sv", ""), data.get("short_name_en", "")),
            parent[4:] if parent else None,
            data["is_consortium_member"],
            data["target_groups"],
            data["municipalities"],
            data["visibility"] != PUBLIC,
        )
    return (
        data["id"],
        SERVICE,
        data["type"],
        names,
        data["status"],
        data["obligation"],
        data["minimum_age"],
        data["maximum_age"],
        data["target_groups"],
        data["municipalities"],
        data["visibility"] != PUBLIC,
    )


def _edge_item(source: str, target: str, data: dict[str, Any], hidden_end: bool) -> tuple:
    """An edge in the field order of FIELDS; hidden_end: an end is partner-only."""
    if data["kind"] == PROVIDES:
        return (
            data["id"],
            PROVIDES,
            PROVIDES,
            source[4:],
            target[4:],
            DIRECTED,
            NO_GROUPS,
            data["role"],
            data["provision_type"],
            hidden_end,
        )
    valid_from, valid_to = data["valid_from"], data["valid_to"]
    return (
        data["id"],
        RELATION,
        data["relation_type"],
        source[4:],
        target[4:],
        data["direction"],
        data["target_groups"],
        valid_from.isoformat() if valid_from else None,
        valid_to.isoformat() if valid_to else None,
        hidden_end or data["visibility"] != PUBLIC,
    )


def graph_items(graph: nx.MultiDiGraph, query: GraphQuery) -> tuple[list[tuple], list[tuple]]:
    """(nodes, edges) the query's filters keep of the graph, in API order, as tuples in the
    field orders of FIELDS (see `as_dict`): organisations, services, relations and
    organisation–service links, each by id."""
    by_id = itemgetter(0)
    with collector_paused():
        nodes, edge_kept = select(graph, query.view())
        attributes = graph._node
        node_items = sorted((_node_item(attributes[node]) for node in nodes), key=by_id)
        node_items.sort(key=_is_service)  # stable: organisations first, each still by id
        hidden = {node for node in nodes if attributes[node]["visibility"] != PUBLIC}
        relations: list[tuple] = []
        links: list[tuple] = []
        # The adjacency dicts directly: networkx's edge views cost more than the rest here.
        for source, targets in graph._succ.items():
            if source not in nodes:
                continue
            for target, keyed in targets.items():
                if target not in nodes:
                    continue
                hidden_end = source in hidden or target in hidden
                for data in keyed.values():
                    if edge_kept(source, target, data):
                        item = _edge_item(source, target, data, hidden_end)
                        (links if item[1] == PROVIDES else relations).append(item)
        relations.sort(key=by_id)
        links.sort(key=by_id)
    return node_items, relations + links


def _is_service(item: tuple) -> bool:
    return item[1] == SERVICE


# --- Cached blocks and pages ------------------------------------------------------------------


def _cache_key(version: str, public_only: bool, query: GraphQuery) -> str:
    audience = "public" if public_only else "partners"
    return f"{CACHE_PREFIX}:{version}:{audience}:{query.token()}"


def _store(key: str, node_items: list[tuple], edge_items: list[tuple]) -> tuple[dict, dict]:
    """Cache the items as blocks under key: (meta, {block key: block})."""
    items = node_items + edge_items
    blocks = {
        f"{key}:{number}": items[start : start + BLOCK]
        for number, start in enumerate(range(0, len(items), BLOCK))
    }
    meta = {"nodes": len(node_items), "edges": len(edge_items)}
    cache.set_many({**blocks, key: meta}, CACHE_SECONDS)
    return meta, blocks


def _compute_and_store(key: str, query: GraphQuery, public_only: bool) -> tuple[dict, dict]:
    """Build the graph, keep the query's items and cache them as blocks: (meta, the blocks of
    the query's page).

    The garbage collector stays paused until the graph and the other blocks are gone, so it
    never walks the hundreds of thousands of objects they are made of.
    """
    with collector_paused():
        graph = build_graph(public_only=public_only, include_paths=False)
        node_items, edge_items = graph_items(graph, query)
        # networkx caches its views on the graph and they point back at it: a reference
        # cycle only a full collection would free, after walking every object of the graph.
        # Emptying the graph's attributes frees it here and now.
        vars(graph).clear()
        del graph
        meta, blocks = _store(key, node_items, edge_items)
        del node_items, edge_items
        wanted = {f"{key}:{number}" for number in _block_numbers(meta, query)}
        blocks = {name: block for name, block in blocks.items() if name in wanted}
    return meta, blocks


def warm_up(graph: nx.MultiDiGraph, *, version: str) -> str:
    """Compute and cache graph.json's unfiltered pages of the graph's audience under the data
    version, from a graph already built (for the background warm-up after a data change, so
    no request waits for the national graph). Returns the cache key filled."""
    query = GraphQuery()
    key = _cache_key(version, bool(graph.graph.get("public_only")), query)
    vocabulary(version)
    with collector_paused():
        _store(key, *graph_items(graph, query))
    return key


def _page_items(
    query: GraphQuery, *, public_only: bool, version: str
) -> tuple[dict[str, int], list[dict[str, Any]], int]:
    """(counts, the page's items, index of the page's first item) from the cached blocks,
    computed and cached first when missing."""
    key = _cache_key(version, public_only, query)
    meta = cache.get(key)
    blocks: dict[str, Any] = {}
    if meta is not None:
        wanted = _block_numbers(meta, query)
        blocks = cache.get_many([f"{key}:{number}" for number in wanted])
        if len(blocks) < len(wanted):
            meta = None  # a block was evicted: compute again
    if meta is None:
        meta, blocks = _compute_and_store(key, query, public_only)
    pages = _pages(meta, query.limit)
    if query.page > pages:
        raise PageNotFound(query.page, pages)
    start = (query.page - 1) * query.limit
    end = start + query.limit
    items: list[dict[str, Any]] = []
    for number in _block_numbers(meta, query):
        offset = number * BLOCK
        items.extend(blocks[f"{key}:{number}"][max(start - offset, 0) : end - offset])
    return meta, items, start


def _pages(meta: dict[str, int], limit: int) -> int:
    return max(1, math.ceil((meta["nodes"] + meta["edges"]) / limit))


def _block_numbers(meta: dict[str, int], query: GraphQuery) -> range:
    """Numbers of the blocks the query's page is cut from (none past the end)."""
    start = (query.page - 1) * query.limit
    end = min(start + query.limit, meta["nodes"] + meta["edges"])
    return range(start // BLOCK, (end - 1) // BLOCK + 1) if end > start else range(0)


def as_dict(item: tuple, language: str) -> dict[str, Any]:
    """An item as the API gives it: a dict, a node's name and an organisation's short name in
    the language (Finnish when that one is missing)."""
    named = dict(zip(FIELDS[item[1]], item, strict=True))
    if item[1] in NODE_KINDS:
        index = CONTENT_LANGUAGES.index(language)
        names = named["name"]
        named["name"] = names[index] or names[0]
        if "short_name" in named:
            short_names = named["short_name"]
            named["short_name"] = short_names[index] or short_names[0]
    return named


def labels(known: dict[str, list[dict[str, Any]]], language: str) -> dict[str, dict[str, str]]:
    """Names of the codes the items use, in the active language."""
    return {
        "organisation_types": {value: str(label) for value, label in OrganisationType.choices},
        "service_classes": {value: str(label) for value, label in ServiceClass.choices},
        "relation_types": {
            **{value: str(label) for value, label in RelationType.choices},
            PROVIDES: relation_type_label(PROVIDES),
        },
        "target_groups": {
            row["code"]: localized(row, "name", language) for row in known["target_groups"]
        },
        "municipalities": {
            row["code"]: localized(row, "name", language) for row in known["municipalities"]
        },
    }


def graph_page(query: GraphQuery, *, public_only: bool, language: str) -> dict[str, Any]:
    """One page of the register graph for an audience (see the module's text), without the
    `next` / `previous` addresses. Raises QueryError or PageNotFound."""
    version = data_version()
    known = vocabulary(version)
    check_known(query, known)
    meta, items, start = _page_items(query, public_only=public_only, version=version)
    nodes_on_page = max(0, min(meta["nodes"] - start, len(items)))
    return {
        "language": language,
        "public_only": public_only,
        "data_version": version,
        "filters": query.filters(),
        "count": {"nodes": meta["nodes"], "edges": meta["edges"]},
        "page": query.page,
        "pages": _pages(meta, query.limit),
        "limit": query.limit,
        "nodes": [as_dict(item, language) for item in items[:nodes_on_page]],
        "edges": [as_dict(item, language) for item in items[nodes_on_page:]],
        "labels": labels(known, language),
    }


# --- The view ---------------------------------------------------------------------------------


def _json(data: dict[str, Any], status: int = 200, *, public_only: bool = True) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    patch_vary_headers(response, ["Cookie", "Accept-Language"])
    # Not for the anonymous page cache (see the module's text); signed-in answers are private.
    patch_cache_control(response, no_cache=True, **({} if public_only else {"private": True}))
    return response


@require_GET
@shared_by_audience
def graph_json(request: HttpRequest) -> JsonResponse:
    """The register graph, filtered and paged by the query string, for the requesting viewer."""
    public_only, language = viewer(request)
    try:
        query = parse_query(request.GET)
        data = graph_page(query, public_only=public_only, language=language)
    except QueryError as error:
        return _json(
            {"error": _("The query was not understood."), "errors": error.problems},
            status=400,
            public_only=public_only,
        )
    except PageNotFound as error:
        return _json(
            {
                "error": _("There is no page %(page)s; at this limit the last page is %(pages)s.")
                % {"page": error.page, "pages": error.pages}
            },
            status=404,
            public_only=public_only,
        )

    def address(page: int) -> str:
        return request.build_absolute_uri(f"{request.path}?{query.query_string(page)}")

    data["next"] = address(query.page + 1) if query.page < data["pages"] else None
    data["previous"] = address(query.page - 1) if query.page > 1 else None
    return _json(data, public_only=public_only)
