"""The steering group's private pages pass axe-core with a member signed in: the area, a
meeting, the dashboard (with its print view and a snapshot comparison) and the labour-market
indicators, each reached the way a member reaches it, and none blocked by the CSP."""

import re
import secrets
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import blocking_violations

pytestmark = pytest.mark.browser

MAKE_STEERING_USER = Path(__file__).with_name("make_steering_user.py")
STEERING_PAGE_URLS = Path(__file__).with_name("steering_page_urls.py")
TIMEOUT_MS = 30_000  # the machine running the tests may be busy; this only bounds the waits


@pytest.fixture(scope="module")
def steering_urls(portal_server):
    return portal_server.run_script(STEERING_PAGE_URLS)


@pytest.fixture
def member_page(page, portal_server):
    """A tab signed in as a fresh steering group member."""
    member = portal_server.run_script(
        MAKE_STEERING_USER,
        email=f"steering-a11y-{uuid.uuid4().hex[:8]}@keko.localhost",
        password=secrets.token_urlsafe(16),
    )
    page.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page.goto("/accounts/login/")
    form = page.locator("form:has(input[name='password'])")
    form.locator("input[name='login']").fill(member["email"])
    form.locator("input[name='password']").fill(member["password"])
    form.locator('button[type="submit"], input[type="submit"]').first.click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    return page


def assert_clean(page, page_problems) -> None:
    """No serious or critical axe violation, nothing blocked by the CSP, no console error."""
    page.wait_for_load_state("networkidle")
    assert blocking_violations(page) == [], page.url
    assert page.evaluate("window.__cspViolations") == [], page.url
    assert page_problems.csp == [], page.url
    assert page_problems.page_errors == [], page.url
    # Nothing failed to load either (a print view without its icon asked for /favicon.ico).
    assert page_problems.console_errors == [], page.url


def test_steering_area_and_a_meeting(member_page, page_problems, steering_urls):
    page = member_page
    page.goto(steering_urls["area"])
    expect(page.locator("h1")).to_have_text("Ohjausryhmä")
    assert_clean(page, page_problems)

    page.goto(steering_urls["meeting"])
    expect(page.locator("ol.agenda .agenda__title").first).to_be_visible()
    assert_clean(page, page_problems)


def test_dashboard_its_print_view_and_a_comparison(member_page, page_problems, steering_urls):
    page = member_page
    page.goto(steering_urls["dashboard"])
    expect(page.locator("h1")).to_have_text("Ekosysteemin tilannekatsaus")
    expect(page.locator(".dashboard-section").first).to_be_visible()
    assert_clean(page, page_problems)

    page.get_by_role("link", name="Tulostusnäkymä", exact=True).click()
    expect(page).to_have_url(re.compile(r"/print/$"))
    expect(page.locator("h1")).to_contain_text("Ekosysteemin tilannekatsaus")
    assert_clean(page, page_problems)

    page.go_back()
    page.get_by_role("link", name="Vertaa tilannevedoksia").first.click()
    expect(page).to_have_url(re.compile(r"/compare/$"))
    # Nothing chosen yet: the form proposes the two latest demo snapshots, oldest first.
    earlier = page.get_by_label("Aiempi tilannevedos")
    later = page.get_by_label("Myöhempi tilannevedos")
    expect(earlier.locator("option:checked")).to_contain_text("15.4.2026")
    expect(later.locator("option:checked")).to_contain_text("3.6.2026")
    assert_clean(page, page_problems)

    page.get_by_role("button", name="Vertaa", exact=True).click()
    expect(page).to_have_url(re.compile(r"/compare/\?from=\d+&to=\d+$"))
    expect(page.locator("#comparison-heading")).to_be_visible()
    expect(page.locator("table.metric-moves tbody tr").first).to_be_visible()
    assert_clean(page, page_problems)


def test_labour_market_indicators(member_page, page_problems, steering_urls):
    page = member_page
    page.goto(steering_urls["indicators"])
    expect(page.locator("h1")).to_have_text("Työllisyysindikaattorit")
    assert_clean(page, page_problems)

    # A member picks an area and an indicator and asks for the series.
    form = page.locator("form.indicators-filter")
    area = form.locator("select").first
    options = area.locator("option")
    expect(options.nth(1)).to_be_attached()
    area.select_option(index=1)
    form.get_by_role("button", name="Näytä").click()
    expect(page).to_have_url(re.compile(r"\?"))
    expect(page.locator("h1")).to_have_text("Työllisyysindikaattorit")
    assert_clean(page, page_problems)


def test_dashboard_comparison_and_indicators_on_a_phone(member_page, page_problems, steering_urls):
    """On a narrow screen the wide tables scroll: a keyboard user must still reach them."""
    page = member_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(steering_urls["dashboard"])
    expect(page.locator("h1")).to_have_text("Ekosysteemin tilannekatsaus")
    assert_clean(page, page_problems)
    page.goto(steering_urls["dashboard"] + "print/")
    assert_clean(page, page_problems)
    page.goto(steering_urls["dashboard"] + "compare/")
    page.get_by_role("button", name="Vertaa", exact=True).click()
    expect(page.locator("#comparison-heading")).to_be_visible()
    assert_clean(page, page_problems)
    page.goto(steering_urls["indicators"])
    expect(page.locator("h1")).to_have_text("Työllisyysindikaattorit")
    assert_clean(page, page_problems)
