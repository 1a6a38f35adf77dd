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

Signed-in visitors: `AudiencePageCacheMiddleware` (below the session, authentication and
messages) keeps the pages and map data that every signed-in user of one audience sees alike,
under the same generation, lifetime and query-string rules. An audience is what such a page
may depend on (portal.accounts.access.audience_key: the user's groups and stewarded
organisations); the language is part of the key too. A response is stored only when its view
says it is shared by audience (`shared_by_audience`; `SharedByAudiencePage` for Wagtail
page types, never for a page behind a password): the map page, the dashboard, the map's
JSON. The one personal part of such a page, the sign-out form's CSRF token, is stored as a
placeholder and filled in with the visitor's own token on every answer. Superusers, users
with permissions of their own, anyone with a message waiting, and every page that carries
Wagtail's user bar (editors: it has the user's own admin theme) are rendered for the user
and never stored. Access rules run before the page is stored for an audience, and
everyone in that audience passes them alike (a page restricted to groups: the groups are in
the key).
"""

import functools
import hashlib
import logging
import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from wagtail.models import PageViewRestriction

from portal.accounts.access import audience_key

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


NOT_TO_KEEP = "_keko_not_to_keep"


def do_not_keep(request) -> None:
    """What this request answers is not to be stored by either page cache (it shows data
    that is about to change: the map while its new version is being computed)."""
    if request is not None:
        setattr(request, NOT_TO_KEEP, True)


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


def _read_with_generation(request, key: str) -> tuple[int, object] | None:
    """(the current generation, what is stored under `key`) in one round trip; None when the
    cache is away (a Redis restart, a full disk), and the page is to be rendered."""
    try:
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            generation = current_generation()
    except Exception:
        logger.warning("Page cache unavailable; rendering %s", request.path)
        return None
    return generation, found.get(key)


def _current(stored, generation) -> bool:
    """True for a stored page (generation, headers, content) of the current generation."""
    return stored is not None and len(stored) == 3 and stored[0] == generation


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
        read = _read_with_generation(request, key)
        if read is None:  # the cache is away: render the page instead
            return self.get_response(request)
        generation, stored = read
        if _current(stored, generation):
            return _stored_response(stored, "hit")
        response = self.get_response(request)
        if getattr(response, "keko_outage", False) and stored is not None and len(stored) == 3:
            # The database is away (portal.outage): an older copy of the page beats a 503.
            return _stored_response(stored, "stale")
        if (
            _cacheable_response(response)
            and not getattr(request, NOT_TO_KEEP, False)
            and (not query or _variant_budget_left(request, generation))
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


# --- Signed-in visitors: pages shared by audience --------------------------------------------

AUDIENCE_MARK = "keko_shared_by_audience"
# Headers the view set that a stored answer repeats; the middleware above this one adds their
# own again (security headers, Vary: Cookie, the CSRF cookie, Content-Length).
UNSTORED_HEADERS = frozenset({"content-length", "set-cookie", "x-page-cache"})
CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+(")')
CSRF_PLACEHOLDER = b"{keko-csrf-token}"
# Wagtail's user bar (editors) is personal: it carries the user's own admin theme.
USERBAR = b'id="wagtail-userbar-template"'


def share_by_audience(response):
    """Mark a response as the same for every signed-in user of the requesting user's audience
    (see the module's text). Returns the response."""
    setattr(response, AUDIENCE_MARK, True)
    return response


def shared_by_audience(view):
    """Decorator of a view whose every answer is shared by audience."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        return share_by_audience(view(request, *args, **kwargs))

    return wrapper


class SharedByAudiencePage:
    """Mixin of a Wagtail page type whose pages every signed-in user of one audience sees
    alike. A page behind a password (Wagtail's view restriction) is personal to the sessions
    that gave it, so it is never stored."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return response  # anonymous: AnonymousPageCacheMiddleware's, without a query here
        if not _behind_a_password(self):
            share_by_audience(response)
        return response


def _behind_a_password(page) -> bool:
    """True when a password restriction applies to the page. The settings offer editors no
    passwords (steering.privacy), so whether any exists at all is asked once per generation
    (a new restriction starts a new one) and the page's own restrictions only when one does."""
    key = f"keko:pagecache:passwords:{current_generation()}"
    exists = cache.get(key)
    if exists is None:
        exists = PageViewRestriction.objects.filter(
            restriction_type=PageViewRestriction.PASSWORD
        ).exists()
        cache.set(key, exists, settings.PAGE_CACHE_SECONDS)
    return exists and any(
        restriction.restriction_type == PageViewRestriction.PASSWORD
        for restriction in page.get_view_restrictions()
    )


def _signed_in_candidate(request) -> bool:
    """True for a signed-in GET or HEAD this cache may answer or store."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False  # anonymous: AnonymousPageCacheMiddleware's
    path = request.path
    if path.startswith(SKIPPED_PREFIXES) or any(s in path for s in SKIPPED_SEGMENTS):
        return False
    messages = getattr(request, "_messages", None)
    # A message waiting is shown once, on a page rendered for it.
    return messages is None or not len(messages)


def _shared_path_key(request) -> str:
    """Under this key: the generation in which an answer of the path was last kept for an
    audience. Other paths (most signed-in pages are personal) cost no audience lookup."""
    digest = hashlib.sha256(f"{request.get_host()}\n{request.path}".encode()).hexdigest()[:32]
    return f"keko:audiencepath:{digest}"


def _audience_key(request, audience: str, query: str) -> str:
    target = "\n".join(
        [request.get_host(), translation.get_language() or "", audience, request.path, query]
    )
    return "keko:audiencepage:" + hashlib.sha256(target.encode()).hexdigest()[:40]


class AudiencePageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _signed_in_candidate(request):
            return self.get_response(request)
        query = _canonical_query(request)
        if query is None:
            return self.get_response(request)
        path_key = _shared_path_key(request)
        read = _read_with_generation(request, path_key)
        if read is None:
            return self.get_response(request)
        generation, shared_in = read
        audience = key = None
        if shared_in == generation:
            audience = audience_key(getattr(request, "user", None))
            if audience is None:
                return self.get_response(request)
            key = _audience_key(request, audience, query)
            stored = cache.get(key)
            if _current(stored, generation):
                return self._answer(request, stored, "hit")
        response = self.get_response(request)
        if not self._keepable(request, response):
            return response
        if audience is None:
            audience = audience_key(getattr(request, "user", None))
            if audience is None:
                return response
            key = _audience_key(request, audience, query)
        if query and not _variant_budget_left(request, generation):
            return response
        headers = {h: v for h, v in response.items() if h.lower() not in UNSTORED_HEADERS}
        content = CSRF_VALUE.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
        try:
            cache.set_many(
                {key: (generation, headers, content), path_key: generation},
                settings.PAGE_CACHE_SECONDS,
            )
        except Exception:
            logger.warning("Page cache unavailable; %s not stored", request.path)
        if not settings.PRODUCTION:
            response["X-Page-Cache"] = "audience-miss"
        return response

    @staticmethod
    def _keepable(request, response) -> bool:
        return (
            getattr(response, AUDIENCE_MARK, False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and USERBAR not in response.content
            and not getattr(request, NOT_TO_KEEP, False)
        )

    @staticmethod
    def _answer(request, stored, state: str) -> HttpResponse:
        _generation, headers, content = stored
        if CSRF_PLACEHOLDER in content:
            content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content, headers=headers)
        if not settings.PRODUCTION:
            response["X-Page-Cache"] = f"audience-{state}"
        return response
