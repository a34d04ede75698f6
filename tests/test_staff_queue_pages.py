"""The queue page and the item page, as staff see them, in English and Welsh."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import Flask

from services.db import db
from services.enums.casework import StaffRole
from services.models import DeliveryAttempt, OutboxMessage, PlatformEvent, TriageItem
from tests.casework_helpers import add_attachment, make_item, reference_of
from tests.pages import PageClient
from tests.staff_helpers import make_staff, sign_in_as


def signed_in(app: Flask, role: StaffRole, language: str = "en", **names: str) -> tuple[PageClient, int]:
    user = make_staff(app, role, **names)
    client = PageClient(app, language=language)
    sign_in_as(app, client.http, user)
    return client, user


def queue_references(page) -> list[str]:
    return [" ".join(a.get_text().split()) for a in page.soup.select("#queue tbody tr td:first-child a")]


def test_the_queue_page_lists_open_items_most_urgent_first_with_counts(app: Flask) -> None:
    now = datetime.now(UTC)
    later = make_item(app, grade="scheduled", now=now)
    first = make_item(app, grade="emergency", now=now, target_in=timedelta(minutes=-5))
    second = make_item(app, urgency=50, now=now)
    make_item(app, status="closed", now=now)
    client, _ = signed_in(app, StaffRole.CALL_HANDLER)
    page = client.get("/staff/")
    assert queue_references(page) == [reference_of(app, i) for i in (first, second, later)]
    assert page.soup.select_one("#total").get_text().strip() == "3 items"
    assert page.soup.select_one('#status-counts [data-count="new"]').get_text() == "3"
    assert page.soup.select_one('#status-counts [data-count="closed"]').get_text() == "1"
    assert page.soup.select_one('#grade-counts [data-count="emergency"]').get_text() == "1"
    first_row = page.soup.select_one("#queue tbody tr").get_text(" ")
    assert "Overdue" in first_row and "Emergency" in first_row and "Nobody" in first_row


def test_filters_are_a_get_form_and_a_bad_value_is_a_400(app: Flask) -> None:
    asb = make_item(app, service="report-anti-social-behaviour", category="noise")
    make_item(app)
    flagged = make_item(app, urgency=30)
    client, _ = signed_in(app, StaffRole.CALL_HANDLER)
    assert queue_references(client.get("/staff/?service=report-anti-social-behaviour")) == [reference_of(app, asb)]
    assert queue_references(client.get("/staff/?only=flagged")) == [reference_of(app, flagged)]
    assert queue_references(client.get("/staff/?only=mine")) == []
    page = client.get("/staff/?grade=legendary", expected=400)
    assert page.error_summary() and page.title.startswith("Error:")
    client.get("/staff/?page=abc", expected=400)
    client.get("/staff/?page=9", expected=404)


def test_pagination_links_keep_the_filters(app: Flask) -> None:
    for _ in range(27):
        make_item(app, category="theft")
    client, _ = signed_in(app, StaffRole.CALL_HANDLER)
    page = client.get("/staff/?category=theft")
    assert len(page.soup.select("#queue tbody tr")) == 25
    following = page.soup.select_one(".govuk-pagination__next a")["href"]
    assert "category=theft" in following and "page=2" in following
    assert len(client.get(following).soup.select("#queue tbody tr")) == 2


def test_the_item_page_shows_answers_flags_suggestions_and_platform_history(app: Flask) -> None:
    item = make_item(
        app, urgency=40, email="ann@example.com", vulnerability=["self_harm_risk"],
        quality_flags=[{"flag": "weapon", "reason": "The account mentions a knife"}],
        answers=[{"question_id": "account", "question": "What happened?", "answer": "Someone <b>shouted</b>\nat me"}],
    )
    with app.app_context():
        row = db.session.get(TriageItem, item)
        row.suggested_unit = "hate_crime_unit"
        row.suggested_incident_category = "Public safety"
        row.suggested_crime_class = "Public order offences"
        row.completeness_issues = [{"check": "when", "reason": "When it happened"}]
        submission = row.submission
        submission.platform_status, submission.crime_number = "crime_recorded", "20/555555/26"
        db.session.add(PlatformEvent(
            event_id="evt-1", submission_id=submission.id, status="crime_recorded",
            occurred_at=datetime(2026, 11, 26, 13, 0, tzinfo=UTC), crime_number="20/555555/26",
            officer_name="PC Jones", officer_collar_number="4321",
        ))
        message = db.session.query(OutboxMessage).filter_by(submission_id=submission.id).one()
        message.status = "sent"
        db.session.add(DeliveryAttempt(
            outbox_message_id=message.id, attempt=1, worker="w", started_at=datetime.now(UTC), duration_ms=5, outcome="sent",
        ))
        db.session.commit()
    client, _ = signed_in(app, StaffRole.CALL_HANDLER)
    page = client.get(f"/staff/items/{item}")
    answers = page.soup.select_one("#answers + dl")
    assert "Someone <b>shouted</b>" in answers.get_text() and answers.find("b") is None  # escaped, not markup
    flags = page.soup.select_one("#flags + .fc-table-scroll table").get_text(" ")
    assert "Risk of self-harm" in flags and "Said so in the answers" in flags
    assert "The account mentions a knife" in flags and "When it happened" in flags
    suggestions = page.soup.select_one("#suggestions + dl").get_text(" ")
    assert "Hate Crime Unit" in suggestions and "Public safety" in suggestions and "Public order offences" in suggestions
    assert "ann@example.com" in page.soup.select_one("#reporter + dl").get_text()
    history = page.soup.select_one("#platform-history").get_text(" ")
    assert "Crime recorded" in history and "20/555555/26" in history and "PC Jones 4321" in history
    deliveries = page.soup.select_one("#deliveries").get_text(" ")
    assert "To the national platform" in deliveries and "Sent" in deliveries
    assert page.soup.select_one("#audit") is None  # the audit trail is for supervisors


def test_an_attachment_downloads_as_an_attachment(app: Flask) -> None:
    item = make_item(app)
    attachment = add_attachment(app, item, filename='evil"name\u202egnp.exe')
    client, _ = signed_in(app, StaffRole.CALL_HANDLER)
    response = client.http.get(f"/staff/items/{item}/files/{attachment}")
    assert response.status_code == 200
    assert response.data == b"\x89PNG\r\n\x1a\nfake"
    assert response.mimetype == "image/png"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "\u202e" not in disposition and "%E2%80%AE" not in disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    other = make_item(app)
    assert client.http.get(f"/staff/items/{other}/files/{attachment}").status_code == 404
    assert client.http.get(f"/staff/items/{item}/files/99999999999").status_code == 404


def test_bad_item_ids_are_404(app: Flask) -> None:
    client, _ = signed_in(app, StaffRole.SUPERVISOR)
    client.get("/staff/items/424242", expected=404)
    client.get("/staff/items/99999999999999999999", expected=404)
    client.get("/staff/items/424242/grade", expected=404)
    client.post("/staff/items/424242/claim", expected=404)


def test_a_call_handler_cannot_reach_supervisor_pages(app: Flask) -> None:
    item = make_item(app)
    client, _ = signed_in(app, StaffRole.CALL_HANDLER)
    client.get(f"/staff/items/{item}/assign", expected=403)
    client.post(f"/staff/items/{item}/assign", {"assignee": "1"}, expected=403)
    client.get("/staff/escalated", expected=403)


def test_the_pages_are_in_welsh(app: Flask) -> None:
    item = make_item(app, urgency=20)
    client, _ = signed_in(app, StaffRole.SUPERVISOR, language="cy")
    client.get("/staff/")
    client.get("/staff/escalated")
    client.post(f"/staff/items/{item}/claim")
    page = client.get(f"/staff/items/{item}")
    assert page.soup.find("html")["lang"] == "cy"
    for action in ("grade", "allocate", "note", "message", "ask-for-more", "close", "assign"):
        client.get(f"/staff/items/{item}/{action}")
    client.post(f"/staff/items/{item}/grade", {}, expected=400)


def test_supervisors_see_escalated_items_on_their_own_page(app: Flask) -> None:
    from services.escalation import escalate_overdue_items

    now = datetime.now(UTC)
    late = make_item(app, target_in=timedelta(minutes=-1), now=now)
    make_item(app, target_in=timedelta(hours=10), now=now)
    with app.app_context():
        assert escalate_overdue_items(now) == 1
    client, _ = signed_in(app, StaffRole.SUPERVISOR)
    queue = client.get("/staff/")
    assert queue.soup.find("a", href="/staff/escalated") is not None
    page = client.get("/staff/escalated")
    assert queue_references(page) == [reference_of(app, late)]
    assert "Escalated" in page.soup.select_one("#queue tbody tr").get_text(" ")
    assert queue_references(client.get("/staff/?only=escalated")) == [reference_of(app, late)]


def test_welsh_speaking_staff_read_why_each_rule_fired_in_welsh(app: Flask) -> None:
    # Items keep the English reason with the rule's id; the rules file has the Welsh.
    item = make_item(app, quality_flags=[{"flag": "officer_named", "reason": "mentions a police officer"}])
    with app.app_context():
        row = db.session.get(TriageItem, item)
        row.completeness_issues = [{
            "check": "crime_no_suspect_or_location_detail",
            "reason": "no description of the suspect and no detail of the location",
            "question": "Allwch chi ddisgrifio'r person a wnaeth hyn?",
        }]
        db.session.commit()
    english, _ = signed_in(app, StaffRole.CALL_HANDLER)
    flags = english.get(f"/staff/items/{item}").soup.find(id="flags").find_next("table").get_text(" ", strip=True)
    assert "mentions a police officer" in flags and "no description of the suspect" in flags
    welsh, _ = signed_in(app, StaffRole.CALL_HANDLER, language="cy")
    flags = welsh.get(f"/staff/items/{item}").soup.find(id="flags").find_next("table").get_text(" ", strip=True)
    assert "yn sôn am swyddog heddlu" in flags and "dim disgrifiad o'r sawl a amheuir" in flags
    assert "Allwch chi ddisgrifio'r person a wnaeth hyn?" in flags
    assert "mentions a police officer" not in flags
