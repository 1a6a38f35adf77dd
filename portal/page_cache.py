"""Whole-page cache for anonymous visitors.

A visitor without a session cookie sees the same page as every other anonymous visitor, so
the rendered response is stored and served without touching the database. Every change that
could alter a public page (publishing, unpublishing, moving, deleting, saving ecosystem data
or site settings) bumps one generation number; cache keys include it, so one write
invalidates every stored page at once and stale entries simply expire.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

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


def _key(request, generation: int) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"keko:page:{generation}:{request.get_host()}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request, current_generation())
        stored = cache.get(key)
        if stored is not None:
            headers, content = stored
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(response):
            headers = {h: response[h] for h in STORED_HEADERS if h in response}
            cache.set(key, (headers, response.content), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
