"""Whole-page cache for anonymous visitors.

A visitor without a session cookie sees the same page as every other anonymous visitor, so
the rendered response is stored and served without touching the database. Every change that
could alter a public page (publishing, unpublishing, moving, deleting, saving ecosystem data
or site settings) bumps one generation number; every stored page carries the generation it
was rendered in, so one write invalidates every stored page at once (a page from an older
generation is rendered again and overwritten, or simply expires).

A cache hit reads the generation and the page in one `get_many` (one MGET round trip on
Redis) and touches neither the database nor the session.
"""

import hashlib
import logging

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


def _key(request) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"keko:page:{request.get_host()}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
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
        if _cacheable_response(response):
            headers = {h: response[h] for h in STORED_HEADERS if h in response}
            stored = (generation, headers, response.content)
            try:
                cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("Page cache unavailable; %s not stored", request.path)
            response["X-Page-Cache"] = "miss"
        return response


def _stored_response(stored, state: str) -> HttpResponse:
    _generation, headers, content = stored
    response = HttpResponse(content, headers=headers)
    response["X-Page-Cache"] = state
    return response
