"""The service map read at a glance, measured from what vis-network draws: at the default view
on a 1366x900 desktop and a 375x812 phone no two drawn labels overlap and none is smaller than
12 CSS px; the zoom controls work from the keyboard."""

from __future__ import annotations

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MAP = "/palvelukartta/"
MAP_EN = "/en/service-map/"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 375, "height": 812}

# Every label vis-network draws (nodes' labels, visible() as vis-network decides it, and the
# region headings the page's script draws), as boxes in CSS px relative to the canvas.
DRAWN_LABELS = """() => {
  const map = window.KekoMap.maps[0];
  const network = map.network;
  const scale = network.getScale();
  const canvas = map.stage.querySelector('[data-eco-canvas]');
  const width = canvas.clientWidth, height = canvas.clientHeight;
  const boxes = [];
  function add(text, left, top, right, bottom, px, kind) {
    const a = network.canvasToDOM({ x: left, y: top });
    const b = network.canvasToDOM({ x: right, y: bottom });
    if (b.x <= 0 || b.y <= 0 || a.x >= width || a.y >= height) return;  // off the canvas
    boxes.push({ text, left: a.x, top: a.y, right: b.x, bottom: b.y, px, kind });
  }
  Object.values(network.body.nodes).forEach((node) => {
    const label = node.labelModule;
    if (node.options.hidden || !node.options.label || !label.visible()) return;
    const size = label.size;
    // vis-network sizes a label where it last drew it: one off the canvas was not drawn now.
    if (Math.abs(size.left + size.width / 2 - node.x) > 1) return;
    const at = network.canvasToDOM({ x: node.x, y: node.y });
    if (at.x < 0 || at.y < 0 || at.x > width || at.y > height) return;
    add(node.options.label, size.left, size.top, size.left + size.width, size.top + size.height,
        label.fontOptions.size * scale, String(node.options.ref).slice(0, 3));
  });
  map.regionTitles().forEach((t) => {
    add(t.text, t.x, t.y, t.x + t.w, t.y + t.h, t.h * scale, 'region');
  });
  const organisations = map.nodes.get({ filter: (n) => n.ref.startsWith('org:') }).length;
  return { boxes, width, height, organisations };
}"""


def overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    found = []
    for index, a in enumerate(boxes):
        for b in boxes[index + 1 :]:
            wide = min(a["right"], b["right"]) - max(a["left"], b["left"])
            tall = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if wide > 0.5 and tall > 0.5:
                found.append((a["text"], b["text"]))
    return found


def draw(page, viewport: dict, path: str = MAP) -> dict:
    page.set_viewport_size(viewport)
    response = page.goto(path)
    assert response.status == 200
    page.wait_for_selector("[data-eco-canvas][data-drawn]")
    page.wait_for_timeout(200)
    return page.evaluate(DRAWN_LABELS)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_default_view_draws_readable_labels_that_do_not_overlap(page, page_problems, viewport):
    drawn = draw(page, viewport)
    boxes = drawn["boxes"]
    texts = [box["text"] for box in boxes]
    print(f"{viewport}: {len(boxes)} labels drawn, smallest {min(b['px'] for b in boxes):.1f} px")
    assert overlaps(boxes) == []
    assert [box for box in boxes if box["px"] < 12 - 0.01] == []
    if viewport is DESKTOP:
        # The whole demo register fits: every organisation is labelled.
        assert len([b for b in boxes if b["kind"] == "org"]) == drawn["organisations"]
    else:
        assert len(boxes) >= 4, texts  # the first regions, each organisation labelled
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert page_problems.page_errors == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_zooming_in_reveals_service_labels_still_without_overlaps(page, viewport):
    before = draw(page, viewport)
    zoom_in = page.locator("[data-eco-zoom='in']")
    zoom_in.focus()
    for _ in range(2):
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
    after = page.evaluate(DRAWN_LABELS)
    assert page.evaluate("window.KekoMap.maps[0].network.getScale()") >= 1
    services = [b for b in after["boxes"] if b["kind"] == "svc"]
    assert services, "service labels appear when zoomed in"
    assert overlaps(after["boxes"]) == []
    page.locator("[data-eco-zoom='fit']").click()
    page.wait_for_timeout(400)
    assert len(page.evaluate(DRAWN_LABELS)["boxes"]) == len(before["boxes"])


def test_zoom_controls_are_labelled_in_the_page_language(page):
    draw(page, DESKTOP, MAP_EN)
    group = page.get_by_role("group", name="Zoom the map")
    expect(group.get_by_role("button", name="Zoom in")).to_be_visible()
    expect(group.get_by_role("button", name="Zoom out")).to_be_visible()
    expect(group.get_by_role("button", name="Fit")).to_be_visible()
    draw(page, DESKTOP)
    expect(page.get_by_role("button", name="Lähennä")).to_be_visible()


def node_point(page, ref_prefix: str) -> dict:
    """Where the first node whose ref starts so is drawn, in page coordinates."""
    return page.evaluate(
        """(prefix) => {
          const map = window.KekoMap.maps[0];
          const canvas = map.stage.querySelector('[data-eco-canvas]');
          canvas.scrollIntoView({ block: 'start' });
          const box = canvas.getBoundingClientRect();
          // The first such node drawn well inside the canvas (a phone shows the top only).
          const node = map.nodes.get({ filter: (n) => n.ref.startsWith(prefix) }).find((n) => {
            const dom = map.network.canvasToDOM(map.network.getPositions([n.id])[n.id]);
            return dom.x > 20 && dom.y > 20 && dom.x < box.width - 20 && dom.y < box.height / 2;
          });
          const position = map.network.getPositions([node.id])[node.id];
          const dom = map.network.canvasToDOM(position);
          return { x: box.left + dom.x, y: box.top + dom.y, ref: node.ref };
        }""",
        ref_prefix,
    )


def inside(box: dict, viewport: dict) -> bool:
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= viewport["width"] + 0.5
        and box["y"] + box["height"] <= viewport["height"] + 0.5
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_tapped_node_details_open_inside_the_viewport_without_covering_it(page, viewport):
    draw(page, viewport)
    point = node_point(page, "org:")
    page.mouse.click(point["x"], point["y"])
    panel = page.locator("[data-eco-panel]")
    expect(panel.locator("[data-eco-panel-body] dl, [data-eco-panel-body] p").first).to_be_visible()
    box = panel.bounding_box()
    if viewport is PHONE:
        assert inside(box, viewport), box  # a bottom sheet inside the screen
    else:
        assert box["y"] < viewport["height"] and box["x"] >= 0
    # The selected node is not under the panel (and is on the screen).
    selected = page.evaluate(
        """() => {
          const map = window.KekoMap.maps[0];
          const id = map.network.getSelectedNodes()[0];
          const dom = map.network.canvasToDOM(map.network.getPositions([id])[id]);
          const box = map.stage.querySelector('[data-eco-canvas]').getBoundingClientRect();
          return { x: box.left + dom.x, y: box.top + dom.y };
        }"""
    )
    assert 0 <= selected["x"] <= viewport["width"] and 0 <= selected["y"] <= viewport["height"]
    covered = (
        box["x"] <= selected["x"] <= box["x"] + box["width"]
        and box["y"] <= selected["y"] <= box["y"] + box["height"]
    )
    assert not covered, (selected, box)
    # Escape closes it and gives the focus back to the map.
    panel.locator("[data-eco-panel-heading]").focus()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(page.locator("[data-eco-canvas]")).to_be_focused()


def test_search_lists_its_matches_as_links_that_focus_the_node(page):
    draw(page, DESKTOP, MAP + "?q=valmennus")
    matches = page.locator(".eco-matches__list a")
    assert matches.count() >= 2
    expect(page.locator(".eco-matches__list li").first).to_contain_text("Palvelu")
    matches.first.click()
    expect(page.locator("[data-eco-panel]")).to_be_visible()
    expect(page.locator("[data-eco-panel-heading]")).to_have_text(matches.first.inner_text())
    draw(page, DESKTOP, MAP + "?q=zzzyx")
    nothing = page.locator(".eco-matches[role=status]")
    expect(nothing).to_contain_text("zzzyx")
    expect(nothing.locator("a")).to_have_attribute("href", re.compile(r"/ecosystem/map/text/"))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_path_swimlane_keeps_the_current_step_in_view(page, viewport):
    draw(page, viewport)
    path_id = page.locator("#eco-path option").nth(1).get_attribute("value")
    draw(page, viewport, f"{MAP}?path={path_id}")
    swimlane = page.locator('[data-eco-swim="path"]')
    expect(swimlane).to_be_visible()
    lanes = swimlane.locator(".eco-swim__lane")
    assert lanes.count() >= 2, "the demo path crosses organisations"
    expect(swimlane.locator(".eco-swim__handoff").first).to_be_visible()
    stepper = page.locator('[data-eco-stepper="path"]')
    for number in (1, 2, 3):
        stepper.locator('[data-eco-step="next"]').click()
        current = swimlane.locator('.eco-swim__cell[aria-current="step"]').first
        expect(current).to_have_attribute("data-step", str(number))
        assert inside(current.bounding_box(), viewport), number
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    # A step opens its service's details.
    current.locator("[data-eco-step-service]").first.click()
    expect(page.locator("[data-eco-panel]")).to_be_visible()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_path_swimlane_downloads_as_a_png_at_twice_its_size(page, viewport):
    draw(page, viewport)
    path_id = page.locator("#eco-path option").nth(1).get_attribute("value")
    draw(page, viewport, f"{MAP}?path={path_id}")
    swimlane = page.locator('[data-eco-swim="path"]')
    steps = int(swimlane.get_attribute("data-steps"))
    lanes = int(swimlane.get_attribute("data-lanes"))
    stepper = page.locator('[data-eco-stepper="path"]')
    stepper.locator('[data-eco-step="next"]').click()
    stepper.locator('[data-eco-step="next"]').click()
    with page.expect_download() as download_info:
        stepper.locator("[data-eco-swim-png]").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".png")
    picture = Image.open(download.path()).convert("RGB")
    # Lanes as rows, a 180 px column a step beside 170 px of lane names, 16 px margins; at 2x.
    assert picture.width == 2 * (2 * 16 + 170 + 180 * steps)
    # The title, the path's name and the date above; every lane at least 56 px; the legend.
    assert picture.height >= 2 * (16 + 68 + 16 + lanes * 64 + 16 + 24)
    colours = picture.getcolors(maxcolors=1 << 20)
    not_white = sum(count for count, colour in colours if colour != (255, 255, 255))
    assert not_white > 0.05 * picture.width * picture.height, "not a blank picture"
    # The heading band (title, name, date) has text in it.
    band = picture.crop((0, 0, picture.width, 2 * 84)).getcolors(maxcolors=1 << 20)
    assert sum(count for count, colour in band if colour != (255, 255, 255)) > 1000
    # The current step is framed in the hand-off red.
    assert any(colour == (0xB4, 0x23, 0x18) for _count, colour in colours)
    # The page still shows the step it was on, in view.
    current = swimlane.locator('.eco-swim__cell[aria-current="step"]').first
    expect(current).to_have_attribute("data-step", "2")
    assert inside(current.bounding_box(), viewport)


def test_language_switch_keeps_the_filters_of_the_map(page):
    draw(page, DESKTOP, MAP + "?tg=immigrants&mun=106")
    page.locator(".language-switcher__link[lang=en]").click()
    page.wait_for_selector("[data-eco-canvas][data-drawn]")
    assert "tg=immigrants" in page.url and "mun=106" in page.url
    expect(page.locator("#eco-tg")).to_have_value("immigrants")


def test_route_finder_implies_the_target_group_and_asks_for_the_municipality(page):
    draw(page, DESKTOP, MAP + "?situation=immigrant")
    field = page.locator("#eco-route-mun")
    expect(field).to_have_attribute("aria-invalid", "true")
    field.select_option("106")
    page.locator("#route-finder button[type=submit]").click()
    page.wait_for_selector("[data-eco-canvas][data-drawn]")
    assert "mun=106" in page.url and "goal=" not in page.url and "q=" not in page.url
    expect(page.locator(".eco-routes")).to_contain_text(
        re.compile("Maahanmuuttajat|immigrants", re.I)
    )
    expect(page.locator(".eco-route").first).to_be_visible()


def test_png_is_twice_the_screen_with_title_filters_and_legend(page):
    import struct

    draw(page, DESKTOP, MAP + "?tg=immigrants")
    canvas = page.evaluate(
        "(() => { const c = document.querySelector('[data-eco-canvas]');"
        " return [c.clientWidth, c.clientHeight]; })()"
    )
    with page.expect_download() as download_info:
        page.locator("[data-eco-png]").first.click()
    with open(download_info.value.path(), "rb") as file:
        head = file.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    assert width == 2 * canvas[0]
    assert height > 2 * canvas[1] + 100  # the title, filters and date above, the legend below
    # The map on the page is as it was.
    assert page.evaluate("document.querySelector('[data-eco-canvas] canvas').style.width") in (
        "100%",
        f"{canvas[0]}px",
    )


@pytest.mark.parametrize("path", [MAP, "/ecosystem/map/text/"], ids=["map", "text-view"])
def test_phone_has_one_tools_menu_big_enough_targets_and_no_sideways_scroll(page, path):
    page.set_viewport_size(PHONE)
    page.goto(path)
    small = page.evaluate(
        """() => [...document.querySelectorAll(
              'main button, main select, main input, main summary, main .eco-button')]
          .filter((el) => el.offsetParent !== null && el.type !== 'hidden')
          .map((el) => [el.outerHTML.slice(0, 80), el.getBoundingClientRect()])
          .filter(([, box]) => box.width < 24 || box.height < 24)
          .map(([html]) => html)"""
    )
    assert small == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if path == MAP:
        expect(page.locator(".eco-toolbar--wide")).to_be_hidden()
        menu = page.locator(".eco-toolbar-menu summary")
        menu.click()
        expect(
            page.locator(".eco-toolbar-menu").get_by_role("link", name="Tekstinäkymä")
        ).to_be_visible()
        # The map comes before the filters.
        canvas = page.locator("[data-eco-canvas]").bounding_box()
        filters = page.locator("#eco-controls").bounding_box()
        assert canvas["y"] < filters["y"]
