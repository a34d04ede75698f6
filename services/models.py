"""Tables. Every one of them is created by a migration, never by create_all in production."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.db import db
from services.enums import OutboxStatus, TriageStatus
from services.types import JSONDocument, UTCDateTime, utcnow


class Draft(db.Model):
    """Answers in progress, kept server-side so that nothing typed is lost.

    The browser holds only the opaque id (in the signed session cookie), never answers.
    `answers` maps a page id to that page's raw form data and whether it passed validation,
    so a page that failed validation still shows what the person typed when they return.
    """

    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    service: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8), default="en")
    answers: Mapped[dict[str, Any]] = mapped_column(JSONDocument, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("submissions.id", ondelete="SET NULL"), unique=True
    )

    submission: Mapped[Submission | None] = relationship()


class Submission(db.Model):
    """What a person sent, acknowledged with `reference` only once this row is committed."""

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    service: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(8))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # The canonical payload, shaped exactly as the national platform's Submission schema.
    payload: Mapped[dict[str, Any]] = mapped_column(JSONDocument)

    outbox_messages: Mapped[list[OutboxMessage]] = relationship(back_populates="submission")
    triage_item: Mapped[TriageItem | None] = relationship(back_populates="submission")


class OutboxMessage(db.Model):
    """A message to an outside system, written in the same transaction as its cause.

    The relay claims due messages with a lease (`lease_owner`, `lease_expires_at`) and
    sends them outside any transaction; `idempotency_key` is the same for every attempt.
    """

    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_messages_due", "status", "available_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    topic: Mapped[str] = mapped_column(String(32))
    idempotency_key: Mapped[str] = mapped_column(
        String(64), unique=True, default=lambda: str(uuid.uuid4())
    )
    status: Mapped[str] = mapped_column(String(16), default=OutboxStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    available_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    submission: Mapped[Submission] = relationship(back_populates="outbox_messages")


class TriageItem(db.Model):
    """A submission's place on the force contact queue."""

    __tablename__ = "triage_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), unique=True)
    status: Mapped[str] = mapped_column(String(16), default=TriageStatus.NEW.value, index=True)
    grade: Mapped[str | None] = mapped_column(String(32))
    vulnerability: Mapped[list[str]] = mapped_column(JSONDocument, default=list)
    # Why each flag was raised, for the contact handler: [{"flag": ..., "reason": ...}].
    flag_reasons: Mapped[list[dict[str, str]]] = mapped_column(JSONDocument, default=list)
    urgency: Mapped[int] = mapped_column(Integer, default=0, index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    target_at: Mapped[datetime] = mapped_column(UTCDateTime)

    submission: Mapped[Submission] = relationship(back_populates="triage_item")
