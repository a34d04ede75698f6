"""Recording what staff do. Every record is added to the caller's transaction, so an
action and its audit record are committed (or rolled back) together."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select

from services.casework_models import AuditEvent
from services.db import db
from services.enums.casework import AuditAction
from services.types import utcnow


def record_audit(
    action: AuditAction,
    *,
    actor_id: int | None,
    triage_item_id: int | None = None,
    detail: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> AuditEvent:
    event = AuditEvent(
        action=action.value,
        actor_id=actor_id,
        triage_item_id=triage_item_id,
        detail=detail or {},
        occurred_at=now or utcnow(),
    )
    db.session.add(event)
    return event


def audit_trail(triage_item_id: int) -> Sequence[AuditEvent]:
    """An item's audit trail, oldest first."""
    return db.session.scalars(
        select(AuditEvent).where(AuditEvent.triage_item_id == triage_item_id).order_by(AuditEvent.occurred_at, AuditEvent.id)
    ).all()
