"""A Project staff member signs in with email, password and a TOTP code and reaches the admin."""

import re
import secrets
import time
import uuid
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MAKE_STAFF_USER = Path(__file__).with_name("make_staff_user.py")
TOTP_PERIOD = 30


def current_totp_code(secret: str) -> str:
    """The code an authenticator app shows now; waits out the last seconds of a period."""
    if TOTP_PERIOD - time.time() % TOTP_PERIOD < 3:
        time.sleep(TOTP_PERIOD - time.time() % TOTP_PERIOD + 0.5)
    return format_hotp_value(hotp_value(secret, int(time.time()) // TOTP_PERIOD))


@pytest.fixture
def staff_member(portal_server):
    return portal_server.run_script(
        MAKE_STAFF_USER,
        email=f"staff-{uuid.uuid4().hex[:8]}@keko.localhost",
        password=secrets.token_urlsafe(16),
    )


def submit(form):
    form.locator('button[type="submit"], input[type="submit"]').first.click()


def test_staff_member_signs_in_with_totp_and_reaches_the_admin(page, page_problems, staff_member):
    page.goto("/accounts/login/?next=/admin/")
    login_form = page.locator("form:has(input[name='password'])")
    login_form.locator("input[name='login']").fill(staff_member["email"])
    login_form.locator("input[name='password']").fill(staff_member["password"])
    submit(login_form)

    # The second step asks for the authenticator code, not for the admin yet.
    code_input = page.locator("input[name='code']")
    expect(code_input).to_be_visible()
    assert "/admin/" not in page.url.split("?")[0]
    code_input.fill(current_totp_code(staff_member["totp_secret"]))
    submit(page.locator("form:has(input[name='code'])"))

    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator(".w-dashboard")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("KEKO")
    page.wait_for_load_state("networkidle")
    # The admin runs under the CSP too (no inline script): nothing was blocked on the way.
    assert page.evaluate("window.__cspViolations") == []
    assert page_problems.csp == []
    assert page_problems.page_errors == []


def test_wrong_totp_code_keeps_the_staff_member_out_of_the_admin(page, staff_member):
    page.goto("/accounts/login/?next=/admin/")
    login_form = page.locator("form:has(input[name='password'])")
    login_form.locator("input[name='login']").fill(staff_member["email"])
    login_form.locator("input[name='password']").fill(staff_member["password"])
    submit(login_form)

    right = current_totp_code(staff_member["totp_secret"])
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    page.locator("input[name='code']").fill(wrong)
    submit(page.locator("form:has(input[name='code'])"))

    expect(page.locator("input[name='code']")).to_be_visible()
    page.goto("/admin/")
    expect(page.locator(".w-dashboard")).to_have_count(0)
    expect(page).not_to_have_url(re.compile(r"/admin/$"))
