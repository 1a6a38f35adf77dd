"""A visitor reads the site in Finnish, switches to English, finds the accessibility statement."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FINNISH_FUNDING = "Euroopan unionin osarahoittama"
ENGLISH_FUNDING = "Co-funded by the European Union"


def language_link(page, language: str):
    """The language switcher's link to `language` (a link, not a <link> alternate)."""
    return page.locator(f'a[hreflang="{language}"], a[lang="{language}"]').first


def test_visitor_switches_from_finnish_to_english_and_opens_the_accessibility_statement(page):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.locator("footer")).to_contain_text(FINNISH_FUNDING)
    expect(page.locator("h1")).to_have_count(1)

    language_link(page, "en").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("footer")).to_contain_text(ENGLISH_FUNDING)
    expect(page.locator("footer")).not_to_contain_text(FINNISH_FUNDING)

    page.locator("footer").get_by_role(
        "link", name=re.compile("accessibility statement", re.I)
    ).click()
    expect(page).to_have_url(re.compile(r"/en/.+"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text(re.compile("accessibility statement", re.I))


def test_finnish_footer_link_leads_to_the_finnish_accessibility_statement(page):
    page.goto("/")
    statement_link = page.locator("footer").get_by_role(
        "link", name=re.compile("saavutettavuusseloste", re.I)
    )
    statement_link.click()
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.locator("h1")).to_contain_text(re.compile("saavutettavuusseloste", re.I))
    path = page.url.split("//", 1)[1].split("/", 1)[1]
    assert not path.startswith(("en/", "sv/")), f"the Finnish link led to {page.url}"


def test_english_visitor_switches_back_to_finnish(page):
    page.goto("/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    language_link(page, "fi").click()
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.locator("footer")).to_contain_text(FINNISH_FUNDING)
