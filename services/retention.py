"""Retention: deleting or anonymising personal data once its period has passed.

Each rule works in batches, one transaction a batch, and records what it disposed of in
`disposal_records`. Rows are picked with FOR UPDATE SKIP LOCKED (PostgreSQL), so several
runs side by side never take the same rows; on SQLite each batch holds the write lock.
Everything a rule picks is no longer due once it is done, so a run that stopped can
simply be run again. Files are removed after their rows' deletion is committed: a crash
in between leaves an encrypted file with no row, never a row with no file.

Only items that staff closed and that reached the national platform are ever touched:
an open item, or one with a message still to send, is kept whatever its age.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, delete, exists, func, null, or_, select, update
from sqlalchemy.sql import Select

from services.casework_models import Assessment, CaseNote, ReporterMessage
from services.db import db
from services.enums import OutboxStatus, OutboxTopic
from services.evidence import delete_evidence_file
from services.models import Attachment, DeliveryAttempt, Draft, OutboxMessage, PlatformEvent, Submission, TriageItem
from services.retention_models import DisposalRecord
from services.retention_policy import RetentionPolicy
from services.staff_models import StaffSession
from services.types import utcnow

# Kept when a submission is anonymised: what the dashboards and statistics count.
_KEPT_PAYLOAD_KEYS = (
    "schema_version", "force_code", "force_reference", "service", "kind", "submitted_at", "language", "channel",
    "category",
)
_FINISHED = (OutboxStatus.SENT.value, OutboxStatus.DEAD.value, OutboxStatus.NOT_CONFIGURED.value)


@dataclass
class RetentionReport:
    run_id: str
    dry_run: bool
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, rule: str, count: int) -> None:
        self.counts[rule] = self.counts.get(rule, 0) + count


def _fully_relayed() -> Any:
    """No message still to send, and the national platform has the submission."""
    unfinished = exists().where(
        OutboxMessage.submission_id == Submission.id,
        or_(
            OutboxMessage.status == OutboxStatus.PENDING.value,
            and_(OutboxMessage.topic == OutboxTopic.PLATFORM_SUBMISSION.value, OutboxMessage.status != OutboxStatus.SENT.value),
        ),
    )
    return ~unfinished


def _closed_before(cutoff: datetime) -> Any:
    return and_(TriageItem.closed_at.is_not(None), TriageItem.closed_at <= cutoff, _fully_relayed())


def anonymised_payload(payload: dict[str, Any]) -> dict[str, Any]:
    stub = {key: payload[key] for key in _KEPT_PAYLOAD_KEYS if key in payload}
    stub["anonymised"] = True
    return stub


def _without_words(entries: list[dict[str, str]] | None) -> list[dict[str, str]]:
    return [{key: ("" if key == "reason" else value) for key, value in entry.items()} for entry in entries or []]


def _record(run_id: str, rule: str, kind: str, action: str, references: Sequence[str], count: int, now: datetime) -> None:
    db.session.add(DisposalRecord(
        run_id=run_id, rule=rule, kind=kind, action=action, count=count, references=sorted(references), disposed_at=now,
    ))


@dataclass(frozen=True)
class Batches:
    """What a rule picks (ids, in order), the table to lock, and how many at a time."""

    pick: Select[Any]
    lock: Any
    size: int


def _in_batches(
    batches: Batches, dispose: Callable[[list[Any]], list[str]], report: RetentionReport, rule: str, folder: Path
) -> None:
    """Pick a batch of ids, dispose of them and commit, until nothing is due. In a dry
    run, count what is due instead."""
    if report.dry_run:
        report.add(rule, int(db.session.scalar(select(func.count()).select_from(batches.pick.subquery())) or 0))
        db.session.rollback()
        return
    locked = batches.pick.limit(batches.size).with_for_update(skip_locked=True, of=batches.lock)
    done: set[Any] = set()
    while True:
        try:
            ids = list(db.session.scalars(locked))
            if not ids:
                db.session.rollback()
                return
            if done.intersection(ids):
                # Disposal must make a row no longer due; looping on it forever would hide the bug.
                raise RuntimeError(f"retention rule {rule} picked the same rows twice")
            done.update(ids)
            files = dispose(ids)
            db.session.commit()
        except BaseException:
            db.session.rollback()
            raise
        report.add(rule, len(ids))
        for storage_name in files:
            delete_evidence_file(storage_name, folder)


def _references(submission_ids: Sequence[int]) -> list[str]:
    return list(db.session.scalars(select(Submission.reference).where(Submission.id.in_(submission_ids))))


def _delete_attachments(where: Any) -> list[str]:
    rows = db.session.execute(select(Attachment.id, Attachment.storage_name).where(where)).all()
    if rows:
        db.session.execute(delete(Attachment).where(Attachment.id.in_([row.id for row in rows])))
    return [row.storage_name for row in rows]


def dispose_expired_drafts(policy: RetentionPolicy, report: RetentionReport, folder: Path, now: datetime, batch: int) -> None:
    """Drafts past their idle timeout (and the grace period), with files never sent."""
    pick = (
        select(Draft.id).where(Draft.expires_at <= now - timedelta(days=policy.draft_days))
        .order_by(Draft.id)
    )

    def dispose(ids: list[str]) -> list[str]:
        files = _delete_attachments(and_(Attachment.draft_id.in_(ids), Attachment.submission_id.is_(None)))
        db.session.execute(delete(Draft).where(Draft.id.in_(ids)))
        # Draft ids are secrets of their browser sessions: only the count is recorded.
        _record(report.run_id, "expired_drafts", "draft", "deleted", [], len(ids), now)
        return files

    _in_batches(Batches(pick, Draft, batch), dispose, report, "expired_drafts", folder)


def dispose_closed_attachments(
    policy: RetentionPolicy, report: RetentionReport, folder: Path, now: datetime, batch: int
) -> None:
    """Evidence files and their rows, once the item has been closed this long."""
    cutoff = now - timedelta(days=policy.attachment_days)
    pick = (
        select(Attachment.id)
        .join(Submission, Submission.id == Attachment.submission_id)
        .join(TriageItem, TriageItem.submission_id == Submission.id)
        .where(_closed_before(cutoff))
        .order_by(Attachment.id)
    )

    def dispose(ids: list[int]) -> list[str]:
        owners = set(db.session.scalars(select(Attachment.submission_id).where(Attachment.id.in_(ids))))
        files = _delete_attachments(Attachment.id.in_(ids))
        _record(report.run_id, "closed_attachments", "attachment", "deleted", _references(list(owners)), len(ids), now)
        return files

    _in_batches(Batches(pick, Attachment, batch), dispose, report, "closed_attachments", folder)


def _anonymise(submission: Submission, now: datetime) -> list[str]:
    """Replace everything personal about one submission; keep what the figures need."""
    submission.payload = anonymised_payload(submission.payload)
    submission.anonymised_at = now
    item = submission.triage_item
    if item is not None:
        item.summary = ""
        item.flag_reasons = _without_words(item.flag_reasons)
        item.quality_flags = _without_words(item.quality_flags)
        item.completeness_issues = _without_words(item.completeness_issues)
        for assessment in db.session.scalars(select(Assessment).where(Assessment.triage_item_id == item.id)):
            assessment.rationale = ""
            assessment.ratings = {area: {**entry, "words": ""} for area, entry in (assessment.ratings or {}).items()}
        db.session.execute(update(CaseNote).where(CaseNote.triage_item_id == item.id).values(text=""))
    db.session.execute(update(ReporterMessage).where(ReporterMessage.submission_id == submission.id).values(body=""))
    db.session.execute(
        update(PlatformEvent).where(PlatformEvent.submission_id == submission.id).values(message_to_reporter=None)
    )
    # SQL NULL, not JSON null: an empty body is then no longer picked as one to clear.
    db.session.execute(update(OutboxMessage).where(OutboxMessage.submission_id == submission.id).values(body=null()))
    db.session.execute(delete(Draft).where(Draft.submission_id == submission.id))
    return _delete_attachments(Attachment.submission_id == submission.id)


def anonymise_closed_items(policy: RetentionPolicy, report: RetentionReport, folder: Path, now: datetime, batch: int) -> None:
    """Closed, relayed items past their service's period: anonymised, never deleted."""
    services = list(db.session.scalars(select(Submission.service).distinct()))
    db.session.rollback()
    for service in sorted(services):
        cutoff = now - timedelta(days=policy.closed_days_for(service))
        pick = (
            select(Submission.id)
            .join(TriageItem, TriageItem.submission_id == Submission.id)
            .where(Submission.service == service, Submission.anonymised_at.is_(None), _closed_before(cutoff))
            .order_by(Submission.id)
        )

        def dispose(ids: list[int], service: str = service) -> list[str]:
            files: list[str] = []
            submissions = db.session.scalars(select(Submission).where(Submission.id.in_(ids))).all()
            for submission in submissions:
                files.extend(_anonymise(submission, now))
            references = [submission.reference for submission in submissions]
            _record(report.run_id, f"closed_items:{service}", "submission", "anonymised", references, len(ids), now)
            return files

        _in_batches(Batches(pick, Submission, batch), dispose, report, "closed_items", folder)


def dispose_outbox_history(policy: RetentionPolicy, report: RetentionReport, folder: Path, now: datetime, batch: int) -> None:
    """Bodies of finished outbox messages, and the log of delivery attempts, after a while."""
    cutoff = now - timedelta(days=policy.outbox_days)
    finished_at = func.coalesce(OutboxMessage.sent_at, OutboxMessage.dead_at, OutboxMessage.created_at)
    bodies = (
        select(OutboxMessage.id)
        .where(OutboxMessage.status.in_(_FINISHED), OutboxMessage.body.is_not(None), finished_at <= cutoff)
        .order_by(OutboxMessage.id)
    )

    def clear(ids: list[int]) -> list[str]:
        db.session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids)).values(body=null()))
        _record(report.run_id, "outbox_bodies", "outbox_body", "cleared", [], len(ids), now)
        return []

    _in_batches(Batches(bodies, OutboxMessage, batch), clear, report, "outbox_bodies", folder)
    attempts = (
        select(DeliveryAttempt.id)
        .join(OutboxMessage, OutboxMessage.id == DeliveryAttempt.outbox_message_id)
        .where(OutboxMessage.status.in_(_FINISHED), DeliveryAttempt.started_at <= cutoff)
        .order_by(DeliveryAttempt.id)
    )

    def remove(ids: list[int]) -> list[str]:
        db.session.execute(delete(DeliveryAttempt).where(DeliveryAttempt.id.in_(ids)))
        _record(report.run_id, "delivery_attempts", "delivery_attempt", "deleted", [], len(ids), now)
        return []

    _in_batches(Batches(attempts, DeliveryAttempt, batch), remove, report, "delivery_attempts", folder)


def dispose_staff_sessions(policy: RetentionPolicy, report: RetentionReport, folder: Path, now: datetime, batch: int) -> None:
    """Ended staff sessions (past their absolute end, or revoked) after a while."""
    cutoff = now - timedelta(days=policy.staff_session_days)
    pick = (
        select(StaffSession.id)
        .where(or_(StaffSession.expires_at <= cutoff, StaffSession.revoked_at <= cutoff))
        .order_by(StaffSession.id)
    )

    def remove(ids: list[str]) -> list[str]:
        db.session.execute(delete(StaffSession).where(StaffSession.id.in_(ids)))
        _record(report.run_id, "staff_sessions", "staff_session", "deleted", [], len(ids), now)
        return []

    _in_batches(Batches(pick, StaffSession, batch), remove, report, "staff_sessions", folder)


# A file with no row is left by a crash between a commit and its file's removal (or an
# upload's write and its row); after a day it is certainly not an upload in progress.
ORPHAN_FILE_AGE = timedelta(days=1)


def dispose_orphan_files(policy: RetentionPolicy, report: RetentionReport, folder: Path, now: datetime, batch: int) -> None:
    """Evidence files (and unfinished partial writes) that no attachment row names."""
    if not folder.is_dir():
        return
    cutoff = (now - ORPHAN_FILE_AGE).timestamp()
    old = sorted(path for path in folder.iterdir() if path.is_file() and path.stat().st_mtime <= cutoff)
    for start in range(0, len(old), batch):
        chunk = old[start:start + batch]
        named = set(db.session.scalars(select(Attachment.storage_name).where(
            Attachment.storage_name.in_([path.name for path in chunk])
        )))
        orphans = [path for path in chunk if path.name not in named]
        if orphans and not report.dry_run:
            _record(report.run_id, "orphan_files", "evidence_file", "deleted", [], len(orphans), now)
            db.session.commit()
            for path in orphans:
                path.unlink(missing_ok=True)
        else:
            db.session.rollback()
        report.add("orphan_files", len(orphans))


Rule = Callable[[RetentionPolicy, RetentionReport, Path, datetime, int], None]
RULES: tuple[Rule, ...] = (
    dispose_expired_drafts, dispose_closed_attachments, anonymise_closed_items, dispose_outbox_history,
    dispose_staff_sessions, dispose_orphan_files,
)


def run_retention(
    policy: RetentionPolicy,
    *,
    evidence_folder: Path,
    now: datetime | None = None,
    dry_run: bool = False,
    batch_size: int = 200,
    rules: Sequence[Rule] = RULES,
) -> RetentionReport:
    """Apply the retention rules; with `dry_run`, count what is due and change nothing."""
    now = now or utcnow()
    report = RetentionReport(run_id=str(uuid.uuid4()), dry_run=dry_run)
    for rule in rules:
        rule(policy, report, evidence_folder, now, batch_size)
    return report
