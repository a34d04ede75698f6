"""The triage queue: open items, most urgent first, filtered, counted and paged.

The order (docs/staff-workspace.md explains why):
1. rank by grade: emergency, priority, then ungraded items with a vulnerability flag,
   then ungraded items without one, then scheduled, then resolution without deployment;
2. vulnerability: the urgency score, highest first;
3. time left: the triage target, soonest (or longest past) first;
4. age: oldest first; and the id last, so the order is total and pages never overlap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import String, and_, case, cast, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from services.db import db
from services.enums import Grade, TriageStatus
from services.models import Submission, TriageItem
from services.rules import Rules
from services.staff_models import StaffUser
from services.targets import Deadline, deadline

PER_PAGE = 25
UNGRADED = "ungraded"

GRADE_RANK = case(
    (TriageItem.grade == Grade.EMERGENCY.value, 0),
    (TriageItem.grade == Grade.PRIORITY.value, 1),
    (and_(TriageItem.grade.is_(None), TriageItem.urgency > 0), 2),
    (TriageItem.grade.is_(None), 3),
    (TriageItem.grade == Grade.SCHEDULED.value, 4),
    else_=5,
)
QUEUE_ORDER = (GRADE_RANK, TriageItem.urgency.desc(), TriageItem.target_at, TriageItem.created_at, TriageItem.id)


class PageOutOfRange(Exception):
    pass


@dataclass(frozen=True)
class QueueFilters:
    service: str | None = None
    category: str | None = None
    grade: str | None = None  # a Grade value or UNGRADED
    status: str | None = None  # None: every open status
    unit: str | None = None
    flagged: bool = False
    mine: bool = False
    escalated: bool = False


@dataclass(frozen=True)
class QueueRow:
    id: int
    reference: str
    service: str
    category: str | None
    grade: str | None
    status: str
    urgency: int
    vulnerability: list[str]
    quality_flags: int
    unit: str | None
    owner_id: int | None
    owner_name: str | None
    created_at: datetime
    target_at: datetime
    escalated: bool
    deadline: Deadline


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    total: int
    page: int
    pages: int
    per_page: int
    status_counts: dict[str, int] = field(default_factory=dict)
    grade_counts: dict[str, int] = field(default_factory=dict)


def _is_flagged() -> ColumnElement[bool]:
    # Empty JSON lists are stored as "[]" by both databases' JSON types.
    return or_(
        TriageItem.urgency > 0,
        func.coalesce(cast(TriageItem.vulnerability, String), "[]") != "[]",
        func.coalesce(cast(TriageItem.quality_flags, String), "[]") != "[]",
    )


def _conditions(filters: QueueFilters, me: int) -> dict[str, ColumnElement[bool]]:
    """One condition per facet, so each count can leave its own facet out."""
    found: dict[str, ColumnElement[bool]] = {}
    if filters.status:
        found["status"] = TriageItem.status == filters.status
    else:
        found["status"] = TriageItem.status != TriageStatus.CLOSED.value
    if filters.grade == UNGRADED:
        found["grade"] = TriageItem.grade.is_(None)
    elif filters.grade:
        found["grade"] = TriageItem.grade == filters.grade
    if filters.service:
        found["service"] = Submission.service == filters.service
    if filters.category:
        found["category"] = TriageItem.category == filters.category
    if filters.unit:
        found["unit"] = TriageItem.unit == filters.unit
    if filters.flagged:
        found["flagged"] = _is_flagged()
    if filters.mine:
        found["mine"] = TriageItem.owner_id == me
    if filters.escalated:
        found["escalated"] = TriageItem.escalated_at.is_not(None)
    return found


def _counts(column: Any, conditions: dict[str, ColumnElement[bool]], leave_out: str) -> dict[str, int]:
    wanted = [condition for name, condition in conditions.items() if name != leave_out]
    query = (
        select(column, func.count())
        .select_from(TriageItem)
        .join(Submission, Submission.id == TriageItem.submission_id)
        .where(*wanted)
        .group_by(column)
    )
    return {(key if key is not None else UNGRADED): count for key, count in db.session.execute(query).all()}


def list_queue(
    filters: QueueFilters, *, me: int, page: int, now: datetime, rules: Rules, per_page: int = PER_PAGE
) -> QueuePage:
    if page < 1:
        raise PageOutOfRange()
    conditions = _conditions(filters, me)
    where = list(conditions.values())
    base = select(TriageItem.id).join(Submission, Submission.id == TriageItem.submission_id).where(*where)
    total = db.session.scalar(select(func.count()).select_from(base.subquery())) or 0
    pages = max(1, -(-total // per_page))
    if page > pages:
        raise PageOutOfRange()
    query = (
        select(TriageItem, Submission.reference, Submission.service, StaffUser.display_name)
        .join(Submission, Submission.id == TriageItem.submission_id)
        .outerjoin(StaffUser, StaffUser.id == TriageItem.owner_id)
        .where(*where)
        .order_by(*QUEUE_ORDER)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    rows = [_row(item, reference, service, owner, now, rules) for item, reference, service, owner in db.session.execute(query)]
    # Each facet's counts leave out its own filter, so every choice shows what picking it would give.
    status_counts = _counts(TriageItem.status, conditions, "status")
    grade_counts = _counts(TriageItem.grade, conditions, "grade")
    return QueuePage(rows, total, page, pages, per_page, status_counts, grade_counts)


def _row(item: TriageItem, reference: str, service: str, owner: str | None, now: datetime, rules: Rules) -> QueueRow:
    vulnerable = bool(item.vulnerability)
    return QueueRow(
        id=item.id, reference=reference, service=service, category=item.category, grade=item.grade, status=item.status,
        urgency=item.urgency, vulnerability=list(item.vulnerability or []), quality_flags=len(item.quality_flags or []),
        unit=item.unit, owner_id=item.owner_id, owner_name=owner, created_at=item.created_at, target_at=item.target_at,
        escalated=item.escalated_at is not None,
        deadline=deadline(item.target_at, item.grade, vulnerable, now, rules)
        if item.status != TriageStatus.CLOSED.value else Deadline.ON_TIME,
    )


def queue_categories() -> list[str]:
    """The categories items on the queue have, for the filter's choices."""
    return [c for c in db.session.scalars(select(TriageItem.category).distinct().order_by(TriageItem.category)) if c]
