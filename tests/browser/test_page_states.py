"""Every page state, in English and in Welsh, at 320 CSS pixels wide: 0 axe violations, no
sideways scrolling, the right autocomplete tokens, and no question asked twice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route

from tests.browser.checks import axe_violations, describe, form_fields, horizontal_overflow
from tests.browser.conftest import new_context
from tests.browser.report import BrowserReport
from tests.browser.walker import post_answers, submit_empty
from tests.journeys import CRIME, crime_pages
from tests.pages import english_fragments

# The token each personal-data field must carry (WCAG 1.3.5, identify input purpose).
AUTOCOMPLETE = {
    "full_name": "name",
    "date_of_birth-day": "bday-day",
    "date_of_birth-month": "bday-month",
    "date_of_birth-year": "bday-year",
    "organisation_name": "organization",
    "role_in_organisation": "organization-title",
    "address_line_1": "address-line1",
    "address_line_2": "address-line2",
    "address_town": "address-level2",
    "address_postcode": "postal-code",
    "email": "email",
    "phone": "tel",
}

# Walks that between them reach every question page of the crime journey.
WALKS = [
    crime_pages(role="victim", property_involved="yes", suspect_known="can_describe"),
    crime_pages(role="organisation", date_known="no"),
    crime_pages(role="witness", category="assault"),
]


def as_post(body: str, content_type: str) -> Callable[[Route], None]:
    """A route handler that turns the page's GET into a POST of this body."""

    def handler(route: Route) -> None:
        route.continue_(method="POST", post_data=body, headers={**route.request.headers, "content-type": content_type})

    return handler


class PageChecker:
    def __init__(self, language: str, report: BrowserReport) -> None:
        self.language = language
        self.report = report
        self.problems: list[str] = []
        self.seen: set[str] = set()

    def check(self, page: Page, state: str) -> None:
        if state in self.seen:
            return
        self.seen.add(state)
        assert page.locator("html").get_attribute("lang") == self.language, state
        violations = axe_violations(page)
        self.report.page_checked(self.language, len(violations))
        if violations:
            self.problems.append(f"{state}:\n{describe(violations)}")
        overflow = horizontal_overflow(page)
        if overflow > 0:
            self.problems.append(f"{state}: scrolls sideways by {overflow}px at 320px wide")
        if self.language == "cy":
            text = " ".join(page.inner_text("body").split())
            english = [fragment for fragment in english_fragments() if fragment in text]
            if english:
                self.problems.append(f"{state}: English on a Welsh page: {english[:3]}")
        for field in form_fields(page):
            expected = AUTOCOMPLETE.get(field["name"])
            if expected and field["autocomplete"] != expected:
                self.problems.append(f"{state}: {field['name']} has autocomplete={field['autocomplete']!r}, not {expected!r}")


def walk_and_check(
    context: BrowserContext, base: str, pages: list[tuple[str, dict[str, Any]]], checker: PageChecker, slug: str = CRIME
) -> list[str]:
    """Check each page of the service at `slug` empty and with errors, answer it, then check
    answers and send. Returns the names of every field asked, for the asked-twice check."""
    page = context.new_page()
    page.goto(f"{base}{slug}?lang={checker.language}")
    checker.check(page, f"{slug} start page")
    asked: list[str] = []
    for page_id, data in pages:
        url = f"{base}{slug}/{page_id}"
        page.goto(url)
        checker.check(page, f"{slug}/{page_id} (empty)")
        asked.extend(field["name"] for field in form_fields(page) if field["type"] not in ("radio", "checkbox"))
        asked.extend({field["name"] for field in form_fields(page) if field["type"] in ("radio", "checkbox")})
        if f"{slug}/{page_id} (errors)" not in checker.seen:
            if submit_empty(page):
                assert page.title().startswith(("Error: ", "Gwall: ")), page_id
                checker.check(page, f"{slug}/{page_id} (errors)")
            page.goto(url)
        post_answers(context, page, url, data)
    page.goto(f"{base}{slug}/check-your-answers")
    checker.check(page, f"{slug} check answers")
    with page.expect_navigation():
        page.locator("main form button.govuk-button").last.click()
    assert page.url.endswith("/confirmation")
    checker.check(page, f"{slug} confirmation")
    page.close()
    return asked


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_page_state_passes_axe_and_reflows(browser: Browser, live_url: str, report: BrowserReport, language: str) -> None:
    checker = PageChecker(language, report)
    for pages in WALKS:
        context = new_context(browser)
        asked = walk_and_check(context, live_url, pages, checker)
        repeated = sorted({name for name in asked if asked.count(name) > 1})
        assert repeated == [], f"asked more than once in one journey: {repeated}"
        context.close()

    context = new_context(browser)
    page = context.new_page()
    page.goto(f"{live_url}/?lang={language}")
    for path, state in [
        ("/", "home"),
        ("/accessibility", "accessibility statement"),
        ("/privacy", "privacy notice"),
        ("/cookies", "cookies"),
        ("/contact", "contact"),
        ("/report-fraud", "report fraud signpost"),
        ("/lost-property", "lost property signpost"),
        ("/emergency", "emergency signpost"),
        ("/no-such-page", "404 page"),
        (f"{CRIME}/keep-alive", "405 page"),
        (f"{CRIME}/call-999", "call 999 exit"),
        (f"{CRIME}/answers-deleted", "answers deleted"),
        ("/_test/server-error", "500 page"),
    ]:
        page.goto(f"{live_url}{path}")
        checker.check(page, state)
    for state, body, content_type in [
        ("csrf page", "category=theft", "application/x-www-form-urlencoded"),
        ("400 page", "category=%00", "application/x-www-form-urlencoded"),
        ("413 page", "description=" + "x" * 600_000, "application/x-www-form-urlencoded"),
    ]:
        url = f"{live_url}{CRIME}/category"
        page.route(url, as_post(body, content_type))
        response = page.goto(url)
        assert response is not None and 400 <= response.status < 500, state
        checker.check(page, state)
        page.unroute(url)
    context.close()
    assert checker.problems == [], "\n\n".join(checker.problems)
