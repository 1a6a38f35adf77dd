"""JSON and CSV API of the service map. Anonymous callers get public records only.

- `map.json`: the map of a view (the query string of the map page): vis-network nodes and
  edges with positions, options, legend, counts, search matches, the highlighted service path
  and the route finder's answer.
- `map.csv`: the view's data as CSV (`table=relations` for its relations), formulas
  neutralised.
- `nodes/<org|svc>:<uuid>.json`: what the side panel shows about one node.
- `paths/<uuid>.json`: one service path as numbered steps with its hand-offs.
"""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ecosystem.map.data import map_context
from ecosystem.map.details import node_details, proposal_url
from ecosystem.map.state import MapView
from ecosystem.map.views import viewer
from portal.page_cache import do_not_keep, shared_by_audience

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _json(data: dict[str, Any], status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    # The answer depends on who asks: caches must keep signed-in answers apart.
    patch_vary_headers(response, ["Cookie", "Accept-Language"])
    return response


def _not_found(message: str) -> JsonResponse:
    return _json({"error": message}, status=404)


@require_GET
@shared_by_audience
def map_json(request: HttpRequest) -> JsonResponse:
    """The map of the view in the query string, for the requesting viewer."""
    view = MapView.from_query(request.GET)
    public_only, language = viewer(request)
    data = map_context(view, public_only=public_only, language=language)
    if data.get("stale"):  # the previous version while the new one is computed
        do_not_keep(request)
    return _json(
        {
            "level": data["level"],
            "counts": data["counts"],
            "nodes": data["payload"]["nodes"],
            "edges": data["payload"]["edges"],
            "options": data["payload"]["options"],
            "edge_styles": data["payload"]["edgeStyles"],
            "legend": data["legend"],
            "matches": data["matches"],
            "path": data["path"],
            "routes": data["routes"],
            "table": data["table"],
            "notes": data["notes"],
        }
    )


@require_GET
@shared_by_audience
def node_json(request: HttpRequest, node: str) -> JsonResponse:
    """The side panel's details of one organisation or service."""
    public_only, language = viewer(request)
    details = node_details(node, public_only=public_only, language=language)
    if details is None:
        return _not_found(_("There is no such organisation or service on the map you can see."))
    # Its stewards are offered the proposal form, as on the record's page.
    return _json({**details, "propose_url": proposal_url(request.user, details)})


@require_GET
@shared_by_audience
def path_json(request: HttpRequest, path_id: uuid.UUID) -> JsonResponse:
    """One service path as numbered steps (hand-offs marked)."""
    view = MapView.from_query({"path": str(path_id)})
    public_only, language = viewer(request)
    data = map_context(view, public_only=public_only, language=language)
    if data["path"] is None:
        return _not_found(_("There is no such service path on the map you can see."))
    return _json(data["path"])


def neutralise(value: Any) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@require_GET
def map_csv(request: HttpRequest) -> HttpResponse:
    """The view's nodes (or, with table=relations, its relations) as CSV, UTF-8 with BOM so
    spreadsheet programs read the Finnish letters right."""
    view = MapView.from_query(request.GET)
    public_only, language = viewer(request)
    data = map_context(view, public_only=public_only, language=language)
    table = data["table"]
    relations = request.GET.get("table") == "relations"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    if data["level"] != "detail":
        writer.writerow([_("Name"), _("Services"), _("Organisations")])
        for row in table["aggregates"]:
            writer.writerow([neutralise(row["name"]), row["services"], row["organisations"]])
        name = "service-map-summary.csv"
    elif relations:
        writer.writerow([_("From"), _("Relation"), _("To"), _("Mutual"), _("Partners only")])
        for row in table["relations"]:
            writer.writerow(
                [
                    neutralise(row["source"]["name"]),
                    neutralise(row["type_label"]),
                    neutralise(row["target"]["name"]),
                    _("Yes") if row["mutual"] else _("No"),
                    _("Yes") if row["partner_only"] else _("No"),
                ]
            )
        name = "service-map-relations.csv"
    else:
        writer.writerow(
            [
                _("ID"),
                _("Kind"),
                _("Name"),
                _("Type"),
                _("Organisations"),
                _("Target groups"),
                _("Municipalities"),
                _("Partners only"),
            ]
        )
        for row in table["rows"]:
            writer.writerow(
                [
                    row["id"],
                    neutralise(row["kind_label"]),
                    neutralise(row["name"]),
                    neutralise(row["type_label"]),
                    neutralise(", ".join(org["name"] for org in row["organisations"])),
                    neutralise(", ".join(row["target_groups"])),
                    neutralise(", ".join(row["municipalities"])),
                    _("Yes") if row["partner_only"] else _("No"),
                ]
            )
        name = "service-map.csv"
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    patch_vary_headers(response, ["Cookie", "Accept-Language"])
    return response
