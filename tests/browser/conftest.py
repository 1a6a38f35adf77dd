"""Fixtures of the browser tests: a real portal server and Debian's Chromium through Playwright.

Playwright never downloads a browser here: it launches /usr/bin/chromium. Outside CI the
tests skip when that binary is missing; in CI (CI=true) they run and fail instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.browser.server import PortalServer

CHROMIUM = Path(os.environ.get("KEKO_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists() or IN_CI:
        return
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM} is missing (apt-get install chromium); browser tests run in CI"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def _require_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium package")


@pytest.fixture(scope="session")
def portal_server(tmp_path_factory):
    """The portal served by gunicorn (2 workers) from a fresh database, for the whole run."""
    _require_chromium()  # fail before the server's set-up, not after it
    server = PortalServer(tmp_path_factory.mktemp("portal-server"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="package")
def chromium():
    """Chromium, launched once for the browser tests and closed after them.

    Package scope: Playwright's sync API keeps an event loop in this thread while it runs,
    which would make Django refuse ORM calls in the database tests that follow.
    """
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class PageProblems:
    """What the browser reported while a test ran: CSP violations, console errors, JS errors."""

    csp: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


# Runs in every document before the page's own scripts; a DevTools-injected script is not
# itself subject to the page's CSP, so it can record every violation the page causes.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(
    event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') +
    ' at ' + event.sourceFile + ':' + event.lineNumber
  );
});
"""


@pytest.fixture
def browser_context(chromium, portal_server):
    context = chromium.new_context(
        base_url=portal_server.base_url, locale="fi-FI", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    yield context
    context.close()


@pytest.fixture
def page_problems():
    return PageProblems()


@pytest.fixture
def page(browser_context, page_problems, portal_server, request):
    """A fresh tab whose console errors and uncaught exceptions are collected."""
    page = browser_context.new_page()

    def on_console(message):
        if message.type != "error":
            return
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            page_problems.csp.append(text)
        else:
            page_problems.console_errors.append(text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: page_problems.page_errors.append(str(error)))
    yield page
    page.close()
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        print(f"--- end of the browser server's log ---\n{portal_server.log(3000)}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
