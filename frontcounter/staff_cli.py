"""`flask staff ...`: staff accounts from the command line, and the development demo account.

`staff create` makes an account already enrolled in two-factor authentication and prints
its `otpauth://` URI and recovery codes once, so the first admin can sign in without a
browser-side enrolment. The password is read from standard input: typed without echo at a
terminal, or one line from a pipe for scripts.
"""

from __future__ import annotations

import io
import sys

import click
import segno
from flask import Flask, current_app
from sqlalchemy.exc import SQLAlchemyError

from frontcounter.logs import security_event
from services.db import db
from services.enums.casework import StaffRole
from services.staff_accounts import StaffAccountError, create_staff_account, disable_staff, ensure_demo_account, find_staff, list_staff
from services.staff_credentials import PROBLEM_TEXT, password_problem, provisioning_uri, totp_code
from services.types import utcnow

DEMO_EMAIL = "demo.supervisor@example.police.uk"
DEMO_NAME = "Demo Supervisor"
# Development only (never created in production): a known password is the point of a demo.
DEMO_PASSWORD = "front-counter-demo"  # noqa: S105  # nosec B105


def _issuer() -> str:
    return str(current_app.config["FORCE_NAME"])


def _read_password() -> str:
    if sys.stdin.isatty():
        return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))
    return sys.stdin.readline().rstrip("\r\n")


def _echo_enrolment(uri: str) -> None:
    click.echo("Add this account to an authenticator app with this URI (or the QR code, on a terminal):")
    click.echo(uri)
    if sys.stdout.isatty():
        drawn = io.StringIO()
        segno.make(uri, error="m").terminal(out=drawn, compact=True)
        click.echo(drawn.getvalue())


def announce_demo_account() -> None:
    """For `make run` in development: make (once) and describe the demo supervisor."""
    if current_app.config["APP_ENV"] != "development":
        return
    try:
        _announce_demo_account()
    finally:
        # The stack's process lives on: it must not hold a transaction (on SQLite, a write
        # lock) that would block the web app and the relay.
        db.session.remove()


def _announce_demo_account() -> None:
    try:
        user, created = ensure_demo_account(DEMO_EMAIL, DEMO_NAME, StaffRole.SUPERVISOR, DEMO_PASSWORD)
    except SQLAlchemyError:
        db.session.rollback()
        click.echo("No demo staff account: the database is not ready (run `flask --app wsgi db upgrade`).", err=True)
        return
    if user.totp_secret is None:
        click.echo(f"Demo staff account {DEMO_EMAIL} exists but has no two-factor set up: sign in to set it up.")
        return
    state = "created" if created else "already there"
    click.echo(f"\nStaff workspace demo supervisor ({state}): sign in at /staff/sign-in with")
    click.echo(f"  email:    {DEMO_EMAIL}")
    click.echo(f"  password: {DEMO_PASSWORD}  (unless you changed it)")
    _echo_enrolment(provisioning_uri(user.totp_secret, user.email, _issuer()))
    click.echo(f"Code now: {totp_code(user.totp_secret, utcnow())}")
    click.echo(f"A new code every 30 seconds: `flask --app wsgi staff code {DEMO_EMAIL}`\n")


def register_staff_cli(app: Flask) -> None:
    @app.cli.group("staff")
    def staff() -> None:
        """Staff accounts for the force contact workspace."""

    @staff.command("create")
    @click.argument("email")
    @click.option("--role", type=click.Choice([role.value for role in StaffRole]), required=True, help="What the account may do.")
    @click.option("--name", default="", help="Their full name (default: the part of the email before @).")
    def create(email: str, role: str, name: str) -> None:
        """Create an account, enrolled in two-factor; reads the password from standard input."""
        password = _read_password()
        problem = password_problem(password, email.strip())
        if problem:
            raise click.ClickException(f"Not created: {PROBLEM_TEXT[problem]}.")
        try:
            created = create_staff_account(email, name, StaffRole(role), password, actor_id=None, enrolled=True)
        except StaffAccountError as error:
            db.session.rollback()
            raise click.ClickException(f"Not created: {error.reason.replace('_', ' ')}.") from None
        if created.totp_secret is None:  # created enrolled, so never; keeps the types honest
            raise click.ClickException("Not created: no two-factor secret.")
        click.echo(f"Created {created.email} ({role}), id {created.user_id}.")
        _echo_enrolment(provisioning_uri(created.totp_secret, created.email, _issuer()))
        click.echo("Recovery codes (each works once; shown only now):")
        for code in created.recovery_codes:
            click.echo(f"  {code}")

    @staff.command("disable")
    @click.argument("email")
    def disable(email: str) -> None:
        """Disable an account and end all its sessions at once."""
        user = find_staff(email)
        if user is None:
            raise click.ClickException("No account with that email address.")
        ended = disable_staff(user.id, actor_id=None)
        security_event("staff_account_disabled", user_id=user.id, by="command_line")
        click.echo(f"Disabled account {user.id}; ended {ended} session(s).")

    @staff.command("list")
    def list_accounts() -> None:
        """Every account: email, role, two-factor, status, last sign-in."""
        for user in list_staff():
            enrolled = "2fa" if user.totp_enrolled_at else "no-2fa"
            status = "disabled" if user.disabled_at else "active"
            last = f"{user.last_sign_in_at:%Y-%m-%d %H:%M}" if user.last_sign_in_at else "never"
            click.echo(f"{user.email:<40} {user.role:<13} {enrolled:<7} {status:<9} {last}")

    @staff.command("code")
    @click.argument("email")
    def code(email: str) -> None:
        """Development only: the current two-factor code of an account (for the demo)."""
        if current_app.config["APP_ENV"] != "development":
            raise click.ClickException("Only in development.")
        user = find_staff(email)
        if user is None or user.totp_secret is None:
            raise click.ClickException("No account with two-factor set up for that email address.")
        click.echo(totp_code(user.totp_secret, utcnow()))
