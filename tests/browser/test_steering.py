"""The steering area in a real browser: a member signs in, opens the area, a meeting and its
document; an anonymous visitor is sent to sign in."""

import re
import secrets
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MAKE_STEERING_USER = Path(__file__).with_name("make_steering_user.py")
AREA = "/ohjausryhma/"
MEETING_TITLE = "Järjestäytymiskokous 15.4.2026"


@pytest.fixture
def steering_member(portal_server):
    return portal_server.run_script(
        MAKE_STEERING_USER,
        email=f"steering-{uuid.uuid4().hex[:8]}@keko.localhost",
        password=secrets.token_urlsafe(16),
    )


def _sign_in(page, member):
    form = page.locator("form:has(input[name='password'])")
    form.locator("input[name='login']").fill(member["email"])
    form.locator("input[name='password']").fill(member["password"])
    form.locator('button[type="submit"], input[type="submit"]').first.click()


def test_anonymous_visitor_is_sent_to_sign_in(page):
    page.goto(AREA + "kokoukset/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/ohjausryhma/kokoukset/$"))
    expect(page.locator("input[name='password']")).to_be_visible()
    assert MEETING_TITLE not in page.content()
    # The public pages carry no link to the area.
    page.goto("/")
    expect(page.locator(f"a[href='{AREA}']")).to_have_count(0)


def test_member_signs_in_and_opens_the_area_a_meeting_and_its_document(
    page, page_problems, steering_member
):
    page.goto(AREA)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    _sign_in(page, steering_member)

    # Back where they were going: the area, with its meetings.
    expect(page).to_have_url(re.compile(r"/ohjausryhma/$"))
    expect(page.locator("h1")).to_have_text("Ohjausryhmä")
    expect(page.locator(f".main-nav a[href='{AREA}']")).to_have_attribute("aria-current", "page")
    page.get_by_role("link", name=MEETING_TITLE).first.click()

    expect(page.locator("h1")).to_have_text(MEETING_TITLE)
    expect(page.locator("ol.agenda .agenda__title").first).to_have_text("Kokouksen avaus")
    document_link = page.get_by_role("link", name="Esityslista (PDF)")
    href = document_link.get_attribute("href")
    assert href.startswith("/documents/")

    # The document with the member's session; without it, the sign-in page.
    response = page.context.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "filename=" in response.headers["content-disposition"]
    assert response.body().startswith(b"%PDF-")
    anonymous = page.context.browser.new_context(base_url=page.url.split("/ohjausryhma")[0])
    try:
        refused = anonymous.request.get(href, max_redirects=0)
        assert refused.status == 302
        assert "/accounts/login/?next=" in refused.headers["location"]
    finally:
        anonymous.close()

    assert page.evaluate("window.__cspViolations") == []
    assert page_problems.csp == [] and page_problems.page_errors == []
