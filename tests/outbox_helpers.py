"""Submissions made straight in the database, for tests of what happens after sending.

The journeys' own tests prove the web path writes these rows; relay tests need many of
them fast, shaped exactly as the contract's Submission.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Flask
from sqlalchemy import func, select

from services.db import db
from services.enums import OutboxTopic
from services.models import OutboxMessage, Submission
from services.references import new_reference


def contract_payload(reference: str, *, email: str | None = None, language: str = "en", **changes: Any) -> dict[str, Any]:
    reporter: dict[str, Any] = {"role": "victim", "name": "Test Person"}
    if email:
        reporter["email"] = email
    payload: dict[str, Any] = {
        "schema_version": "1.0",
        "force_code": "WMP",
        "force_reference": reference,
        "service": "report-a-crime",
        "kind": "crime",
        "submitted_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "language": language,
        "channel": "web",
        "reporter": reporter,
        "summary": "My bike was taken from the rack.",
        "answers": [{"question_id": "account", "question": "What happened?", "answer": "My bike was taken from the rack."}],
        "flags": {"vulnerability": [], "safe_to_contact": True},
    }
    payload.update(changes)
    return payload


def insert_submissions(app: Flask, count: int, *, email: str | None = None, language: str = "en", **changes: Any) -> list[str]:
    """Add `count` submissions, each with its platform message (and an email one when `email`)."""
    references: list[str] = []
    with app.app_context():
        for _ in range(count):
            reference = new_reference("WMP")
            submission = Submission(
                reference=reference, service="report-a-crime", kind="crime", channel="web", language=language,
                payload=contract_payload(reference, email=email, language=language, **changes),
            )
            db.session.add(submission)
            db.session.add(OutboxMessage(submission=submission, topic=OutboxTopic.PLATFORM_SUBMISSION.value))
            if email:
                db.session.add(
                    OutboxMessage(
                        submission=submission, topic=OutboxTopic.CONFIRMATION_EMAIL.value,
                        body={"template": "confirmation", "language": language, "service": "report-a-crime"},
                    )
                )
            references.append(reference)
        db.session.commit()
    return references


def outbox_states(app: Flask, topic: str = OutboxTopic.PLATFORM_SUBMISSION.value) -> dict[str, int]:
    with app.app_context():
        rows = db.session.execute(
            select(OutboxMessage.status, func.count()).where(OutboxMessage.topic == topic).group_by(OutboxMessage.status)
        ).all()
        db.session.rollback()
    return {status: count for status, count in rows}


def message_for(app: Flask, reference: str, topic: str = OutboxTopic.PLATFORM_SUBMISSION.value) -> OutboxMessage:
    with app.app_context():
        message = db.session.scalars(
            select(OutboxMessage).join(Submission).where(Submission.reference == reference, OutboxMessage.topic == topic)
        ).one()
        db.session.expunge(message)
        return message
