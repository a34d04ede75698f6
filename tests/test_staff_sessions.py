"""Server-side staff sessions: timeouts, sign-out and disabling end them on the server."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from services.audit import record_audit
from services.casework_models import AuditEvent, AuditTrailIsAppendOnly
from services.db import db
from services.enums.casework import AuditAction, StaffRole
from services.staff_models import StaffUser
from services.staff_sessions import (
    SessionPolicy,
    end_all_staff_sessions,
    end_staff_session,
    live_session_count,
    resume_staff_session,
    start_staff_session,
)
from services.types import utcnow
from tests.staff_helpers import make_staff

POLICY = SessionPolicy(idle=timedelta(minutes=30), absolute=timedelta(hours=12))


def _start(app: Flask, role: StaffRole = StaffRole.CALL_HANDLER) -> tuple[int, str]:
    user_id = make_staff(app, role)
    with app.app_context():
        token = start_staff_session(db.session.get(StaffUser, user_id), POLICY, utcnow())
        db.session.commit()
    return user_id, token


def test_a_session_resumes_while_in_use_and_ends_after_30_idle_minutes(app: Flask) -> None:
    user_id, token = _start(app)
    start = utcnow()
    with app.app_context():
        for minutes in (10, 35, 60):  # each request within 30 minutes of the one before
            user = resume_staff_session(token, POLICY, start + timedelta(minutes=minutes))
            assert user is not None and user.id == user_id
            db.session.commit()
        assert resume_staff_session(token, POLICY, start + timedelta(minutes=91)) is None
        db.session.commit()
        # Once ended, it stays ended even if the clock were to agree again.
        assert resume_staff_session(token, POLICY, start + timedelta(minutes=61)) is None


def test_a_session_ends_12_hours_after_sign_in_however_busy(app: Flask) -> None:
    _, token = _start(app)
    start = utcnow()
    with app.app_context():
        for step in range(1, 36):  # every 20 minutes up to 11 hours 40
            assert resume_staff_session(token, POLICY, start + timedelta(minutes=20 * step)) is not None
            db.session.commit()
        assert resume_staff_session(token, POLICY, start + timedelta(hours=12, minutes=1)) is None


def test_signing_out_ends_only_that_session(app: Flask) -> None:
    user_id, first = _start(app)
    with app.app_context():
        second = start_staff_session(db.session.get(StaffUser, user_id), POLICY)
        db.session.commit()
        end_staff_session(first)
        db.session.commit()
        assert resume_staff_session(first, POLICY) is None
        assert resume_staff_session(second, POLICY) is not None


def test_disabling_a_user_ends_every_session(app: Flask) -> None:
    user_id, token = _start(app)
    with app.app_context():
        user = db.session.get(StaffUser, user_id)
        start_staff_session(user, POLICY)
        user.disabled_at = utcnow()
        assert end_all_staff_sessions(user_id) == 2
        db.session.commit()
        assert live_session_count(user_id) == 0
        assert resume_staff_session(token, POLICY) is None


def test_an_unknown_or_forged_token_resumes_nothing(app: Flask) -> None:
    _start(app)
    with app.app_context():
        assert resume_staff_session("not-a-token", POLICY) is None


def test_the_audit_trail_cannot_be_changed_or_deleted_through_the_orm(app: Flask) -> None:
    user_id = make_staff(app, StaffRole.SUPERVISOR)
    with app.app_context():
        event = record_audit(AuditAction.STAFF_CREATED, actor_id=user_id, detail={"role": "supervisor"})
        db.session.commit()
        event.action = AuditAction.CLOSED.value
        with pytest.raises(AuditTrailIsAppendOnly):
            db.session.commit()
        db.session.rollback()
        db.session.delete(db.session.get(AuditEvent, event.id))
        with pytest.raises(AuditTrailIsAppendOnly):
            db.session.commit()
        db.session.rollback()
        assert db.session.get(AuditEvent, event.id).action == AuditAction.STAFF_CREATED.value
