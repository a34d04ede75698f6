"""Moving through journeys in the browser: visit a page, check it, answer it, go on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from playwright.sync_api import BrowserContext, Page

Check = Callable[[Page, str], None]


def csrf_token(page: Page) -> str:
    return str(page.locator("input[name=csrf_token]").first.get_attribute("value"))


def post_answers(context: BrowserContext, page: Page, url: str, data: dict[str, Any]) -> str:
    """Send a page's answers with the page's own CSRF token, as the form would; return where it leads."""
    body = urlencode({**data, "csrf_token": csrf_token(page)}, doseq=True)
    response = context.request.post(
        url, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"}, max_redirects=0
    )
    assert response.status == 302, f"{url}: {response.status}"
    return str(response.headers["location"])


def submit_empty(page: Page) -> bool:
    """Press the page's main button with nothing filled in; True if the page showed errors."""
    with page.expect_navigation():
        page.locator("main form button.govuk-button:not(.govuk-button--secondary)").last.click()
    return page.locator(".govuk-error-summary").count() > 0
