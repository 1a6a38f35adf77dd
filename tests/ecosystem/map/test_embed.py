"""The service map block in an ordinary content page: a filtered map, its path, its text
alternative, under the site's CSP, as anonymous visitors and partners get it."""

import json

import pytest
from wagtail.models import Site

from cms_pages.models import StandardPage
from tests.ecosystem.map.conftest import SECRET_NAME, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def embed_page(register, map_site):
    """A standard page with two map blocks: immigrants in Tuusula, and the young people's
    service path of Tuusula."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    page = StandardPage(
        title="Palvelut kartalla",
        slug="palvelut-kartalla",
        body=json.dumps(
            [
                {"type": "paragraph", "value": "<p>Johdanto.</p>"},
                {
                    "type": "service_map",
                    "value": {
                        "heading": "Maahanmuuttajien palvelut Tuusulassa",
                        "description": "Kartta <b>rajattu</b>.",
                        "target_group": "immigrants",
                        "municipality": "858",
                        "organisation_type": "",
                        "relation_types": [],
                        "service_path": "",
                    },
                },
                {
                    "type": "service_map",
                    "value": {
                        "heading": "Nuoren polku",
                        "description": "",
                        "target_group": "young_people",
                        "municipality": "858",
                        "organisation_type": "",
                        "relation_types": ["referral"],
                        "service_path": str(register.path.pk),
                    },
                },
            ]
        ),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def embedded_maps(page):
    """[(the block's section, the JSON its script draws)] in page order."""
    maps = []
    for section in page.find_all("section", class_="eco-embed"):
        data = section.find("script", type="application/json")
        maps.append((section, json.loads(data.string)))
    return maps


def refs(data):
    return {node["ref"] for node in data["payload"]["nodes"]}


def test_standard_page_draws_each_block_with_its_filters(client, register, embed_page):
    response = client.get(embed_page.url)
    assert response.status_code == 200
    (immigrants, immigrants_data), (path, path_data) = embedded_maps(soup(response))
    assert immigrants.find("h2").get_text() == "Maahanmuuttajien palvelut Tuusulassa"
    assert "Kartta <b>rajattu</b>." in immigrants.get_text()  # the editor's text stays text
    # Immigrants in Tuusula: the young people's coaching and Helsinki's service are left out.
    assert f"svc:{register.guidance.pk}" in refs(immigrants_data)
    assert f"svc:{register.trial.pk}" in refs(immigrants_data)
    assert f"svc:{register.coaching.pk}" not in refs(immigrants_data)
    assert f"svc:{register.helsinki_service.pk}" not in refs(immigrants_data)
    listed = immigrants.find("details", class_="eco-embed__text").get_text()
    assert "Palveluohjaus" in listed and "Nuorten valmennus" not in listed
    # The path block: numbered steps, the hand-off marked, only referrals drawn.
    steps = path.find("ol", attrs={"data-eco-steps": "path"}).find_all("li", recursive=False)
    assert [step["data-step"] for step in steps] == ["1", "2", "3"]
    assert "eco-steps__step--handoff" in steps[1]["class"]
    assert path_data["path"]["nodes"][0] == f"svc:{register.guidance.pk}"
    assert {edge["t"] for edge in path_data["payload"]["edges"]} <= {"referral", "provides"}
    # The step links point into the text view (the embedding page has no such anchors).
    link = steps[0].find("a")["href"]
    assert link.startswith("/ecosystem/map/text/?") and link.endswith(
        "#s" + register.guidance.pk.hex[:12]
    )


def test_embedded_maps_work_under_the_csp_without_inline_script(client, embed_page):
    response = client.get(embed_page.url)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"].split("script-src")[1]
    page = soup(response)
    for script in page.find_all("script"):
        assert script.get("src") or script.get("type") == "application/json", script
    assert not page.find(attrs={"style": True})
    for tag in page.find_all(True):
        assert not any(name.startswith("on") for name in tag.attrs), tag
    # Two maps, one copy of the map's stylesheet and scripts.
    sources = [script["src"] for script in page.find_all("script", src=True)]
    assert sum("vis-network" in src for src in sources) == 1
    assert sum("js/map/map.js" in src for src in sources) == 1
    assert len(page.find_all("link", href=lambda href: href and "css/map" in href)) == 1
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_text_alternative_link_opens_the_same_filtered_view(client, register, embed_page):
    (immigrants, data), _path = embedded_maps(soup(client.get(embed_page.url)))
    link = immigrants.find("a", attrs={"data-eco-text-link": True})
    assert "tg=immigrants" in link["href"] and "mun=858" in link["href"]
    text_view = soup(client.get(link["href"])).find(id="text-view")
    rows = {row["id"] for row in text_view.find_all("tr", id=True)}
    assert "s" + register.guidance.pk.hex[:12] in rows
    assert "s" + register.coaching.pk.hex[:12] not in rows
    full_map = immigrants.find("a", href=lambda href: href.startswith("/palvelukartta/"))
    assert full_map["href"] == "/palvelukartta/?tg=immigrants&mun=858"


def test_partners_see_partner_only_services_in_the_embedded_map(
    client, register, embed_page, partner_user, sign_in
):
    assert SECRET_NAME not in client.get(embed_page.url).content.decode()
    sign_in(client, partner_user)
    response = client.get(embed_page.url)
    (_immigrants, data), _path = embedded_maps(soup(response))
    assert f"svc:{register.secret.pk}" in refs(data)
    assert SECRET_NAME in response.content.decode()
