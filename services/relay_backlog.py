"""What supervisors see of the relay: messages waiting, retrying and dead, and requeueing one.

A requeue here is a supervisor's action on one message, audited in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select

from services.audit import record_audit
from services.db import db
from services.enums import OutboxStatus, OutboxTopic
from services.enums.casework import AuditAction
from services.models import OutboxMessage, RelayPause, TriageItem
from services.outbox_admin import DeadMessage, list_dead_messages, revive_dead_messages

PENDING = "pending"
RETRYING = "retrying"
DEAD = "dead"


@dataclass(frozen=True)
class RelayBacklog:
    # counts[topic] = {"pending": n, "retrying": n, "dead": n}, every known topic present
    counts: dict[str, dict[str, int]]
    dead: list[DeadMessage]
    paused: list[tuple[str, datetime]]  # targets paused now, and until when

    def total(self, state: str) -> int:
        return sum(states[state] for states in self.counts.values())


def relay_backlog(now: datetime, dead_shown: int = 100) -> RelayBacklog:
    """Messages not yet delivered, by topic: waiting for a first try, waiting to try again, or dead."""
    try:
        state = case(
            (OutboxMessage.status == OutboxStatus.DEAD.value, DEAD),
            (OutboxMessage.attempts > 0, RETRYING),
            else_=PENDING,
        )
        rows = db.session.execute(
            select(OutboxMessage.topic, state, func.count())
            .where(OutboxMessage.status.in_([OutboxStatus.PENDING.value, OutboxStatus.DEAD.value]))
            .group_by(OutboxMessage.topic, state)
        ).all()
        counts = {topic.value: {PENDING: 0, RETRYING: 0, DEAD: 0} for topic in OutboxTopic}
        for topic, label, count in rows:
            counts.setdefault(topic, {PENDING: 0, RETRYING: 0, DEAD: 0})[label] = int(count)
        dead = list_dead_messages(dead_shown)
        paused = [
            (row.target, row.paused_until)
            for row in db.session.scalars(select(RelayPause).where(RelayPause.paused_until > now).order_by(RelayPause.target))
        ]
        return RelayBacklog(counts, dead, paused)
    finally:
        db.session.rollback()


def requeue_dead_letter(message_id: int, *, actor_id: int, now: datetime) -> bool:
    """Give one dead message a fresh set of attempts, due now; False if it is not dead (any more).

    The idempotency key stays, and the relay first asks the partner whether it already has
    the message, so a requeue can never create a second record. Audited in the same transaction.
    """
    try:
        if revive_dead_messages(OutboxMessage.id == message_id, now=now) != 1:
            db.session.rollback()
            return False
        topic, item_id = db.session.execute(
            select(OutboxMessage.topic, TriageItem.id)
            .outerjoin(TriageItem, TriageItem.submission_id == OutboxMessage.submission_id)
            .where(OutboxMessage.id == message_id)
        ).one()
        record_audit(
            AuditAction.REQUEUED, actor_id=actor_id, triage_item_id=item_id,
            detail={"outbox_message_id": message_id, "topic": topic}, now=now,
        )
        db.session.commit()
        return True
    except BaseException:
        db.session.rollback()
        raise
