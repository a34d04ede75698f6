"""Tracking for the public: proving a reference, the timeline a reporter may see, and their messages.

A person proves a report is theirs with its reference and the email address or phone
number they gave in it. A reference that does not exist and a contact detail that does
not match are answered alike, and the work done is alike too (one query, the same
constant-time comparisons), so the answer tells nobody which references exist.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from services.casework_models import ReporterMessage
from services.db import db
from services.enums import ContactMethod, OutboxStatus, OutboxTopic, TriageStatus, VulnerabilityFlag
from services.enums.casework import Outcome
from services.models import OutboxMessage, Submission, TriageItem
from services.references import normalise_reference

# Hashed in place of a contact detail that is not there, so a miss costs what a hit costs.
# It cannot match anything typed: a NUL never gets past the input guard.
_NOTHING_ON_RECORD = "\x00no contact detail on record"
MESSAGE_LIMIT = 2000


def normalise_email(text: str) -> str:
    return text.strip().lower()


def normalise_phone(text: str) -> str:
    """Digits only, with a UK number's +44 or 0044 written as the leading 0 people also type."""
    compact = text.strip()
    digits = re.sub(r"[^0-9]", "", compact)
    if compact.startswith("+"):
        digits = "00" + digits
    if digits.startswith("0044"):
        digits = "0" + digits[4:].removeprefix("0")
    return digits


def normalise_contact(text: str) -> str:
    """An email address or a phone number, in the form the comparison uses."""
    return normalise_email(text) if "@" in text else normalise_phone(text)


def _digest(value: str | None) -> bytes:
    # Fixed-length digests, so the comparison's time does not depend on either value's length.
    return hashlib.sha256((value or _NOTHING_ON_RECORD).encode("utf-8")).digest()


def _stored_contacts(payload: Mapping[str, Any] | None) -> tuple[str | None, str | None]:
    reporter = (payload or {}).get("reporter") or {}
    email = reporter.get("email")
    phone = reporter.get("phone")
    return (
        normalise_email(email) if isinstance(email, str) and email else None,
        normalise_phone(phone) if isinstance(phone, str) and phone else None,
    )


def prove_report(reference: str, contact: str) -> int | None:
    """The submission's id when `contact` is the email or phone given in the report at `reference`.

    Both paths make one query and two comparisons of equal cost; only the result differs.
    """
    typed = normalise_contact(contact)
    wanted = _digest(typed)
    row = db.session.execute(
        select(Submission.id, Submission.payload).where(Submission.reference == normalise_reference(reference))
    ).one_or_none()
    db.session.rollback()
    email, phone = _stored_contacts(row.payload if row is not None else None)
    email_matches = hmac.compare_digest(wanted, _digest(email))
    phone_matches = hmac.compare_digest(wanted, _digest(phone))
    if row is None or not typed:
        return None
    return row.id if (email_matches and bool(email)) or (phone_matches and bool(phone)) else None


@dataclass(frozen=True)
class PlatformUpdate:
    status: str
    occurred_at: datetime
    crime_number: str | None
    officer_name: str | None
    officer_collar_number: str | None
    message: str | None  # None when there is none, or when it is withheld for the person's safety
    has_message: bool = False


@dataclass(frozen=True)
class Message:
    direction: str
    created_at: datetime
    body: str | None  # None when it is withheld for the person's safety


@dataclass(frozen=True)
class Timeline:
    """What the person who proved a report may see of it: no notes, grades, flags or staff."""

    reference: str
    service: str
    submitted_at: datetime
    status: str
    outcome: str | None
    forwarded_at: datetime | None
    crime_number: str | None
    officer_name: str | None
    officer_collar_number: str | None
    # Where contact is unsafe the words of messages are not shown, only that they exist.
    guarded: bool
    updates: list[PlatformUpdate] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)


def contact_is_unsafe(payload: Mapping[str, Any], item: TriageItem | None) -> bool:
    """True when the person said contact is not safe, asked for none, or abuse at home is indicated."""
    flags = payload.get("flags") or {}
    reporter = payload.get("reporter") or {}
    vulnerability = set(flags.get("vulnerability") or ()) | set((item.vulnerability if item else None) or ())
    return (
        flags.get("safe_to_contact") is False
        or reporter.get("preferred_contact") == ContactMethod.NONE.value
        or VulnerabilityFlag.DOMESTIC_ABUSE.value in vulnerability
    )


def _recorded_crime_number(item: TriageItem | None) -> str | None:
    # Closed as a crime, the outcome's detail is the crime number; any other detail (a
    # partner's name, another reference) is not for the reporter.
    if item is not None and item.outcome == Outcome.CRIME_RECORDED.value:
        return item.outcome_detail or None
    return None


def report_timeline(submission_id: int) -> Timeline | None:
    submission = db.session.get(Submission, submission_id)
    if submission is None:
        db.session.rollback()
        return None
    item = submission.triage_item
    guarded = contact_is_unsafe(submission.payload or {}, item)
    forwarded_at = db.session.scalar(
        select(OutboxMessage.sent_at).where(
            OutboxMessage.submission_id == submission.id,
            OutboxMessage.topic == OutboxTopic.PLATFORM_SUBMISSION.value,
            OutboxMessage.status == OutboxStatus.SENT.value,
        )
    )
    rows = db.session.scalars(
        select(ReporterMessage)
        .where(ReporterMessage.submission_id == submission.id)
        .order_by(ReporterMessage.created_at, ReporterMessage.id)
    ).all()
    timeline = Timeline(
        reference=submission.reference,
        service=submission.service,
        submitted_at=submission.submitted_at,
        status=item.status if item is not None else TriageStatus.NEW.value,
        outcome=item.outcome if item is not None and item.status == TriageStatus.CLOSED.value else None,
        forwarded_at=forwarded_at,
        crime_number=submission.crime_number or _recorded_crime_number(item),
        officer_name=submission.officer_name,
        officer_collar_number=submission.officer_collar_number,
        guarded=guarded,
        updates=[
            PlatformUpdate(
                event.status, event.occurred_at, event.crime_number, event.officer_name, event.officer_collar_number,
                None if guarded else event.message_to_reporter,
                bool(event.message_to_reporter),
            )
            for event in submission.platform_events
        ],
        messages=[Message(row.direction, row.created_at, None if guarded else row.body) for row in rows],
    )
    db.session.rollback()
    return timeline
