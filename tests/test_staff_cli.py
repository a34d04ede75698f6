"""`flask staff ...`, the development demo supervisor, and no personal data in sign-in logs."""

from __future__ import annotations

import logging
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from sqlalchemy import select

from services.db import db
from services.enums.casework import StaffRole
from services.staff_credentials import totp_code
from services.staff_models import StaffSession, StaffUser
from tests.conftest import make_test_app
from tests.staff_auth_helpers import Account, Clock, StaffClient, install_clock, landing_for
from tests.staff_helpers import make_staff

CLI_PASSWORD = "a long enough secret phrase"


@pytest.fixture()
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return install_clock(monkeypatch)


def otpauth_secret(output: str) -> str:
    uri = re.search(r"otpauth://\S+", output)
    assert uri is not None, output
    parts = urlsplit(uri.group(0))
    assert parts.netloc == "totp"
    return parse_qs(parts.query)["secret"][0]


def test_create_reads_the_password_from_stdin_and_the_account_signs_in_with_the_printed_uri(app: Flask, clock: Clock) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["staff", "create", "First.Admin@example.police.uk", "--role", "admin", "--name", "First Admin"], input=CLI_PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert CLI_PASSWORD not in result.output
    secret = otpauth_secret(result.output)
    codes = re.findall(r"^  ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})$", result.output, re.MULTILINE)
    assert len(codes) == 10
    with app.app_context():
        user = db.session.scalars(select(StaffUser).where(StaffUser.email == "first.admin@example.police.uk")).one()
        assert user.role == "admin" and user.display_name == "First Admin" and user.totp_enrolled_at is not None
        assert CLI_PASSWORD not in user.password_hash and user.password_hash.startswith("$argon2id$")
    browser = StaffClient(app)
    account = Account(user.id, "first.admin@example.police.uk", CLI_PASSWORD, secret, codes)
    assert browser.sign_in(account, clock).response.headers["Location"] == landing_for(app, StaffRole.ADMIN)
    assert browser.is_signed_in()

    listing = runner.invoke(args=["staff", "list"])
    assert "first.admin@example.police.uk" in listing.output and "admin" in listing.output and "2fa" in listing.output
    disabled = runner.invoke(args=["staff", "disable", "first.admin@example.police.uk"])
    assert disabled.exit_code == 0 and "ended 1 session" in disabled.output
    assert not browser.is_signed_in()


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short one", "at least 12 characters"),
        ("someone@example.police.uk", "must not be the email address"),
        ("SOMEONE@example.police.uk", "must not be the email address"),
        ("aaaaaaaaaaaaaaaa", "repeat"),
    ],
)
def test_create_refuses_a_weak_password(app: Flask, password: str, reason: str) -> None:
    result = app.test_cli_runner().invoke(args=["staff", "create", "someone@example.police.uk", "--role", "supervisor"], input=password + "\n")
    assert result.exit_code != 0 and reason in result.output
    with app.app_context():
        assert db.session.scalars(select(StaffUser)).first() is None


def test_create_refuses_a_taken_email_and_a_bad_role(app: Flask) -> None:
    runner = app.test_cli_runner()
    assert runner.invoke(args=["staff", "create", "twice@example.police.uk", "--role", "admin"], input=CLI_PASSWORD + "\n").exit_code == 0
    again = runner.invoke(args=["staff", "create", "TWICE@example.police.uk", "--role", "admin"], input=CLI_PASSWORD + "\n")
    assert again.exit_code != 0 and "email taken" in again.output
    assert runner.invoke(args=["staff", "create", "x@example.police.uk", "--role", "emperor"], input=CLI_PASSWORD + "\n").exit_code != 0
    assert runner.invoke(args=["staff", "disable", "nobody@example.police.uk"]).exit_code != 0


def test_the_demo_supervisor_exists_only_in_development_and_is_reused(
    app: Flask, database_url: str, capsys: pytest.CaptureFixture[str], clock: Clock
) -> None:
    from frontcounter.staff_cli import DEMO_EMAIL, DEMO_PASSWORD, announce_demo_account

    with app.app_context():  # APP_ENV=test: nothing is made
        announce_demo_account()
        assert db.session.scalars(select(StaffUser)).first() is None
    development = make_test_app(database_url, APP_ENV="development")
    with development.app_context():
        announce_demo_account()
        first = capsys.readouterr().out
        announce_demo_account()
        second = capsys.readouterr().out
        # `flask stack` lives on after this: no transaction (on SQLite, a write lock) is left open.
        assert not db.session().in_transaction()
        users = db.session.scalars(select(StaffUser)).all()
        assert [(user.email, user.role) for user in users] == [(DEMO_EMAIL, "supervisor")]
    assert "(created)" in first and "(already there)" in second
    assert DEMO_EMAIL in first and DEMO_PASSWORD in first
    secret = otpauth_secret(first)
    assert otpauth_secret(second) == secret
    browser = StaffClient(app)
    browser.sign_in(Account(users[0].id, DEMO_EMAIL, DEMO_PASSWORD, secret, []), clock)
    assert browser.is_signed_in()
    code = development.test_cli_runner().invoke(args=["staff", "code", DEMO_EMAIL])
    assert code.output.strip() == totp_code(secret, clock.now)
    assert app.test_cli_runner().invoke(args=["staff", "code", DEMO_EMAIL]).exit_code != 0  # not outside development


def test_sign_in_logs_carry_ids_never_the_email_or_password(
    app: Flask, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    email = "quillon.marchbanks@example.police.uk"
    password = "zygomatic-pumpernickel-77"
    result = app.test_cli_runner().invoke(args=["staff", "create", email, "--role", "admin"], input=password + "\n")
    secret = otpauth_secret(result.output)
    codes = re.findall(r"^  (\S{19})$", result.output, re.MULTILINE)
    with app.app_context():
        user_id = db.session.scalars(select(StaffUser.id)).one()
    browser = StaffClient(app)
    browser.password_step(email, "wrong-" + password, expected=400)
    browser.password_step("unknown." + email, password, expected=400)
    browser.password_step(email, password)
    browser.code_step("000000" if totp_code(secret, clock.now) != "000000" else "111111", expected=400)
    browser.post("/staff/sign-in/recovery-code", {"code": codes[0]})
    browser.post("/staff/sign-out")
    admin_browser = StaffClient(app)
    clock.advance(seconds=30)
    admin_browser.sign_in(Account(user_id, email, password, secret, codes), clock)
    other = make_staff(app, StaffRole.CALL_HANDLER)
    admin_browser.post(f"/staff/users/{other}/disable")

    events = [record.event for record in caplog.records if getattr(record, "event", None)]
    for expected in (
        "staff_sign_in_failed", "staff_two_factor_failed", "staff_recovery_code_used", "staff_signed_in",
        "staff_signed_out", "staff_account_disabled",
    ):
        assert expected in events, f"no {expected} event in {events}"
    signed_in = [r for r in caplog.records if getattr(r, "event", None) == "staff_signed_in"]
    assert {r.user_id for r in signed_in} == {user_id}
    for record in caplog.records:
        rendered = record.getMessage() + " " + str(record.__dict__)
        for secret_value in (email, email.split("@")[0], password, codes[0], secret):
            assert secret_value not in rendered, f"{record.name} logged {secret_value!r}"
    with app.app_context():
        assert db.session.scalars(select(StaffSession)).first() is not None
