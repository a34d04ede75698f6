"""The supervisor dashboard and the relay page: right numbers, accessible charts, audited requeue, roles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask, render_template_string
from sqlalchemy import select

from frontcounter.staff import dashboard as dashboard_view
from frontcounter.staff.charts import Bar, BarChart
from services.casework_models import AuditEvent
from services.db import db
from services.enums import OutboxStatus, OutboxTopic
from services.enums.casework import AuditAction, StaffRole
from services.models import OutboxMessage, Submission, TriageItem
from services.references import new_reference
from tests.outbox_helpers import contract_payload
from tests.pages import Page, PageClient
from tests.staff_helpers import make_staff, sign_in_as

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
FAR = NOW + timedelta(days=1)


def table(page: Page, table_id: str) -> dict[str, list[str]]:
    """A table's rows as {row header: [cells]}."""
    rows = {}
    for row in page.soup.select(f"table#{table_id} tbody tr"):
        header = row.find("th")
        if header is not None:
            rows[" ".join(header.get_text().split())] = [" ".join(cell.get_text().split()) for cell in row.find_all("td")]
    return rows


def add_item(
    service: str, channel: str, submitted: datetime, *, grade: str | None = None, status: str = "new",
    graded_after: timedelta | None = None, target: datetime = FAR,
) -> tuple[int, int]:
    reference = new_reference("WMP")
    submission = Submission(
        reference=reference, service=service, kind="crime", channel=channel, language="en",
        payload=contract_payload(reference), submitted_at=submitted,
    )
    item = TriageItem(
        submission=submission, grade=grade, status=status, created_at=submitted, target_at=target,
        first_graded_at=submitted + graded_after if graded_after is not None else None,
    )
    db.session.add_all([submission, item])
    db.session.flush()
    return submission.id, item.id


@pytest.fixture()
def seeded(app: Flask, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setattr(dashboard_view, "utcnow", lambda: NOW)
    day = timedelta(days=1)
    with app.app_context():
        s1, _ = add_item("report-a-crime", "web", NOW - timedelta(hours=2), grade="emergency", status="in_progress", graded_after=timedelta(minutes=30))
        s2, _ = add_item("report-a-crime", "web", NOW - timedelta(hours=3), grade="priority", status="in_progress", graded_after=timedelta(hours=2))
        s3, item3 = add_item("report-a-crime", "web", NOW - timedelta(hours=4), target=NOW - timedelta(hours=1))
        s4, _ = add_item("report-a-crime", "web", NOW - day, grade="priority", status="in_progress", graded_after=timedelta(hours=1))
        add_item("report-anti-social-behaviour", "api", NOW - 2 * day, target=NOW - day)
        add_item("report-anti-social-behaviour", "api", NOW - 2 * day, grade="scheduled", status="closed",
                 graded_after=timedelta(hours=4), target=NOW - day)
        add_item("register-business-cctv", "voice", datetime(2026, 11, 7, 0, 30, tzinfo=UTC), target=datetime(2026, 11, 8, tzinfo=UTC))
        add_item("register-business-cctv", "voice", NOW - 14 * day, grade="scheduled", status="in_progress", graded_after=timedelta(hours=10))
        platform, email = OutboxTopic.PLATFORM_SUBMISSION.value, OutboxTopic.CONFIRMATION_EMAIL.value
        dead = OutboxMessage(submission_id=s3, topic=platform, status=OutboxStatus.DEAD.value, attempts=15,
                             last_status_code=503, last_error="server_error", dead_at=NOW - timedelta(minutes=5))
        db.session.add_all([
            OutboxMessage(submission_id=s1, topic=platform),
            OutboxMessage(submission_id=s2, topic=platform, attempts=3),
            dead,
            OutboxMessage(submission_id=s3, topic=email, status=OutboxStatus.DEAD.value, attempts=15, dead_at=NOW),
            OutboxMessage(submission_id=s4, topic=platform, status=OutboxStatus.SENT.value, attempts=1),
        ])
        db.session.commit()
        return {"dead_id": dead.id, "dead_item": item3}


def supervisor(app: Flask, language: str = "en") -> tuple[PageClient, int]:
    client = PageClient(app, language=language)
    user_id = make_staff(app, StaffRole.SUPERVISOR)
    sign_in_as(app, client.http, user_id)
    return client, user_id


def test_the_dashboard_numbers_are_right(app: Flask, seeded: dict[str, Any]) -> None:
    client, _ = supervisor(app)
    page = client.get("/staff/dashboard")
    by_day = table(page, "volumes-by-day")
    assert len(by_day) == 14
    assert list(by_day)[::13] == ["Sat 7 Nov", "Fri 20 Nov"]
    assert by_day["Fri 20 Nov"] == ["3"] and by_day["Thu 19 Nov"] == ["1"] and by_day["Wed 18 Nov"] == ["2"]
    assert by_day["Sat 7 Nov"] == ["1"] and by_day["Sun 8 Nov"] == ["0"]
    assert table(page, "volumes-by-service") == {
        "Register your business CCTV": ["1"], "Report a crime": ["4"], "Report anti-social behaviour": ["2"],
    }
    combined = [
        [" ".join(cell.get_text().split()) for cell in row.find_all("td")]
        for row in page.soup.select("table#volumes-by-day-and-service tbody tr")
    ]
    assert combined == [
        ["Sat 7 Nov", "Register your business CCTV", "1"], ["Wed 18 Nov", "Report anti-social behaviour", "2"],
        ["Thu 19 Nov", "Report a crime", "1"], ["Fri 20 Nov", "Report a crime", "3"],
    ]
    assert table(page, "backlog") == {
        "Emergency": ["1"], "Priority": ["2"], "Scheduled": ["1"], "Resolution without deployment": ["0"], "Not graded yet": ["3"],
    }
    assert page.soup.select_one("#past-target-count").get_text(strip=True) == "3"
    assert table(page, "triage-times") == {"The last 7 days": ["4", "1 h 30 min"], "The last 30 days": ["5", "2 h 0 min"]}
    assert table(page, "channels") == {
        "Website": ["4"], "Partner systems (API)": ["2"], "Voice assistant": ["1"], "Web chat": ["0"],
    }
    relay = table(page, "relay-counts")
    assert relay["Submissions to the national platform"] == ["1", "1", "1"]
    assert relay["Confirmation emails"] == ["0", "0", "1"]
    assert all(counts == ["0", "0", "0"] for kind, counts in relay.items() if kind not in (
        "Submissions to the national platform", "Confirmation emails"))


def test_each_chart_is_named_svg_followed_by_its_table(app: Flask, seeded: dict[str, Any]) -> None:
    client, _ = supervisor(app)
    page = client.get("/staff/dashboard")
    charts = page.soup.select("svg[role=img]")
    assert len(charts) == 3
    for chart in charts:
        assert chart.get("viewBox", chart.get("viewbox")).startswith("0 0 640 ")
        labelled = chart["aria-labelledby"].split()
        assert [chart.find(id=name).name for name in labelled] == ["title", "desc"]
        assert chart.find_next("table") is not None
        assert "<script" not in str(chart)
    volumes = charts[0]
    assert volumes.find("title").get_text() == "Submissions a day, last 14 days"
    assert "7 submissions in the last 14 days" in volumes.find("desc").get_text()
    assert len(volumes.find_all("rect")) == 4  # one bar a day that had submissions


def test_chart_labels_are_escaped(app: Flask) -> None:
    chart = BarChart("x", "T <b>", "D & more", [Bar('<script>alert(1)</script>', 3), Bar("zero", 0)])
    with app.test_request_context():
        html = render_template_string('{% from "staff/_charts.html" import bar_chart %}{{ bar_chart(chart) }}', chart=chart)
    assert "<script>" not in html and "&lt;script&gt;" in html and "T &lt;b&gt;" in html and "D &amp; more" in html
    assert html.count("<rect") == 1


def test_the_past_target_list(app: Flask, seeded: dict[str, Any]) -> None:
    client, _ = supervisor(app)
    page = client.get("/staff/dashboard/past-target")
    rows = page.soup.select("table#past-target tbody tr")
    assert len(rows) == 3
    services = [row.find_all("td")[0].get_text(strip=True) for row in rows]
    assert services == ["Register your business CCTV", "Report anti-social behaviour", "Report a crime"]


def test_the_dashboard_and_relay_page_are_in_welsh(app: Flask, seeded: dict[str, Any]) -> None:
    client, _ = supervisor(app, language="cy")
    page = client.get("/staff/dashboard")  # the page checks fail on any English string of ours
    assert "Gwen 20 Tach" in table(page, "volumes-by-day")
    client.get("/staff/dashboard/past-target")
    client.get("/staff/relay")


def test_requeue_is_done_once_and_audited(app: Flask, seeded: dict[str, Any]) -> None:
    client, user_id = supervisor(app)
    page = client.get("/staff/relay")
    buttons = page.soup.select("table#dead-messages form input[name=message_id]")
    assert str(seeded["dead_id"]) in [button["value"] for button in buttons]
    client.post("/staff/relay/requeue", {"message_id": str(seeded["dead_id"]), "csrf_token": page.csrf_token()})
    after = client.get("/staff/relay")
    assert "The message was requeued" in after.text
    assert table(after, "relay-counts")["Submissions to the national platform"] == ["2", "1", "0"]
    with app.app_context():
        message = db.session.get(OutboxMessage, seeded["dead_id"])
        assert message is not None
        assert (message.status, message.attempts, message.needs_lookup, message.dead_at) == ("pending", 0, True, None)
        events = db.session.scalars(select(AuditEvent)).all()
        assert [(e.action, e.actor_id, e.triage_item_id, e.detail) for e in events] == [
            (AuditAction.REQUEUED.value, user_id, seeded["dead_item"],
             {"outbox_message_id": seeded["dead_id"], "topic": "platform.submission"}),
        ]
    again = client.post("/staff/relay/requeue", {"message_id": str(seeded["dead_id"]), "csrf_token": page.csrf_token()})
    assert again.status == 302
    assert "no longer dead" in client.get("/staff/relay").text
    with app.app_context():
        assert len(db.session.scalars(select(AuditEvent)).all()) == 1


@pytest.mark.parametrize("junk", ["", "abc", "-1", "0", "9" * 5000, "99999999999", "١٢"])
def test_requeue_refuses_junk_ids(app: Flask, seeded: dict[str, Any], junk: str) -> None:
    client, _ = supervisor(app)
    client.post("/staff/relay/requeue", {"message_id": junk}, expected=400)


def test_a_call_handler_cannot_see_the_dashboard_or_requeue(app: Flask, seeded: dict[str, Any]) -> None:
    client = PageClient(app)
    sign_in_as(app, client.http, make_staff(app, StaffRole.CALL_HANDLER))
    for url in ("/staff/dashboard", "/staff/dashboard/past-target", "/staff/relay"):
        client.get(url, expected=403)
    client.post("/staff/relay/requeue", {"message_id": str(seeded["dead_id"])}, expected=403)
    with app.app_context():
        message = db.session.get(OutboxMessage, seeded["dead_id"])
        assert message is not None and message.status == "dead"
        assert db.session.scalars(select(AuditEvent)).all() == []


def test_an_admin_can_see_the_dashboard(app: Flask, seeded: dict[str, Any]) -> None:
    client = PageClient(app)
    sign_in_as(app, client.http, make_staff(app, StaffRole.ADMIN))
    client.get("/staff/dashboard")


def test_an_empty_dashboard_renders(app: Flask) -> None:
    client, _ = supervisor(app)
    page = client.get("/staff/dashboard")
    assert table(page, "triage-times")["The last 7 days"] == ["0", "No items graded"]
    assert "There are no dead messages." in client.get("/staff/relay").text
