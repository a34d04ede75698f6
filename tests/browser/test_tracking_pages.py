"""Tracking's page states and the supervisor's dashboard, in English and Welsh, at 320 CSS pixels:
0 axe violations and no sideways scrolling."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from playwright.sync_api import Browser

from services.casework_models import ReporterMessage
from services.db import db
from services.enums import OutboxStatus, OutboxTopic
from services.enums.casework import MessageDirection, StaffRole
from services.models import OutboxMessage, PlatformEvent, TriageItem
from tests.browser.conftest import new_context
from tests.browser.report import BrowserReport
from tests.browser.test_page_states import PageChecker
from tests.staff_helpers import make_staff, sign_in_as
from tests.test_tracking import make_report

SEND = {"en": "Send message", "cy": "Anfon neges"}


def seed(app: Flask) -> str:
    reference, submission_id = make_report(app)
    with app.app_context():
        now = datetime.now(UTC)
        item = db.session.query(TriageItem).filter_by(submission_id=submission_id).one()
        item.grade, item.status, item.first_graded_at = "priority", "in_progress", item.created_at + timedelta(hours=1)
        item.target_at = now - timedelta(hours=1)
        db.session.add_all([
            PlatformEvent(event_id=f"browser-{reference}", submission_id=submission_id, status="officer_assigned", occurred_at=now,
                          crime_number="CR/2026/0042", officer_name="PC Jo Bloggs", officer_collar_number="4521",
                          message_to_reporter="An officer will visit on Tuesday."),
            ReporterMessage(submission_id=submission_id, direction=MessageDirection.TO_REPORTER.value, body="Do you have a photo?"),
            OutboxMessage(submission_id=submission_id, topic=OutboxTopic.PLATFORM_SUBMISSION.value, status=OutboxStatus.DEAD.value,
                          attempts=15, last_status_code=503, last_error="server_error", dead_at=now),
        ])
        db.session.commit()
    return reference


@pytest.mark.parametrize("language", ["en", "cy"])
def test_tracking_and_dashboard_page_states(
    browser: Browser, browser_app: Flask, live_url: str, report: BrowserReport, language: str
) -> None:
    reference = seed(browser_app)
    checker = PageChecker(language, report)
    context = new_context(browser)
    page = context.new_page()
    page.goto(f"{live_url}/check-a-report?lang={language}")
    checker.check(page, "tracking: find")
    page.locator("main form button.govuk-button").click()
    checker.check(page, "tracking: find (errors)")
    page.fill("#reference", reference)
    page.fill("#contact", "someone.else@example.com")
    page.locator("main form button.govuk-button").click()
    checker.check(page, "tracking: find (no match)")
    page.fill("#reference", reference)
    page.fill("#contact", "07700 900982")
    page.locator("main form button.govuk-button").click()
    page.wait_for_url("**/check-a-report/your-report")
    checker.check(page, "tracking: report")
    page.get_by_role("button", name=SEND[language]).click()
    checker.check(page, "tracking: report (errors)")
    page.fill("textarea[name=message]", "The bike was blue.")
    page.get_by_role("button", name=SEND[language]).click()
    # The POST and its redirect take a moment: wait for the page they lead to.
    page.locator(".govuk-notification-banner--success").wait_for()
    assert page.locator(".govuk-notification-banner--success").count() == 1
    checker.check(page, "tracking: report (message sent)")
    context.close()

    staff = new_context(browser)
    http = browser_app.test_client()
    sign_in_as(browser_app, http, make_staff(browser_app, StaffRole.SUPERVISOR))
    cookie = http.get_cookie(browser_app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    staff.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_url}])
    page = staff.new_page()
    for path in ("/staff/dashboard", "/staff/dashboard/past-target", "/staff/relay"):
        page.goto(f"{live_url}{path}?lang={language}")
        assert page.locator("h1").count() == 1, path
        checker.check(page, path)
    page.locator("table#dead-messages button").first.click()
    checker.check(page, "/staff/relay (requeued)")
    staff.close()
    report.journey_completed(f"tracking and dashboard page states ({language})")
    assert checker.problems == [], "\n\n".join(checker.problems)


def test_tracking_works_without_javascript(browser: Browser, browser_app: Flask, live_url: str, report: BrowserReport) -> None:
    reference = seed(browser_app)
    context = new_context(browser, javascript=False)
    page = context.new_page()
    page.goto(f"{live_url}/check-a-report?lang=en")
    page.fill("#reference", reference.lower())
    page.fill("#contact", "ANN@example.com")
    page.locator("main form button.govuk-button").click()
    page.wait_for_url("**/check-a-report/your-report")
    page.fill("textarea[name=message]", "Sent without JavaScript.")
    page.get_by_role("button", name="Send message").click()
    # The POST and its redirect take a moment: wait for the page they lead to.
    page.locator(".govuk-notification-banner--success").wait_for()
    assert page.locator(".govuk-notification-banner--success").count() == 1
    assert "Sent without JavaScript." in page.inner_text("main")
    context.close()
    report.journey_completed("tracking without JavaScript")
