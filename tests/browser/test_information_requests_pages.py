"""Every page state of the three information-request services, in English and in Welsh, at 320
CSS pixels wide: 0 axe violations, no sideways scrolling, the right autocomplete tokens on the
person's own details, and no question asked twice in one journey."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import new_context
from tests.browser.report import BrowserReport
from tests.browser.test_page_states import PageChecker, walk_and_check
from tests.request_journeys import COLLISION, FOI, SAR, collision_pages, foi_pages, sar_pages

# Walks that between them reach every question page of each service.
WALKS = [
    (FOI, foi_pages(preferred_format="email")),
    (FOI, foi_pages(preferred_format="printed", period_known="no")),
    (SAR, sar_pages("myself")),
    (SAR, sar_pages("someone_else", "parent", identity={"photo_id": "none", "photo_id_instead": "Birth certificate", "address_proof": "council_tax"})),
    (COLLISION, collision_pages("insurer")),
    (COLLISION, collision_pages("other")),
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
    visited = {state.split(" ")[0] for state in checker.seen}
    assert {f"{slug}/{page_id}" for slug, pages in WALKS for page_id, _ in pages} <= visited
    assert checker.problems == [], "\n\n".join(checker.problems)
