"""POST /national-platform/events: signed status updates from the national platform."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from integrations.webhooks import signature
from services.db import db
from services.models import PlatformEvent, Submission
from tests.outbox_helpers import insert_submissions

SECRET = "development-only-webhook-secret"
URL = "/national-platform/events"


def event(reference: str, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "event_id": str(uuid.uuid4()),
        "platform_id": "NP-0123456789AB",
        "force_reference": reference,
        "status": "crime_recorded",
        "occurred_at": "2026-11-25T10:00:00Z",
        "crime_number": "20/123456/26",
        "officer": {"name": "PC Jane Evans", "collar_number": "4512"},
        "message_to_reporter": "We have recorded your crime. PC Evans will call you.",
    }
    body.update(changes)
    return body


def deliver(client: FlaskClient, body: dict[str, Any] | bytes, *, secret: str = SECRET, at: float | None = None,
            header: str | None = None, content_type: str = "application/json") -> Any:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    signed = header if header is not None else signature(secret, raw, int(at if at is not None else time.time()))
    return client.post(URL, data=raw, headers={"Platform-Signature": signed, "Content-Type": content_type})


def history(app: Flask, reference: str) -> tuple[Submission, list[PlatformEvent]]:
    with app.app_context():
        submission = db.session.scalars(select(Submission).where(Submission.reference == reference)).one()
        events = list(submission.platform_events)
        db.session.expunge_all()
        return submission, events


def test_a_signed_event_is_recorded_on_the_submission(app: Flask) -> None:
    [reference] = insert_submissions(app, 1)
    response = deliver(app.test_client(), event(reference))
    assert response.status_code == 204 and response.data == b""
    submission, events = history(app, reference)
    assert submission.platform_status == "crime_recorded"
    assert submission.platform_id == "NP-0123456789AB"
    assert submission.crime_number == "20/123456/26"
    assert (submission.officer_name, submission.officer_collar_number) == ("PC Jane Evans", "4512")
    assert [e.message_to_reporter for e in events] == ["We have recorded your crime. PC Evans will call you."]


def test_a_replayed_event_is_acknowledged_and_has_no_second_effect(app: Flask) -> None:
    [reference] = insert_submissions(app, 1)
    body = event(reference)
    client = app.test_client()
    assert deliver(client, body).status_code == 204
    assert deliver(client, body).status_code == 204
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PlatformEvent)) == 1


def test_events_arriving_out_of_order_keep_the_latest_status(app: Flask) -> None:
    [reference] = insert_submissions(app, 1)
    client = app.test_client()
    deliver(client, event(reference, status="officer_assigned", occurred_at="2026-11-25T12:00:00Z", crime_number=None))
    deliver(client, event(reference, status="in_review", occurred_at="2026-11-25T09:00:00Z", officer=None, crime_number=None))
    submission, events = history(app, reference)
    assert submission.platform_status == "officer_assigned"
    assert submission.officer_name == "PC Jane Evans"
    assert [e.status for e in events] == ["in_review", "officer_assigned"]


def test_wrong_missing_malformed_and_stale_signatures_are_rejected(app: Flask) -> None:
    [reference] = insert_submissions(app, 1)
    client = app.test_client()
    cases = {
        "wrong secret": deliver(client, event(reference), secret="another-secret"),
        "stale": deliver(client, event(reference), at=time.time() - 301),
        "future": deliver(client, event(reference), at=time.time() + 301),
        "missing": deliver(client, event(reference), header=""),
        "malformed": deliver(client, event(reference), header="t=abc,v1=zz"),
    }
    raw = json.dumps(event(reference)).encode()
    tampered = signature(SECRET, raw, int(time.time()))
    cases["body changed after signing"] = deliver(client, raw.replace(b"crime_recorded", b"closed"), header=tampered)
    for name, response in cases.items():
        assert response.status_code == 400, name
        assert response.mimetype == "application/problem+json", name
        assert response.get_json()["title"] == "Signature rejected", name
    submission, events = history(app, reference)
    assert events == [] and submission.platform_status is None


def test_signed_bodies_that_break_the_contract_are_refused_without_a_500(app: Flask) -> None:
    [reference] = insert_submissions(app, 1)
    client = app.test_client()
    bad = [
        event(reference, status="lost"),
        event(reference, event_id="not-a-uuid"),
        event(reference, occurred_at="yesterday"),
        event(reference, unexpected="field"),
        event(reference, message_to_reporter="x" * 5001),
        b"[1, 2, 3]",
        b"{not json",
        b"\xff\xfe",
    ]
    for body in bad:
        response = deliver(client, body)
        assert response.status_code == 400, body
        assert response.mimetype == "application/problem+json"
    assert deliver(client, event(reference), content_type="text/plain").status_code == 415
    _, events = history(app, reference)
    assert events == []


def test_an_event_for_an_unknown_reference_is_acknowledged_and_stores_nothing(app: Flask) -> None:
    response = deliver(app.test_client(), event("WMP-AAAA-BBBB"))
    assert response.status_code == 204
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PlatformEvent)) == 0


def test_other_methods_get_a_problem_document(app: Flask) -> None:
    response = app.test_client().get(URL)
    assert response.status_code == 405
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["status"] == 405


def test_status_changes_at_the_simulator_reach_the_submission_over_http(app: Flask, database_url: str) -> None:
    import requests

    from tests.platform_sim import drain_until, relay_app, running_simulator
    from tests.servers import serve

    [reference] = insert_submissions(app, 1)
    with serve(app) as force_url, running_simulator(callback_url=f"{force_url}{URL}") as sim:
        relay = relay_app(database_url, sim.url)
        try:
            drain_until(relay, lambda: history(app, reference)[0].platform_id is not None)
        finally:
            with relay.app_context():
                db.engine.dispose()
        platform_id = history(app, reference)[0].platform_id
        answer = sim.set_status(
            platform_id, status="officer_assigned", crime_number="20/99/26",
            officer={"name": "PC Rhys Jones", "collar_number": "2231"}, message_to_reporter="PC Jones will call you this week.",
        )
        assert answer["delivery"]["status"] == 204
        submission, events = history(app, reference)
        assert (submission.platform_status, submission.crime_number, submission.officer_collar_number) == (
            "officer_assigned", "20/99/26", "2231")
        assert [e.message_to_reporter for e in events] == ["PC Jones will call you this week."]

        [sent] = sim.events()
        replay = requests.post(
            f"{force_url}{URL}", data=sent["body"].encode(),
            headers={"Platform-Signature": sent["signature"], "Content-Type": "application/json"}, timeout=5,
        )
        assert replay.status_code == 204
        assert len(history(app, reference)[1]) == 1
