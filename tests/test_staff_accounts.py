"""Staff sessions end on the server: sign-out, disabling, a two-factor reset and both timeouts,
over HTTP; and the admin pages that manage accounts, with their audit trail."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from services.casework_models import AuditEvent
from services.db import db
from services.enums.casework import AuditAction, StaffRole
from services.staff_credentials import totp_code
from services.staff_models import StaffUser
from services.staff_sessions import live_session_count
from tests.staff_auth_helpers import PASSWORD, Clock, StaffClient, install_clock, make_account, secret_on_page


@pytest.fixture()
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return install_clock(monkeypatch)


def replay(app: Flask, cookie: str | None) -> StaffClient:
    """A new browser carrying an old session cookie."""
    assert cookie
    browser = StaffClient(app)
    browser.http.set_cookie("session", cookie)
    return browser


def test_signing_out_ends_the_session_and_an_old_cookie_gets_the_sign_in_page(app: Flask, clock: Clock) -> None:
    account = make_account(app)
    browser = StaffClient(app)
    browser.sign_in(account, clock)
    old_cookie = browser.session_cookie()
    assert replay(app, old_cookie).is_signed_in()
    page = browser.post("/staff/sign-out")
    assert page.response.headers["Location"] == "/staff/sign-in?signed_out=1"
    assert "You have signed out." in browser.get("/staff/sign-in?signed_out=1").text
    assert not browser.is_signed_in()
    assert not replay(app, old_cookie).is_signed_in()
    with app.app_context():
        assert live_session_count(account.id) == 0


def test_disabling_an_account_ends_its_sessions_at_once(app: Flask, clock: Clock) -> None:
    admin = make_account(app, StaffRole.ADMIN)
    person = make_account(app)
    theirs = StaffClient(app)
    theirs.sign_in(person, clock)
    old_cookie = theirs.session_cookie()
    mine = StaffClient(app)
    mine.sign_in(admin, clock)
    page = mine.post(f"/staff/users/{person.id}/disable")
    assert page.response.headers["Location"] == f"/staff/users/{person.id}?done=disabled"
    assert "disabled and its sessions ended" in mine.get(page.response.headers["Location"]).text
    assert not theirs.is_signed_in()
    assert not replay(app, old_cookie).is_signed_in()
    StaffClient(app).password_step(person.email, PASSWORD, expected=400)
    # Enabled again, they can sign in again.
    mine.post(f"/staff/users/{person.id}/enable")
    clock.advance(seconds=30)
    again = StaffClient(app)
    again.sign_in(person, clock)
    assert again.is_signed_in()


def test_thirty_idle_minutes_end_the_session(app: Flask, clock: Clock) -> None:
    account = make_account(app)
    browser = StaffClient(app)
    browser.sign_in(account, clock)
    clock.advance(minutes=29)
    assert browser.is_signed_in()  # each request restarts the idle time
    clock.advance(minutes=29)
    assert browser.is_signed_in()
    cookie = browser.session_cookie()
    clock.advance(minutes=31)
    assert not browser.is_signed_in()
    assert not replay(app, cookie).is_signed_in()


def test_twelve_hours_end_the_session_however_busy(app: Flask, clock: Clock) -> None:
    account = make_account(app)
    browser = StaffClient(app)
    browser.sign_in(account, clock)
    for _ in range(35):  # a request every 20 minutes, to 11 hours 40
        clock.advance(minutes=20)
        assert browser.is_signed_in()
    cookie = browser.session_cookie()
    clock.advance(minutes=21)  # 12 hours and 1 minute after signing in
    assert not browser.is_signed_in()
    assert not replay(app, cookie).is_signed_in()


def test_an_admin_creates_an_account_and_the_person_enrols_at_first_sign_in(app: Flask, clock: Clock) -> None:
    admin = make_account(app, StaffRole.ADMIN)
    mine = StaffClient(app)
    mine.sign_in(admin, clock)
    listing = mine.get("/staff/users")
    assert listing.soup.find("a", href="/staff/users/new") is not None
    mine.get("/staff/users/new")
    page = mine.post(
        "/staff/users/new", {"email": "New.Person@Example.police.uk", "display_name": "New Person", "role": "call_handler"}, expected=200
    )
    assert page.h1 == "Account created"
    password = page.soup.select_one("code.fc-secret").get_text()
    assert len(password) >= 12
    duplicate = mine.post(
        "/staff/users/new", {"email": "new.person@example.police.uk", "display_name": "Again", "role": "admin"}, expected=400
    )
    assert duplicate.error_summary() == [("There is already an account with this email address", "#email")]
    rows = {row.select_one("td").get_text(strip=True): row.get_text(" ", strip=True) for row in mine.get("/staff/users").soup.select("tbody tr")}
    assert "Not set up" in rows["new.person@example.police.uk"] and "Call handler" in rows["new.person@example.police.uk"]

    theirs = StaffClient(app)
    assert theirs.password_step("new.person@example.police.uk", password).response.headers["Location"] == "/staff/sign-in/set-up"
    secret = secret_on_page(theirs.get("/staff/sign-in/set-up"))
    theirs.post("/staff/sign-in/set-up", {"code": totp_code(secret, clock.now)}, expected=200)
    assert theirs.is_signed_in()
    with app.app_context():
        created = db.session.scalars(select(StaffUser).where(StaffUser.email == "new.person@example.police.uk")).one()
        audit = db.session.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.STAFF_CREATED.value)).all()
        assert [(event.actor_id, event.detail["user_id"]) for event in audit] == [(None, admin.id), (admin.id, created.id)]
        assert "new.person" not in str([event.detail for event in audit])


def test_an_admin_changes_a_role_and_resets_two_factor(app: Flask, clock: Clock) -> None:
    admin = make_account(app, StaffRole.ADMIN)
    person = make_account(app)
    theirs = StaffClient(app)
    theirs.sign_in(person, clock)
    mine = StaffClient(app)
    mine.sign_in(admin, clock)
    page = mine.get(f"/staff/users/{person.id}")
    assert page.checked("role") == ["call_handler"]
    mine.post(f"/staff/users/{person.id}/role", {"role": "supervisor"})
    assert "The role has been changed" in mine.get(f"/staff/users/{person.id}?done=role").text
    assert mine.post(f"/staff/users/{person.id}/role", {"role": "emperor"}, expected=400).error_summary() == [("Select a role", "#role")]
    mine.post(f"/staff/users/{person.id}/reset-two-factor")
    assert not theirs.is_signed_in()
    again = StaffClient(app)
    assert again.password_step(person.email, PASSWORD).response.headers["Location"] == "/staff/sign-in/set-up"
    new_secret = secret_on_page(again.get("/staff/sign-in/set-up"))
    assert new_secret != person.secret
    with app.app_context():
        user = db.session.get(StaffUser, person.id)
        assert user.role == "supervisor" and user.totp_enrolled_at is None
        actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == admin.id).order_by(AuditEvent.id)).all()
        assert actions == [AuditAction.STAFF_ROLE_CHANGED.value, AuditAction.STAFF_TWO_FACTOR_RESET.value]


def test_an_admin_cannot_disable_or_demote_themselves(app: Flask, clock: Clock) -> None:
    admin = make_account(app, StaffRole.ADMIN)
    mine = StaffClient(app)
    mine.sign_in(admin, clock)
    assert "This is your own account" in mine.get(f"/staff/users/{admin.id}").text
    mine.post(f"/staff/users/{admin.id}/disable", expected=403)
    mine.post(f"/staff/users/{admin.id}/role", {"role": "call_handler"}, expected=403)
    assert mine.is_signed_in()
    mine.get("/staff/users/999999", expected=404)


def test_admin_pages_in_welsh(app: Flask, clock: Clock) -> None:
    admin = make_account(app, StaffRole.ADMIN)
    person = make_account(app)
    welsh = StaffClient(app, language="cy")
    welsh.sign_in(admin, clock)
    welsh.get("/staff/users")
    welsh.get(f"/staff/users/{person.id}")
    welsh.get("/staff/users/new")
    welsh.post("/staff/users/new", {"email": "", "display_name": "", "role": ""}, expected=400)
    welsh.post("/staff/users/new", {"email": "cymraeg@example.police.uk", "display_name": "Person", "role": "admin"}, expected=200)
    welsh.post("/staff/account/recovery-codes", expected=200)


def test_changing_your_password_ends_your_other_sessions(app: Flask, clock: Clock) -> None:
    account = make_account(app)
    here = StaffClient(app)
    here.sign_in(account, clock)
    elsewhere = StaffClient(app)
    clock.advance(seconds=30)
    elsewhere.sign_in(account, clock)
    old_cookie = here.session_cookie()

    page = here.post("/staff/account/password", {"current_password": "not it at all", "new_password": "a brand new passphrase"}, expected=400)
    assert page.error_summary() == [("Your current password is not right", "#current_password")]
    page = here.post("/staff/account/password", {"current_password": PASSWORD, "new_password": "short"}, expected=400)
    assert page.error_summary() == [("Your new password must be at least 12 characters long", "#new_password")]
    page = here.post("/staff/account/password", {"current_password": PASSWORD, "new_password": account.email}, expected=400)
    assert page.error_summary() == [("Your new password must not be your email address", "#new_password")]

    here.post("/staff/account/password", {"current_password": PASSWORD, "new_password": "a brand new passphrase"})
    assert "Your password has been changed" in here.get("/staff/account").text
    assert here.is_signed_in()
    assert not elsewhere.is_signed_in()
    assert not replay(app, old_cookie).is_signed_in()  # this browser's session was renewed too
    StaffClient(app).password_step(account.email, PASSWORD, expected=400)
    clock.advance(seconds=30)
    account.password = "a brand new passphrase"
    again = StaffClient(app)
    again.sign_in(account, clock)
    assert again.is_signed_in()


def test_hostile_input_gets_a_4xx_never_a_5xx(app: Flask, clock: Clock) -> None:
    admin = make_account(app, StaffRole.ADMIN)
    mine = StaffClient(app)
    mine.sign_in(admin, clock)
    for url in ("/staff/users/99999999999999999999", "/staff/users/2147483648", "/staff/users/-1", "/staff/users/0"):
        assert mine.http.get(url).status_code == 404, url
        assert mine.http.post(url + "/disable", data={"csrf_token": mine.token()}).status_code in (404, 405), url
    long_text = "x" * 5000
    for data in (
        {"email": long_text, "display_name": long_text, "role": long_text},
        {"email": "a@b", "display_name": "<script>alert(1)</script>", "role": "admin"},
        {"email": "new@example.police.uk", "display_name": "Role", "role": ["nobody", "admin"]},
    ):
        assert mine.http.post("/staff/users/new", data={**data, "csrf_token": mine.token()}).status_code == 400
    anonymous = StaffClient(app)
    for data in ({"email": long_text, "password": long_text}, {"email": "é" * 300, "password": "p"}, {"email": "x@y.z"}):
        assert anonymous.http.post("/staff/sign-in", data={**data, "csrf_token": anonymous.token()}).status_code == 400
    anonymous.password_step(admin.email, PASSWORD)
    for code in (long_text, "１２３４５６", "12 34 56", "-12345", "<b>"):
        status = anonymous.http.post("/staff/sign-in/code", data={"code": code, "csrf_token": anonymous.token()}).status_code
        assert status in (400, 429), code
        status = anonymous.http.post("/staff/sign-in/recovery-code", data={"code": code, "csrf_token": anonymous.token()}).status_code
        assert status in (400, 429), code
    # Without a CSRF token, nothing happens.
    assert mine.http.post(f"/staff/users/{admin.id + 1000}/disable").status_code == 400
