"""Sending a draft: one transaction writes the submission, its outbox message and its triage item."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from marshmallow import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from services.db import db
from services.drafts import completed_data
from services.enums import Channel, OutboxTopic
from services.evidence import attach_to_submission
from services.journeys import Journey, PayloadContext
from services.models import ApiRequest, Draft, OutboxMessage, Submission
from services.notifications import confirmation_email_allowed
from services.references import new_reference
from services.rules import Rules
from services.triage import add_triage_item
from services.types import utcnow
from services.vulnerability import raise_flags

_REFERENCE_ATTEMPTS = 5


class DraftNotFound(Exception):
    """The draft has expired, was never started, or belongs to another service."""


class IncompleteSubmission(Exception):
    """The answers do not pass the service's schema; `errors` says which and why."""

    def __init__(self, errors: dict[str, Any]) -> None:
        super().__init__("submission failed validation")
        self.errors = errors


@dataclass(frozen=True)
class SubmitResult:
    reference: str
    created: bool


class IdempotencyMismatch(Exception):
    """The Idempotency-Key was used before with a different request."""


@dataclass(frozen=True)
class IdempotencyClaim:
    """An API caller's Idempotency-Key, and a hash of the request it came with."""

    api_key_id: int
    key: str
    request_hash: str


def _lock_draft(draft_id: str) -> Draft | None:
    # FOR UPDATE on PostgreSQL serialises two tabs sending the same draft; on SQLite the
    # transaction already holds the database write lock (BEGIN IMMEDIATE).
    return db.session.scalars(
        select(Draft).where(Draft.id == draft_id).with_for_update()
    ).one_or_none()


def answers_summary(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Clip the question-and-answer record to the contract's limits."""
    return [
        {
            "question_id": row["question_id"][:80],
            "question": row["question"][:500],
            "answer": row["answer"][:20_000],
        }
        for row in rows[:500]
    ]


def submit_draft(
    draft_id: str,
    *,
    journey: Journey,
    answers: list[dict[str, str]],
    force_code: str,
    language: str,
    rules: Rules,
    now: datetime | None = None,
) -> SubmitResult:
    """Validate a whole draft again and store it as a submission, exactly once.

    Sending the same draft twice (double click, back button, two tabs) returns the first
    reference and stores nothing more.
    """
    now = now or utcnow()
    try:
        draft = _lock_draft(draft_id)
        if draft is None or draft.service != journey.slug:
            raise DraftNotFound(draft_id)
        if draft.submission_id is not None:  # the column: no load of the submission unless it was sent
            reference = draft.submission.reference
            db.session.rollback()
            return SubmitResult(reference=reference, created=False)
        if draft.expires_at <= now:
            raise DraftNotFound(draft_id)
        data = journey.merged(completed_data(draft))
        submission = _store_submission(
            journey, data, answers, force_code=force_code, language=language,
            channel=Channel.WEB, rules=rules, now=now,
        )
        files = attach_to_submission(draft.id, submission.id)
        if files:
            # The relay uploads each file, by its SHA-256, before the submission that names it.
            submission.payload = {**submission.payload, "attachments": files}
        draft.submission = submission
        draft.answers = {}  # the submission now holds them; keep no second copy
        reference = submission.reference  # read before the commit expires it, saving a query
        db.session.commit()
        return SubmitResult(reference=reference, created=True)
    except BaseException:
        db.session.rollback()
        raise


def submit_answers(
    journey: Journey,
    data: dict[str, Any],
    answers: list[dict[str, str]],
    *,
    force_code: str,
    language: str,
    channel: Channel,
    rules: Rules,
    idempotency: IdempotencyClaim | None = None,
    now: datetime | None = None,
) -> SubmitResult:
    """Store a whole submission from another channel (the intake API) in one transaction.

    With an idempotency claim, a retry of the same request returns the first reference and
    stores nothing; the same key with a different request raises IdempotencyMismatch.
    """
    now = now or utcnow()
    for _ in range(2):  # a concurrent first use of the same key: the loser replays the winner
        try:
            if idempotency is not None:
                replay = _replay(idempotency)
                if replay is not None:
                    db.session.rollback()
                    return replay
            submission = _store_submission(
                journey, data, answers, force_code=force_code, language=language, channel=channel,
                rules=rules, now=now,
            )
            if idempotency is not None:
                db.session.add(
                    ApiRequest(
                        api_key_id=idempotency.api_key_id, idempotency_key=idempotency.key,
                        request_hash=idempotency.request_hash, submission=submission, created_at=now,
                    )
                )
                db.session.flush()
            reference = submission.reference
            db.session.commit()
            return SubmitResult(reference=reference, created=True)
        except IntegrityError:
            db.session.rollback()
            if idempotency is None:
                raise
        except BaseException:
            db.session.rollback()
            raise
    raise RuntimeError("could not store or replay the request")


def _replay(claim: IdempotencyClaim) -> SubmitResult | None:
    earlier = db.session.scalar(
        select(ApiRequest).where(ApiRequest.api_key_id == claim.api_key_id, ApiRequest.idempotency_key == claim.key)
    )
    if earlier is None:
        return None
    if earlier.request_hash != claim.request_hash:
        raise IdempotencyMismatch(claim.key)
    return SubmitResult(reference=earlier.submission.reference, created=False)


def _store_submission(
    journey: Journey,
    data: dict[str, Any],
    answers: list[dict[str, str]],
    *,
    force_code: str,
    language: str,
    channel: Channel,
    rules: Rules,
    now: datetime,
) -> Submission:
    """Validate and add the three rows to the current transaction (the caller commits)."""
    try:
        cleaned = journey.schema(today=now.date()).load(data)
    except ValidationError as error:
        raise IncompleteSubmission(error.normalized_messages()) from error
    reference = _unused_reference(force_code)
    context = PayloadContext(
        force_code=force_code,
        reference=reference,
        language=language,
        channel=channel.value,
        submitted_at=now,
        answers=answers_summary(answers),
    )
    payload = journey.build_payload(cleaned, context)
    submission = Submission(
        reference=reference,
        service=journey.slug,
        kind=journey.kind.value,
        channel=channel.value,
        language=language,
        submitted_at=now,
        payload=payload,
    )
    db.session.add(submission)
    db.session.add(
        OutboxMessage(submission=submission, topic=OutboxTopic.PLATFORM_SUBMISSION.value, available_at=now)
    )
    if confirmation_email_allowed(payload):
        # The body says only which email to send; the address is read from the
        # submission when it is sent, so personal data is kept in one place.
        db.session.add(
            OutboxMessage(
                submission=submission,
                topic=OutboxTopic.CONFIRMATION_EMAIL.value,
                available_at=now,
                body={"template": "confirmation", "language": language, "service": journey.slug},
            )
        )
    # The force's triage rules (passed in by the caller, which knows the version in force).
    add_triage_item(submission, cleaned, raise_flags(cleaned, now.date()), rules, now)
    db.session.flush()
    return submission


def _unused_reference(force_code: str) -> str:
    for _ in range(_REFERENCE_ATTEMPTS):
        reference = new_reference(force_code)
        exists = db.session.scalar(select(Submission.id).where(Submission.reference == reference))
        if exists is None:
            return reference
    raise IntegrityError("could not find an unused reference", params=None, orig=Exception())
