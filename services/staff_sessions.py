"""Server-side staff sessions: started on sign-in, checked on every request, ended on the server.

A session ends when its idle time or its absolute lifetime runs out, when the person
signs out, or when their account is disabled; an old cookie replayed after any of these
finds nothing to resume.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from services.db import db
from services.staff_models import StaffSession, StaffUser
from services.types import utcnow

# Writing last_seen_at on every request would make each page a write; a minute's
# precision is plenty for a 30-minute idle timeout.
_TOUCH_EVERY = timedelta(seconds=60)


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=12)


def _token_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_staff_session(user: StaffUser, policy: SessionPolicy, now: datetime | None = None) -> str:
    """Add a new session for the user to the caller's transaction and return its token."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    db.session.add(
        StaffSession(
            id=_token_id(token), user_id=user.id, created_at=now, last_seen_at=now, expires_at=now + policy.absolute
        )
    )
    return token


def resume_staff_session(token: str, policy: SessionPolicy, now: datetime | None = None) -> StaffUser | None:
    """The signed-in user for a session token, or None when the session has ended.

    Refreshes the idle timer (in the caller's transaction) at most once a minute.
    """
    now = now or utcnow()
    session = db.session.get(StaffSession, _token_id(token))
    if session is None or session.revoked_at is not None:
        return None
    if now >= session.expires_at or now - session.last_seen_at >= policy.idle:
        session.revoked_at = now
        return None
    user = db.session.get(StaffUser, session.user_id)
    if user is None or not user.is_enabled:
        return None
    if now - session.last_seen_at >= _TOUCH_EVERY:
        session.last_seen_at = now
    return user


def end_staff_session(token: str, now: datetime | None = None) -> None:
    db.session.execute(
        update(StaffSession)
        .where(StaffSession.id == _token_id(token), StaffSession.revoked_at.is_(None))
        .values(revoked_at=now or utcnow())
    )


def end_all_staff_sessions(user_id: int, now: datetime | None = None) -> int:
    """End every session a user has (on disabling them, or a password change)."""
    result = db.session.execute(
        update(StaffSession)
        .where(StaffSession.user_id == user_id, StaffSession.revoked_at.is_(None))
        .values(revoked_at=now or utcnow())
    )
    return int(result.rowcount or 0)


def live_session_count(user_id: int, now: datetime | None = None) -> int:
    now = now or utcnow()
    return len(
        db.session.scalars(
            select(StaffSession.id).where(
                StaffSession.user_id == user_id, StaffSession.revoked_at.is_(None), StaffSession.expires_at > now
            )
        ).all()
    )
