"""Signing in through the real pages, with real TOTP codes, on a clock the test controls."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from flask import Flask

from services.enums.casework import StaffRole
from services.staff_accounts import create_staff_account
from services.staff_credentials import totp_code
from services.types import utcnow
from tests.pages import Page, PageClient

PASSWORD = "correct horse battery staple"
_numbers = itertools.count(1)


class Clock:
    """Stands in for `utcnow` wherever sign-in, sessions and accounts read the time."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def install_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    for module in ("services.staff_sign_in", "services.staff_sessions", "services.staff_accounts", "frontcounter.staff_cli"):
        monkeypatch.setattr(f"{module}.utcnow", clock)
    return clock


@dataclass
class Account:
    id: int
    email: str
    password: str
    secret: str | None
    recovery_codes: list[str]


def make_account(app: Flask, role: StaffRole = StaffRole.CALL_HANDLER, *, enrolled: bool = True, email: str | None = None) -> Account:
    email = email or f"person.{next(_numbers)}@example.police.uk"
    with app.app_context():
        created = create_staff_account(email, "Test Person", role, PASSWORD, actor_id=None, enrolled=enrolled)
    return Account(created.user_id, created.email, PASSWORD, created.totp_secret, created.recovery_codes)


class StaffClient(PageClient):
    """A PageClient whose CSRF token is fetched afresh for every post: signing in starts a
    new session, which drops the token the old one held."""

    def token(self) -> str:
        return self.get("/report-a-crime/happening-now").csrf_token()

    def session_cookie(self) -> str | None:
        cookie = self.http.get_cookie("session")
        return cookie.value if cookie else None

    def password_step(self, email: str, password: str, expected: int = 302, next_path: str | None = None) -> Page:
        url = "/staff/sign-in" + (f"?next={next_path}" if next_path else "")
        return self.post(url, {"email": email, "password": password}, expected=expected)

    def code_step(self, code: str, expected: int = 302) -> Page:
        return self.post("/staff/sign-in/code", {"code": code}, expected=expected)

    def sign_in(self, account: Account, clock: Clock, next_path: str | None = None) -> Page:
        assert account.secret is not None
        page = self.password_step(account.email, account.password, next_path=next_path)
        assert page.response.headers["Location"] == "/staff/sign-in/code"
        return self.code_step(totp_code(account.secret, clock.now))

    def is_signed_in(self) -> bool:
        response = self.http.get("/staff/account")
        if response.status_code == 302:
            assert response.headers["Location"].startswith("/staff/sign-in"), response.headers["Location"]
            return False
        assert response.status_code == 200
        return True


def error_text(page: Page) -> str:
    return " ".join(text for text, _href in page.error_summary())


def secret_on_page(page: Page) -> str:
    shown = page.soup.select_one("code.fc-secret")
    assert shown is not None
    return re.sub(r"\s+", "", shown.get_text())


_ROLES = (StaffRole.CALL_HANDLER, StaffRole.SUPERVISOR, StaffRole.ADMIN)


def landing_for(app: Flask, role: StaffRole) -> str:
    """Where a sign-in with no page asked for goes: the first workspace page (queue,
    dashboard, staff accounts, your account) that exists and the role may see."""
    from frontcounter.staff.sign_in_state import LANDING

    for endpoint in LANDING:
        view = app.view_functions.get(endpoint)
        least = getattr(view, "least_role", None)
        if view is not None and (least is None or _ROLES.index(role) >= _ROLES.index(least)):
            with app.test_request_context():
                from flask import url_for

                return url_for(endpoint)
    raise AssertionError("no landing page")
