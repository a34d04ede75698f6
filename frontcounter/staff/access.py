"""Who is signed in to the staff workspace, and what their role lets them do.

Flask-Login keeps only a session token in the signed cookie; the session itself lives in
the database (services.staff_sessions), so signing out, disabling an account, or a
timeout ends it on the server and a replayed cookie finds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Flask, abort, current_app, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import LoginManager, UserMixin, current_user

from services.db import db
from services.enums.casework import StaffRole
from services.staff_models import StaffUser
from services.staff_sessions import SessionPolicy, resume_staff_session

# Each role can do everything the roles before it can.
_RANK = {StaffRole.CALL_HANDLER: 1, StaffRole.SUPERVISOR: 2, StaffRole.ADMIN: 3}

View = TypeVar("View", bound=Callable[..., ResponseReturnValue])


class SignedInStaff(UserMixin):
    """The signed-in member of staff for this request, and the token of their session."""

    def __init__(self, user: StaffUser, token: str) -> None:
        self.user = user
        self.token = token

    def get_id(self) -> str:
        # Flask-Login stores this in the cookie: the session token, never the user's id,
        # so that ending the server-side session ends the sign-in.
        return self.token

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def role(self) -> StaffRole:
        return StaffRole(self.user.role)

    def has_role(self, role: StaffRole) -> bool:
        return _RANK[self.role] >= _RANK[role]


def session_policy(app: Flask) -> SessionPolicy:
    return SessionPolicy(
        idle=timedelta(minutes=app.config["STAFF_IDLE_MINUTES"]),
        absolute=timedelta(hours=app.config["STAFF_SESSION_HOURS"]),
    )


def _load_signed_in_staff(token: str) -> SignedInStaff | None:
    user = resume_staff_session(token, session_policy(current_app))
    # Resuming may end an expired session or refresh the idle timer: keep that either way.
    db.session.commit()
    if user is None:
        session.clear()
        return None
    return SignedInStaff(user, token)


def init_staff_access(app: Flask, login_manager: LoginManager) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(_load_signed_in_staff)
    login_manager.login_view = "staff.sign_in"
    # Our own sessions already end server-side; Flask-Login's "remember me" cookie is never set.
    login_manager.session_protection = "basic"
    login_manager.login_message = None  # type: ignore[assignment]
    login_manager.unauthorized_handler(send_to_sign_in)


def send_to_sign_in() -> ResponseReturnValue:
    # Only a path on this site is kept, never a full URL, so the "next" step cannot leave it.
    return redirect(url_for("staff.sign_in", next=request.full_path.rstrip("?")))


def signed_in_staff() -> SignedInStaff:
    """The signed-in member of staff; only call from a view that requires sign-in."""
    return cast(SignedInStaff, current_user._get_current_object())  # type: ignore[attr-defined]


def requires_role(role: StaffRole) -> Callable[[View], View]:
    """Refuse (403) anyone signed in without at least `role`; send others to sign in."""

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> ResponseReturnValue:
            if not current_user.is_authenticated:
                return send_to_sign_in()
            if not signed_in_staff().has_role(role):
                abort(403)
            return view(*args, **kwargs)

        # Read by the route walk in the tests (and the landing page): the least role each view needs.
        guarded.least_role = role  # type: ignore[attr-defined]
        return cast(View, guarded)

    return decorate
