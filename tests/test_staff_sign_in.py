"""Staff sign-in: password, two-factor enrolment with a QR code, TOTP and recovery codes,
a new session on sign-in, throttling that never locks anyone out, and safe redirects."""

from __future__ import annotations

import logging
from urllib.parse import quote

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
    landing_for,
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


def test_a_code_signs_in_once_and_a_reused_or_wrong_code_does_not(app: Flask, staff_client: StaffClient, clock: Clock) -> None:
    account = make_account(app)
    assert account.secret is not None
    page = staff_client.sign_in(account, clock)
    assert page.response.headers["Location"] == landing_for(app, StaffRole.CALL_HANDLER)
    assert staff_client.is_signed_in()

    # Another browser with the same password and the same (already used) code is refused.
    other = StaffClient(app)
    other.password_step(account.email, PASSWORD)
    used = other.code_step(totp_code(account.secret, clock.now), expected=400)
    assert "used already" in error_text(used)
    wrong_code = "123456" if totp_code(account.secret, clock.now) != "123456" else "654321"
    assert "not right" in error_text(other.code_step(wrong_code, expected=400))
    assert not other.is_signed_in()
    # The next code the app shows works.
    clock.advance(seconds=30)
    other.code_step(totp_code(account.secret, clock.now))
    assert other.is_signed_in()


def test_a_recovery_code_works_once(app: Flask, staff_client: StaffClient, clock: Clock) -> None:
    account = make_account(app)
    code = account.recovery_codes[0]
    staff_client.password_step(account.email, PASSWORD)
    page = staff_client.get("/staff/sign-in/code")
    assert page.soup.find("a", href="/staff/sign-in/recovery-code") is not None
    staff_client.get("/staff/sign-in/recovery-code")
    # Typed in lower case without hyphens: still the same code.
    staff_client.post("/staff/sign-in/recovery-code", {"code": code.lower().replace("-", " ")})
    assert staff_client.is_signed_in()
    assert "9" in staff_client.get("/staff/account").summary_rows()["Recovery codes left"]

    again = StaffClient(app)
    again.password_step(account.email, PASSWORD)
    refused = again.post("/staff/sign-in/recovery-code", {"code": code}, expected=400)
    assert "used already" in error_text(refused)
    again.post("/staff/sign-in/recovery-code", {"code": account.recovery_codes[1]})
    assert again.is_signed_in()


def test_new_recovery_codes_replace_the_old_ones(app: Flask, staff_client: StaffClient, clock: Clock) -> None:
    account = make_account(app)
    staff_client.sign_in(account, clock)
    page = staff_client.post("/staff/account/recovery-codes", expected=200)
    fresh = [code.get_text() for code in page.soup.select(".fc-recovery-codes code")]
    assert len(fresh) == 10 and account.recovery_codes[0] not in fresh
    other = StaffClient(app)
    other.password_step(account.email, PASSWORD)
    other.post("/staff/sign-in/recovery-code", {"code": account.recovery_codes[0]}, expected=400)
    other.post("/staff/sign-in/recovery-code", {"code": fresh[0]})
    assert other.is_signed_in()


def test_unknown_email_and_wrong_password_get_the_same_answer(
    app: Flask, staff_client: StaffClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    account = make_account(app)
    wrong = staff_client.password_step(account.email, "not the password at all", expected=400)
    unknown = staff_client.password_step("nobody.here@example.police.uk", "not the password at all", expected=400)
    assert error_text(wrong) == error_text(unknown) == "The email address or password is not right"
    assert wrong.error_summary() == unknown.error_summary()
    # The password typed is never sent back.
    assert wrong.input_value("password") in (None, "")
    failures = [r for r in caplog.records if getattr(r, "event", None) == "staff_sign_in_failed"]
    assert [r.reason for r in failures] == ["wrong_password", "unknown_account"]
    assert failures[0].user_id == account.id


def test_a_blank_form_gets_an_error_summary(staff_client: StaffClient) -> None:
    page = staff_client.post("/staff/sign-in", {"email": "", "password": ""}, expected=400)
    assert page.error_summary() == [("Enter your email address", "#email"), ("Enter your password", "#password")]
    assert page.title.startswith("Error: Sign in to the workspace")


def test_throttling_slows_guessing_but_never_locks_the_person_out(
    app: Flask, staff_client: StaffClient, clock: Clock
) -> None:
    account = make_account(app)
    for _ in range(5):
        staff_client.password_step(account.email, "a wrong guess here", expected=400)
    # Throttled now: the right password gets the same "wait" answer as a wrong one.
    right = staff_client.password_step(account.email, PASSWORD, expected=429)
    wrong = staff_client.password_step(account.email, "another wrong guess", expected=429)
    assert error_text(right) == error_text(wrong)
    assert "Wait a few minutes" in error_text(right)
    with app.app_context():
        user = db.session.get(StaffUser, account.id)
        assert user.failed_sign_ins == 5  # refused tries do not lengthen the wait
        first_wait = user.throttled_until - clock.now
    assert first_wait.total_seconds() == 30
    # After the wait, the right password and code work, and the count starts again.
    clock.advance(seconds=31)
    staff_client.sign_in(account, clock)
    assert staff_client.is_signed_in()
    with app.app_context():
        user = db.session.get(StaffUser, account.id)
        assert user.failed_sign_ins == 0 and user.throttled_until is None


def test_the_wait_grows_with_each_failure_but_is_capped(app: Flask, staff_client: StaffClient, clock: Clock) -> None:
    account = make_account(app)
    waits = []
    for _ in range(12):
        staff_client.password_step(account.email, "a wrong guess here", expected=400)
        with app.app_context():
            until = db.session.get(StaffUser, account.id).throttled_until
        waits.append(int((until - clock.now).total_seconds()) if until else 0)
        clock.advance(minutes=6)  # past any wait, so every guess is a real try
    assert waits == [0, 0, 0, 0, 30, 60, 120, 240, 300, 300, 300, 300]
    staff_client.sign_in(account, clock)
    assert staff_client.is_signed_in()


def test_wrong_codes_count_towards_throttling_too(app: Flask, staff_client: StaffClient, clock: Clock) -> None:
    account = make_account(app)
    assert account.secret is not None
    right = totp_code(account.secret, clock.now)
    staff_client.password_step(account.email, PASSWORD)
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(5):
        staff_client.code_step(wrong, expected=400)
    assert "Wait a few minutes" in error_text(staff_client.code_step(right, expected=429))
    clock.advance(seconds=31)
    staff_client.code_step(totp_code(account.secret, clock.now))
    assert staff_client.is_signed_in()


def test_a_disabled_account_cannot_sign_in(app: Flask, staff_client: StaffClient) -> None:
    account = make_account(app)
    with app.app_context():
        from services.staff_accounts import disable_staff

        disable_staff(account.id, actor_id=None)
    page = staff_client.password_step(account.email, PASSWORD, expected=400)
    assert error_text(page) == "The email address or password is not right"


def test_the_code_step_needs_the_password_step_first_and_expires(
    app: Flask, staff_client: StaffClient, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = make_account(app)
    assert account.secret is not None
    assert staff_client.get("/staff/sign-in/code", expected=302).response.headers["Location"] == "/staff/sign-in"
    staff_client.post("/staff/sign-in/code", {"code": totp_code(account.secret, clock.now)})
    assert not staff_client.is_signed_in()
    monkeypatch.setattr("frontcounter.staff.sign_in_state.PENDING_SECONDS", -1)
    staff_client.password_step(account.email, PASSWORD)
    page = staff_client.code_step(totp_code(account.secret, clock.now))
    assert page.response.headers["Location"] == "/staff/sign-in"
    assert not staff_client.is_signed_in()


@pytest.mark.parametrize(
    ("asked", "followed"),
    [
        ("/staff/account", True),
        ("/staff/account?tab=1", True),
        ("//evil.example/staff", False),
        ("https://evil.example/", False),
        ("/\\evil.example", False),
        ("javascript:alert(1)", False),
    ],
)
def test_after_sign_in_only_a_local_next_page_is_followed(
    app: Flask, staff_client: StaffClient, clock: Clock, asked: str, followed: bool
) -> None:
    account = make_account(app)
    page = staff_client.sign_in(account, clock, next_path=quote(asked, safe=""))
    assert page.response.headers["Location"] == (asked if followed else landing_for(app, StaffRole.CALL_HANDLER))


@pytest.mark.parametrize("role", [StaffRole.CALL_HANDLER, StaffRole.SUPERVISOR, StaffRole.ADMIN])
def test_with_no_page_asked_for_each_role_lands_on_a_page_it_may_see(
    app: Flask, staff_client: StaffClient, clock: Clock, role: StaffRole
) -> None:
    account = make_account(app, role)
    landing = staff_client.sign_in(account, clock).response.headers["Location"]
    assert landing == landing_for(app, role)
    assert staff_client.http.get(landing).status_code == 200


def test_a_protected_page_sends_to_sign_in_and_back(app: Flask, staff_client: StaffClient, clock: Clock) -> None:
    account = make_account(app, StaffRole.ADMIN)
    response = staff_client.http.get("/staff/users")
    assert response.status_code == 302 and response.headers["Location"] == "/staff/sign-in?next=/staff/users"
    page = staff_client.get(response.headers["Location"])
    action = page.soup.find("form")["action"]
    assert action == "/staff/sign-in?next=/staff/users"
    staff_client.post(action, {"email": account.email.upper(), "password": PASSWORD})
    assert staff_client.code_step(totp_code(account.secret, clock.now)).response.headers["Location"] == "/staff/users"


def test_sign_in_pages_in_welsh(app: Flask, clock: Clock) -> None:
    welsh = StaffClient(app, language="cy")
    account = make_account(app, enrolled=False)
    page = welsh.get("/staff/sign-in")
    assert page.soup.find("html")["lang"] == "cy"
    welsh.password_step(account.email, PASSWORD)
    welsh.get("/staff/sign-in/set-up")
    welsh.post("/staff/sign-in/set-up", {"code": "x"}, expected=400)
    enrolled = make_account(app)
    other = StaffClient(app, language="cy")
    other.password_step(enrolled.email, PASSWORD)
    other.get("/staff/sign-in/code")
    other.get("/staff/sign-in/recovery-code")
    other.code_step("000000" if totp_code(enrolled.secret, clock.now) != "000000" else "111111", expected=400)
    other.code_step(totp_code(enrolled.secret, clock.now))
    other.get("/staff/account")


def test_someone_elses_guessing_never_locks_the_person_out_of_their_usual_browser(app: Flask, clock: Clock) -> None:
    account = make_account(app)
    theirs = StaffClient(app)
    theirs.sign_in(account, clock)
    assert theirs.http.get_cookie("staff_device", path="/staff/") is not None
    theirs.post("/staff/sign-out")

    attacker = StaffClient(app)
    for _ in range(8):
        attacker.password_step(account.email, "a wrong guess here", expected=400 if _ < 5 else 429)
    assert attacker.password_step(account.email, PASSWORD, expected=429)

    # The person's own browser is not held up by the account's throttling (the clock has
    # not moved, so the attacker's wait is not over: a recovery code stands in for a new TOTP code)...
    theirs.password_step(account.email, PASSWORD)
    theirs.post("/staff/sign-in/recovery-code", {"code": account.recovery_codes[0]})
    assert theirs.is_signed_in()
    theirs.post("/staff/sign-out")
    # ...while the attacker still is, and a cookie for another account earns no trust.
    attacker.password_step(account.email, PASSWORD, expected=429)
    other = make_account(app)
    stranger = StaffClient(app)
    stranger.sign_in(other, clock)
    stranger.password_step(account.email, PASSWORD, expected=429)

    # The trusted browser's own failures count on the cookie; after five it is trusted no more.
    for _ in range(5):
        theirs.password_step(account.email, "the person mistyping", expected=400)
    assert theirs.http.get_cookie("staff_device", path="/staff/") is None
    theirs.password_step(account.email, PASSWORD, expected=429)
    with app.app_context():
        assert db.session.get(StaffUser, account.id).failed_sign_ins == 5  # only the attacker's counted there


def test_a_forged_or_tampered_device_cookie_earns_no_trust(app: Flask, clock: Clock) -> None:
    account = make_account(app)
    for _ in range(5):
        StaffClient(app).password_step(account.email, "a wrong guess here", expected=400)
    forged = StaffClient(app)
    forged.http.set_cookie("staff_device", f"[{account.id}, 0]", path="/staff/")
    forged.password_step(account.email, PASSWORD, expected=429)


def test_a_hash_made_with_weaker_settings_is_redone_at_sign_in(app: Flask, staff_client: StaffClient, clock: Clock) -> None:
    from argon2 import PasswordHasher

    account = make_account(app)
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    with app.app_context():
        db.session.get(StaffUser, account.id).password_hash = weak
        db.session.commit()
    staff_client.sign_in(account, clock)
    with app.app_context():
        renewed = db.session.get(StaffUser, account.id).password_hash
    assert renewed != weak and renewed.startswith("$argon2id$") and "m=65536" in renewed
