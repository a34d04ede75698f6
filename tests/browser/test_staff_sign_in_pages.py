"""The staff sign-in and account pages in a real browser, in English and Welsh, with and
without JavaScript: axe-core finds nothing, pages reflow at 320px (tables aside: WCAG's
reflow exception for two-dimensional data), and the whole sign-in works without scripts."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page

from services.enums.casework import StaffRole
from services.staff_accounts import create_staff_account
from services.staff_credentials import totp_code
from services.types import utcnow
from tests.browser.checks import axe_violations, describe, horizontal_overflow
from tests.browser.conftest import new_context
from tests.browser.report import BrowserReport
from tests.pages import english_fragments

PASSWORD = "browser sign-in passphrase"


class Checker:
    def __init__(self, language: str, report: BrowserReport, axe: bool) -> None:
        self.language = language
        self.axe = axe
        self.report = report
        self.problems: list[str] = []

    def check(self, page: Page, state: str, reflows: bool = True) -> None:
        assert page.locator("html").get_attribute("lang") == self.language, state
        if self.axe:  # axe needs scripts: the pages without JavaScript are walked, not audited twice
            violations = axe_violations(page)
            self.report.page_checked(self.language, len(violations))
            if violations:
                self.problems.append(f"{state}:\n{describe(violations)}")
        overflow = horizontal_overflow(page)
        if reflows and overflow > 0:
            self.problems.append(f"{state}: scrolls sideways by {overflow}px at 320px wide")
        if self.language == "cy":
            text = " ".join(page.inner_text("body").split())
            english = [fragment for fragment in english_fragments() if fragment in text]
            if english:
                self.problems.append(f"{state}: English on a Welsh page: {english[:3]}")


def _account(app: Flask, email: str, role: StaffRole, enrolled: bool) -> tuple[str | None, list[str]]:
    with app.app_context():
        created = create_staff_account(email, "Browser Person", role, PASSWORD, actor_id=None, enrolled=enrolled)
    return created.totp_secret, created.recovery_codes


def _submit(page: Page) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("language", ["en", "cy"])
def test_sign_in_enrolment_and_account_pages(
    browser: Browser, browser_app: Flask, live_url: str, report: BrowserReport, language: str, javascript: bool
) -> None:
    tag = f"{language}-{'js' if javascript else 'nojs'}"
    checker = Checker(language, report, axe=javascript)
    context = new_context(browser, javascript=javascript)
    page = context.new_page()
    _account(browser_app, f"admin.{tag}@example.police.uk", StaffRole.ADMIN, enrolled=False)

    page.goto(f"{live_url}/staff/users?lang={language}")
    assert "/staff/sign-in" in page.url
    checker.check(page, "sign in")
    _submit(page)
    checker.check(page, "sign in: errors")
    page.fill("#email", f"admin.{tag}@example.police.uk")
    page.fill("#password", PASSWORD)
    _submit(page)
    assert page.url.endswith("/staff/sign-in/set-up")
    checker.check(page, "set up two-factor")
    assert page.locator(".fc-qr-code svg[role=img]").count() == 1
    secret = "".join(page.inner_text("code.fc-secret").split())
    page.fill("#code", totp_code(secret, utcnow()))
    _submit(page)
    checker.check(page, "recovery codes")
    assert page.locator(".fc-recovery-codes li").count() == 10
    with page.expect_navigation():
        page.locator("main a.govuk-button").click()
    assert "/staff/users" in page.url
    checker.check(page, "staff accounts", reflows=False)

    with page.expect_navigation():
        page.locator("main a.govuk-button").click()  # Create an account
    checker.check(page, "create an account")
    page.fill("#email", f"new.{tag}@example.police.uk")
    page.fill("#display_name", "New Person")
    page.locator("input[name=role][value=supervisor]").check()
    _submit(page)
    checker.check(page, "account created")
    page.goto(f"{live_url}/staff/users")
    with page.expect_navigation():
        page.locator(f"main a:has-text('new.{tag}@example.police.uk')").click()
    checker.check(page, "staff account")
    page.goto(f"{live_url}/staff/account")
    checker.check(page, "your account")

    with page.expect_navigation():
        page.locator("form[action='/staff/sign-out'] button").click()  # Sign out
    assert "/staff/sign-in?signed_out=1" in page.url
    checker.check(page, "signed out")

    secret_two, codes = _account(browser_app, f"person.{tag}@example.police.uk", StaffRole.CALL_HANDLER, enrolled=True)
    assert secret_two is not None
    page.fill("#email", f"person.{tag}@example.police.uk")
    page.fill("#password", PASSWORD)
    _submit(page)
    checker.check(page, "enter a code")
    page.fill("#code", "x")
    _submit(page)
    checker.check(page, "enter a code: error")
    with page.expect_navigation():
        page.locator("main a[href='/staff/sign-in/recovery-code']").click()
    checker.check(page, "recovery code")
    page.fill("#code", codes[0])
    _submit(page)
    assert page.url.endswith("/staff/")  # a call handler lands on the queue
    context.close()
    assert checker.problems == [], "\n".join(checker.problems)
