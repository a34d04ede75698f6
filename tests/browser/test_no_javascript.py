"""Without JavaScript every public journey completes, the add-another pattern included."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Browser, Page

from tests.browser.conftest import new_context
from tests.browser.report import BrowserReport
from tests.journeys import CRIME, crime_pages

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def fill_page(page: Page, data: dict[str, Any]) -> None:
    for name, value in data.items():
        fields = page.locator(f"main [name='{name}']")
        kind = fields.first.get_attribute("type") or ""
        if kind in ("radio", "checkbox"):
            for item in value if isinstance(value, list) else [value]:
                page.locator(f"main [name='{name}'][value='{item}']").check()
        else:
            fields.first.fill(str(value))


def press_continue(page: Page) -> None:
    with page.expect_navigation():
        page.locator("main form button.govuk-button:not(.govuk-button--secondary)").last.click()


def test_the_crime_journey_completes_without_javascript(browser: Browser, live_url: str, report: BrowserReport) -> None:
    context = new_context(browser, javascript=False)
    page = context.new_page()
    page.goto(f"{live_url}{CRIME}")
    assert page.locator("dialog[open]").count() == 0
    with page.expect_navigation():
        page.locator("main a.govuk-button--start").click()
    pages = crime_pages(role="victim", property_involved="yes", suspect_known="can_describe")
    for page_id, data in pages:
        assert page.url.endswith(f"{CRIME}/{page_id}"), f"expected {page_id}, on {page.url}"
        if page_id == "evidence":
            page.set_input_files("input[name=evidence_file]", files=[{"name": "bike.png", "mimeType": "image/png", "buffer": PNG}])
            with page.expect_navigation():
                page.get_by_role("button", name="Upload file").click()
            assert "bike.png" in page.inner_text("#uploaded-files")
        elif page_id == "property-items":
            fill_page(page, data)
            with page.expect_navigation():
                page.get_by_role("button", name="Add another item").click()
            page.locator("main [name='property_items-1-description']").fill("Bike lock")
            page.locator("main [name='property_items-1-value']").fill("30")
        else:
            fill_page(page, data)
        press_continue(page)
    assert page.url.endswith("/check-your-answers")
    summary = page.inner_text("main")
    assert "Black mountain bike" in summary and "Bike lock" in summary and "bike.png" in summary
    press_continue(page)
    assert page.url.endswith("/confirmation")
    assert re.search(r"WMP-[0-9A-Z]{4}-[0-9A-Z]{4}", page.inner_text("main"))
    assert page.locator("[data-module='fc-print']").is_hidden()  # the print button needs JavaScript
    context.close()
    report.journey_completed("crime journey without JavaScript, with add-another and an evidence upload")


def test_a_conditional_question_is_shown_and_answered_without_javascript(browser: Browser, live_url: str) -> None:
    context = new_context(browser, javascript=False)
    page = context.new_page()
    page.goto(f"{live_url}{CRIME}")
    for page_id, data in crime_pages():
        page.goto(f"{live_url}{CRIME}/{page_id}")
        if page_id == "injuries":
            break
        fill_page(page, data)
        press_continue(page)
    assert page.locator("main [name='injury_details']").is_visible()  # nothing hidden without scripts
    fill_page(page, {"anyone_hurt": "yes", "injury_details": "A cut hand"})
    press_continue(page)
    assert not page.url.endswith("/injuries")
    context.close()
