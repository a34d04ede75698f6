"""Text at 200% loses nothing; and the checker itself fails a page that loses a label."""

from __future__ import annotations

from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.checks import axe_violations, clipped_text, horizontal_overflow
from tests.browser.conftest import new_context
from tests.browser.walker import post_answers
from tests.journeys import CRIME, crime_pages

ZOOM_TEXT = "html { font-size: 200% !important; }"  # text-only zoom: GOV.UK Frontend sizes text in rem


def test_text_zoomed_to_200_percent_loses_nothing(browser: Browser, live_url: str) -> None:
    context = new_context(browser, width=1280, height=800)
    page = context.new_page()
    problems: list[str] = []

    def check(state: str) -> None:
        page.add_style_tag(content=ZOOM_TEXT)
        if (overflow := horizontal_overflow(page)) > 0:
            problems.append(f"{state}: scrolls sideways by {overflow}px with text at 200%")
        if clipped := clipped_text(page):
            problems.append(f"{state}: text cut off in {clipped}")

    page.goto(f"{live_url}{CRIME}")
    check("start page")
    for page_id, data in crime_pages(role="victim", property_involved="yes"):
        url = f"{live_url}{CRIME}/{page_id}"
        page.goto(url)
        check(page_id)
        post_answers(context, page, url, data)
    page.goto(f"{live_url}{CRIME}/check-your-answers")
    check("check answers")
    for path in ("/", "/accessibility", "/cookies", "/no-such-page"):
        page.goto(f"{live_url}{path}")
        check(path)
    context.close()
    assert problems == [], "\n".join(problems)


def test_the_checker_fails_a_page_whose_field_loses_its_label(context: BrowserContext, page: Page, live_url: str) -> None:
    """Break a real page on purpose: the same check every page state passes must catch it."""
    page.goto(f"{live_url}{CRIME}")
    for page_id, data in crime_pages():
        url = f"{live_url}{CRIME}/{page_id}"
        page.goto(url)
        if page_id == "contact":
            break
        post_answers(context, page, url, data)
    assert axe_violations(page) == []
    page.evaluate("() => document.querySelector('label[for=email]').remove()")
    broken = {violation["id"] for violation in axe_violations(page)}
    assert "label" in broken
