"""Staff accounts and signed-in clients for tests.

`sign_in_as` starts a real server-side session and puts its token in the client's cookie,
as a completed sign-in (password and two-factor) would; the sign-in steps themselves
are tested on their own.
"""

from __future__ import annotations

import itertools

from flask import Flask
from flask.testing import FlaskClient

from frontcounter.staff.access import session_policy
from services.db import db
from services.enums.casework import StaffRole
from services.staff_models import StaffUser
from services.staff_sessions import start_staff_session

_numbers = itertools.count(1)


def make_staff(app: Flask, role: StaffRole, *, email: str | None = None, name: str | None = None) -> int:
    """A staff account with an unusable password; returns its id."""
    number = next(_numbers)
    with app.app_context():
        user = StaffUser(
            email=email or f"{role.value}.{number}@example.police.uk",
            display_name=name or f"{role.value.replace('_', ' ').title()} {number}",
            role=role.value,
            password_hash="!",  # matches no password
        )
        db.session.add(user)
        db.session.commit()
        return user.id


def sign_in_as(app: Flask, client: FlaskClient, user_id: int) -> str:
    """Sign `client` in as the user; returns the session token (as the cookie holds it)."""
    with app.app_context():
        user = db.session.get(StaffUser, user_id)
        assert user is not None
        token = start_staff_session(user, session_policy(app))
        db.session.commit()
    with client.session_transaction() as cookie:
        cookie["_user_id"] = token
        cookie["_fresh"] = True
    return token
