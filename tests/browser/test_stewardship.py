"""A steward in a real browser: the referral partners of a service are a long list of
checkboxes, so a search box narrows it while keeping what is ticked."""

import secrets
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MAKE_STEWARD_USER = Path(__file__).with_name("make_steward_user.py")


@pytest.fixture
def steward(portal_server):
    return portal_server.run_script(
        MAKE_STEWARD_USER,
        email=f"steward-{uuid.uuid4().hex[:8]}@keko.localhost",
        password=secrets.token_urlsafe(16),
    )


@pytest.mark.parametrize("viewport", [(1366, 900), (375, 812)], ids=["desktop", "phone"])
def test_the_referral_list_narrows_as_the_steward_types(page, steward, page_problems, viewport):
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.goto(f"/accounts/organisations/propose/service/{steward['service']}/")
    form = page.locator("form:has(input[name='password'])")
    form.locator("input[name='login']").fill(steward["email"])
    form.locator("input[name='password']").fill(steward["password"])
    form.locator('button[type="submit"]').first.click()
    expect(page.locator("h1")).to_contain_text("Ehdota muutosta")
    choices = page.locator("#id_referrals_to_list .form-field--checkbox")
    total = choices.count()
    assert total > 20
    search = page.get_by_label("Etsi listasta").first
    expect(search).to_be_visible()
    # Tick one partner, then look for another: the ticked one stays in view.
    unticked_before = choices.filter(has=page.locator("input:not(:checked)"))
    first = unticked_before.nth(0)
    first_name = first.locator("label").inner_text()
    first.locator("input").check()
    term = unticked_before.last.locator("label").inner_text().split()[0][:5].lower()
    search.fill(term)
    visible = page.locator("#id_referrals_to_list .form-field--checkbox:visible")
    names = [name.lower() for name in visible.locator("label").all_inner_texts()]
    unticked = visible.filter(has=page.locator("input:not(:checked)"))
    matches = [name.lower() for name in unticked.locator("label").all_inner_texts()]
    assert len(names) < total
    assert matches and all(term in name for name in matches), (term, matches)
    assert first_name.lower() in names  # ticked: stays in view
    expect(page.locator("[data-filter-count]").first).to_have_text(
        f"{len(names)} / {total} näkyvissä"
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport[0]
    search.fill("")
    expect(visible).to_have_count(total)
    assert page_problems.csp == [] and page_problems.page_errors == []
