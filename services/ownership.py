"""Claiming, releasing and assigning items: one owner at a time, safe when two people click together."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, select, update

from services.audit import record_audit
from services.casework_common import (
    Actor,
    AlreadyOwned,
    InvalidChoice,
    NotAllowed,
    NotOwner,
    load_item,
    load_open_item,
    transaction,
)
from services.db import db
from services.enums import TriageStatus
from services.enums.casework import AuditAction, StaffRole
from services.models import TriageItem
from services.staff_models import StaffUser
from services.types import utcnow

# Claiming or being given a new item starts work on it.
_STARTED = case((TriageItem.status == TriageStatus.NEW.value, TriageStatus.IN_PROGRESS.value), else_=TriageItem.status)


def claim_item(item_id: int, actor: Actor, now: datetime | None = None) -> None:
    """Take an unowned item. The conditional UPDATE is the lock: of two people claiming at
    once, the database lets exactly one change the row; the other finds it owned."""
    now = now or utcnow()
    with transaction():
        claimed = db.session.execute(
            update(TriageItem)
            .where(
                TriageItem.id == item_id,
                TriageItem.owner_id.is_(None),
                TriageItem.status != TriageStatus.CLOSED.value,
            )
            .values(owner_id=actor.id, claimed_at=now, status=_STARTED)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            item = load_open_item(item_id)  # raises for a missing or closed item
            owner = db.session.get(StaffUser, item.owner_id) if item.owner_id else None
            raise AlreadyOwned(owner.display_name if owner else "", mine=item.owner_id == actor.id)
        record_audit(AuditAction.CLAIMED, actor_id=actor.id, triage_item_id=item_id, now=now)


def release_item(item_id: int, actor: Actor, now: datetime | None = None) -> None:
    """Give an item back to the queue: its owner may, and so may a supervisor."""
    now = now or utcnow()
    with transaction():
        item = load_open_item(item_id)
        if item.owner_id is None:
            raise NotOwner()
        if item.owner_id != actor.id and not actor.supervisor:
            raise NotOwner()
        previous = item.owner_id
        item.owner_id = None
        item.claimed_at = None
        record_audit(AuditAction.RELEASED, actor_id=actor.id, triage_item_id=item_id, detail={"from": previous}, now=now)


def assign_item(item_id: int, actor: Actor, assignee_id: int, now: datetime | None = None) -> None:
    """A supervisor gives an item to any enabled member of staff, whoever owned it before."""
    now = now or utcnow()
    if not actor.supervisor:
        raise NotAllowed()
    with transaction():
        item = load_open_item(item_id)
        assignee = db.session.get(StaffUser, assignee_id) if 0 < assignee_id < 2**31 else None
        if assignee is None or not assignee.is_enabled:
            raise InvalidChoice("assignee", "unknown")
        previous = item.owner_id
        item.owner_id = assignee.id
        item.claimed_at = now
        if item.status == TriageStatus.NEW.value:
            item.status = TriageStatus.IN_PROGRESS.value
        record_audit(
            AuditAction.ASSIGNED, actor_id=actor.id, triage_item_id=item_id, detail={"to": assignee.id, "from": previous}, now=now
        )


def assignable_staff() -> list[tuple[int, str]]:
    """Everyone an item can be assigned to: enabled staff, by name."""
    rows = db.session.execute(
        select(StaffUser.id, StaffUser.display_name)
        .where(StaffUser.disabled_at.is_(None), StaffUser.role.in_([role.value for role in StaffRole]))
        .order_by(StaffUser.display_name, StaffUser.id)
    ).all()
    return [(row.id, row.display_name) for row in rows]


def owner_of(item_id: int) -> int | None:
    return load_item(item_id).owner_id
