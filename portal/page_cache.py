"""Whole-page cache for anonymous visitors.

A visitor without a session cookie sees the same page as every other anonymous visitor, so
the rendered response is stored and served without touching the database. Every change that
could alter a public page (publishing, unpublishing, moving, deleting, saving ecosystem data
or site settings) bumps one generation number; every stored page carries the generation it
was rendered in, so one write invalidates every stored page at once (a page from an older
generation is rendered again and overwritten, or simply expires).

A cache hit reads the generation and the page in one `get_many` (one MGET round trip on
Redis) and touches neither the database nor the session.

Unique query strings must not fill the cache: a URL is stored only when every parameter is
one that public pages read (CACHED_PARAMETERS: the map's filters, paging; not free-text
search), with short values, under a key of the sorted parameters (so `?a=1&b=2` and
`?b=2&a=1` are one entry); and each path keeps at most PAGE_CACHE_MAX_VARIANTS query-string
variants per generation. Anything else is rendered and not stored.
"""

import hashlib
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

logger = logging.getLogger(__name__)

GENERATION_KEY = "keko:pagecache:generation"
SKIPPED_PREFIXES = (
    "/admin/",
    "/healthz",
    "/static/",
    "/media/",
    "/documents/",
)
SKIPPED_SEGMENTS = ("/accounts/",)
STORED_HEADERS = ("Content-Type", "Content-Language", "Vary", "Link", "Last-Modified")
# Query parameters public pages read (ecosystem.map_state.PARAMS without the free-text `q`,
# graph.json's paging and the CSV's table, news and archive paging).
CACHED_PARAMETERS = frozenset(
    {"tg", "mun", "otype", "rel", "focus", "area", "org", "path", "start", "situation"}
    | {"goal", "k", "page", "limit", "table"}
)
MAX_PARAMETERS = 14
MAX_VALUE_LENGTH = 100
DEFAULT_MAX_VARIANTS = 50


def current_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def invalidate() -> None:
    """Make every cached page stale (called from signal handlers in portal.apps)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    path = request.path
    if path.startswith(SKIPPED_PREFIXES) or any(s in path for s in SKIPPED_SEGMENTS):
        return False
    return True


def _cacheable_response(response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    return True


def _canonical_query(request) -> str | None:
    """The query string as the cache keys it (sorted), or None when it must not be stored."""
    items = sorted((name, value) for name in request.GET for value in request.GET.getlist(name))
    if len(items) > MAX_PARAMETERS:
        return None
    for name, value in items:
        if name not in CACHED_PARAMETERS or len(value) > MAX_VALUE_LENGTH:
            return None
    return urlencode(items)


def _key(request, query: str) -> str:
    target = request.path + (f"?{query}" if query else "")
    digest = hashlib.sha256(target.encode()).hexdigest()[:32]
    return f"keko:page:{request.get_host()}:{digest}"


def _variant_budget_left(request, generation) -> bool:
    """Count a new query-string variant of this path; False once the path has enough."""
    limit = getattr(settings, "PAGE_CACHE_MAX_VARIANTS", DEFAULT_MAX_VARIANTS)
    digest = hashlib.sha256(request.path.encode()).hexdigest()[:32]
    key = f"keko:pagevariants:{generation}:{request.get_host()}:{digest}"
    try:
        cache.add(key, 0, settings.PAGE_CACHE_SECONDS)
        return cache.incr(key) <= limit
    except Exception:  # the counter expired meanwhile, or the cache is away: do not store
        return False


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _cacheable_request(request):
            return self.get_response(request)
        query = _canonical_query(request)
        if query is None:  # unknown parameters: render, never store
            return self.get_response(request)
        key = _key(request, query)
        try:
            found = cache.get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY)
            if generation is None:
                generation = current_generation()
        except Exception:
            # The cache is away (a Redis restart, a full disk): render the page instead.
            logger.warning("Page cache unavailable; rendering %s", request.path)
            return self.get_response(request)
        stored = found.get(key)
        if stored is not None and len(stored) == 3 and stored[0] == generation:
            return _stored_response(stored, "hit")
        response = self.get_response(request)
        if getattr(response, "keko_outage", False) and stored is not None and len(stored) == 3:
            # The database is away (portal.outage): an older copy of the page beats a 503.
            return _stored_response(stored, "stale")
        if _cacheable_response(response) and (
            not query or _variant_budget_left(request, generation)
        ):
            headers = {h: response[h] for h in STORED_HEADERS if h in response}
            stored = (generation, headers, response.content)
            try:
                cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("Page cache unavailable; %s not stored", request.path)
            if not settings.PRODUCTION:
                response["X-Page-Cache"] = "miss"
        return response


def _stored_response(stored, state: str) -> HttpResponse:
    _generation, headers, content = stored
    response = HttpResponse(content, headers=headers)
    if not settings.PRODUCTION:  # production names no internal state
        response["X-Page-Cache"] = state
    return response
