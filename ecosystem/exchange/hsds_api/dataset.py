"""The open data page: what the register publishes, under which licence, how often it
changes, where the API, its description and the downloads are — with DCAT-AP metadata
(JSON-LD) for national open-data catalogues to harvest.

The licence is a site setting (cms_pages.SiteSettings.open_data_licence, CC BY 4.0 by
default). The JSON-LD is data, not script: it is written with json_script's escaping
(`<`, `>` and `&` as \\u escapes, so no text in it can close the element), never with
`|safe` on register text.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import override

from cms_pages.models import SiteSettings  # the licence is a site setting
from ecosystem.exchange.hsds import write_hsds
from ecosystem.exchange.hsds_api import throttle
from ecosystem.exchange.hsds_api.loading import (
    located_channels,
    public_organisations,
    public_services,
)
from ecosystem.register.versioning import data_version

EU = "http://publications.europa.eu/resource/authority/"
# Licence code (cms_pages.OpenDataLicence) -> (name, deed, EU licence authority URI).
LICENCES = {
    "cc-by-4.0": (
        "CC BY 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
        f"{EU}licence/CC_BY_4_0",
    ),
    "cc0-1.0": (
        "CC0 1.0",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        f"{EU}licence/CC0",
    ),
    "cc-by-sa-4.0": (
        "CC BY-SA 4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/",
        f"{EU}licence/CC_BY_SA_4_0",
    ),
}
DEFAULT_LICENCE = "cc-by-4.0"
ZIP_NAME = "keko-hsds.zip"
ZIP_CACHE_KEY = "keko:hsds:zip"
HSDS_SPEC = "https://docs.openreferral.org/en/3.0/"
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def ld_json_script(data: dict[str, Any]) -> SafeString:
    """`<script type="application/ld+json">` holding data, escaped as json_script does."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def licence_for(request: HttpRequest) -> tuple[str, str, str]:
    """(name, deed URL, EU URI) of the licence chosen in the site settings."""
    code = SiteSettings.for_request(request).open_data_licence or DEFAULT_LICENCE
    return LICENCES.get(code, LICENCES[DEFAULT_LICENCE])


def licence_object(request: HttpRequest) -> dict[str, str]:
    """The licence as the OpenAPI description's info.license."""
    name, deed, _uri = licence_for(request)
    return {"name": name, "url": deed}


def _texts() -> dict[str, str]:
    return {
        "title": _("The KEKO service ecosystem register"),
        "description": _(
            "The public organisations, services and service points of the work ability and "
            "employment ecosystem of Central Uusimaa, with the target groups, service classes "
            "and municipalities they are classified by, as Open Referral HSDS 3.0."
        ),
    }


def _in_languages(key: str) -> list[dict[str, str]]:
    values = []
    for language in ("fi", "sv", "en"):
        with override(language):
            values.append({"@value": _texts()[key], "@language": language})
    return values


def dcat_dataset(request: HttpRequest, links: dict[str, str], modified) -> dict[str, Any]:
    """The dataset as DCAT-AP 2 (JSON-LD)."""
    licence = {"@id": licence_for(request)[2]}
    json_format = {"@id": f"{EU}file-type/JSON"}

    def distribution(key: str, title: str, fmt: dict, **extra: Any) -> dict[str, Any]:
        return {
            "@id": f"{links['page']}#{key}",
            "@type": "dcat:Distribution",
            "dct:title": title,
            "dct:format": fmt,
            "dct:license": licence,
            **extra,
        }

    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": f"{links['page']}#dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": links["page"],
        "dct:title": _in_languages("title"),
        "dct:description": _in_languages("description"),
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "KEKO-hanke"},
        "dct:license": licence,
        "dct:accessRights": {"@id": f"{EU}access-right/PUBLIC"},
        "dct:accrualPeriodicity": {"@id": f"{EU}frequency/IRREG"},
        "dct:modified": {"@value": modified.isoformat(), "@type": "xsd:dateTime"}
        if modified
        else None,
        "dct:spatial": {"@id": f"{EU}country/FIN"},
        "dct:language": [{"@id": f"{EU}language/{code}"} for code in ("FIN", "SWE", "ENG")],
        "dct:conformsTo": {"@id": HSDS_SPEC},
        "dcat:theme": {"@id": f"{EU}data-theme/SOCI"},
        "dcat:keyword": ["HSDS", "Open Referral", "työllisyys", "palvelut", "Keski-Uusimaa"],
        "dcat:landingPage": {"@id": links["page"]},
        "dcat:distribution": [
            distribution(
                "api",
                "Open Referral HSDS 3.0 API",
                json_format,
                **{
                    "dcat:accessURL": {"@id": links["api"]},
                    "dcat:accessService": {
                        "@type": "dcat:DataService",
                        "dct:title": "KEKO HSDS 3.0 API",
                        "dcat:endpointURL": {"@id": links["api"]},
                        "dcat:endpointDescription": {"@id": links["openapi"]},
                        "dct:conformsTo": {"@id": HSDS_SPEC},
                    },
                },
            ),
            distribution(
                "zip",
                "HSDS 3.0 JSON files (ZIP)",
                {"@id": f"{EU}file-type/ZIP"},
                **{
                    "dcat:accessURL": {"@id": links["zip"]},
                    "dcat:downloadURL": {"@id": links["zip"]},
                    "dcat:mediaType": {
                        "@id": "https://www.iana.org/assignments/media-types/application/zip"
                    },
                },
            ),
            distribution(
                "graph",
                "Register graph (JSON)",
                json_format,
                **{"dcat:accessURL": {"@id": links["graph"]}},
            ),
        ],
    }


def open_data_page(request: HttpRequest) -> TemplateResponse:
    """The open data page (fi/sv/en)."""
    absolute = request.build_absolute_uri
    links = {
        "page": absolute(request.path),
        "api": absolute(reverse("hsds_api:index")),
        "openapi": absolute(reverse("hsds_api:openapi")),
        "services": absolute(reverse("hsds_api:services")),
        "zip": absolute(reverse("hsds_api:download")),
        "graph": absolute(reverse("ecosystem:graph_json")),
    }
    modified = public_services().aggregate(latest=Max("updated_at"))["latest"]
    name, deed, _uri = licence_for(request)
    context = {
        "links": links,
        "licence_name": name,
        "licence_url": deed,
        "modified": modified,
        "counts": {
            "organisations": public_organisations().count(),
            "services": public_services().count(),
            "locations": located_channels().count(),
        },
        "dcat_json_ld": ld_json_script(dcat_dataset(request, links, modified)),
    }
    return TemplateResponse(request, "ecosystem/open_data.html", context)


def hsds_zip() -> bytes:
    """The public HSDS files as a ZIP, built once per data version."""
    key = f"{ZIP_CACHE_KEY}:{data_version()}"
    found = cache.get(key)
    if found is None:
        buffer = io.BytesIO()
        with tempfile.TemporaryDirectory() as directory:
            paths = write_hsds(Path(directory), public_only=True)
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in paths:
                    archive.write(path, path.name)
        found = buffer.getvalue()
        cache.set(key, found, timeout=24 * 3600)
    return found


def download_zip(request: HttpRequest) -> HttpResponse:
    """`/api/hsds/download/keko-hsds.zip`: every public record as HSDS 3.0 files."""
    wait = throttle.retry_after(request)
    if wait:
        response = HttpResponse(
            _("Too many requests. Try again in %(seconds)d seconds.") % {"seconds": wait},
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(wait)
        return response
    response = HttpResponse(hsds_zip(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{ZIP_NAME}"'
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-cache"
    return response
