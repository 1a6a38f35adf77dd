"""The HSDS 3.0 API views: `/api/hsds/…`, read-only, public records only.

Every answer is JSON (errors too), carries `Access-Control-Allow-Origin: *`, and is
`Cache-Control: no-cache` with an `ETag` and a `Last-Modified` derived from the register's
data version, so a client revalidates and gets a 304 while nothing changed. A client making
more than KEKO_HSDS_RATE_LIMIT requests in KEKO_HSDS_RATE_PERIOD seconds gets a 429 with
`Retry-After`. A bad parameter gets a 400 with a translated message per parameter (the
language of `Accept-Language`, Finnish by default); an unknown id a 404.

Each page costs a fixed number of queries whatever the size of the register (pinned in
tests/ecosystem/exchange/hsds_api/test_queries.py).
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from ecosystem.exchange.hsds import HSDS_VERSION, HsdsMapping, Taxonomy
from ecosystem.exchange.hsds_api import openapi, throttle
from ecosystem.exchange.hsds_api.dataset import licence_object
from ecosystem.exchange.hsds_api.loading import (
    CHANNEL_FIELDS,
    ORGANISATION_FIELDS,
    SERVICE_FIELDS,
    PageLoader,
    as_uuid,
    load_taxonomy,
    located_channels,
    organisation_record,
    provided_by,
    public_organisations,
    public_services,
    taxonomy_filter,
    term_filter,
)
from ecosystem.exchange.hsds_api.params import (
    MAX_PER_PAGE,
    BadParameters,
    Params,
    read_params,
)
from ecosystem.models import Service
from ecosystem.register.versioning import data_version

PROFILE_URL = "https://docs.openreferral.org/en/3.0/hsds/"
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
PAGING = ("search", "page", "per_page", "format")
SERVICE_FILTERS = ("taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after")
ACCEPTED = {
    "services": (*PAGING, *SERVICE_FILTERS, "minimal", "full"),
    "organizations": (*PAGING, "full_service", "full"),
    "organization": ("full_service",),
    "service_at_locations": (*PAGING, *SERVICE_FILTERS, "full", "postcode", "proximity"),
    "taxonomies": PAGING,
    "taxonomy_terms": (*PAGING, "taxonomy_id", "top_only", "parent_id"),
}
SINCE_KEY = "keko:hsds:since"


class NotFound(Exception):
    """No public record has this id."""


def _json(data: Any, status: int = 200) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, status=status, content_type="application/json")


def _error(status: int, code: str, detail: str, **extra: Any) -> HttpResponse:
    return _json({"error": code, "detail": detail, **extra}, status=status)


def _finish(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
    response["Cache-Control"] = "no-cache"
    response["Vary"] = "Accept-Language"
    return response


def _since(version: str) -> float:
    """When the register got this data version (first seen), as a timestamp."""
    key = f"{SINCE_KEY}:{version}"
    cache.add(key, time.time(), timeout=None)
    return cache.get(key) or time.time()


def endpoint(view: Callable[..., Any]) -> Callable[..., HttpResponse]:
    """Method check, rate limit, conditional answers, errors as JSON, CORS; messages in the
    language of Accept-Language (the API has no language prefix, so the locale middleware
    would always choose Finnish)."""

    @csrf_exempt  # read-only: every other method is answered 405, never acted on
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with translation.override(translation.get_language_from_request(request)):
            return _answer(view, request, *args, **kwargs)

    return wrapper


def _answer(
    view: Callable[..., Any], request: HttpRequest, *args: Any, **kwargs: Any
) -> HttpResponse:
    """One answer of an endpoint (see endpoint)."""
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        response["Access-Control-Allow-Headers"] = (
            "Accept, Accept-Language, If-None-Match, If-Modified-Since"
        )
        response["Access-Control-Max-Age"] = "86400"
        response["Allow"] = ALLOWED_METHODS
        return _finish(response)
    if request.method not in ("GET", "HEAD"):
        response = _error(405, "method_not_allowed", _("This API only answers GET."))
        response["Allow"] = ALLOWED_METHODS
        return _finish(response)
    wait = throttle.retry_after(request)
    if wait:
        response = _error(
            429,
            "too_many_requests",
            _("Too many requests. Try again in %(seconds)d seconds.") % {"seconds": wait},
            retry_after=wait,
        )
        response["Retry-After"] = str(wait)
        return _finish(response)
    version = data_version()
    digest = hashlib.sha256(
        f"{version}|{request.get_host()}|{request.get_full_path()}".encode()
    ).hexdigest()[:40]
    etag = f'"{digest}"'
    since = int(_since(version))
    response = get_conditional_response(request, etag=etag, last_modified=since)
    if response is None:
        try:
            response = _json(view(request, *args, **kwargs))
        except BadParameters as error:
            return _finish(
                _error(
                    400,
                    "bad_parameter",
                    _("Some parameters have values this API cannot use."),
                    parameters=error.errors,
                )
            )
        except NotFound:
            return _finish(not_found_response())
    response["ETag"] = etag
    response["Last-Modified"] = http_date(since)
    return _finish(response)


def not_found_response() -> HttpResponse:
    return _error(404, "not_found", _("There is no public record at this address."))


@csrf_exempt
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Every other address under /api/hsds/: a JSON 404."""
    with translation.override(translation.get_language_from_request(request)):
        return _finish(not_found_response())


# --- paging -----------------------------------------------------------------------------------


def paginated(params: Params, total: int, fetch: Callable[[int, int], list]) -> dict[str, Any]:
    """The description's Page: the page's contents and where it sits among the pages."""
    total_pages = math.ceil(total / params.per_page)
    contents = fetch(params.offset, params.per_page) if params.offset < total else []
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": params.page,
        "size": len(contents),
        "first_page": params.page == 1,
        "last_page": params.page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def paginated_list(params: Params, items: list) -> dict[str, Any]:
    return paginated(params, len(items), lambda offset, size: items[offset : offset + size])


# --- services -----------------------------------------------------------------------------------


def _searched(text: str, fields: tuple[str, ...]) -> Q | None:
    if "\x00" in text:
        return None  # no text holds a NUL character (and PostgreSQL refuses to look)
    query = Q()
    for field in fields:
        query |= Q(**{f"{field}__icontains": text})
    return query


def filtered_services(
    params: Params, taxonomy: Taxonomy, *, search: bool = True
) -> QuerySet[Service]:
    """The public services the parameters ask for."""
    services = public_services()
    nothing = Service.objects.none()
    if search and params.search:
        query = _searched(params.search, ("name_fi", "name_sv", "name_en", "description_fi"))
        if query is None:
            return nothing
        services = services.filter(query)
    if params.taxonomy_term_id:
        query = term_filter(taxonomy, params.taxonomy_term_id)
        if query is None:
            return nothing
        services = services.filter(query)
    if params.taxonomy_id:
        query = taxonomy_filter(params.taxonomy_id)
        if query is None:
            return nothing
        services = services.filter(query)
    if params.organization_id:
        organisation = as_uuid(params.organization_id)
        if organisation is None:
            return nothing
        services = services.filter(provided_by(organisation))
    if params.modified_after:
        services = services.filter(updated_at__gte=params.modified_after)
    return services


@endpoint
def services(request: HttpRequest) -> dict[str, Any]:
    """`/services`: a page of public services (list form, `full`, or `minimal`)."""
    params = read_params(request.GET, ACCEPTED["services"])
    if params.minimal and "per_page" not in request.GET:
        params.per_page = MAX_PER_PAGE  # "aim to return all services within one page"
    taxonomy, municipalities = load_taxonomy()
    selected = filtered_services(params, taxonomy)
    loader = PageLoader(taxonomy, municipalities)

    def fetch(offset: int, size: int) -> list:
        ordered = selected.order_by("name_fi", "id")
        if params.minimal:
            rows = list(
                ordered.values("id", "name_fi", "status", "updated_at")[offset : offset + size]
            )
            mapping = loader.mapping({}, {str(row["id"]): row["updated_at"] for row in rows})
            return [mapping.minimal_service(row | {"id": str(row["id"])}) for row in rows]
        # The page's ids first: sorting narrow rows is cheaper than sorting whole ones.
        page_ids = list(ordered.values_list("id", flat=True)[offset : offset + size])
        position = {pk: index for index, pk in enumerate(page_ids)}
        rows = sorted(
            Service.objects.filter(pk__in=page_ids).values(*SERVICE_FIELDS),
            key=lambda row: position[row["id"]],
        )
        records, mapping = loader.services(rows)
        return [mapping.service(record, full=params.full) for record in records]

    return paginated(params, selected.count(), fetch)


@endpoint
def service(request: HttpRequest, pk: str) -> dict[str, Any]:
    """`/services/{id}`: one public service, fully nested."""
    key = as_uuid(pk)
    if key is None:
        raise NotFound
    taxonomy, municipalities = load_taxonomy()
    records, mapping = PageLoader(taxonomy, municipalities).services(
        public_services().filter(pk=key).values(*SERVICE_FIELDS)
    )
    if not records:
        raise NotFound
    return mapping.service(records[0])


# --- organizations ------------------------------------------------------------------------------


def _organizations(
    loader: PageLoader, rows, *, full: bool, full_service: bool
) -> list[dict[str, Any]]:
    records = [organisation_record(row) for row in rows]
    mapping: HsdsMapping = loader.mapping({}, {})
    result = [mapping.organization(record, full=full or full_service) for record in records]
    if full_service:
        # `services` is the API description's (compiled schema's) addition to the
        # organization object; the per-object schema has none, so it is only given on request.
        owned = loader.services_of([record["id"] for record in records])
        for item in result:
            item["services"] = owned.get(item["id"], [])
    return result


@endpoint
def organizations(request: HttpRequest) -> dict[str, Any]:
    """`/organizations`: a page of public organisations."""
    params = read_params(request.GET, ACCEPTED["organizations"])
    taxonomy, municipalities = load_taxonomy()
    loader = PageLoader(taxonomy, municipalities)
    selected = public_organisations()
    if params.search:
        query = _searched(
            params.search, ("name_fi", "name_sv", "name_en", "short_name", "description_fi")
        )
        selected = selected.filter(query) if query is not None else selected.none()

    def fetch(offset: int, size: int) -> list:
        rows = selected.order_by("name_fi", "id").values(*ORGANISATION_FIELDS)
        return _organizations(
            loader,
            list(rows[offset : offset + size]),
            full=params.full,
            full_service=params.full_service,
        )

    return paginated(params, selected.count(), fetch)


@endpoint
def organization(request: HttpRequest, pk: str) -> dict[str, Any]:
    """`/organizations/{id}`: one public organisation, fully nested."""
    params = read_params(request.GET, ACCEPTED["organization"])
    key = as_uuid(pk)
    if key is None:
        raise NotFound
    taxonomy, municipalities = load_taxonomy()
    rows = list(public_organisations().filter(pk=key).values(*ORGANISATION_FIELDS))
    if not rows:
        raise NotFound
    loader = PageLoader(taxonomy, municipalities)
    return _organizations(loader, rows, full=True, full_service=params.full_service)[0]


# --- service_at_locations -----------------------------------------------------------------------


def _located(loader: PageLoader, rows: list[dict[str, Any]], *, full: bool) -> list:
    service_ids = {row["service_id"] for row in rows}
    records, mapping = loader.services(
        public_services().filter(pk__in=service_ids).values(*SERVICE_FIELDS)
    )
    by_id = {record["id"]: record for record in records}
    return [
        mapping.service_at_location(
            by_id[str(row["service_id"])], loader.channel_record(row), full=full
        )
        for row in rows
    ]


@endpoint
def service_at_locations(request: HttpRequest) -> dict[str, Any]:
    """`/service_at_locations`: a page of the service points, e-services and web pages of
    public services."""
    params = read_params(request.GET, ACCEPTED["service_at_locations"])
    taxonomy, municipalities = load_taxonomy()
    loader = PageLoader(taxonomy, municipalities)
    selected = located_channels().filter(
        service__in=filtered_services(params, taxonomy, search=False).values("pk")
    )
    if params.search:
        query = _searched(
            params.search,
            (
                "service__name_fi",
                "service__name_sv",
                "service__name_en",
                "name",
                "description",
                "street_address",
                "post_office",
            ),
        )
        selected = selected.filter(query) if query is not None else selected.none()
    if params.postcode:
        postcode = params.postcode
        valid = len(postcode) == 5 and postcode.isascii() and postcode.isdigit()
        selected = selected.filter(postal_code=postcode) if valid else selected.none()

    def fetch(offset: int, size: int) -> list:
        rows = selected.order_by("service__name_fi", "service_id", "sort_order", "id")
        return _located(
            loader, list(rows.values(*CHANNEL_FIELDS)[offset : offset + size]), full=params.full
        )

    return paginated(params, selected.count(), fetch)


@endpoint
def service_at_location(request: HttpRequest, pk: str) -> dict[str, Any]:
    """`/service_at_locations/{id}`: one, fully nested."""
    key = as_uuid(pk)
    if key is None:
        raise NotFound
    taxonomy, municipalities = load_taxonomy()
    rows = list(located_channels().filter(pk=key).values(*CHANNEL_FIELDS))
    if not rows:
        raise NotFound
    return _located(PageLoader(taxonomy, municipalities), rows, full=True)[0]


# --- taxonomies ---------------------------------------------------------------------------------


def _matches(item: dict[str, Any], text: str, fields: tuple[str, ...]) -> bool:
    needle = text.casefold()
    return any(needle in str(item.get(field, "")).casefold() for field in fields)


@endpoint
def taxonomies(request: HttpRequest) -> dict[str, Any]:
    """`/taxonomies`: the register's classifications."""
    params = read_params(request.GET, ACCEPTED["taxonomies"])
    items = Taxonomy.taxonomies()
    if params.search:
        items = [item for item in items if _matches(item, params.search, ("name", "description"))]
    return paginated_list(params, items)


@endpoint
def taxonomy(request: HttpRequest, pk: str) -> dict[str, Any]:
    """`/taxonomies/{id}`."""
    for item in Taxonomy.taxonomies():
        if item["id"] == pk:
            return item
    raise NotFound


@endpoint
def taxonomy_terms(request: HttpRequest) -> dict[str, Any]:
    """`/taxonomy_terms`: every term in every language it has a label in."""
    params = read_params(request.GET, ACCEPTED["taxonomy_terms"])
    items = load_taxonomy()[0].all_terms()
    if params.search:
        fields = ("name", "code", "description")
        items = [item for item in items if _matches(item, params.search, fields)]
    if params.taxonomy_id:
        items = [item for item in items if item["taxonomy_id"] == params.taxonomy_id]
    if params.top_only:
        items = [item for item in items if "parent_id" not in item]
    if params.parent_id:
        items = [item for item in items if item.get("parent_id") == params.parent_id]
    return paginated_list(params, items)


@endpoint
def taxonomy_term(request: HttpRequest, pk: str) -> dict[str, Any]:
    """`/taxonomy_terms/{id}`."""
    found = load_taxonomy()[0].by_id.get(pk)
    if found is None:
        raise NotFound
    return found


# --- about the API ------------------------------------------------------------------------------


@endpoint
def index(request: HttpRequest) -> dict[str, Any]:
    """`/`: the HSDS version, its profile and the OpenAPI description of this API."""
    return {
        "version": HSDS_VERSION,
        "profile": PROFILE_URL,
        "openapi_url": request.build_absolute_uri(reverse("hsds_api:openapi")),
    }


@endpoint
def openapi_description(request: HttpRequest) -> dict[str, Any]:
    """The OpenAPI description of this API (the official one, completed for KEKO)."""
    return openapi.description(
        request.build_absolute_uri(reverse("hsds_api:index")), licence_object(request)
    )


@endpoint
def schema_file(request: HttpRequest, name: str) -> dict[str, Any]:
    """One of the HSDS 3.0 JSON schemas the description refers to."""
    found = openapi.schema(name)
    if found is None:
        raise NotFound
    return found
