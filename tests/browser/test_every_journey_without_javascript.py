"""Every public journey, filled in and sent in a browser with JavaScript switched off."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import new_context
from tests.browser.report import BrowserReport
from tests.cctv_journey import cctv_pages
from tests.disclosure_answers import clares_pages, sarahs_pages, solicitor_pages
from tests.firearms_journey import firearms_pages
from tests.journeys import crime_pages
from tests.request_journeys import collision_pages, foi_pages, sar_pages
from tests.road_traffic_journey import rti_pages
from tests.test_asb import asb_pages
from tests.test_vehicle import vehicle_pages

Pages = list[tuple[str, dict[str, Any]]]
JOURNEYS: dict[str, Callable[[], Pages]] = {
    "report-a-crime": crime_pages,
    "report-anti-social-behaviour": asb_pages,
    "report-a-road-traffic-incident": rti_pages,
    "report-a-vehicle": vehicle_pages,
    "apply-for-a-firearm-or-shotgun-certificate": firearms_pages,
    "register-business-cctv": cctv_pages,
    "request-information-foi": foi_pages,
    "request-your-personal-information": sar_pages,
    "request-a-collision-report": collision_pages,
    "clares-law-right-to-ask": clares_pages,
    "sarahs-law-disclosure-request": sarahs_pages,
    "solicitor-request-for-documents": solicitor_pages,
}


def fill(page: Page, data: dict[str, Any]) -> None:
    for name, value in data.items():
        fields = page.locator(f"main [name='{name}']")
        if fields.count() == 0 and re.search(r"-[0-9]+-", name):
            # A later item of an add-another list: add it the way a person would, with the button.
            with page.expect_navigation():
                page.locator("main form button[name=action][value^=add]").first.click()
            fields = page.locator(f"main [name='{name}']")
        assert fields.count() > 0, f"no field {name} on {page.url}"
        kind = fields.first.get_attribute("type") or ""
        if kind in ("radio", "checkbox"):
            for item in value if isinstance(value, list) else [value]:
                page.locator(f"main [name='{name}'][value='{item}']").check()
        else:
            fields.first.fill(str(value))


def press_continue(page: Page) -> None:
    with page.expect_navigation():
        page.locator("main form button.govuk-button:not(.govuk-button--secondary)").last.click()


@pytest.mark.parametrize("slug", sorted(JOURNEYS))
def test_the_journey_completes_without_javascript(browser: Browser, live_url: str, report: BrowserReport, slug: str) -> None:
    context = new_context(browser, javascript=False)
    page = context.new_page()
    page.goto(f"{live_url}/{slug}")
    with page.expect_navigation():
        page.locator("main a.govuk-button--start").click()
    for page_id, data in JOURNEYS[slug]():
        assert page.url.split("?")[0].endswith(f"/{slug}/{page_id}"), f"expected {page_id}, on {page.url}"
        fill(page, data)
        press_continue(page)
    assert page.url.endswith("/check-your-answers"), page.url
    press_continue(page)
    assert page.url.endswith("/confirmation")
    assert re.search(r"WMP-[0-9A-Z]{4}-[0-9A-Z]{4}", page.inner_text("main"))
    context.close()
    report.journey_completed(f"{slug} without JavaScript")
