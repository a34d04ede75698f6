"""Every staff action through the web pages, and the audit trail that records each one."""

from __future__ import annotations

from datetime import timedelta

from click.testing import Result
from flask import Flask
from sqlalchemy import select

from services.casework_models import AuditEvent
from services.db import db
from services.enums.casework import AuditAction, StaffRole
from services.models import OutboxMessage, TriageItem
from services.types import utcnow
from tests.casework_helpers import add_attachment, make_item, reference_of
from tests.pages import PageClient
from tests.staff_helpers import make_staff, sign_in_as

GRADE_FORM = {
    **{f"{area}_rating": "high" for area in ("threat", "harm", "risk", "investigation", "vulnerability", "engagement")},
    **{f"{area}_words": f"Words on {area}" for area in ("threat", "harm", "risk", "investigation", "vulnerability", "engagement")},
    "grade": "priority",
    "rationale": "A knife was mentioned",
}


def signed_in(app: Flask, role: StaffRole, **names: str) -> tuple[PageClient, int]:
    user = make_staff(app, role, **names)
    client = PageClient(app)
    sign_in_as(app, client.http, user)
    return client, user


def trail(app: Flask, item_id: int) -> list[tuple[str, int | None]]:
    with app.app_context():
        return [(e.action, e.actor_id) for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.triage_item_id == item_id).order_by(AuditEvent.id)
        )]


def item_state(app: Flask, item_id: int) -> TriageItem:
    with app.app_context():
        item = db.session.get(TriageItem, item_id)
        db.session.expunge(item)
        return item


def test_every_staff_action_is_in_the_audit_trail(app: Flask) -> None:
    """The issue's must-show: each action a member of staff can take on an item, done
    through the pages, leaves its own audit record, with who did it, shown to supervisors."""
    handler, handler_id = signed_in(app, StaffRole.CALL_HANDLER, name="Hana Handler")
    boss, boss_id = signed_in(app, StaffRole.SUPERVISOR, name="Sam Supervisor")
    other = make_item(app)
    item = make_item(app, email="ann@example.com", target_in=timedelta(minutes=-10))
    attachment = add_attachment(app, item)

    handler.get(f"/staff/items/{item}")                                              # viewed
    assert handler.http.get(f"/staff/items/{item}/files/{attachment}").status_code == 200  # downloaded
    handler.post(f"/staff/items/{item}/claim")                                       # claimed
    handler.post(f"/staff/items/{item}/release")                                     # released
    boss.post(f"/staff/items/{item}/assign", {"assignee": str(handler_id)})          # assigned
    handler.post(f"/staff/items/{item}/grade", GRADE_FORM)                           # graded
    handler.post(f"/staff/items/{item}/grade", {**GRADE_FORM, "grade": "scheduled"})  # regraded
    handler.post(f"/staff/items/{item}/allocate", {"unit": "criminal_investigation"})                   # allocated
    handler.post(f"/staff/items/{item}/note", {"text": "Called the shop"})           # noted
    handler.post(f"/staff/items/{item}/message", {"body": "We are looking at it"})   # messaged
    handler.post(f"/staff/items/{item}/ask-for-more", {"body": "When was this?"})    # asked for more
    with app.app_context():
        db.session.get(TriageItem, item).target_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    result: Result = app.test_cli_runner().invoke(args=["triage", "escalate"])       # escalated (by the system)
    assert result.exit_code == 0 and "Escalated" in result.output
    handler.post(f"/staff/items/{item}/close", {"outcome": "duplicate", "duplicate_of": reference_of(app, other)})  # closed

    expected = [
        (AuditAction.VIEWED, handler_id), (AuditAction.DOWNLOADED_ATTACHMENT, handler_id),
        (AuditAction.CLAIMED, handler_id), (AuditAction.RELEASED, handler_id), (AuditAction.ASSIGNED, boss_id),
        (AuditAction.GRADED, handler_id), (AuditAction.REGRADED, handler_id), (AuditAction.ALLOCATED, handler_id),
        (AuditAction.NOTED, handler_id), (AuditAction.MESSAGED, handler_id), (AuditAction.ASKED_FOR_MORE, handler_id),
        (AuditAction.ESCALATED, None), (AuditAction.CLOSED, handler_id),
    ]
    # Redirects after each action land on the item page, which is itself a (recorded) view.
    recorded = [entry for entry in trail(app, item) if entry[0] != AuditAction.VIEWED.value or entry == trail(app, item)[0]]
    assert recorded == [(action.value, actor) for action, actor in expected]
    # Requeueing a relay message and managing staff accounts are not actions on an item
    # (tests/test_dashboard.py and tests/test_staff_accounts.py check their records).
    every_item_action = {a for a in AuditAction if a is not AuditAction.REQUEUED and not a.value.startswith("staff_")}
    assert {action for action, _ in expected} == every_item_action

    page = boss.get(f"/staff/items/{item}")
    shown = [[" ".join(cell.get_text().split()) for cell in row.select("td")] for row in page.soup.select("#audit-trail tbody tr")]
    whats = [row[2] for row in shown]
    for label in ("Viewed the item", "Downloaded a file", "Claimed", "Released", "Assigned", "Graded", "Regraded",
                  "Allocated to a unit", "Added a note", "Sent a message to the reporter", "Asked the reporter for more",
                  "Escalated: past its target", "Closed"):
        assert label in whats, label
    assert {row[1] for row in shown} >= {"Hana Handler", "Sam Supervisor", "The system"}
    assert ["Regraded", "Scheduled"] == next(row[2:] for row in shown if row[2] == "Regraded")


def test_the_audit_trail_is_not_shown_to_call_handlers(app: Flask) -> None:
    item = make_item(app)
    handler, _ = signed_in(app, StaffRole.CALL_HANDLER)
    assert handler.get(f"/staff/items/{item}").soup.select_one("#audit-trail") is None


def test_the_second_claimer_is_told_who_owns_the_item(app: Flask) -> None:
    item = make_item(app)
    first, _ = signed_in(app, StaffRole.CALL_HANDLER, name="First Person")
    second, _ = signed_in(app, StaffRole.CALL_HANDLER)
    page = first.post(f"/staff/items/{item}/claim")
    assert page.response.headers["Location"].endswith(f"/staff/items/{item}")
    assert "You own this item now" in first.get(f"/staff/items/{item}").text
    refused = second.post(f"/staff/items/{item}/claim", expected=409)
    assert refused.h1 == "Someone else owns this item" and "First Person claimed it first" in refused.text
    # Without owning it, the second person cannot grade or close it, though they may note it.
    assert second.get(f"/staff/items/{item}/grade", expected=409).h1 == "Claim this item first"
    second.post(f"/staff/items/{item}/close", {"outcome": "advice_given"}, expected=409)
    second.post(f"/staff/items/{item}/note", {"text": "Seen"})


def test_forms_show_errors_and_keep_limits(app: Flask) -> None:
    item = make_item(app)
    client, _ = signed_in(app, StaffRole.CALL_HANDLER)
    client.post(f"/staff/items/{item}/claim")
    page = client.post(f"/staff/items/{item}/grade", {"grade": "priority"}, expected=400)
    assert page.error_summary()[0] == ("Select a rating for each part of the assessment", "#threat_rating")
    assert ("Explain why you chose this grade", "#rationale") in page.error_summary()
    page = client.post(f"/staff/items/{item}/note", {"text": "x" * 5001}, expected=400)
    assert page.error_summary() == [("The note must be 5,000 characters or fewer", "#text")]
    page = client.post(f"/staff/items/{item}/close", {"outcome": "crime_recorded", "crime_number": "nonsense"}, expected=400)
    assert page.error_summary() == [("Enter a crime number in the force's format, like 20/123456/25", "#crime_number")]
    page = client.post(f"/staff/items/{item}/close", {"outcome": "duplicate", "duplicate_of": reference_of(app, item)}, expected=400)
    assert page.error_summary() == [("Enter the reference of another report, not this one", "#duplicate_of")]
    page = client.post(f"/staff/items/{item}/allocate", {"unit": "the moon"}, expected=400)
    assert page.error_summary() == [("Select a unit", "#unit")]
    client.post(f"/staff/items/{item}/claim", {"csrf_token": "forged"}, expected=400)
    # Nothing refused left a record or a change: only the claim is in the trail.
    assert trail(app, item) == [("claimed", item_state(app, item).owner_id)]
    assert item_state(app, item).grade is None and item_state(app, item).status == "in_progress"


def test_closed_items_refuse_every_action(app: Flask) -> None:
    item = make_item(app)
    client, _ = signed_in(app, StaffRole.SUPERVISOR)
    client.post(f"/staff/items/{item}/claim")
    client.post(f"/staff/items/{item}/close", {"outcome": "referred_to_partner", "partner": "Victim Support"})
    assert item_state(app, item).outcome_detail == "Victim Support"
    for action in ("grade", "allocate", "note", "message", "ask-for-more", "close", "assign"):
        assert client.get(f"/staff/items/{item}/{action}", expected=409).h1 == "This item is closed"
    client.post(f"/staff/items/{item}/claim", expected=409)
    client.post(f"/staff/items/{item}/release", expected=409)
    client.get(f"/staff/items/{item}")  # still readable


def test_ask_for_more_is_prefilled_from_completeness_issues_and_emails_only_when_safe(app: Flask) -> None:
    safe = make_item(app, email="ann@example.com")
    unsafe = make_item(app, email="ann@example.com", flags={"vulnerability": ["domestic_abuse"], "safe_to_contact": True})
    with app.app_context():
        db.session.get(TriageItem, safe).completeness_issues = [{"check": "when", "reason": "When it happened"}]
        db.session.commit()
    client, _ = signed_in(app, StaffRole.SUPERVISOR)
    page = client.get(f"/staff/items/{safe}/ask-for-more")
    assert "- When it happened" in page.input_value("body")
    client.post(f"/staff/items/{safe}/ask-for-more", {"body": page.input_value("body")})
    assert "online and by email" in client.get(f"/staff/items/{safe}").text
    client.post(f"/staff/items/{unsafe}/message", {"body": "Hello"})
    assert "it was not emailed" in client.get(f"/staff/items/{unsafe}").text
    with app.app_context():
        topics = db.session.scalars(select(OutboxMessage.submission_id).where(OutboxMessage.topic == "email.message")).all()
        assert topics == [db.session.get(TriageItem, safe).submission_id]
    assert item_state(app, safe).status == "awaiting_reporter"
