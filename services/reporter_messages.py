"""Messages between staff and the person who reported.

Every message shows on the public tracking page. It is emailed too, through the outbox,
only where a confirmation email would be allowed: never when the person said contact is
unsafe or not wanted, when domestic abuse is indicated, or when there is no address.
The outbox row names the message; its words are read from here when the email is sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from services.audit import record_audit
from services.casework_common import Actor, check_text, load_open_item, require_owner, transaction
from services.casework_models import ReporterMessage
from services.db import db
from services.enums import OutboxTopic, TriageStatus
from services.enums import casework_limits as limits
from services.enums.casework import AuditAction, MessageDirection
from services.models import OutboxMessage, Submission, TriageItem
from services.notifications import confirmation_email_allowed
from services.types import utcnow


@dataclass(frozen=True)
class MessageSent:
    message_id: int
    emailed: bool


class UnknownSubmission(Exception):
    pass


def send_message(item_id: int, actor: Actor, body: str, now: datetime | None = None) -> MessageSent:
    return _send(item_id, actor, body, AuditAction.MESSAGED, now or utcnow())


def ask_for_more(item_id: int, actor: Actor, body: str, now: datetime | None = None) -> MessageSent:
    """Ask the reporter for what is missing; the item waits for them until they answer."""
    return _send(item_id, actor, body, AuditAction.ASKED_FOR_MORE, now or utcnow())


def _send(item_id: int, actor: Actor, body: str, action: AuditAction, now: datetime) -> MessageSent:
    text = check_text("body", body, limits.MESSAGE)
    with transaction():
        item = load_open_item(item_id)
        require_owner(item, actor)
        submission = item.submission
        message = ReporterMessage(
            submission_id=submission.id, direction=MessageDirection.TO_REPORTER.value, author_id=actor.id,
            created_at=now, body=text,
        )
        db.session.add(message)
        db.session.flush()
        emailed = confirmation_email_allowed(submission.payload)
        if emailed:
            db.session.add(
                OutboxMessage(
                    submission_id=submission.id, topic=OutboxTopic.MESSAGE_EMAIL.value, available_at=now, created_at=now,
                    body={"template": "message", "language": submission.language, "message_id": message.id},
                )
            )
        if action is AuditAction.ASKED_FOR_MORE:
            item.status = TriageStatus.AWAITING_REPORTER.value
        record_audit(
            action, actor_id=actor.id, triage_item_id=item.id, detail={"message_id": message.id, "emailed": emailed}, now=now
        )
    return MessageSent(message.id, emailed)


def record_reporter_reply(submission_id: int, body: str, now: datetime | None = None) -> ReporterMessage:
    """The reporter's message (from the tracking page). An item waiting for them goes back
    to work; a closed item stays closed, with the message kept for whoever looks next."""
    now = now or utcnow()
    text = body.strip()[: limits.MESSAGE]
    with transaction():
        submission = db.session.get(Submission, submission_id)
        if submission is None:
            raise UnknownSubmission()
        message = ReporterMessage(
            submission_id=submission.id, direction=MessageDirection.FROM_REPORTER.value, created_at=now, body=text
        )
        db.session.add(message)
        # Locked, so a reply and a member of staff's action on the item cannot cross.
        item = db.session.scalars(
            select(TriageItem).where(TriageItem.submission_id == submission.id).with_for_update()
        ).one_or_none()
        if item is not None and item.status == TriageStatus.AWAITING_REPORTER.value:
            item.status = TriageStatus.IN_PROGRESS.value
        db.session.flush()
    return message


def message_text(message_id: int) -> str | None:
    """A message's words, for the email that carries it."""
    message = db.session.get(ReporterMessage, message_id)
    return message.body if message is not None else None
