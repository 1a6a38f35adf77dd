"""Template tags that draw the service map where a page or a block asks for it.

The map page type and the map block are models (what editors write, ecosystem.models); what
they show comes from the map layer (ecosystem.map.views). These block tags are the one place
where the two meet, so the models never import the map and no import cycle is needed:

    {% service_map_page %} … {% endservice_map_page %}        in the map page's template
    {% embedded_service_map value %} … {% endembedded_service_map %}   in the block's template

Each puts the map's context (eco_map, eco_view, eco_urls, eco_client, …) around its contents.

The map page's part (everything between the tags: the map, its controls, text tables and
the page's own body) is the same for every viewer of one audience, so it is cached as HTML
per page, address, view, language and audience (anonymous and public-only viewers, or
partners: portal.accounts.access) under the page cache's generation (page edits) and the
register's data version (register edits): a signed-in partner's map page then renders only
the shell around it. Never cached: a map answered from an older data version while the
warm-up runs, a view with the map's free-text search, and a part holding a CSRF token (a
form in the page's body).
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django import template
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.template.base import Parser, Token
from django.utils.html import json_script
from django.utils.safestring import SafeString

from ecosystem.map.data import CACHE_VERSION, audience
from ecosystem.map.state import MapView
from ecosystem.map.views import embedded_map_context, map_page_context, viewer
from ecosystem.register.versioning import data_version
from portal.page_cache import current_generation, do_not_keep

PAGE_PART_SECONDS = 600

register = template.Library()


class CompactJSONEncoder(DjangoJSONEncoder):
    """JSON without the spaces after , and : and with text as UTF-8 rather than \\u escapes:
    the map's data is a third of its page (Django's json_script writes both)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.update(separators=(",", ":"), ensure_ascii=False)
        super().__init__(*args, **kwargs)


@register.filter
def compact_json_script(value: Any, element_id: str) -> SafeString:
    """json_script (<, > and & escaped, so no text can end the script) in compact JSON."""
    return json_script(value, element_id, encoder=CompactJSONEncoder)


def first_map_on_page(request: Any) -> bool:
    """True for the first map a request renders: it writes the map's stylesheet and scripts,
    later blocks on the same page reuse them."""
    if request is None:
        return True
    if getattr(request, "_eco_map_assets", False):
        return False
    request._eco_map_assets = True
    return True


class MapPageNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        request = context.get("request")
        page = context.get("page")
        page_url = (page.get_url(request) or "") if page is not None else ""
        key = _page_part_key(request, page, page_url)
        html = cache.get(key) if key else None
        if html is None:
            values = map_page_context(request, map_page_url=page_url)
            if request is not None:
                request._eco_map_assets = True
            with context.push(**values):
                html = self.nodelist.render(context)
            if values["eco_map"].get("stale"):
                do_not_keep(request)  # nor the page around it (portal.page_cache)
            elif key and "csrfmiddlewaretoken" not in html:
                cache.set(key, html, PAGE_PART_SECONDS)
        # The page's head loads the map's stylesheet and scripts: map blocks in its body
        # need not write them again.
        if request is not None:
            request._eco_map_assets = True
        return html


def _page_part_key(request: Any, page: Any, page_url: str) -> str | None:
    """The cache key of a map page's part for this request's view and audience, or None when
    it is not to be cached (no request or page, the map's free-text search)."""
    if request is None or page is None or not page.pk or request.GET.get("q"):
        return None
    view = MapView.from_query(request.GET)
    public_only, language = viewer(request)
    token = f"{page_url}|{view.cache_token()}|{view.notes!r}"
    digest = hashlib.sha256(token.encode()).hexdigest()[:32]
    return (
        f"ecosystem:map-page:{CACHE_VERSION}:{current_generation()}:{data_version()}:"
        f"{language}:{audience(public_only)}:{page.pk}:{digest}"
    )


class EmbeddedMapNode(template.Node):
    def __init__(self, value: template.base.FilterExpression, nodelist: template.NodeList):
        self.value = value
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        value = self.value.resolve(context) or {}
        request = context.get("request")
        view = MapView.from_query(
            {
                "tg": value.get("target_group") or "",
                "mun": value.get("municipality") or "",
                "otype": value.get("organisation_type") or "",
                "rel": list(value.get("relation_types") or []),
                "path": value.get("service_path") or "",
            }
        )
        values = embedded_map_context(request, view)
        if values["eco_map"].get("stale"):
            do_not_keep(request)
        values["block_id"] = "eco-map-" + secrets.token_hex(4)
        values["eco_first_on_page"] = first_map_on_page(request)
        with context.push(**values):
            return self.nodelist.render(context)


@register.tag("service_map_page")
def service_map_page(parser: Parser, token: Token) -> MapPageNode:
    nodelist = parser.parse(("endservice_map_page",))
    parser.delete_first_token()
    return MapPageNode(nodelist)


@register.tag("embedded_service_map")
def embedded_service_map(parser: Parser, token: Token) -> EmbeddedMapNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% embedded_service_map VALUE %} takes one value")
    nodelist = parser.parse(("endembedded_service_map",))
    parser.delete_first_token()
    return EmbeddedMapNode(parser.compile_filter(bits[1]), nodelist)
