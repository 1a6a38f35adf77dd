"""The service map in a real browser: drawing under the CSP, the side panel, state in the
address, keyboard use, path stepping, the route finder, PNG export, accessibility and
HTML/script payloads in the data."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import blocking_violations

pytestmark = pytest.mark.browser

MAP = "/palvelukartta/"
MAP_EN = "/en/service-map/"
PAYLOAD = (
    '<img src=x onerror="window.__xss=1;alert(1)">'
    '"><script>window.__xss=2;alert(2)</script><b data-injected="1">lihava</b>'
)
INJECTED = "img[src='x'], script:not([src]):not([type='application/json']), [data-injected]"


def draw(page, path: str = MAP):
    """Open a map view and wait until vis-network has drawn it the first time."""
    response = page.goto(path)
    assert response.status == 200
    page.wait_for_selector("[data-eco-canvas][data-drawn]")
    return response


def no_problems(page, problems):
    assert page.evaluate("window.__cspViolations || []") == []
    assert problems.csp == []
    assert problems.page_errors == []
    assert problems.console_errors == []


def node_point(page, ref: str) -> dict:
    """Where a node is drawn on the screen (after centring the view on it)."""
    return page.evaluate(
        """(ref) => {
          const map = window.KekoMap.maps[0];
          map.stage.querySelector('[data-eco-canvas]').scrollIntoView({ block: 'center' });
          const node = map.nodes.get({ filter: (n) => n.ref === ref })[0];
          const position = map.network.getPositions([node.id])[node.id];
          map.network.moveTo({ position: position, scale: 1.2 });
          const dom = map.network.canvasToDOM(position);
          const box = map.stage.querySelector('[data-eco-canvas]').getBoundingClientRect();
          return { x: box.left + dom.x, y: box.top + dom.y };
        }""",
        ref,
    )


def first_service_ref(page) -> str:
    return page.evaluate(
        "window.KekoMap.maps[0].nodes.get({filter: (n) => n.ref.startsWith('svc:')})[0].ref"
    )


@pytest.fixture(scope="module")
def payload(portal_server):
    marker = f"Testi-{uuid.uuid4().hex[:8]}"
    created = portal_server.run_script(
        Path(__file__).with_name("make_map_payload.py"), payload=PAYLOAD, marker=marker
    )
    return {**created, "marker": marker}


def test_map_draws_under_the_csp_without_errors(page, page_problems):
    response = draw(page)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "style-src 'self'" in response.headers["content-security-policy"]
    assert page.locator("[data-eco-canvas] canvas").count() == 1
    canvas = page.locator("[data-eco-canvas]")
    expect(canvas).to_have_attribute("aria-label", re.compile(r"\d+"))
    assert page.evaluate("performance.getEntriesByName('eco-map-drawn').length") == 1
    no_problems(page, page_problems)


def test_clicking_a_node_opens_its_details_and_the_address_keeps_the_selection(page, page_problems):
    draw(page)
    ref = first_service_ref(page)
    point = node_point(page, ref)
    page.mouse.click(point["x"], point["y"])
    panel = page.locator("[data-eco-panel]")
    expect(panel).to_be_visible()
    expect(panel.locator("dl")).to_be_visible()
    assert parse_qs(urlsplit(page.url).query)["sel"] == [ref]
    heading = panel.locator("[data-eco-panel-heading]").inner_text()

    # The address is the view: opening it again shows the same node's details.
    shared = urlsplit(page.url)
    draw(page, f"{shared.path}?{shared.query}")
    expect(page.locator("[data-eco-panel]")).to_be_visible()
    expect(page.locator("[data-eco-panel-heading]")).to_have_text(heading)
    no_problems(page, page_problems)


def test_keyboard_user_opens_details_from_the_text_view_and_closes_them(page, page_problems):
    draw(page)
    button = page.locator("[data-eco-select]").first
    button.focus()
    page.keyboard.press("Enter")
    heading = page.locator("[data-eco-panel-heading]")
    expect(heading).to_be_focused()
    expect(page.locator("[data-eco-panel-body] dl")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("[data-eco-panel]")).to_be_hidden()
    expect(button).to_be_focused()
    no_problems(page, page_problems)


def test_filters_are_a_form_whose_choices_end_up_in_the_address(page, page_problems):
    draw(page)
    page.get_by_label(re.compile("Kohderyhmä|Target group")).select_option("immigrants")
    page.locator("#eco-controls button[type=submit]").first.click()
    page.wait_for_selector("[data-eco-canvas][data-drawn]")
    assert parse_qs(urlsplit(page.url).query)["tg"] == ["immigrants"]
    expect(page.locator("#eco-tg")).to_have_value("immigrants")
    no_problems(page, page_problems)


def test_a_service_path_is_stepped_through_with_hand_offs_marked(page, page_problems):
    draw(page)
    path_id = page.locator("#eco-path option").nth(1).get_attribute("value")
    draw(page, f"{MAP}?path={path_id}")
    stepper = page.locator('[data-eco-stepper="path"]')
    expect(stepper).to_be_visible()
    overlay = page.evaluate("window.KekoMap.maps[0].edges.get({filter: (e) => e.overlay}).length")
    assert overlay > 0
    stepper.locator('[data-eco-step="next"]').click()
    stepper.locator('[data-eco-step="next"]').click()
    status = stepper.locator("[data-eco-step-status]")
    expect(status).to_contain_text("2")
    query = parse_qs(urlsplit(page.url).query)
    assert query["hl"] == ["path"] and query["step"] == ["2"]
    expect(page.locator('[data-eco-steps="path"] [aria-current="step"]')).to_have_count(1)
    assert page.locator(".eco-badge--handoff").count() >= 1
    no_problems(page, page_problems)


def test_route_finder_shows_routes_as_a_list_and_on_the_map(page, page_problems):
    draw(page, f"{MAP}?tg=immigrants&mun=106&situation=immigrant&goal=education")
    routes = page.locator(".eco-route")
    expect(routes.first).to_be_visible()
    assert page.evaluate("window.KekoMap.maps[0].edges.get({filter: (e) => e.overlay}).length") > 0
    draw(page, f"{MAP}?tg=immigrants&mun=106&situation=immigrant&goal=work_ability")
    expect(page.locator(".eco-routes__none")).to_be_visible()
    no_problems(page, page_problems)


def test_current_view_downloads_as_png(page, page_problems):
    draw(page)
    with page.expect_download() as download_info:
        page.locator("[data-eco-png]").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".png")
    with open(download.path(), "rb") as file:
        assert file.read(8) == b"\x89PNG\r\n\x1a\n"
    no_problems(page, page_problems)


@pytest.mark.parametrize(("path", "width"), [(MAP, 1280), (MAP_EN, 375)])
def test_map_page_has_no_serious_accessibility_violations(page, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    draw(page, path)
    assert blocking_violations(page) == []


def test_text_view_page_has_no_serious_accessibility_violations(page):
    page.goto("/ecosystem/map/text/")
    assert blocking_violations(page) == []


def test_payloads_in_names_and_descriptions_stay_text(page, page_problems, payload):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    draw(page, f"{MAP}?q={payload['marker']}")
    assert page.locator(INJECTED).count() == 0
    # The side panel of the organisation and of a service, opened as a user does.
    for ref in (payload["organisation"], payload["services"][0]):
        point = node_point(page, ref)
        page.mouse.click(point["x"], point["y"])
        expect(page.locator("[data-eco-panel-body] dl")).to_be_visible()
        expect(page.locator("[data-eco-panel-heading]")).to_contain_text("<img src=x")
        assert page.locator(INJECTED).count() == 0
    expect(page.locator("#text-view")).to_contain_text("<script>window.__xss=2")
    page.goto("/ecosystem/map/text/")
    expect(page.locator("#text-view")).to_contain_text("<img src=x")
    assert page.locator(INJECTED).count() == 0
    assert page.evaluate("window.__xss") is None
    assert dialogs == []
    no_problems(page, page_problems)


def test_anonymous_visitors_do_not_get_partner_only_services(page, payload):
    draw(page)
    assert payload["marker"] + " kumppanipalvelu" not in page.content()
    response = page.request.get(f"/api/ecosystem/nodes/{payload['hidden']}.json")
    assert response.status == 404
    data = json.loads(page.request.get("/api/ecosystem/map.json").text())
    assert payload["hidden"] not in {node["ref"] for node in data["nodes"]}


@pytest.fixture(scope="module")
def embed_page(portal_server):
    return portal_server.run_script(Path(__file__).with_name("make_map_embed_page.py"))


def test_a_content_page_draws_its_embedded_maps_under_the_csp(page, page_problems, embed_page):
    assert embed_page["path"], "the demo has a service path for immigrants"
    response = page.goto(embed_page["url"])
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_function("document.querySelectorAll('[data-eco-canvas][data-drawn]').length == 2")
    canvases = page.locator(".eco-embed [data-eco-canvas] canvas")
    assert canvases.count() == 2
    assert canvases.first.bounding_box()["height"] > 300  # the map's stylesheet is loaded
    # The block's filter: no service drawn is closed to immigrants.
    refs = page.evaluate("window.KekoMap.maps[0].nodes.get().map((n) => n.ref)")
    data = json.loads(
        page.request.get("/api/ecosystem/map.json?tg=immigrants", headers={"Accept": "*/*"}).text()
    )
    assert set(refs) == {node["ref"] for node in data["nodes"]}
    # The path is highlighted on the second map, its steps numbered on the canvas.
    labels = page.evaluate("window.KekoMap.maps[1].nodes.get().map((n) => n.label)")
    assert any(re.match(r"^1\. ", label) for label in labels)
    assert any(re.match(r"^2\. ", label) for label in labels)
    link = page.locator(".eco-embed [data-eco-text-link]").first
    link.click()
    expect(page.locator("#text-view")).to_be_visible()
    assert "tg=immigrants" in page.url
    no_problems(page, page_problems)
    page.goto(embed_page["url"])
    page.wait_for_selector("[data-eco-canvas][data-drawn]")
    assert blocking_violations(page) == []
