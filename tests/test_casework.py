"""Casework use cases: claiming (and racing to claim), grading, targets and escalation,
outcomes and their particulars, and messages to the reporter."""

from __future__ import annotations

import dataclasses
import threading
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from services.casework import Rating, close_item, grade_item
from services.casework_common import Actor, AlreadyOwned, InvalidChoice, ItemClosed, NotAllowed, NotOwner
from services.casework_models import Assessment, AuditEvent, ReporterMessage
from services.db import db
from services.enums.casework import StaffRole, ThriveArea
from services.escalation import escalate_overdue_items
from services.models import OutboxMessage, TriageItem
from services.ownership import assign_item, claim_item, release_item
from services.reporter_messages import ask_for_more, record_reporter_reply, send_message
from services.rules import DEFAULT_RULES_PATH, load_rules_file
from services.rules.model import Target
from tests.casework_helpers import NOW, make_item, reference_of
from tests.staff_helpers import make_staff

RULES = load_rules_file(DEFAULT_RULES_PATH)


def full_ratings(rating: str = "medium") -> dict[str, Rating]:
    return {area.value: Rating(rating, f"About {area.value}") for area in ThriveArea}


def item_row(app: Flask, item_id: int) -> TriageItem:
    with app.app_context():
        item = db.session.get(TriageItem, item_id)
        assert item is not None
        db.session.expunge(item)
        return item


def actions(app: Flask, item_id: int) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.triage_item_id == item_id).order_by(AuditEvent.id)
        ))


def test_claim_takes_an_unowned_item_and_refuses_an_owned_one(app: Flask) -> None:
    ann = make_staff(app, StaffRole.CALL_HANDLER, name="Ann Handler")
    bob = make_staff(app, StaffRole.CALL_HANDLER)
    item = make_item(app)
    with app.app_context():
        claim_item(item, Actor(ann), now=NOW)
        with pytest.raises(AlreadyOwned) as refused:
            claim_item(item, Actor(bob), now=NOW)
        assert refused.value.owner_name == "Ann Handler" and not refused.value.mine
        with pytest.raises(AlreadyOwned) as again:
            claim_item(item, Actor(ann), now=NOW)
        assert again.value.mine
        with pytest.raises(NotOwner):
            release_item(item, Actor(bob), now=NOW)
    row = item_row(app, item)
    assert (row.owner_id, row.status, row.claimed_at) == (ann, "in_progress", NOW)
    assert actions(app, item) == ["claimed"]


def test_two_people_claiming_at_once_leave_exactly_one_owner(app: Flask) -> None:
    handlers = [make_staff(app, StaffRole.CALL_HANDLER) for _ in range(6)]
    for _round in range(3):
        item = make_item(app)
        barrier = threading.Barrier(len(handlers))
        won: list[int] = []
        lost: list[int] = []

        def attempt(
            user_id: int, item_id: int = item, barrier: threading.Barrier = barrier, won: list[int] = won, lost: list[int] = lost
        ) -> None:
            with app.app_context():
                barrier.wait()
                try:
                    claim_item(item_id, Actor(user_id))
                    won.append(user_id)
                except AlreadyOwned:
                    lost.append(user_id)
                finally:
                    db.session.remove()

        threads = [threading.Thread(target=attempt, args=(user,)) for user in handlers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert len(won) == 1 and len(lost) == len(handlers) - 1
        assert item_row(app, item).owner_id == won[0]
        assert actions(app, item) == ["claimed"]


def test_release_and_assign(app: Flask) -> None:
    ann = make_staff(app, StaffRole.CALL_HANDLER)
    bob = make_staff(app, StaffRole.CALL_HANDLER)
    boss = make_staff(app, StaffRole.SUPERVISOR)
    item = make_item(app, owner_id=ann, status="in_progress")
    with app.app_context():
        with pytest.raises(NotAllowed):
            assign_item(item, Actor(ann), bob, now=NOW)
        with pytest.raises(InvalidChoice):
            assign_item(item, Actor(boss, supervisor=True), 999_999, now=NOW)
        assign_item(item, Actor(boss, supervisor=True), bob, now=NOW)
        assert db.session.get(TriageItem, item).owner_id == bob
        release_item(item, Actor(boss, supervisor=True), now=NOW)
        assert db.session.get(TriageItem, item).owner_id is None
    assert actions(app, item) == ["assigned", "released"]


def test_grading_sets_the_grade_and_target_and_a_regrade_is_a_new_assessment(app: Flask) -> None:
    ann = make_staff(app, StaffRole.CALL_HANDLER)
    item = make_item(app, owner_id=ann, urgency=40)
    with app.app_context():
        with pytest.raises(InvalidChoice) as missing:
            grade_item(item, Actor(ann), ratings={**full_ratings(), "risk": Rating("", "x")}, grade="priority",
                       rationale="Because", rules=RULES, now=NOW)
        assert missing.value.field == "risk_rating"
        with pytest.raises(InvalidChoice):
            grade_item(item, Actor(ann), ratings=full_ratings(), grade="priority", rationale="  ", rules=RULES, now=NOW)
        grade_item(item, Actor(ann), ratings=full_ratings(), grade="priority", rationale="Knife mentioned", rules=RULES, now=NOW)
        row = db.session.get(TriageItem, item)
        assert (row.grade, row.first_graded_at, row.target_at) == ("priority", NOW, NOW + timedelta(hours=1))
        later = NOW + timedelta(minutes=20)
        grade_item(item, Actor(ann), ratings=full_ratings("low"), grade="scheduled", rationale="Spoke to them", rules=RULES, now=later)
        row = db.session.get(TriageItem, item)
        assert (row.grade, row.first_graded_at, row.target_at) == ("scheduled", NOW, later + RULES.targets["scheduled"].target)
        made = db.session.scalars(select(Assessment).where(Assessment.triage_item_id == item).order_by(Assessment.id)).all()
        assert [(a.grade, a.is_regrade) for a in made] == [("priority", False), ("scheduled", True)]
        assert made[0].ratings["threat"] == {"rating": "medium", "words": "About threat"}
        assert made[1].ratings["engagement"] == {"rating": "low", "words": "About engagement"}
    assert actions(app, item) == ["graded", "regraded"]


def test_only_the_owner_or_a_supervisor_may_grade(app: Flask) -> None:
    ann = make_staff(app, StaffRole.CALL_HANDLER)
    bob = make_staff(app, StaffRole.CALL_HANDLER)
    item = make_item(app, owner_id=ann)
    with app.app_context(), pytest.raises(NotOwner):
        grade_item(item, Actor(bob), ratings=full_ratings(), grade="priority", rationale="x", rules=RULES, now=NOW)


def test_targets_come_from_the_rules_file(app: Flask) -> None:
    ann = make_staff(app, StaffRole.CALL_HANDLER)
    item = make_item(app, owner_id=ann)
    quick = dataclasses.replace(RULES, targets={**RULES.targets, "emergency": Target(timedelta(minutes=5), timedelta(minutes=1))})
    with app.app_context():
        grade_item(item, Actor(ann), ratings=full_ratings(), grade="emergency", rationale="Now", rules=quick, now=NOW)
        assert db.session.get(TriageItem, item).target_at == NOW + timedelta(minutes=5)


def test_escalation_marks_overdue_open_items_once_with_a_frozen_clock(app: Flask) -> None:
    late = make_item(app, target_in=timedelta(minutes=-1))
    exactly = make_item(app, target_in=timedelta(0))
    not_yet = make_item(app, target_in=timedelta(minutes=1))
    closed = make_item(app, target_in=timedelta(hours=-5), status="closed")
    with app.app_context():
        assert escalate_overdue_items(NOW) == 2
        assert escalate_overdue_items(NOW) == 0
        assert escalate_overdue_items(NOW + timedelta(minutes=2)) == 1
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "escalated").order_by(AuditEvent.id)).all()
        assert [(e.triage_item_id, e.actor_id) for e in events] == [(late, None), (exactly, None), (not_yet, None)]
        assert db.session.get(TriageItem, late).escalated_at == NOW
        assert db.session.get(TriageItem, not_yet).escalated_at == NOW + timedelta(minutes=2)
        assert db.session.get(TriageItem, closed).escalated_at is None


def test_a_regrade_gives_an_escalated_item_a_new_target(app: Flask) -> None:
    ann = make_staff(app, StaffRole.CALL_HANDLER)
    item = make_item(app, owner_id=ann, target_in=timedelta(hours=-1))
    with app.app_context():
        escalate_overdue_items(NOW)
        grade_item(item, Actor(ann), ratings=full_ratings(), grade="scheduled", rationale="x", rules=RULES, now=NOW)
        row = db.session.get(TriageItem, item)
        assert row.escalated_at is None and row.target_at > NOW


@pytest.mark.parametrize(
    ("outcome", "detail", "field", "problem"),
    [
        ("crime_recorded", "", "crime_number", "required"),
        ("crime_recorded", "abc", "crime_number", "format"),
        ("crime_recorded", "CRIME-NUMBER", "crime_number", "format"),
        ("crime_recorded", "20/12<script>", "crime_number", "format"),
        ("referred_to_partner", " ", "partner", "required"),
        ("referred_to_partner", "x" * 101, "partner", "too_long"),
        ("duplicate", "", "duplicate_of", "required"),
        ("duplicate", "WMP-AAAA-BBBB", "duplicate_of", "unknown"),
        ("made_up", "", "outcome", "required"),
    ],
)
def test_outcomes_check_their_particulars(app: Flask, outcome: str, detail: str, field: str, problem: str) -> None:
    ann = make_staff(app, StaffRole.CALL_HANDLER)
    item = make_item(app, owner_id=ann)
    with app.app_context(), pytest.raises(InvalidChoice) as refused:
        close_item(item, Actor(ann), outcome, detail, now=NOW)
    assert (refused.value.field, refused.value.problem) == (field, problem)
    assert item_row(app, item).status == "new"


def test_closing_records_the_outcome_and_releases_the_item(app: Flask) -> None:
    ann = make_staff(app, StaffRole.CALL_HANDLER)
    first = make_item(app, owner_id=ann)
    second = make_item(app, owner_id=ann)
    third = make_item(app, owner_id=ann)
    with app.app_context():
        close_item(first, Actor(ann), "crime_recorded", " 20/123456/25 ", now=NOW)
        with pytest.raises(InvalidChoice) as itself:
            close_item(second, Actor(ann), "duplicate", reference_of(app, second), now=NOW)
        assert itself.value.problem == "itself"
        close_item(second, Actor(ann), "duplicate", reference_of(app, first).lower().replace("-", " "), now=NOW)
        close_item(third, Actor(ann), "referred_to_partner", "Victim Support", now=NOW)
        with pytest.raises(ItemClosed):
            close_item(first, Actor(ann), "advice_given", now=NOW)
        with pytest.raises(ItemClosed):
            claim_item(first, Actor(ann), now=NOW)
    rows = [item_row(app, i) for i in (first, second, third)]
    assert [(r.status, r.outcome, r.outcome_detail, r.owner_id, r.closed_at) for r in rows] == [
        ("closed", "crime_recorded", "20/123456/25", None, NOW),
        ("closed", "duplicate", reference_of(app, first), None, NOW),
        ("closed", "referred_to_partner", "Victim Support", None, NOW),
    ]


def email_rows(app: Flask, item_id: int) -> list[OutboxMessage]:
    with app.app_context():
        item = db.session.get(TriageItem, item_id)
        rows = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.submission_id == item.submission_id, OutboxMessage.topic == "email.message")
        ).all()
        db.session.expunge_all()
        return list(rows)


@pytest.mark.parametrize(
    ("changes", "emailed"),
    [
        ({"email": "ann@example.com"}, True),
        ({}, False),  # no address
        ({"email": "ann@example.com", "flags": {"vulnerability": [], "safe_to_contact": False}}, False),
        ({"email": "ann@example.com", "flags": {"vulnerability": ["domestic_abuse"], "safe_to_contact": True}}, False),
    ],
)
def test_a_message_is_emailed_only_where_that_is_safe(app: Flask, changes: dict, emailed: bool) -> None:
    ann = make_staff(app, StaffRole.CALL_HANDLER)
    item = make_item(app, owner_id=ann, **changes)
    with app.app_context():
        sent = send_message(item, Actor(ann), "We have looked at your report.", now=NOW)
    assert sent.emailed is emailed
    rows = email_rows(app, item)
    assert len(rows) == (1 if emailed else 0)
    if emailed:
        # The outbox names the message; its words stay with the message, not the outbox.
        assert rows[0].body == {"template": "message", "language": "en", "message_id": sent.message_id}
    with app.app_context():
        message = db.session.get(ReporterMessage, sent.message_id)
        assert (message.direction, message.body, message.author_id) == ("to_reporter", "We have looked at your report.", ann)


def test_asking_for_more_waits_for_the_reporter_and_their_reply_resumes_work(app: Flask) -> None:
    ann = make_staff(app, StaffRole.CALL_HANDLER)
    item = make_item(app, owner_id=ann, status="in_progress", email="ann@example.com")
    with app.app_context():
        ask_for_more(item, Actor(ann), "When did this happen?", now=NOW)
        assert db.session.get(TriageItem, item).status == "awaiting_reporter"
        submission_id = db.session.get(TriageItem, item).submission_id
        reply = record_reporter_reply(submission_id, "  Last Tuesday.  ", now=NOW + timedelta(hours=1))
        assert (reply.direction, reply.body, reply.author_id) == ("from_reporter", "Last Tuesday.", None)
        assert db.session.get(TriageItem, item).status == "in_progress"
    assert actions(app, item) == ["asked_for_more"]
    assert len(email_rows(app, item)) == 1


def test_a_reply_to_a_closed_item_is_kept_and_the_item_stays_closed(app: Flask) -> None:
    from services.reporter_messages import UnknownSubmission

    item = make_item(app, status="closed")
    with app.app_context():
        submission_id = db.session.get(TriageItem, item).submission_id
        record_reporter_reply(submission_id, "One more thing", now=NOW)
        assert db.session.get(TriageItem, item).status == "closed"
        kept = db.session.scalars(select(ReporterMessage).where(ReporterMessage.submission_id == submission_id)).all()
        assert [m.body for m in kept] == ["One more thing"]
        with pytest.raises(UnknownSubmission):
            record_reporter_reply(999_999, "Hello", now=NOW)


def test_viewing_an_item_marks_the_reporters_messages_read(app: Flask) -> None:
    from services.item_view import item_details, record_item_viewed

    ann = make_staff(app, StaffRole.CALL_HANDLER)
    item = make_item(app)
    with app.app_context():
        submission_id = db.session.get(TriageItem, item).submission_id
        reply = record_reporter_reply(submission_id, "Hello", now=NOW)
        record_item_viewed(item, ann, now=NOW + timedelta(minutes=5))
        assert db.session.get(ReporterMessage, reply.id).read_at == NOW + timedelta(minutes=5)
        assert item_details(item, with_audit=True).audit[0].record.action == "viewed"
        assert item_details(item, with_audit=False).audit == []
