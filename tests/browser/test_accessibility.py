"""axe-core (bundled with axe-playwright-python, no download) finds no serious problems."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = ("serious", "critical")


def blocking_violations(page) -> list[str]:
    results = Axe().run(page)
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") in BLOCKING_IMPACTS:
            targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
            found.append(
                f"{violation['impact']}: {violation['id']} ({violation['help']}) at {targets}"
            )
    return found


@pytest.mark.parametrize(
    ("path", "language"),
    [("/", "fi"), ("/en/", "en")],
)
def test_home_page_has_no_serious_accessibility_violations(page, path, language):
    page.goto(path)
    assert page.locator("html").get_attribute("lang") == language
    assert blocking_violations(page) == []


@pytest.mark.parametrize("width", [375])
def test_home_page_on_a_phone_has_no_serious_accessibility_violations(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/")
    assert blocking_violations(page) == []
