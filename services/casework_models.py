"""What staff do with an item: assessments, notes, messages, and the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, event
from sqlalchemy.orm import Mapped, Mapper, mapped_column

from services.crypto import EncryptedJSON, EncryptedText
from services.db import db
from services.types import JSONDocument, UTCDateTime, utcnow


class Assessment(db.Model):
    """A THRIVE assessment and the grade it led to. A regrade is a new row, never an edit."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    triage_item_id: Mapped[int] = mapped_column(ForeignKey("triage_items.id"), index=True)
    assessor_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # {"threat": {"rating": "high", "words": "..."}, ...} for every ThriveArea.
    ratings: Mapped[dict[str, dict[str, str]]] = mapped_column(EncryptedJSON)
    grade: Mapped[str] = mapped_column(String(32))
    rationale: Mapped[str] = mapped_column(EncryptedText)
    is_regrade: Mapped[bool] = mapped_column(Boolean, default=False)


class CaseNote(db.Model):
    """An internal note on an item, never shown to the reporter."""

    __tablename__ = "case_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    triage_item_id: Mapped[int] = mapped_column(ForeignKey("triage_items.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    text: Mapped[str] = mapped_column(EncryptedText)


class ReporterMessage(db.Model):
    """A message between staff and the person who reported, shown on the tracking page."""

    __tablename__ = "reporter_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    direction: Mapped[str] = mapped_column(String(16))
    # The member of staff who wrote it; empty for messages from the reporter.
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    body: Mapped[str] = mapped_column(EncryptedText)
    # A message from the reporter stays unread until a member of staff opens the item.
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEvent(db.Model):
    """Who did what to which item, and when. Append-only; holds no personal data itself."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Empty for what the system did by itself (an escalation at its target time).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), index=True)
    action: Mapped[str] = mapped_column(String(32))
    triage_item_id: Mapped[int | None] = mapped_column(ForeignKey("triage_items.id"), index=True)
    # Non-personal particulars: a grade, a unit, an attachment id, another user's id.
    detail: Mapped[dict[str, Any]] = mapped_column(JSONDocument, default=dict)


class AuditTrailIsAppendOnly(Exception):
    """Something tried to change or delete an audit record through the ORM."""


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_changes(mapper: Mapper[Any], connection: Any, target: AuditEvent) -> None:
    raise AuditTrailIsAppendOnly(f"audit event {target.id} cannot be changed or deleted")
