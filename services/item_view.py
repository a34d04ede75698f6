"""Looking at an item: everything submitted, what has been done with it, and its history.

Every look at an item's personal data, and every download of its evidence, is audited in
the same transaction as the read that it records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from services.audit import record_audit
from services.casework_common import ItemNotFound, load_item, transaction
from services.casework_models import Assessment, AuditEvent, CaseNote, ReporterMessage
from services.db import db
from services.enums.casework import AuditAction, MessageDirection
from services.evidence import read_evidence_bytes
from services.models import Attachment, DeliveryAttempt, OutboxMessage, PlatformEvent, Submission, TriageItem
from services.staff_models import StaffUser
from services.types import utcnow


@dataclass(frozen=True)
class Entry:
    """One dated line of an item's history, with the name of the member of staff concerned."""

    at: datetime
    staff_name: str | None
    record: Any


@dataclass(frozen=True)
class OutboxLine:
    message: OutboxMessage
    attempts: Sequence[DeliveryAttempt]


@dataclass(frozen=True)
class ItemDetails:
    item: TriageItem
    submission: Submission
    owner_name: str | None
    answers: list[dict[str, str]]
    reporter: dict[str, Any]
    attachments: Sequence[Attachment]
    platform_events: Sequence[PlatformEvent]
    outbox: list[OutboxLine]
    messages: list[Entry]
    notes: list[Entry]
    assessments: list[Entry]
    audit: list[Entry]


@dataclass(frozen=True)
class Download:
    filename: str
    content_type: str
    content: bytes


def record_item_viewed(item_id: int, actor_id: int, now: datetime | None = None) -> None:
    """Audit a look at the item's personal data; the reporter's messages are now read."""
    now = now or utcnow()
    with transaction():
        item = load_item(item_id)
        db.session.execute(
            update(ReporterMessage)
            .where(
                ReporterMessage.submission_id == item.submission_id,
                ReporterMessage.direction == MessageDirection.FROM_REPORTER.value,
                ReporterMessage.read_at.is_(None),
            )
            .values(read_at=now)
            .execution_options(synchronize_session=False)
        )
        record_audit(AuditAction.VIEWED, actor_id=actor_id, triage_item_id=item.id, now=now)


def item_details(item_id: int, *, with_audit: bool) -> ItemDetails:
    item = load_item(item_id)
    submission = item.submission
    names = _staff_names()
    payload: dict[str, Any] = submission.payload or {}
    answers = [row for row in payload.get("answers") or [] if isinstance(row, dict)]
    outbox = [
        OutboxLine(message, db.session.scalars(
            select(DeliveryAttempt).where(DeliveryAttempt.outbox_message_id == message.id).order_by(DeliveryAttempt.attempt)
        ).all())
        for message in db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.submission_id == submission.id).order_by(OutboxMessage.id)
        )
    ]
    messages = db.session.scalars(
        select(ReporterMessage)
        .where(ReporterMessage.submission_id == submission.id)
        .order_by(ReporterMessage.created_at, ReporterMessage.id)
    ).all()
    notes = db.session.scalars(select(CaseNote).where(CaseNote.triage_item_id == item.id).order_by(CaseNote.created_at, CaseNote.id)).all()
    assessments = db.session.scalars(
        select(Assessment).where(Assessment.triage_item_id == item.id).order_by(Assessment.created_at, Assessment.id)
    ).all()
    audit = db.session.scalars(
        select(AuditEvent).where(AuditEvent.triage_item_id == item.id).order_by(AuditEvent.occurred_at, AuditEvent.id)
    ).all() if with_audit else []
    return ItemDetails(
        item=item,
        submission=submission,
        owner_name=names.get(item.owner_id) if item.owner_id else None,
        answers=answers,
        reporter=dict(payload.get("reporter") or {}),
        attachments=db.session.scalars(
            select(Attachment).where(Attachment.submission_id == submission.id).order_by(Attachment.id)
        ).all(),
        platform_events=db.session.scalars(
            select(PlatformEvent).where(PlatformEvent.submission_id == submission.id).order_by(PlatformEvent.occurred_at)
        ).all(),
        outbox=outbox,
        messages=[Entry(m.created_at, names.get(m.author_id) if m.author_id else None, m) for m in messages],
        notes=[Entry(n.created_at, names.get(n.author_id), n) for n in notes],
        assessments=[Entry(a.created_at, names.get(a.assessor_id), a) for a in assessments],
        audit=[Entry(e.occurred_at, names.get(e.actor_id) if e.actor_id else None, e) for e in audit],
    )


def _staff_names() -> dict[int, str]:
    return {row.id: row.display_name for row in db.session.execute(select(StaffUser.id, StaffUser.display_name))}


def download_attachment(item_id: int, attachment_id: int, actor_id: int, folder: Path, now: datetime | None = None) -> Download:
    """An evidence file's bytes, with the download audited."""
    now = now or utcnow()
    with transaction():
        item = load_item(item_id)
        if not 0 < attachment_id < 2**31:
            raise ItemNotFound()
        attachment = db.session.scalar(
            select(Attachment).where(Attachment.id == attachment_id, Attachment.submission_id == item.submission_id)
        )
        if attachment is None:
            raise ItemNotFound()
        try:
            content = read_evidence_bytes(attachment, folder)
        except FileNotFoundError:
            raise ItemNotFound() from None
        record_audit(
            AuditAction.DOWNLOADED_ATTACHMENT, actor_id=actor_id, triage_item_id=item.id,
            detail={"attachment_id": attachment.id}, now=now,
        )
        download = Download(attachment.filename, attachment.content_type, content)
    return download
