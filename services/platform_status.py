"""Recording what the national platform tells us about a submission."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from services.db import db
from services.models import PlatformEvent, Submission
from services.types import utcnow


@dataclass(frozen=True)
class StatusEvent:
    event_id: str
    platform_id: str
    force_reference: str
    status: str
    occurred_at: datetime
    crime_number: str | None = None
    officer_name: str | None = None
    officer_collar_number: str | None = None
    message_to_reporter: str | None = None


class EventOutcome(StrEnum):
    RECORDED = "recorded"
    DUPLICATE = "duplicate"
    UNKNOWN_SUBMISSION = "unknown_submission"


def record_status_event(event: StatusEvent, now: datetime | None = None) -> EventOutcome:
    """Add the event to the submission's history, once however often it is delivered.

    Events can arrive out of order (the platform retries for days), so the submission's
    current status is the one that occurred last, not the one that arrived last; a crime
    number or officer, once given, is kept until a later event changes it.
    """
    now = now or utcnow()
    try:
        submission = db.session.scalars(
            select(Submission).where(Submission.reference == event.force_reference).with_for_update()
        ).one_or_none()
        if submission is None:
            db.session.rollback()
            return EventOutcome.UNKNOWN_SUBMISSION
        seen = db.session.scalar(select(PlatformEvent.id).where(PlatformEvent.event_id == event.event_id))
        if seen is not None:
            db.session.rollback()
            return EventOutcome.DUPLICATE
        db.session.add(
            PlatformEvent(
                event_id=event.event_id,
                submission=submission,
                status=event.status,
                occurred_at=event.occurred_at,
                received_at=now,
                crime_number=event.crime_number,
                officer_name=event.officer_name,
                officer_collar_number=event.officer_collar_number,
                message_to_reporter=event.message_to_reporter,
            )
        )
        if submission.platform_id is None:
            submission.platform_id = event.platform_id
        if submission.platform_status_at is None or event.occurred_at >= submission.platform_status_at:
            submission.platform_status = event.status
            submission.platform_status_at = event.occurred_at
            submission.crime_number = event.crime_number or submission.crime_number
            if event.officer_name or event.officer_collar_number:
                submission.officer_name = event.officer_name
                submission.officer_collar_number = event.officer_collar_number
        db.session.commit()
        return EventOutcome.RECORDED
    except IntegrityError:
        # The same event delivered twice at the same moment: the other delivery recorded it.
        db.session.rollback()
        return EventOutcome.DUPLICATE
    except BaseException:
        db.session.rollback()
        raise


def status_history(reference: str) -> list[PlatformEvent]:
    submission = db.session.scalar(select(Submission).where(Submission.reference == reference))
    return [] if submission is None else list(submission.platform_events)
