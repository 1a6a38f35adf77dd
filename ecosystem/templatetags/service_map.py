"""Template tags that draw the service map where a page or a block asks for it.

The map page type and the map block are models (what editors write, ecosystem.models); what
they show comes from the map layer (ecosystem.map.views). These block tags are the one place
where the two meet, so the models never import the map and no import cycle is needed:

    {% service_map_page %} … {% endservice_map_page %}        in the map page's template
    {% embedded_service_map value %} … {% endembedded_service_map %}   in the block's template

Each puts the map's context (eco_map, eco_view, eco_urls, eco_client, …) around its contents.
"""

from __future__ import annotations

import secrets
from typing import Any

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.base import Parser, Token
from django.utils.html import json_script
from django.utils.safestring import SafeString

from ecosystem.map.state import MapView
from ecosystem.map.views import embedded_map_context, map_page_context

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
        values = map_page_context(request, map_page_url=page_url)
        # The page's head loads the map's stylesheet and scripts: map blocks in its body
        # need not write them again.
        if request is not None:
            request._eco_map_assets = True
        with context.push(**values):
            return self.nodelist.render(context)


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
