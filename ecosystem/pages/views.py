"""The page of one organisation or service: what the map's side panel says, as a page of its
own with a permanent address, in the viewer's language.

Anyone may open a public record's page; a partner-only record's page answers 404 to those the
access rule (portal.accounts.access) does not let see partner content, and the page of a
public record shows them nothing partner-only about it. A fixed number of queries per page.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from ecosystem.map.details import node_details, proposal_url
from ecosystem.map.views import map_page_url, viewer
from ecosystem.pages.selectors import organisation_family, paths_through
from ecosystem.register.permalinks import record_slug

# Facts the page shows under their own headings (the rest go into "Details").
AUDIENCE_FACTS = ("target_groups", "age", "eligibility")
PLACE_FACTS = ("municipalities",)


def _split_facts(facts: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    audience = [f for f in facts if f.get("key") in AUDIENCE_FACTS]
    places = [f for f in facts if f.get("key") in PLACE_FACTS]
    details = [f for f in facts if f.get("key") not in AUDIENCE_FACTS + PLACE_FACTS]
    return {"audience": audience, "places": places, "details": details}


def _relations(relations: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Relations grouped as the page reads them: to whom it refers, who refers to it, and
    mutual ones."""
    grouped: dict[str, list[dict[str, Any]]] = {"out": [], "in": [], "mutual": []}
    for relation in relations:
        grouped.setdefault(relation["direction"], []).append(relation)
    return grouped


def _record_page(request: HttpRequest, kind: str, pk: uuid.UUID, slug: str) -> HttpResponse:
    public_only, language = viewer(request)
    node = f"{kind}:{pk}"
    details = node_details(node, public_only=public_only, language=language)
    if details is None:
        raise Http404
    if slug != record_slug(details["name_fi"], kind):
        # The UUID is the address; the slug follows the name, so an old link still works.
        return HttpResponsePermanentRedirect(details["page_url"])
    if kind == "svc":
        service_ids = [pk]
        family = {"parent": [], "children": []}
    else:
        service_ids = [uuid.UUID(s["ref"].partition(":")[2]) for s in details["services"]]
        family = organisation_family(pk, public_only=public_only, language=language)
    paths = paths_through(service_ids=service_ids, public_only=public_only, language=language)
    # The map page when there is one, else its text view (the same view, without a canvas).
    map_url = map_page_url(language) or reverse("ecosystem:map_text")
    context = {
        "record": details,
        "facts": _split_facts(details["facts"]),
        "relations": _relations(details["relations"]),
        "paths": paths,
        "family": family,
        "map_url": f"{map_url}?focus={node}",
        "map_base_url": map_url,
    }
    # A steward of the record's organisation may propose a change (ecosystem.stewardship).
    context["propose_url"] = proposal_url(request.user, details)
    template = (
        "ecosystem/pages/service.html" if kind == "svc" else "ecosystem/pages/organisation.html"
    )
    response = TemplateResponse(request, template, context)
    if details["partner_only"]:
        # Never kept by a shared cache: only signed-in partners may see it.
        response["Cache-Control"] = "private"
    return response


@require_GET
def organisation_page(request: HttpRequest, slug: str, pk: uuid.UUID) -> HttpResponse:
    """The page of one organisation."""
    return _record_page(request, "org", pk, slug)


@require_GET
def service_page(request: HttpRequest, slug: str, pk: uuid.UUID) -> HttpResponse:
    """The page of one service."""
    return _record_page(request, "svc", pk, slug)
