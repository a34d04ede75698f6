"""Every page state of report a road traffic incident, in English and in Welsh, at 320 CSS pixels
wide: 0 axe violations, no sideways scrolling, the right autocomplete tokens, no question asked twice."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import new_context
from tests.browser.report import BrowserReport
from tests.browser.test_page_states import PageChecker, walk_and_check
from tests.browser.walker import post_answers
from tests.road_traffic_journey import RTI, rti_pages

# Walks that between them reach every page of the journey (the late-report page included).
WALKS = [
    rti_pages(involvement="driver", injury_severity="hospital", details_exchanged="yes", has_footage="yes"),
    rti_pages(involvement="organisation", incident_type="dangerous_driving", days_ago=10, own_vehicle="none"),
    rti_pages(involvement="witness", incident_type="fail_to_stop", details_exchanged="refused"),
]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_page_state_passes_axe_and_reflows(browser: Browser, live_url: str, report: BrowserReport, language: str) -> None:
    checker = PageChecker(language, report)
    for pages in WALKS:
        context = new_context(browser)
        asked = walk_and_check(context, live_url, pages, checker, slug=RTI)
        repeated = sorted({name for name in asked if asked.count(name) > 1})
        assert repeated == [], f"asked more than once in one journey: {repeated}"
        context.close()

    context = new_context(browser)
    page = context.new_page()
    page.goto(f"{live_url}{RTI}?lang={language}")
    page.goto(f"{live_url}{RTI}/call-999")
    checker.check(page, f"{RTI} call 999 exit")

    # The add-another states: two vehicles with a remove button each, and errors in the second.
    pages = rti_pages()
    page.goto(f"{live_url}{RTI}")
    for page_id, data in pages[: [p for p, _ in pages].index("vehicles")]:
        url = f"{live_url}{RTI}/{page_id}"
        page.goto(url)
        post_answers(context, page, url, data)
    page.goto(f"{live_url}{RTI}/vehicles")
    page.fill("#vehicles-0-registration", "AB12 CDE")
    with page.expect_navigation():
        page.locator("button[value=add]").click()
    checker.check(page, f"{RTI}/vehicles (two vehicles)")
    page.check("#vehicles-1-registration_unknown")
    with page.expect_navigation():
        page.locator("button[value=continue]").click()
    assert page.locator(".govuk-error-summary").count() == 1
    checker.check(page, f"{RTI}/vehicles (two vehicles, errors)")
    context.close()
    assert checker.problems == [], "\n\n".join(checker.problems)
