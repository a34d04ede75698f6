"""Tables. Every one of them is created by a migration, never by create_all in production."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.crypto import EncryptedJSON, EncryptedText
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
    answers: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON, default=dict)
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
    # Encrypted: it holds the answers and the reporter's contact details.
    payload: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON)
    # What the national platform has told us, newest first wins (see PlatformEvent).
    platform_id: Mapped[str | None] = mapped_column(String(16), unique=True)
    platform_status: Mapped[str | None] = mapped_column(String(32))
    platform_status_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    crime_number: Mapped[str | None] = mapped_column(String(32))
    officer_name: Mapped[str | None] = mapped_column(String(200))
    officer_collar_number: Mapped[str | None] = mapped_column(String(16))
    # Set when retention replaced the personal data with a stub; the row stays for the figures.
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    outbox_messages: Mapped[list[OutboxMessage]] = relationship(back_populates="submission")
    triage_item: Mapped[TriageItem | None] = relationship(back_populates="submission")
    platform_events: Mapped[list[PlatformEvent]] = relationship(
        back_populates="submission", order_by="PlatformEvent.occurred_at"
    )
    attachments: Mapped[list[Attachment]] = relationship(back_populates="submission")


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
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    # Set after a timeout or a lost response: ask the platform whether it already holds
    # the submission before sending it again.
    needs_lookup: Mapped[bool] = mapped_column(Boolean, default=False)
    # Topic-specific instructions that are not personal data (an email's language, say);
    # personal data is read from the submission when the message is sent.
    body: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)
    result: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    first_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    dead_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    submission: Mapped[Submission] = relationship(back_populates="outbox_messages")


class DeliveryAttempt(db.Model):
    """One try at delivering an outbox message: when, by whom, and what came of it.

    Holds no personal data: an HTTP status and the class of error, never a body.
    """

    __tablename__ = "delivery_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    outbox_message_id: Mapped[int] = mapped_column(ForeignKey("outbox_messages.id", ondelete="CASCADE"), index=True)
    attempt: Mapped[int] = mapped_column(Integer)
    worker: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_ms: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(16))
    http_status: Mapped[int | None] = mapped_column(Integer)
    error_class: Mapped[str | None] = mapped_column(String(64))


class RelayPause(db.Model):
    """A pause shared by every relay worker, so that they back off together while an
    outside system is down instead of each hammering it."""

    __tablename__ = "relay_pauses"

    target: Mapped[str] = mapped_column(String(32), primary_key=True)
    paused_until: Mapped[datetime] = mapped_column(UTCDateTime)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PlatformEvent(db.Model):
    """A status change the national platform told us about, kept as history."""

    __tablename__ = "platform_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Unique, so a replayed event is recognised and has no second effect.
    event_id: Mapped[str] = mapped_column(String(64), unique=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    status: Mapped[str] = mapped_column(String(32))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    crime_number: Mapped[str | None] = mapped_column(String(32))
    officer_name: Mapped[str | None] = mapped_column(String(200))
    officer_collar_number: Mapped[str | None] = mapped_column(String(16))
    message_to_reporter: Mapped[str | None] = mapped_column(EncryptedText)

    submission: Mapped[Submission] = relationship(back_populates="platform_events")


class Attachment(db.Model):
    """A file of evidence, addressed by the SHA-256 of its bytes as the platform expects."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"), index=True)
    draft_id: Mapped[str | None] = mapped_column(String(64), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(EncryptedText)
    content_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    # The bytes live in the evidence folder under this server-made name, never the person's.
    storage_name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    submission: Mapped[Submission | None] = relationship(back_populates="attachments")


class TriageItem(db.Model):
    """A submission's place on the force contact queue."""

    __tablename__ = "triage_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), unique=True)
    status: Mapped[str] = mapped_column(String(32), default=TriageStatus.NEW.value, index=True)
    grade: Mapped[str | None] = mapped_column(String(32))
    vulnerability: Mapped[list[str]] = mapped_column(JSONDocument, default=list)
    # Why each flag was raised, for the contact handler: [{"flag": ..., "reason": ...}].
    flag_reasons: Mapped[list[dict[str, str]]] = mapped_column(JSONDocument, default=list)
    urgency: Mapped[int] = mapped_column(Integer, default=0, index=True)
    summary: Mapped[str] = mapped_column(EncryptedText, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    target_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Copied from the answers when the item is made, so the queue filters without
    # reading (or decrypting) any submission.
    category: Mapped[str | None] = mapped_column(String(32), index=True)
    # One owner at a time: claimed by a call handler or assigned by a supervisor.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The unit the item is allocated to, and what the force's rules suggested.
    unit: Mapped[str | None] = mapped_column(String(64), index=True)
    suggested_unit: Mapped[str | None] = mapped_column(String(64))
    suggested_incident_category: Mapped[str | None] = mapped_column(String(64))
    suggested_crime_class: Mapped[str | None] = mapped_column(String(64))
    # Quality checks: sensitive keywords found [{"flag": ..., "reason": ...}] and
    # missing details [{"check": ..., "reason": ...}], worded by the rules file.
    quality_flags: Mapped[list[dict[str, str]]] = mapped_column(JSONDocument, default=list)
    completeness_issues: Mapped[list[dict[str, str]]] = mapped_column(JSONDocument, default=list)
    first_graded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    outcome: Mapped[str | None] = mapped_column(String(32))
    # A crime number, a partner's name or a duplicate's reference: never personal data.
    outcome_detail: Mapped[str | None] = mapped_column(String(100))

    submission: Mapped[Submission] = relationship(back_populates="triage_item")
    owner: Mapped[StaffUser | None] = relationship()


class ApiKey(db.Model):
    """A key for one partner channel of the intake API. Only a hash of the key is kept."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    channel: Mapped[str] = mapped_column(String(16))
    # The key's public prefix finds the row; the SHA-256 of the whole key proves it.
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ApiRequest(db.Model):
    """An intake API request made with an Idempotency-Key, so a retry returns the first answer."""

    __tablename__ = "api_requests"
    __table_args__ = (UniqueConstraint("api_key_id", "idempotency_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    api_key_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id"))
    idempotency_key: Mapped[str] = mapped_column(String(255))
    request_hash: Mapped[str] = mapped_column(String(64))
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    submission: Mapped[Submission] = relationship()


# The staff workspace's tables live in their own modules; importing them here keeps
# every table in one metadata for migrations, whichever module a caller imports.
from services.casework_models import Assessment, AuditEvent, CaseNote, ReporterMessage  # noqa: E402
from services.retention_models import DisposalRecord  # noqa: E402
from services.rules.store import TriageRuleSet  # noqa: E402, F401  (the published triage rules)
from services.staff_models import RecoveryCode, StaffSession, StaffUser  # noqa: E402

__all__ = [
    "ApiKey", "ApiRequest", "Assessment", "Attachment", "AuditEvent", "CaseNote", "DeliveryAttempt", "DisposalRecord",
    "Draft", "OutboxMessage", "PlatformEvent", "RecoveryCode", "RelayPause", "ReporterMessage",
    "StaffSession", "StaffUser", "Submission", "TriageItem",
]
