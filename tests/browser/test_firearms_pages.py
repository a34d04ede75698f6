"""Every page state of the firearm and shotgun certificate application, in English and in Welsh,
at 320 CSS pixels wide: 0 axe violations, no sideways scrolling, the right autocomplete tokens,
and no question asked twice. The add-another pages are checked with two items and with the
address-history error too."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import new_context
from tests.browser.report import BrowserReport
from tests.browser.test_page_states import PageChecker, walk_and_check
from tests.browser.walker import post_answers
from tests.firearms_journey import FIREARMS, TODAY, firearms_pages, previous_address, upto

# One walk reaches every page: a renewal of both certificates, with a medical condition, a
# conviction, a firearm for each follow-up question, and the guns kept away from home.
EVERY_PAGE = firearms_pages(
    "both", "renewal", conditions=("dementia",), convicted="yes",
    reasons=("target_shooting", "deer_stalking", "collecting"), stored_at_home="no",
)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_page_state_passes_axe_and_reflows(browser: Browser, live_url: str, report: BrowserReport, language: str) -> None:
    checker = PageChecker(language, report)
    context = new_context(browser)
    asked = walk_and_check(context, live_url, EVERY_PAGE, checker, slug=FIREARMS)
    repeated = sorted({name for name in asked if asked.count(name) > 1})
    assert repeated == [], f"asked more than once in one journey: {repeated}"
    context.close()

    # The add-another page with two addresses, then with the error for a gap in the history.
    context = new_context(browser)
    page = context.new_page()
    page.goto(f"{live_url}{FIREARMS}?lang={language}")
    for page_id, data in upto(EVERY_PAGE, "previous-addresses"):
        page.goto(f"{live_url}{FIREARMS}/{page_id}")
        post_answers(context, page, f"{live_url}{FIREARMS}/{page_id}", data)
    url = f"{live_url}{FIREARMS}/previous-addresses"
    page.goto(url)
    with page.expect_navigation():
        page.locator("main button[value='add']").click()
    checker.check(page, f"{FIREARMS}/previous-addresses (two items)")
    moved_in = TODAY - timedelta(days=730)
    for name, value in previous_address(0, "14 Castle Street", TODAY - timedelta(days=3000), moved_in - timedelta(days=60)).items():
        page.locator(f"main [name='{name}']").fill(value)
    page.locator("main [name='previous_addresses-1-line_1']").fill("Flat 2")
    with page.expect_navigation():
        page.locator("main form button.govuk-button:not(.govuk-button--secondary)").last.click()
    assert page.locator(".govuk-error-summary").count() == 1
    checker.check(page, f"{FIREARMS}/previous-addresses (item errors)")
    with page.expect_navigation():
        page.locator("main button[value='remove-1']").click()
    with page.expect_navigation():
        page.locator("main form button.govuk-button:not(.govuk-button--secondary)").last.click()
    assert page.locator(".govuk-error-summary a").count() == 1  # the gap between the two homes
    checker.check(page, f"{FIREARMS}/previous-addresses (gap in the history)")
    page.goto(f"{live_url}{FIREARMS}/doctor-permission-needed")
    checker.check(page, f"{FIREARMS}/doctor-permission-needed")
    context.close()
    assert checker.problems == [], "\n\n".join(checker.problems)
    report.journey_completed(f"firearm and shotgun certificate application ({language})")
