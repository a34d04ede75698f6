"""What the web layer keeps between the sign-in steps, and where a finished sign-in goes.

Between the password and the code, the signed Flask session holds only the account's id,
the step reached, where to go afterwards and a short expiry. That is not a signed-in
session: no staff route accepts it, and finishing the steps replaces it with a new one.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, redirect, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_user

from frontcounter.staff.access import SignedInStaff, session_policy, signed_in_staff
from services.db import db
from services.staff_models import StaffUser
from services.staff_sign_in import ThrottlePolicy, complete_sign_in

PENDING_KEY = "staff_sign_in"
PENDING_SECONDS = 5 * 60
ENROL = "enrol"
CODE = "code"

# Where a signed-in person lands when no page was asked for: the first that exists.
LANDING = ("staff.queue", "staff.dashboard", "staff.users", "staff.account")


def safe_next(value: str | None) -> str | None:
    """A path on this site, or None: never another host, scheme or protocol-relative URL."""
    if not value or len(value) > 500 or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or any(ord(character) < 32 for character in value):
        return None
    return value


def landing_url() -> str:
    me = signed_in_staff()
    for endpoint in LANDING:
        view = current_app.view_functions.get(endpoint)
        least = getattr(view, "least_role", None)
        if view is not None and (least is None or me.has_role(least)):
            return url_for(endpoint)
    return url_for("staff.account")


def throttle_policy() -> ThrottlePolicy:
    return ThrottlePolicy()


def start_pending(user_id: int, step: str, next_path: str | None) -> None:
    session[PENDING_KEY] = {"user": user_id, "step": step, "next": next_path, "until": time.time() + PENDING_SECONDS}


def pending(step: str) -> dict[str, Any] | None:
    """The sign-in in progress at this step, unless it has expired."""
    state = session.get(PENDING_KEY)
    if not isinstance(state, dict) or state.get("step") != step or not isinstance(state.get("user"), int):
        return None
    if not isinstance(state.get("until"), (int, float)) or state["until"] < time.time():
        session.pop(PENDING_KEY, None)
        return None
    return state


def finish_sign_in(user_id: int, next_path: str | None, trusted_device: bool = False) -> str | None:
    """Both steps passed: a brand new session (the old cookie's contents are dropped, so
    nothing set before sign-in survives it), held on the server. Returns where to go."""
    token = complete_sign_in(user_id, session_policy(current_app), trusted_device=trusted_device)
    if token is None:
        return None
    user = db.session.get(StaffUser, user_id)
    if user is None:
        return None
    session.clear()
    login_user(SignedInStaff(user, token))
    return safe_next(next_path) or landing_url()


def restart() -> ResponseReturnValue:
    session.pop(PENDING_KEY, None)
    return redirect(url_for("staff.sign_in"))
