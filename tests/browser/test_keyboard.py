"""Keyboard only: the whole crime journey, the error summary, Exit this page and the timeout warning."""

from __future__ import annotations

import re

from playwright.sync_api import BrowserContext, Page

from tests.browser.checks import axe_violations, describe
from tests.browser.conftest import EXIT_PAGE
from tests.browser.keyboard import answer_by_keyboard, continue_by_keyboard, focused, tab_to
from tests.browser.report import BrowserReport
from tests.browser.walker import post_answers
from tests.journeys import CRIME, crime_pages


def reach(context: BrowserContext, page: Page, base: str, upto: str) -> dict[str, object]:
    """Answer every page before `upto` directly, and open `upto`; return its passing answers."""
    page.goto(f"{base}{CRIME}")
    for page_id, data in crime_pages():
        url = f"{base}{CRIME}/{page_id}"
        page.goto(url)
        if page_id == upto:
            return data
        post_answers(context, page, url, data)
    raise AssertionError(f"{upto} is not in the journey")


def test_the_crime_journey_completes_by_keyboard_alone(page: Page, live_url: str, report: BrowserReport) -> None:
    page.goto(f"{live_url}{CRIME}")
    tab_to(page, "el.matches('main a.govuk-button--start')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for page_id, data in crime_pages():
        assert page.url.endswith(f"{CRIME}/{page_id}"), f"expected {page_id}, on {page.url}"
        answer_by_keyboard(page, data)
        continue_by_keyboard(page)
    assert page.url.endswith("/check-your-answers")
    tab_to(page, "el.matches('main form button.govuk-button')")
    tab_to(page, "el.matches('main a.govuk-link') && el.textContent.includes('Change')", backwards=True)
    tab_to(page, "el.matches('main form button.govuk-button')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/confirmation")
    assert re.search(r"WMP-[0-9A-Z]{4}-[0-9A-Z]{4}", page.inner_text("main"))
    report.journey_completed("crime journey by keyboard only (Tab, Shift+Tab, arrows, Space, Enter)")


def test_the_error_summary_takes_focus_and_its_links_move_focus_to_each_field(
    context: BrowserContext, page: Page, live_url: str
) -> None:
    cases = {
        "category": ({}, ["category"]),
        "when-date": ({"occurred_on-day": "31", "occurred_on-month": "2", "occurred_on-year": "2026"}, ["occurred_on-day"]),
        "description": ({}, ["description"]),
        "contact": ({"email": "not an email", "phone": "12"}, ["email", "phone"]),
    }
    for page_id, (typed, fields) in cases.items():
        reach(context, page, live_url, page_id)
        if typed:
            answer_by_keyboard(page, typed)
        continue_by_keyboard(page)
        assert page.title().startswith("Error: "), page_id
        assert focused(page, "el.classList.contains('govuk-error-summary')"), f"{page_id}: the error summary did not take focus"
        links = page.locator(".govuk-error-summary__list a")
        assert links.count() == len(fields), page_id
        for index, field in enumerate(fields):
            tab_to(page, f"el.matches('.govuk-error-summary__list a') && el.textContent === {links.nth(index).inner_text()!r}")
            page.keyboard.press("Enter")
            assert focused(page, "el.name") == field, f"{page_id}: link {index + 1} did not move focus to {field}"
            page.keyboard.press("Shift+Tab")  # back towards the summary for the next link
            page.locator(".govuk-error-summary").focus()


def test_exit_this_page_works_by_three_shift_presses_and_by_its_link(page: Page, live_url: str) -> None:
    page.goto(f"{live_url}{CRIME}")
    page.locator("body").click(position={"x": 5, "y": 300})
    with page.expect_navigation(url=f"{EXIT_PAGE}**"):
        for _ in range(3):
            page.keyboard.press("Shift")
    page.goto(f"{live_url}{CRIME}")
    tab_to(page, "el.matches('.govuk-exit-this-page__button')")
    with page.expect_navigation(url=f"{EXIT_PAGE}**"):
        page.keyboard.press("Enter")


def test_the_timeout_warning_is_announced_and_usable_by_keyboard(
    context: BrowserContext, page: Page, live_url: str, report: BrowserReport
) -> None:
    page.clock.install()
    reach(context, page, live_url, "category")
    page.goto(f"{live_url}{CRIME}/category")
    page.clock.fast_forward("55:01")  # five minutes before the 60-minute idle timeout
    dialog = page.locator("dialog#timeout-warning")
    assert dialog.get_attribute("open") is not None
    assert focused(page, "el.hasAttribute('data-timeout-continue')"), "focus did not move into the warning"
    announcement = page.locator("[data-timeout-announcement]")
    assert announcement.get_attribute("aria-live") == "assertive" and "5" in announcement.inner_text()
    violations = axe_violations(page)
    report.page_checked("en", len(violations))
    assert violations == [], describe(violations)
    with page.expect_response(lambda response: response.url.endswith("/keep-alive") and response.status == 200):
        page.keyboard.press("Enter")
    assert dialog.get_attribute("open") is None
    page.clock.fast_forward("55:01")
    assert dialog.get_attribute("open") is not None
    with page.expect_response(lambda response: response.url.endswith("/keep-alive")):
        page.keyboard.press("Escape")  # Escape also means "continue", as in the GOV.UK pattern
    assert dialog.get_attribute("open") is None
