"""Every page state of reporting a stolen or an abandoned vehicle, in English and Welsh, at 320 CSS
pixels: 0 axe violations, no sideways scrolling, the right autocomplete tokens, no question asked twice."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import new_context
from tests.browser.report import BrowserReport
from tests.browser.test_page_states import PageChecker, walk_and_check
from tests.test_vehicle import VEHICLE, vehicle_pages

# Walks that between them reach every question page of the journey.
WALKS = [
    vehicle_pages(report_type="stolen"),
    vehicle_pages(report_type="abandoned", vehicle_type="other", vehicle_type_other="Horsebox"),
    vehicle_pages(report_type="abandoned", registration_known="no", concerns=["suspicious"]),
]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_vehicle_page_state_passes_axe_and_reflows(browser: Browser, live_url: str, report: BrowserReport, language: str) -> None:
    checker = PageChecker(language, report)
    for pages in WALKS:
        context = new_context(browser)
        asked = walk_and_check(context, live_url, pages, checker, slug=VEHICLE)
        repeated = sorted({name for name in asked if asked.count(name) > 1})
        assert repeated == [], f"asked more than once in one journey: {repeated}"
        context.close()
    context = new_context(browser)
    page = context.new_page()
    page.goto(f"{live_url}{VEHICLE}?lang={language}")
    for exit_page in ("call-999", "abandoned-vehicle-council"):
        page.goto(f"{live_url}{VEHICLE}/{exit_page}")
        checker.check(page, f"{VEHICLE}/{exit_page}")
    context.close()
    report.journey_completed(f"vehicle page states ({language})")
    assert checker.problems == [], "\n\n".join(checker.problems)
