"""The casework pages in a real browser: no accessibility violations, they reflow at 320
pixels, and an item is claimed and graded without JavaScript."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask
from playwright.sync_api import Browser, BrowserContext

from services.enums.casework import StaffRole
from tests.browser.checks import axe_violations, describe, horizontal_overflow
from tests.browser.conftest import new_context
from tests.casework_helpers import add_attachment, make_item, reference_of
from tests.staff_helpers import make_staff, sign_in_as


def signed_in_context(browser: Browser, app: Flask, live_url: str, role: StaffRole, *, javascript: bool) -> BrowserContext:
    user = make_staff(app, role)
    http = app.test_client()
    sign_in_as(app, http, user)
    cookie = http.get_cookie("session")
    assert cookie is not None
    context = new_context(browser, javascript=javascript)
    context.add_cookies([{"name": "session", "value": cookie.value, "domain": urlsplit(live_url).hostname, "path": "/"}])
    return context


def test_the_casework_pages_have_no_violations_and_reflow(browser: Browser, browser_app: Flask, live_url: str) -> None:
    item = make_item(browser_app, urgency=40, email="ann@example.com", quality_flags=[{"flag": "weapon", "reason": "Mentions a knife"}])
    add_attachment(browser_app, item)
    context = signed_in_context(browser, browser_app, live_url, StaffRole.SUPERVISOR, javascript=True)
    page = context.new_page()
    page.goto(f"{live_url}/staff/items/{item}")
    page.get_by_role("button", name="Claim this item").click()
    for path in ("/staff/", "/staff/?grade=legendary", f"/staff/items/{item}", f"/staff/items/{item}/grade",
                 f"/staff/items/{item}/close", f"/staff/items/{item}/assign", f"/staff/items/{item}/ask-for-more"):
        page.goto(f"{live_url}{path}")
        violations = axe_violations(page)
        assert violations == [], f"{path}:\n{describe(violations)}"
        assert horizontal_overflow(page) <= 0, path
    context.close()


def test_claim_and_grade_without_javascript(browser: Browser, browser_app: Flask, live_url: str) -> None:
    # Other browser tests share this database: the most urgent ungraded item is on the queue's first page.
    item = make_item(browser_app, urgency=100_000, vulnerability=["self_harm_risk"])
    context = signed_in_context(browser, browser_app, live_url, StaffRole.CALL_HANDLER, javascript=False)
    page = context.new_page()
    page.goto(f"{live_url}/staff/")
    page.get_by_role("link", name=reference_of(browser_app, item)).click()
    page.get_by_role("button", name="Claim this item").click()
    assert "You own this item now" in page.locator(".govuk-notification-banner").inner_text()
    page.get_by_role("link", name="Grade", exact=True).click()
    page.get_by_role("button", name="Save the assessment and grade").click()
    assert page.locator(".govuk-error-summary").is_visible()
    for area in ("threat", "harm", "risk", "investigation", "vulnerability", "engagement"):
        page.locator(f"input[name={area}_rating][value=medium]").check()
        page.locator(f"textarea[name={area}_words]").fill(f"About {area}")
    page.locator("input[name=grade][value=scheduled]").check()
    page.locator("textarea[name=rationale]").fill("Can wait for an appointment")
    page.get_by_role("button", name="Save the assessment and grade").click()
    assert "The item is graded" in page.locator(".govuk-notification-banner").inner_text()
    context.close()

