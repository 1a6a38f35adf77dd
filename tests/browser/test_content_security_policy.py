"""Pages load under the Content-Security-Policy without a violation, console error or JS error."""

import pytest

pytestmark = pytest.mark.browser

PUBLIC_PATHS = ["/", "/en/", "/sv/", "/accounts/login/", "/en/accounts/login/"]


def recorded_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_page_loads_without_csp_violations_or_errors(page, page_problems, path):
    response = page.goto(path, wait_until="networkidle")
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert recorded_violations(page) == []
    assert page_problems.csp == []
    assert page_problems.page_errors == []
    assert page_problems.console_errors == []


def test_cached_home_page_keeps_its_policy(page, page_problems):
    page.goto("/")
    response = page.goto("/", wait_until="networkidle")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert recorded_violations(page) == []
    assert page_problems.csp == []
