"""The Wagtail editor flow by hand: a Project staff member signs in with a TOTP code, writes a
news article with a paragraph and a service map filtered to one target group, publishes it,
and an anonymous visitor reads it with its map and the map's text view.

The admin speaks Finnish to the staff member (the portal's default language), so the
locators use the Finnish labels and roles the editor sees.
"""

import re
import secrets
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import RECORD_CSP_VIOLATIONS
from tests.browser.test_staff_mfa_login import current_totp_code

pytestmark = pytest.mark.browser

MAKE_STAFF_USER = Path(__file__).with_name("make_staff_user.py")
TIMEOUT_MS = 30_000  # the machine running the tests may be busy; this only bounds the waits
NEWS_INDEX = "Ajankohtaista"
TARGET_GROUP = ("immigrants", "Maahanmuuttajat")


@pytest.fixture
def staff_member(portal_server):
    return portal_server.run_script(
        MAKE_STAFF_USER,
        email=f"editor-{uuid.uuid4().hex[:8]}@keko.localhost",
        password=secrets.token_urlsafe(16),
    )


@pytest.fixture
def editor(chromium, portal_server, staff_member):
    """A tab of the staff member's own browser, signed in with password and TOTP code."""
    context = chromium.new_context(
        base_url=portal_server.base_url, locale="fi-FI", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    expect.set_options(timeout=TIMEOUT_MS)
    page = context.new_page()
    page.goto("/accounts/login/?next=/admin/")
    form = page.locator("form:has(input[name='password'])")
    form.locator("input[name='login']").fill(staff_member["email"])
    form.locator("input[name='password']").fill(staff_member["password"])
    form.locator('button[type="submit"]').first.click()
    page.locator("input[name='code']").fill(current_totp_code(staff_member["totp_secret"]))
    page.locator("form:has(input[name='code'])").locator('button[type="submit"]').first.click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    yield page
    context.close()


def open_new_article_form(page):
    """Pages → the Finnish home page → the news index → add a child page."""
    page.goto("/admin/pages/")
    # A row's title opens the editor; its arrow link lists the page's children.
    page.get_by_role("link", name=re.compile(r"^Selaa sivun KEKO – työkyvyn tukemisen")).click()
    page.get_by_role("link", name=f"Selaa sivun {NEWS_INDEX} alasivuja").click()
    expect(page.locator("h1")).to_contain_text(NEWS_INDEX)
    page.get_by_role("link", name="Lisää alasivu").first.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/cms_pages/newspage/\d+/$"))


# The editor form's change tracker (Wagtail's w-unsaved controller) takes its snapshot of the
# empty form a moment after loading; edits made before that count as the initial state and
# are never autosaved. A person is never that quick; the test waits for the snapshot.
EDITOR_TRACKING_EDITS = """() => {
  const form = document.querySelector('form[data-controller~="w-unsaved"]');
  const tracker = form && window.wagtail?.app?.getControllerForElementAndIdentifier(
    form, 'w-unsaved');
  return Boolean(tracker && tracker.initialFormData);
}"""
# Every edit saved: the autosave succeeded and cleared the tracker's unsaved edits.
EDITOR_ALL_SAVED = """() => {
  const form = document.querySelector('form[data-controller~="w-unsaved"]');
  const tracker = form && window.wagtail?.app?.getControllerForElementAndIdentifier(
    form, 'w-unsaved');
  return Boolean(tracker && tracker.initialFormData && !tracker.hasEditsValue);
}"""


def add_block(body, page, block_label: str) -> None:
    """The last "+" of the body stream opens the block menu; pick one block type."""
    body.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name=block_label, exact=True).click()


def test_staff_member_publishes_an_article_with_a_service_map(editor, page, page_problems):
    marker = uuid.uuid4().hex[:6]
    title = f"Maahanmuuttaneiden palvelut kartalla {marker}"
    lead = "Kartta näyttää, mitkä palvelut on tarkoitettu maahanmuuttaneille."
    paragraph = f"Palvelut löytyvät nyt yhdestä paikasta ({marker})."

    open_new_article_form(editor)
    editor.wait_for_function(EDITOR_TRACKING_EDITS)
    editor.get_by_role("textbox", name="Otsikko*").fill(title)
    editor.get_by_role("textbox", name="Johdanto*").fill(lead)
    body = editor.locator("#panel-child-sisalto-body-section")
    add_block(body, editor, "Tekstikappale")
    body.get_by_role("textbox").first.click()
    editor.keyboard.type(paragraph)
    add_block(body, editor, "Palvelukartta")
    target_group = body.get_by_label("Kohderyhmä")
    target_group.select_option(label=TARGET_GROUP[1])

    # Wagtail autosaves the new page as a draft and turns the form into its edit form:
    # publishing before that would post the create form a second time (slug in use).
    expect(editor).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
    expect(body.get_by_label("Kohderyhmä")).to_have_value(TARGET_GROUP[0])
    editor.wait_for_function(EDITOR_ALL_SAVED)
    editor.get_by_role("button", name="Lisää toimintoja").click()
    editor.get_by_role("button", name="Julkaise").click()

    message = editor.locator(".messages")
    expect(message).to_contain_text(f"Sivu '{title}' julkaistu")
    public_url = message.get_by_role("link", name="Näytä julkaistu").get_attribute("href")
    assert public_url.startswith(("/ajankohtaista/", editor.url.split("/admin/")[0]))

    # An anonymous visitor (the test's own tab, signed in nowhere) reads the article.
    page.goto(public_url)
    expect(page.locator("h1")).to_have_text(title)
    expect(page.get_by_text(paragraph)).to_be_visible()
    service_map = page.locator("section.eco-embed")
    expect(service_map).to_have_count(1)
    expect(service_map.get_by_role("heading", name="Palvelukartta")).to_be_visible()
    expect(service_map.locator("[data-eco-canvas]")).to_be_visible()
    text_link = service_map.get_by_role("link", name="Kartan kaikki palvelut ja suhteet taulukkona")
    expect(text_link).to_have_attribute("href", re.compile(rf"tg={TARGET_GROUP[0]}"))
    # The map's text alternative opens under the map, and in full at the text view.
    service_map.get_by_text("Kartta tekstinä").click()
    expect(service_map.locator(".eco-embed__list li").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__cspViolations") == []
    assert page_problems.csp == [] and page_problems.page_errors == []

    text_link.click()
    expect(page).to_have_url(re.compile(rf"/text/\?tg={TARGET_GROUP[0]}"))
    expect(page.locator("table").first).to_be_visible()
    assert page_problems.page_errors == []


def test_page_editor_widgets_run_under_the_csp(editor):
    # Wagtail's widgets start from inline <script>: the admin's CSP must let them run
    # (portal/security.py), or adding a related page or choosing an image does nothing.
    open_new_article_form(editor)
    editor.wait_for_function(EDITOR_TRACKING_EDITS)
    editor.get_by_role("button", name="Lisää Aiheeseen liittyvät sivut").click()
    assert editor.evaluate("window.__cspViolations") == []
    # The related-pages panel adds a form with a page chooser for the new row.
    expect(editor.locator("#id_related_links-TOTAL_FORMS")).to_have_value("1")


def test_a_failed_autosave_is_shown_to_the_editor_in_finnish(editor):
    """The server answers the editor's autosave with an error: the editor reads, in Finnish,
    that the changes were not saved and what to do, not only a line in the console."""
    open_new_article_form(editor)
    editor.wait_for_function(EDITOR_TRACKING_EDITS)

    def fail(route):
        if route.request.method == "POST":
            route.fulfill(status=500, content_type="text/html", body="<h1>Server Error</h1>")
        else:
            route.continue_()

    editor.route(re.compile(r"/admin/pages/add/"), fail)
    editor.get_by_role("textbox", name="Otsikko*").fill(f"Autosave-koe {uuid.uuid4().hex[:6]}")

    warning = editor.locator(".footer__save-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Automaattinen tallennus on keskeytynyt")
    expect(warning).to_contain_text("Palvelimella tapahtui virhe, eikä muutoksiasi tallennettu")
    expect(warning).not_to_contain_text("server error")
    indicator = editor.locator("#w-autosave-indicator")
    expect(indicator).to_contain_text("Automaattinen tallennus on keskeytynyt")
