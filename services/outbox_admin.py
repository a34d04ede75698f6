"""Shared relay state: the pause all workers honour, and dead messages an operator can requeue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.exc import IntegrityError

from services.db import db
from services.enums import OutboxStatus
from services.models import OutboxMessage, RelayPause, Submission
from services.types import utcnow


@dataclass(frozen=True)
class Pause:
    target: str
    paused_until: datetime
    consecutive_failures: int
    reason: str | None


@dataclass(frozen=True)
class DeadMessage:
    message_id: int
    reference: str
    topic: str
    attempts: int
    last_status_code: int | None
    last_error: str | None
    dead_at: datetime | None


def current_pause(target: str) -> Pause | None:
    """The target's pause row, whether or not it has run out (callers compare with now)."""
    row = db.session.get(RelayPause, target)
    pause = None if row is None else Pause(row.target, row.paused_until, row.consecutive_failures, row.reason)
    db.session.rollback()
    return pause


def record_outage(target: str, *, seconds: float, reason: str, now: datetime | None = None) -> Pause:
    """Pause every worker's sends to `target` for at least `seconds` from now.

    The pause only ever grows while failures continue, so one worker's short backoff can
    never cut short the longer one another worker set (a Retry-After, say).
    """
    now = now or utcnow()
    until = now + timedelta(seconds=seconds)
    for _ in range(2):  # two workers may create the row at once: the loser updates instead
        try:
            row = db.session.scalars(select(RelayPause).where(RelayPause.target == target).with_for_update()).one_or_none()
            if row is None:
                row = RelayPause(target=target, paused_until=until, consecutive_failures=1, reason=reason[:64], updated_at=now)
                db.session.add(row)
            else:
                row.consecutive_failures += 1
                row.paused_until = max(row.paused_until, until)
                row.reason = reason[:64]
                row.updated_at = now
            db.session.commit()
            return Pause(row.target, row.paused_until, row.consecutive_failures, row.reason)
        except IntegrityError:
            db.session.rollback()
        except BaseException:
            db.session.rollback()
            raise
    raise RuntimeError("could not record the outage")


def consecutive_outages(target: str) -> int:
    pause = current_pause(target)
    return 0 if pause is None else pause.consecutive_failures


def record_recovery(target: str, now: datetime | None = None) -> None:
    """The target answered: clear the failure count so the next outage starts its backoff afresh."""
    try:
        db.session.execute(
            update(RelayPause)
            .where(RelayPause.target == target, RelayPause.consecutive_failures > 0)
            .values(consecutive_failures=0, updated_at=now or utcnow())
        )
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


def list_dead_messages(limit: int = 100) -> list[DeadMessage]:
    rows = db.session.execute(
        select(OutboxMessage, Submission.reference)
        .join(Submission, Submission.id == OutboxMessage.submission_id)
        .where(OutboxMessage.status == OutboxStatus.DEAD.value)
        .order_by(OutboxMessage.dead_at.desc(), OutboxMessage.id.desc())
        .limit(limit)
    ).all()
    dead = [
        DeadMessage(m.id, reference, m.topic, m.attempts, m.last_status_code, m.last_error, m.dead_at) for m, reference in rows
    ]
    db.session.rollback()
    return dead


def count_messages_by_status() -> dict[str, int]:
    rows = db.session.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all()
    db.session.rollback()
    return {status: count for status, count in rows}


def requeue_dead_messages(reference: str, now: datetime | None = None) -> int:
    """Give a submission's dead messages a fresh set of attempts, due now.

    The idempotency key stays the same, and the relay first asks the platform whether it
    already holds the submission, so requeueing can never create a second record.
    """
    now = now or utcnow()
    try:
        submission_id = db.session.scalar(select(Submission.id).where(Submission.reference == reference))
        if submission_id is None:
            db.session.rollback()
            return 0
        revived = revive_dead_messages(OutboxMessage.submission_id == submission_id, now=now)
        db.session.commit()
        return revived
    except BaseException:
        db.session.rollback()
        raise


def revive_dead_messages(*which: ColumnElement[bool], now: datetime) -> int:
    """Make the dead messages among `which` due now with a fresh set of attempts, in the
    caller's transaction; returns how many. Each keeps its idempotency key and first asks
    the partner whether it already holds the message, so a revival never makes a second record."""
    result = db.session.execute(
        update(OutboxMessage)
        .where(*which, OutboxMessage.status == OutboxStatus.DEAD.value)
        .values(
            status=OutboxStatus.PENDING.value,
            attempts=0,
            first_attempt_at=None,
            available_at=now,
            dead_at=None,
            lease_owner=None,
            lease_expires_at=None,
            needs_lookup=True,
        )
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
