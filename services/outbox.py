"""The outbox: claiming due messages under a lease and recording what came of sending them.

Each function here is one short transaction. Sending happens between them, outside any
transaction, so a slow partner never holds a database lock or connection.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, case, func, insert, or_, select, update

from services.db import db
from services.enums import AttemptOutcome, OutboxStatus, OutboxTopic, PlatformStatus
from services.evidence import read_evidence_bytes
from services.models import Attachment, DeliveryAttempt, OutboxMessage, ReporterMessage, Submission
from services.types import UTCDateTime, utcnow


@dataclass(frozen=True)
class AttachmentFile:
    sha256: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class ClaimedMessage:
    """A snapshot of one leased message and what sending it needs, detached from the session."""

    id: int
    submission_id: int
    topic: str
    idempotency_key: str
    attempt: int
    lease: str
    needs_lookup: bool
    first_attempt_at: datetime
    reference: str
    language: str
    payload: dict[str, Any]
    body: dict[str, Any] | None
    attachments: tuple[AttachmentFile, ...] = ()
    # A staff message's words, for an email.message (read when claimed, never kept in the outbox).
    message_text: str | None = None


@dataclass(frozen=True)
class DeliveryResult:
    """What one attempt came to. `retry_at` is set for a retry; `result` is the partner's id."""

    outcome: AttemptOutcome
    started_at: datetime
    duration_ms: int
    http_status: int | None = None
    error_class: str | None = None
    error: str | None = None
    retry_at: datetime | None = None
    needs_lookup: bool = False
    result: str | None = None
    received_at: datetime | None = None


@dataclass
class RecordSummary:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: AttemptOutcome) -> None:
        self.counts[outcome.value] = self.counts.get(outcome.value, 0) + 1


def new_lease(worker: str) -> str:
    """A token for one claim, so a worker's later claim of the same row is a different lease."""
    return f"{worker[:50]}/{secrets.token_hex(6)}"


def claim_due_messages(
    worker: str,
    *,
    limit: int,
    lease_seconds: int,
    topics: tuple[str, ...] | None = None,
    now: datetime | None = None,
    evidence_folder: Path | None = None,
) -> list[ClaimedMessage]:
    """Lease up to `limit` due messages to this worker and return what sending them needs.

    On PostgreSQL `FOR UPDATE SKIP LOCKED` lets several workers claim side by side without
    waiting on each other; on SQLite the transaction began with BEGIN IMMEDIATE, so claims
    are serialised by the database's write lock. Either way no row goes to two live leases.
    """
    now = now or utcnow()
    lease = new_lease(worker)
    try:
        due = (
            select(OutboxMessage.id)
            .where(
                OutboxMessage.status == OutboxStatus.PENDING.value,
                OutboxMessage.available_at <= now,
                or_(OutboxMessage.lease_expires_at.is_(None), OutboxMessage.lease_expires_at <= now),
            )
            .order_by(OutboxMessage.available_at, OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        if topics:
            due = due.where(OutboxMessage.topic.in_(topics))
        ids = list(db.session.scalars(due))
        if not ids:
            db.session.rollback()
            return []
        db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids))
            .values(
                lease_owner=lease,
                lease_expires_at=now + timedelta(seconds=lease_seconds),
                attempts=OutboxMessage.attempts + 1,
                first_attempt_at=func.coalesce(OutboxMessage.first_attempt_at, now),
            )
            .execution_options(synchronize_session=False)
        )
        rows = db.session.execute(
            select(OutboxMessage, Submission)
            .join(Submission, Submission.id == OutboxMessage.submission_id)
            .where(OutboxMessage.id.in_(ids))
            .order_by(OutboxMessage.available_at, OutboxMessage.id)
            .execution_options(populate_existing=True)
        ).all()
        claimed = [_snapshot(message, submission, lease, now, evidence_folder) for message, submission in rows]
        db.session.commit()
        return claimed
    except BaseException:
        db.session.rollback()
        raise


def _snapshot(
    message: OutboxMessage, submission: Submission, lease: str, now: datetime, evidence_folder: Path | None
) -> ClaimedMessage:
    named = {item["sha256"] for item in submission.payload.get("attachments") or ()}
    files: tuple[AttachmentFile, ...] = ()
    if named and message.topic == OutboxTopic.PLATFORM_SUBMISSION.value:
        if evidence_folder is None:
            raise RuntimeError("this submission has evidence: the relay needs the evidence folder")
        stored = db.session.scalars(
            select(Attachment).where(Attachment.submission_id == submission.id, Attachment.sha256.in_(named))
        )
        files = tuple(AttachmentFile(a.sha256, a.content_type, read_evidence_bytes(a, evidence_folder)) for a in stored)
    return ClaimedMessage(
        id=message.id,
        submission_id=submission.id,
        topic=message.topic,
        idempotency_key=message.idempotency_key,
        attempt=message.attempts,
        lease=lease,
        needs_lookup=message.needs_lookup,
        first_attempt_at=message.first_attempt_at or now,
        reference=submission.reference,
        language=submission.language,
        payload=submission.payload,
        body=message.body,
        attachments=files,
        message_text=_message_text(message),
    )


def _message_text(message: OutboxMessage) -> str | None:
    if message.topic != OutboxTopic.MESSAGE_EMAIL.value or not message.body:
        return None
    message_id = message.body.get("message_id")
    found = db.session.get(ReporterMessage, message_id) if isinstance(message_id, int) else None
    return found.body if found is not None else None


def record_results(
    results: list[tuple[ClaimedMessage, DeliveryResult]], *, worker: str, now: datetime | None = None
) -> RecordSummary:
    """Record a batch of attempts in one transaction.

    A result counts only while the worker still holds the lease it claimed with: if the
    lease ran out and another worker claimed the message, this worker's late answer is
    logged as stale and changes nothing. Core statements, not ORM ones: this runs for
    every message the relay sends, and the ORM's bookkeeping would double its cost.
    """
    now = now or utcnow()
    summary = RecordSummary()
    try:
        applied = _apply_sent_in_bulk(results, now)
        if applied is None:
            # Some lease had passed to another worker: start again, one message at a time,
            # so that each result is recorded or refused on its own.
            db.session.rollback()
            applied = set()
        attempts: list[dict[str, Any]] = []
        for message, result in results:
            ok = message.id in applied or _apply_result(message, result, now)
            outcome = result.outcome if ok else AttemptOutcome.STALE
            summary.add(outcome)
            attempts.append(
                {
                    "outbox_message_id": message.id,
                    "attempt": message.attempt,
                    "worker": worker[:64],
                    "started_at": result.started_at,
                    "duration_ms": result.duration_ms,
                    "outcome": outcome.value,
                    "http_status": result.http_status,
                    "error_class": result.error_class[:64] if result.error_class else None,
                }
            )
        if attempts:
            db.session.execute(insert(DeliveryAttempt.__table__), attempts)
        db.session.commit()
        return summary
    except BaseException:
        db.session.rollback()
        raise


_OUTBOX = OutboxMessage.__table__
_SUBMISSIONS = Submission.__table__
_UNSET = _SUBMISSIONS.c.platform_status.is_(None)
# The platform's receipt. A status webhook may already have arrived (it can overtake the
# receipt): what it set is kept.
_RECEIPT = (
    update(_SUBMISSIONS)
    .where(_SUBMISSIONS.c.id == bindparam("b_id"))
    .values(
        platform_id=func.coalesce(_SUBMISSIONS.c.platform_id, bindparam("b_platform_id")),
        platform_status=case((_UNSET, PlatformStatus.RECEIVED.value), else_=_SUBMISSIONS.c.platform_status),
        platform_status_at=case((_UNSET, bindparam("b_at", type_=UTCDateTime())), else_=_SUBMISSIONS.c.platform_status_at),
    )
)


def _apply_sent_in_bulk(results: list[tuple[ClaimedMessage, DeliveryResult]], now: datetime) -> set[int] | None:
    """Record every successful send with one statement per table (the common case, and the
    relay's hot path). Returns the ids recorded, or None if any lease was no longer ours."""
    sent = [(m, r) for m, r in results if r.outcome is AttemptOutcome.SENT]
    if not sent:
        return set()
    updated = db.session.execute(
        update(_OUTBOX)
        .where(_OUTBOX.c.id == bindparam("b_id"), _OUTBOX.c.lease_owner == bindparam("b_lease"),
               _OUTBOX.c.status == OutboxStatus.PENDING.value)
        .values(status=OutboxStatus.SENT.value, sent_at=now, needs_lookup=False, result=bindparam("b_result"),
                lease_owner=None, lease_expires_at=None, last_status_code=bindparam("b_code"), last_error=None),
        [{"b_id": m.id, "b_lease": m.lease, "b_result": r.result, "b_code": r.http_status} for m, r in sent],
    )
    if updated.rowcount != len(sent):  # type: ignore[attr-defined]
        return None
    receipts = [
        {"b_id": m.submission_id, "b_platform_id": r.result, "b_at": r.received_at or now}
        for m, r in sent
        if r.result and m.topic == OutboxTopic.PLATFORM_SUBMISSION.value
    ]
    if receipts:
        db.session.execute(_RECEIPT, receipts)
    return {m.id for m, _ in sent}


def _apply_result(message: ClaimedMessage, result: DeliveryResult, now: datetime) -> bool:
    error = result.error or result.error_class
    values: dict[str, Any] = {
        "lease_owner": None,
        "lease_expires_at": None,
        "last_status_code": result.http_status,
        "last_error": error[:200] if error else None,
    }
    if result.outcome is AttemptOutcome.SENT:
        values.update(status=OutboxStatus.SENT.value, sent_at=now, needs_lookup=False, result=result.result, last_error=None)
    elif result.outcome is AttemptOutcome.NOT_CONFIGURED:
        values.update(status=OutboxStatus.NOT_CONFIGURED.value)
    elif result.outcome is AttemptOutcome.DEAD:
        values.update(status=OutboxStatus.DEAD.value, dead_at=now)
    else:
        values.update(available_at=result.retry_at or now, needs_lookup=message.needs_lookup or result.needs_lookup)
    updated = db.session.execute(
        update(_OUTBOX)
        .where(_OUTBOX.c.id == message.id, _OUTBOX.c.lease_owner == message.lease, _OUTBOX.c.status == OutboxStatus.PENDING.value)
        .values(**values)
    )
    if updated.rowcount != 1:  # type: ignore[attr-defined]
        return False
    if result.outcome is AttemptOutcome.SENT and result.result and message.topic == OutboxTopic.PLATFORM_SUBMISSION.value:
        _record_receipt(message.submission_id, result.result, result.received_at or now)
    return True


def _record_receipt(submission_id: int, platform_id: str, received_at: datetime) -> None:
    db.session.execute(_RECEIPT, [{"b_id": submission_id, "b_platform_id": platform_id, "b_at": received_at}])
