"""Views of the service map: the context of the map page and of the embedded block, and the
text view (the map's HTML alternative at its own address, working without JavaScript)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ecosystem.map.data import map_context
from ecosystem.map.state import PARAMS, MapView
from ecosystem.map.visual import EDGE_STYLES, VIS_NETWORK_VERSION
from ecosystem.models.map_page import EcosystemMapPage
from portal.accounts.access import sees_partner_content
from portal.kernel.localization import active_language

PLACEHOLDER_NODE = "svc:00000000-0000-0000-0000-000000000000"


def viewer(request: HttpRequest | None) -> tuple[bool, str]:
    """(public_only, language) of the request's viewer."""
    user = getattr(request, "user", None) if request is not None else None
    return not sees_partner_content(user), active_language()


def map_page_url(language: str | None = None) -> str:
    """The address of the first live map page in the active language ("" when none)."""
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code=language or active_language()).first()
    pages = EcosystemMapPage.objects.live().public()
    page = (pages.filter(locale=locale).first() if locale else None) or pages.first()
    return (page.get_url() or "") if page else ""


def client_labels() -> dict[str, str]:
    """Texts the map's JavaScript shows (translated here: no JavaScript catalogue needed)."""
    return {
        "close": _("Close"),
        "loading": _("Loading…"),
        "loadFailed": _("The details could not be loaded."),
        "partnerOnly": _("Network partners only"),
        "organisations": _("Organisations"),
        "services": _("Services"),
        "channels": _("Where and how"),
        "relations": _("Relations"),
        "outgoing": _("to"),
        "incoming": _("from"),
        "mutual": _("with"),
        "focus": _("Focus on its neighbourhood"),
        "routesFrom": _("Find routes onward from here"),
        "inTextView": _("Show in the text view"),
        "website": _("Website"),
        "email": _("Email"),
        "phone": _("Phone"),
        "openingHours": _("Opening hours"),
        "evidence": _("Evidence"),
        "step": _("Step"),
        "stepOf": _("Step %(number)s of %(count)s"),
        "handoff": _("Hand-off"),
        "handoffFrom": _("hand-off from %(from)s"),
        "selected": _("Selected: %(name)s"),
        "noSelection": _("Nothing selected"),
        "pngName": _("service-map"),
        "swimName": _("swimlane"),
        "or": _("or"),
        "currentStep": _("Current step"),
        "drill": _("Open"),
        "openPage": _("Open the page"),
        "propose": _("Propose a change"),
        "noFilters": _("No filters: the whole register"),
        "drawnOn": _("Drawn on"),
        "inFinnish": _("in Finnish"),
    }


def _urls(view: MapView, page_url: str) -> dict[str, str]:
    query = view.query_string()
    base = page_url or reverse("ecosystem:map_text")
    csv = reverse("ecosystem:map_csv")
    pairs = view.params()
    return {
        "page": page_url,
        "share": base + query,
        "reset": base,
        "text": reverse("ecosystem:map_text") + query,
        "api": reverse("ecosystem:map_json") + query,
        "csv_nodes": csv + query,
        "csv_relations": csv + "?" + urlencode([*pairs, ("table", "relations")]),
        "node_api": reverse("ecosystem:node_json", args=[PLACEHOLDER_NODE]).replace(
            PLACEHOLDER_NODE, "NODE"
        ),
    }


def _prefix(view: MapView, *without: str) -> str:
    """The view's query string without some parameters, ready for `...&name=value`."""
    keys = {PARAMS[name] for name in without}
    pairs = [(key, value) for key, value in view.params() if key not in keys]
    return "?" + (urlencode(pairs) + "&" if pairs else "")


def _aggregate_rows(data: dict[str, Any], view: MapView, base: str) -> list[dict[str, Any]]:
    rows = []
    for row in data["table"].get("aggregates", []):
        param, value = row["drill"]
        changes = {"area": value} if param == "area" else {"organisation": value}
        rows.append({**row, "url": base + view.query_string(**changes, focus="")})
    return rows


def _without_swimlane(steps: dict[str, Any] | None) -> dict[str, Any] | None:
    if steps is None:
        return None
    return {key: value for key, value in steps.items() if key != "swimlane"}


def _client_data(data: dict[str, Any], view: MapView, urls: dict[str, str]) -> dict[str, Any]:
    return {
        "payload": data["payload"],
        "level": data["level"],
        "matches": data["matches"],
        "focus": view.focus,
        # The diagrams are in the page already: the script needs the steps only.
        "path": _without_swimlane(data["path"]),
        "routes": [_without_swimlane(r) for r in (data["routes"] or {}).get("routes", [])],
        "labels": client_labels(),
        "urls": {
            "node": urls["node_api"],
            "base": urls["share"].split("?")[0],
            "focusPrefix": _prefix(view, "focus"),
            "startPrefix": _prefix(view, "start", "situation"),
        },
        "edgeStyles": EDGE_STYLES,
        "visNetwork": VIS_NETWORK_VERSION,
    }


def _match_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The search's matches as the text view lists them (name, kind, organisation), in the
    order of the search."""
    rows = {row["id"]: row for row in data["table"].get("rows", [])}
    return [rows[ref] for ref in data["matches"] if ref in rows]


def map_page_context(request: HttpRequest, *, map_page_url: str) -> dict[str, Any]:
    """Everything the map page's template needs for the request's view and viewer."""
    view = MapView.from_query(request.GET)
    public_only, language = viewer(request)
    data = map_context(view, public_only=public_only, language=language)
    urls = _urls(view, map_page_url)
    base = map_page_url or reverse("ecosystem:map_text")
    return {
        "eco_map": data,
        "eco_view": view,
        "eco_urls": urls,
        "eco_aggregates": _aggregate_rows(data, view, base),
        "eco_match_rows": _match_rows(data),
        "eco_focus_prefix": _prefix(view, "focus"),
        "eco_start_prefix": _prefix(view, "start", "situation"),
        "eco_client": _client_data(data, view, urls),
        "eco_signed_in": not public_only,
    }


def embedded_map_context(request: HttpRequest | None, view: MapView) -> dict[str, Any]:
    """The context of the map block: a fixed view, linking to the full map page."""
    public_only, language = viewer(request)
    data = map_context(view, public_only=public_only, language=language)
    page_url = map_page_url(language)
    urls = _urls(view, page_url)
    return {
        "eco_map": data,
        "eco_view": view,
        "eco_urls": urls,
        "eco_client": _client_data(data, view, urls),
    }


@require_GET
def text_view(request: HttpRequest) -> HttpResponse:
    """The map as tables and lists: every node and relation the map draws for this view."""
    context = map_page_context(request, map_page_url="")
    context["eco_map_page_url"] = map_page_url()
    return TemplateResponse(request, "ecosystem/map/text_view.html", context)
