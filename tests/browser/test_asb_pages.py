"""Every page state of reporting anti-social behaviour, in English and Welsh, at 320 CSS pixels:
0 axe violations, no sideways scrolling, the right autocomplete tokens, no question asked twice."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import new_context
from tests.browser.report import BrowserReport
from tests.browser.test_page_states import PageChecker, walk_and_check
from tests.test_asb import ASB, asb_pages

# Walks that between them reach every question page of the journey.
WALKS = [
    asb_pages(asb_type="personal", target="you", frequency="once", responsible="known", reported_before="yes",
              behaviours=["intimidation", "other"], behaviour_other="Following my children home"),
    asb_pages(asb_type="nuisance", frequency="daily", responsible="can_describe"),
    asb_pages(asb_type="personal", target="someone_else"),
]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_asb_page_state_passes_axe_and_reflows(browser: Browser, live_url: str, report: BrowserReport, language: str) -> None:
    checker = PageChecker(language, report)
    for pages in WALKS:
        context = new_context(browser)
        asked = walk_and_check(context, live_url, pages, checker, slug=ASB)
        repeated = sorted({name for name in asked if asked.count(name) > 1})
        assert repeated == [], f"asked more than once in one journey: {repeated}"
        context.close()
    context = new_context(browser)
    page = context.new_page()
    page.goto(f"{live_url}{ASB}/call-999?lang={language}")
    checker.check(page, f"{ASB}/call-999")
    context.close()
    report.journey_completed(f"anti-social behaviour page states ({language})")
    assert checker.problems == [], "\n\n".join(checker.problems)
