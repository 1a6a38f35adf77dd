"""Fixtures of the site-shell tests: the demo content and a parsed-HTML helper."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from cms_pages import demo_content


@pytest.fixture
def demo_pages(site_demo):
    """The demo content loaded; {name: {language: page}} of the demo pages."""
    pages = {}
    for name, key in (
        ("home", demo_content.HOME_KEY),
        ("about", demo_content.ABOUT_KEY),
        ("statement", demo_content.STATEMENT_KEY),
    ):
        pages[name] = {
            page.locale.language_code: page.specific
            for page in Page.objects.filter(translation_key=key).select_related("locale")
        }
    return pages


def soup(response) -> BeautifulSoup:
    """The response's HTML, parsed."""
    return BeautifulSoup(response.content.decode(), "html.parser")
