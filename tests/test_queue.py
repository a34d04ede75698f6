"""The triage queue: its order, every filter, the counts and the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from services.enums.casework import StaffRole
from services.queue import PageOutOfRange, QueueFilters, list_queue
from services.rules import DEFAULT_RULES_PATH, load_rules_file
from services.targets import Deadline
from tests.casework_helpers import NOW, make_item
from tests.staff_helpers import make_staff

# The default rules file's targets: untriaged 24 h (near within 4 h), emergency 15 min (near within 5).
RULES = load_rules_file(DEFAULT_RULES_PATH)


def ids(app: Flask, filters: QueueFilters | None = None, *, me: int = 0, page: int = 1, per_page: int = 25) -> list[int]:
    with app.app_context():
        listing = list_queue(filters or QueueFilters(), me=me, page=page, now=NOW, rules=RULES, per_page=per_page)
        return [row.id for row in listing.rows]


def test_the_queue_orders_by_grade_then_vulnerability_then_time_left_then_age(app: Flask) -> None:
    h = timedelta(hours=1)
    built = {
        # Each grade's rank comes first, whatever the other keys say.
        "rwd": make_item(app, grade="resolution_without_deployment", urgency=90, target_in=-h),
        "scheduled": make_item(app, grade="scheduled", urgency=90, target_in=-h),
        "ungraded_plain_old": make_item(app, urgency=0, target_in=2 * h, age=10 * h),
        "ungraded_plain_new": make_item(app, urgency=0, target_in=2 * h, age=1 * h),
        "ungraded_vulnerable_low": make_item(app, urgency=20, target_in=h),
        "ungraded_vulnerable_high_later": make_item(app, urgency=50, target_in=3 * h),
        "ungraded_vulnerable_high_sooner": make_item(app, urgency=50, target_in=2 * h),
        "priority": make_item(app, grade="priority", urgency=0, target_in=5 * h),
        "emergency_low": make_item(app, grade="emergency", urgency=0, target_in=-2 * h),
        "emergency_high": make_item(app, grade="emergency", urgency=40, target_in=h),
        "closed": make_item(app, grade="emergency", urgency=99, status="closed"),
    }
    expected = [
        "emergency_high", "emergency_low", "priority",
        "ungraded_vulnerable_high_sooner", "ungraded_vulnerable_high_later", "ungraded_vulnerable_low",
        "ungraded_plain_old", "ungraded_plain_new", "scheduled", "rwd",
    ]
    assert ids(app) == [built[name] for name in expected]


def test_each_filter_narrows_the_queue(app: Flask) -> None:
    me = make_staff(app, StaffRole.CALL_HANDLER)
    other = make_staff(app, StaffRole.CALL_HANDLER)
    plain = make_item(app, category="theft")
    asb = make_item(app, service="report-anti-social-behaviour", category="noise")
    graded = make_item(app, grade="priority", category="assault")
    waiting = make_item(app, status="awaiting_reporter", unit="hate_crime", owner_id=me)
    vulnerable = make_item(app, urgency=40, owner_id=other)
    keyword = make_item(app, quality_flags=[{"flag": "weapon", "reason": "mentions a knife"}])
    closed = make_item(app, status="closed")

    assert set(ids(app)) == {plain, asb, graded, waiting, vulnerable, keyword}
    assert ids(app, QueueFilters(service="report-anti-social-behaviour")) == [asb]
    assert ids(app, QueueFilters(category="assault")) == [graded]
    assert ids(app, QueueFilters(grade="priority")) == [graded]
    assert set(ids(app, QueueFilters(grade="ungraded"))) == {plain, asb, waiting, vulnerable, keyword}
    assert ids(app, QueueFilters(status="awaiting_reporter")) == [waiting]
    assert ids(app, QueueFilters(status="closed")) == [closed]
    assert ids(app, QueueFilters(unit="hate_crime")) == [waiting]
    assert set(ids(app, QueueFilters(flagged=True))) == {vulnerable, keyword}
    assert ids(app, QueueFilters(mine=True), me=me) == [waiting]
    assert ids(app, QueueFilters(mine=True, flagged=True), me=other) == [vulnerable]


def test_counts_leave_out_their_own_facet(app: Flask) -> None:
    make_item(app, grade="emergency")
    make_item(app, grade="emergency", status="in_progress")
    make_item(app, grade="scheduled", status="awaiting_reporter")
    make_item(app)
    make_item(app, status="closed", grade="scheduled")
    with app.app_context():
        listing = list_queue(QueueFilters(grade="emergency"), me=0, page=1, now=NOW, rules=RULES)
        assert listing.total == 2
        # Grade counts cover every open item, whatever grade is chosen.
        assert listing.grade_counts == {"emergency": 2, "scheduled": 1, "ungraded": 1}
        # Status counts cover the chosen grade, in every status.
        assert listing.status_counts == {"new": 1, "in_progress": 1}
        everything = list_queue(QueueFilters(), me=0, page=1, now=NOW, rules=RULES)
        assert everything.total == 4
        assert everything.status_counts == {"new": 2, "in_progress": 1, "awaiting_reporter": 1, "closed": 1}


def test_pages_split_the_order_without_overlap(app: Flask) -> None:
    made = [make_item(app, urgency=0, age=timedelta(minutes=60 - n)) for n in range(7)]
    first, second, third = ids(app, per_page=3), ids(app, page=2, per_page=3), ids(app, page=3, per_page=3)
    assert first + second + third == made
    with app.app_context():
        listing = list_queue(QueueFilters(), me=0, page=3, now=NOW, rules=RULES, per_page=3)
        assert (listing.pages, listing.total, len(listing.rows)) == (3, 7, 1)
        with pytest.raises(PageOutOfRange):
            list_queue(QueueFilters(), me=0, page=4, now=NOW, rules=RULES, per_page=3)
        with pytest.raises(PageOutOfRange):
            list_queue(QueueFilters(), me=0, page=0, now=NOW, rules=RULES, per_page=3)


def test_rows_say_whether_an_item_is_due_soon_or_overdue(app: Flask) -> None:
    overdue = make_item(app, target_in=timedelta(minutes=-1))
    # Untriaged: 24 hours, due soon within its last 4.
    soon = make_item(app, target_in=timedelta(hours=3, minutes=59))
    fine = make_item(app, target_in=timedelta(hours=4, minutes=1))
    # Emergency: 15 minutes, due soon within its last 5.
    emergency = make_item(app, grade="emergency", target_in=timedelta(minutes=4))
    calm_emergency = make_item(app, grade="emergency", target_in=timedelta(minutes=6))
    with app.app_context():
        rows = {row.id: row.deadline for row in list_queue(QueueFilters(), me=0, page=1, now=NOW, rules=RULES).rows}
    assert rows == {overdue: Deadline.OVERDUE, soon: Deadline.DUE_SOON, fine: Deadline.ON_TIME, emergency: Deadline.DUE_SOON,
                    calm_emergency: Deadline.ON_TIME}
