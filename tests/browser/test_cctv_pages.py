"""Every page state of the business CCTV registration, in English and in Welsh, at 320 CSS pixels
wide: 0 axe violations, no sideways scrolling, the right autocomplete tokens, and no question
asked twice."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import new_context
from tests.browser.report import BrowserReport
from tests.browser.test_page_states import PageChecker, walk_and_check
from tests.cctv_journey import CCTV, cctv_pages

# The questions revealed under "another" are answered, so their pages are checked open.
EVERY_PAGE = cctv_pages(business_type="other", business_type_other="Veterinary surgery", export_methods=["usb", "other"],
                        export_other="We email a clip")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_page_state_passes_axe_and_reflows(browser: Browser, live_url: str, report: BrowserReport, language: str) -> None:
    checker = PageChecker(language, report)
    context = new_context(browser)
    asked = walk_and_check(context, live_url, EVERY_PAGE, checker, slug=CCTV)
    repeated = sorted({name for name in asked if asked.count(name) > 1})
    assert repeated == [], f"asked more than once in one journey: {repeated}"
    context.close()
    assert checker.problems == [], "\n\n".join(checker.problems)
    report.journey_completed(f"business CCTV registration ({language})")
