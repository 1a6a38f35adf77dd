"""What a visitor and a newly signed-in member see: the phone menu collapses without moving the
page, events read in the page's language, a member is told what signing in opened."""

import re
import secrets
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MAKE_STEERING_USER = Path(__file__).with_name("make_steering_user.py")

# The sum of the page's layout shifts so far (the Layout Instability API, as Lighthouse reads it).
LAYOUT_SHIFT = """() => new Promise((resolve) => {
    let total = 0;
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) { if (!entry.hadRecentInput) total += entry.value; }
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 300);
})"""


def test_the_phone_menu_is_collapsed_before_the_content_is_laid_out(page):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto("/")
    toggle = page.locator(".main-nav__toggle")
    expect(toggle).to_be_visible()
    expect(page.locator("#main-nav-list")).to_be_hidden()
    # The menu collapsed before the content was laid out: nothing below it jumped up.
    assert page.evaluate(LAYOUT_SHIFT) < 0.05
    toggle.click()
    expect(page.locator("#main-nav-list")).to_be_visible()


def test_swedish_and_english_events_read_in_their_language(page):
    page.goto("/sv/evenemang/")
    page.get_by_role("link", name=re.compile("Verkstad för ledare")).click()
    expect(page).to_have_url(re.compile(r"/sv/evenemang/verkstad-for-ledare/$"))
    meta = page.locator(".event-meta")
    expect(meta).to_contain_text("Verkstad")
    expect(meta).not_to_contain_text("Workshop")
    expect(page.locator(".event-details")).to_contain_text("Direktörer vid Keusote")

    page.goto("/en/events/situational-picture-seminar/")
    expect(page.locator(".event-meta time").first).to_have_text(
        re.compile(r"^10 February 2027 at 9\.00")
    )
    expect(page.locator(".event-details")).to_contain_text("The partner network")


def test_a_member_who_signs_in_on_the_home_page_is_told_what_opened(page, portal_server):
    member = portal_server.run_script(
        MAKE_STEERING_USER,
        email=f"steering-{uuid.uuid4().hex[:8]}@keko.localhost",
        password=secrets.token_urlsafe(16),
    )
    page.goto("/")
    page.locator(".account-links").get_by_role("link", name="Kirjaudu sisään").click()
    form = page.locator("form:has(input[name='password'])")
    form.locator("input[name='login']").fill(member["email"])
    form.locator("input[name='password']").fill(member["password"])
    form.locator('button[type="submit"], input[type="submit"]').first.click()
    expect(page).to_have_url(re.compile(r"/$"))
    message = page.locator(".message")
    expect(message).to_contain_text("Verkostokumppanina näet nyt")
    expect(message).to_contain_text("Ohjausryhmän alue on nyt päävalikossa.")
