"""Escalation: an open item past its target is marked for supervisors, once, by the system.

`escalate_overdue_items` runs from `flask triage escalate` (on a schedule); the queue also
works out "due soon" and "overdue" when it is read, so the marks never wait for the job.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from services.audit import record_audit
from services.casework_common import transaction
from services.db import db
from services.enums import TriageStatus
from services.enums.casework import AuditAction
from services.models import TriageItem


def escalate_overdue_items(now: datetime, *, batch: int = 500) -> int:
    """Mark every open, unescalated item whose target has passed; returns how many."""
    escalated = 0
    while True:
        with transaction():
            ids = list(
                db.session.scalars(
                    select(TriageItem.id)
                    .where(
                        TriageItem.status != TriageStatus.CLOSED.value,
                        TriageItem.escalated_at.is_(None),
                        TriageItem.target_at <= now,
                    )
                    .order_by(TriageItem.target_at, TriageItem.id)
                    .limit(batch)
                    .with_for_update(skip_locked=True)
                )
            )
            if not ids:
                return escalated
            db.session.execute(
                update(TriageItem)
                .where(TriageItem.id.in_(ids), TriageItem.escalated_at.is_(None))
                .values(escalated_at=now)
                .execution_options(synchronize_session=False)
            )
            for item_id in ids:
                record_audit(AuditAction.ESCALATED, actor_id=None, triage_item_id=item_id, detail={}, now=now)
        escalated += len(ids)
