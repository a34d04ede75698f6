"""Staff sign-in: password, two-factor enrolment with a QR code, TOTP and recovery codes,
a new session on sign-in, throttling that never locks anyone out, and safe redirects."""

from __future__ import annotations

import logging

import pytest
from flask import Flask
from sqlalchemy import select

from services.db import db
from services.enums.casework import StaffRole
from services.staff_credentials import totp_code
from services.staff_models import RecoveryCode, StaffSession, StaffUser
from tests.staff_auth_helpers import (
    PASSWORD,
    Clock,
    StaffClient,
    error_text,
    install_clock,
    make_account,
    secret_on_page,
)


@pytest.fixture()
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return install_clock(monkeypatch)


@pytest.fixture()
def staff_client(app: Flask) -> StaffClient:
    return StaffClient(app)


def test_first_sign_in_enrols_with_a_qr_code_then_shows_recovery_codes_once(
    app: Flask, staff_client: StaffClient, clock: Clock
) -> None:
    account = make_account(app, StaffRole.SUPERVISOR, enrolled=False)
    # Anything the browser's session held before signing in is gone afterwards (no fixation).
    staff_client.get("/staff/account", expected=302)
    with staff_client.http.session_transaction() as cookie:
        cookie["planted"] = "by someone else"
    page = staff_client.password_step(account.email, PASSWORD)
    assert page.response.headers["Location"] == "/staff/sign-in/set-up"
    assert not staff_client.is_signed_in()  # a password alone is not a sign-in

    page = staff_client.get("/staff/sign-in/set-up")
    svg = page.soup.select_one(".fc-qr-code svg")
    assert svg is not None and svg["role"] == "img" and svg.get("aria-label")
    assert page.soup.find("script", src=False) is None or all(s.get("nonce") for s in page.soup.find_all("script"))
    secret = secret_on_page(page)
    assert len(secret) == 32
    # Reloading keeps the same secret, so a half-finished enrolment can be resumed.
    assert secret_on_page(staff_client.get("/staff/sign-in/set-up")) == secret

    wrong = staff_client.post("/staff/sign-in/set-up", {"code": "000000" if totp_code(secret, clock.now) != "000000" else "111111"}, expected=400)
    assert "The code is not right" in error_text(wrong)
    page = staff_client.post("/staff/sign-in/set-up", {"code": totp_code(secret, clock.now)}, expected=200)
    assert page.h1 == "Save your recovery codes"
    codes = [code.get_text() for code in page.soup.select(".fc-recovery-codes code")]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert staff_client.is_signed_in()
    with staff_client.http.session_transaction() as cookie:
        assert "planted" not in cookie
    with app.app_context():
        user = db.session.get(StaffUser, account.id)
        assert user.totp_secret == secret and user.totp_enrolled_at is not None and user.last_sign_in_at is not None
        stored = db.session.scalars(select(RecoveryCode.code_hash).where(RecoveryCode.user_id == account.id)).all()
        assert len(stored) == 10 and not set(codes) & set(stored)  # only hashes are kept
        assert len(db.session.scalars(select(StaffSession).where(StaffSession.user_id == account.id)).all()) == 1
    # The codes are never shown again.
    assert codes[0] not in staff_client.get("/staff/account").text
