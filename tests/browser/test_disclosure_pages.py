"""Clare's Law, Sarah's Law and the solicitor's request for documents in a real browser:
every page state, in English and in Welsh, at 320 CSS pixels wide, with 0 axe violations,
no sideways scrolling, the right autocomplete tokens, and no question asked twice."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import new_context
from tests.browser.report import BrowserReport
from tests.browser.test_page_states import PageChecker, walk_and_check
from tests.disclosure_answers import CLARES, SARAHS, SOLICITOR, clares_pages, sarahs_pages, solicitor_pages

# Walks that between them reach every page, every revealed field and the add-another list.
WALKS = [
    (CLARES, clares_pages("self", methods=("phone_call", "email", "letter"))),
    (CLARES, clares_pages("someone_else", methods=("none",))),
    (SARAHS, sarahs_pages(methods=("text_message",), relationship="other", children={
        "children-0-first_name": "Amy", "children-0-age": "7", "children-1-first_name": "Ben", "children-1-age": "4",
    })),
    (SOLICITOR, solicitor_pages(case_type="other", authority="court_order", documents=["custody_record", "other"])),
]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_page_state_passes_axe_and_reflows(browser: Browser, live_url: str, report: BrowserReport, language: str) -> None:
    checker = PageChecker(language, report)
    for slug, pages in WALKS:
        context = new_context(browser)
        asked = walk_and_check(context, live_url, pages, checker, slug=slug)
        repeated = sorted({name for name in asked if asked.count(name) > 1})
        assert repeated == [], f"{slug}: asked more than once in one journey: {repeated}"
        context.close()

    context = new_context(browser)
    page = context.new_page()
    page.goto(f"{live_url}/?lang={language}")
    checker.check(page, "home with the request services")
    for slug in (CLARES, SARAHS):
        page.goto(f"{live_url}{slug}/call-999")
        checker.check(page, f"{slug} call 999 exit")
        # The way out is always there on these services.
        assert page.locator(".govuk-exit-this-page").count() == 1
    context.close()
    assert checker.problems == [], "\n\n".join(checker.problems)
