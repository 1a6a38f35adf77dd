"""The open data page: what a visitor and a harvesting catalogue find there."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from wagtail.models import Site

from cms_pages.models import SiteSettings
from ecosystem.exchange.hsds_api.dataset import ld_json_script
from ecosystem.models import Service

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/avoin-data/", "Avoin data: palveluekosysteemin rekisteri"),
        ("/sv/oppna-data/", "Öppna data: serviceekosystemets register"),
        ("/en/open-data/", "Open data: the service ecosystem register"),
    ],
)
def test_the_page_in_three_languages_links_the_api_and_downloads(
    client, demo_register, url, heading
):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<h1 class="page__title">{heading}</h1>' in html
    for link in (
        "http://testserver/api/hsds/",
        "http://testserver/api/hsds/openapi.json",
        "http://testserver/api/hsds/download/keko-hsds.zip",
        "https://creativecommons.org/licenses/by/4.0/",
    ):
        assert f'href="{link}"' in html, link
    assert f'href="{url}"' in html  # the footer's link to this page, in this language
    public = Service.objects.filter(visibility="public").count()
    assert f" {public} " in html  # how many services it holds


def test_dcat_ap_metadata_names_licence_distributions_and_languages(client, demo_register):
    data = json_ld(client.get("/en/open-data/").content.decode())
    assert data["@type"] == "dcat:Dataset"
    assert data["dct:license"] == {
        "@id": "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"
    }
    titles = {item["@language"]: item["@value"] for item in data["dct:title"]}
    assert titles == {
        "fi": "KEKO-palveluekosysteemin rekisteri",
        "sv": "KEKO-serviceekosystemets register",
        "en": "The KEKO service ecosystem register",
    }
    service = next(d for d in data["dcat:distribution"] if "dcat:accessService" in d)
    assert service["dcat:accessService"]["dcat:endpointDescription"] == {
        "@id": "http://testserver/api/hsds/openapi.json"
    }
    assert any(
        d.get("dcat:downloadURL") == {"@id": "http://testserver/api/hsds/download/keko-hsds.zip"}
        for d in data["dcat:distribution"]
    )


def test_the_licence_is_a_site_setting(client, demo_register):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.open_data_licence = "cc0-1.0"
    settings.save()
    html = client.get("/avoin-data/").content.decode()
    assert 'href="https://creativecommons.org/publicdomain/zero/1.0/"' in html
    assert json_ld(html)["dct:license"]["@id"].endswith("/licence/CC0")
    document = json.loads(client.get("/api/hsds/openapi.json").content)
    assert document["info"]["license"]["name"] == "CC0 1.0"


def test_text_in_the_metadata_cannot_close_its_element():
    """The JSON-LD is written with json_script's escaping: no text in it ends the element,
    and a harvester still reads the text as it was."""
    hostile = "</script><img src=x onerror=alert(1)> & <!--"
    html = str(ld_json_script({"dct:title": hostile}))
    assert html.startswith('<script type="application/ld+json">')
    assert html.count("</script>") == 1 and html.endswith("</script>")
    assert "<img" not in html and "<!--" not in html
    assert json_ld(html) == {"dct:title": hostile}


def test_the_download_holds_the_public_hsds_files(client, full_register):
    response = client.get("/api/hsds/download/keko-hsds.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(archive.namelist()) == {
        "organizations.json",
        "services.json",
        "service_at_locations.json",
        "taxonomies.json",
        "taxonomy_terms.json",
    }
    services = json.loads(archive.read("services.json"))
    hidden = str(full_register["service"].pk)  # partner-only
    assert services and hidden not in {service["id"] for service in services}
