"""The relay against the simulator over real HTTP: whatever the platform does, nothing is lost."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from services.db import db
from services.models import DeliveryAttempt, RelayPause, Submission
from tests.contract import contract_errors
from tests.journeys import CRIME, crime_pages, send, walk
from tests.outbox_helpers import insert_submissions, message_for, outbox_states
from tests.pages import PageClient
from tests.platform_sim import Sim, drain_until, relay_app
from tests.servers import serve

MakeRelayApp = Callable[..., Flask]


@pytest.fixture()
def make_relay_app(database_url: str, app: Flask) -> Iterator[MakeRelayApp]:
    made: list[Flask] = []

    def make(platform_url: str, **overrides: str) -> Flask:
        made.append(relay_app(database_url, platform_url, **overrides))
        return made[-1]

    yield make
    for application in made:
        with application.app_context():
            db.engine.dispose()


def attempts_for(app: Flask, reference: str) -> list[DeliveryAttempt]:
    message = message_for(app, reference)
    with app.app_context():
        rows = db.session.scalars(
            select(DeliveryAttempt).where(DeliveryAttempt.outbox_message_id == message.id).order_by(DeliveryAttempt.id)
        ).all()
        db.session.expunge_all()
        return list(rows)


def delivered(app: Flask, reference: str) -> Callable[[], bool]:
    return lambda: message_for(app, reference).status == "sent"


def report_a_crime(client: PageClient) -> str:
    walk(client, CRIME, crime_pages())
    return send(client, CRIME)


def seconds_between(earlier: str, later: str) -> float:
    parse = lambda text: datetime.fromisoformat(text.replace("Z", "+00:00"))  # noqa: E731
    return (parse(later) - parse(earlier)).total_seconds()


@pytest.mark.parametrize(
    ("faults", "statuses"),
    [
        ({"statuses": [500, 500]}, [500, 500, 201]),
        ({"statuses": [503, 502], "retry_after": 0}, [503, 502, 201]),
        ({"timeout_rate": 1.0, "hang_seconds": 0.8}, None),
    ],
    ids=["500", "503-502", "timeouts"],
)
def test_transient_failures_still_give_a_reference_and_deliver_once_recovered(
    app: Flask, client: PageClient, sim: Sim, make_relay_app: MakeRelayApp, faults: dict[str, object], statuses: list[int] | None
) -> None:
    sim.faults(**faults)
    reference = report_a_crime(client)  # the person has their reference before any of this
    relay = make_relay_app(sim.url)
    drain_until(relay, lambda: len(attempts_for(app, reference)) >= 2)
    if statuses is None:
        # Timeouts never let a send through while the fault lasts. (With a list of given
        # statuses, the send after them may already have succeeded on a slow machine; the
        # order of answers is checked below instead.)
        assert sim.counters()["created"] == 0
    sim.clear_faults()
    drain_until(relay, delivered(app, reference))

    state = sim.state()
    assert [s["force_reference"] for s in state["submissions"]] == [reference]
    key = message_for(app, reference).idempotency_key
    assert {post["idempotency_key"] for post in sim.posts()} == {key}
    if statuses:
        assert [post["status"] for post in sim.posts(key)] == statuses
    attempts = attempts_for(app, reference)
    assert attempts[-1].outcome == "sent" and all(a.outcome == "retry" for a in attempts[:-1])
    with app.app_context():
        submission = db.session.scalars(select(Submission).where(Submission.reference == reference)).one()
        assert submission.platform_id == state["submissions"][0]["platform_id"]
        assert submission.platform_status == "received"


def test_retry_after_is_honoured_and_every_worker_pauses(
    app: Flask, sim: Sim, make_relay_app: MakeRelayApp
) -> None:
    [reference] = insert_submissions(app, 1)
    sim.faults(statuses=[429], retry_after=1)
    relay = make_relay_app(sim.url)
    drain_until(relay, delivered(app, reference), worker="worker-a")
    first, second = sim.posts(message_for(app, reference).idempotency_key)
    assert (first["status"], second["status"]) == (429, 201)
    assert seconds_between(first["at"], second["at"]) >= 1.0
    with relay.app_context():
        pause = db.session.get(RelayPause, "national_platform")
        assert pause is not None and pause.consecutive_failures == 0  # recovered after the probe succeeded


def test_a_pause_recorded_by_one_worker_holds_back_the_others(app: Flask, sim: Sim, make_relay_app: MakeRelayApp) -> None:
    insert_submissions(app, 3)
    sim.faults(outage_seconds=30, retry_after=30)
    relay = make_relay_app(sim.url)
    from tests.platform_sim import relay_for

    with relay.app_context():
        with relay_for(relay, "worker-a") as first:
            assert first.run_once().counts == {"retry": 3}
        calls = len(sim.state()["requests"])
        with relay_for(relay, "worker-b") as second:
            step = second.run_once()
        assert step.handled == 0 and "national_platform" in step.paused
        assert (step.paused["national_platform"] - datetime.now(step.paused["national_platform"].tzinfo)).total_seconds() > 25
    assert len(sim.state()["requests"]) == calls  # worker b did not call the platform at all
    assert outbox_states(app) == {"pending": 3}


def test_connection_refused_then_recovery(app: Flask, sim: Sim, make_relay_app: MakeRelayApp) -> None:
    [reference] = insert_submissions(app, 1)
    with serve(lambda environ, start: []) as closed_url:
        pass  # the port is closed again: nothing listens there now
    down = make_relay_app(closed_url)
    drain_until(down, lambda: len(attempts_for(app, reference)) >= 1)
    [attempt] = attempts_for(app, reference)
    assert attempt.outcome == "retry" and attempt.error_class == "ConnectionError" and attempt.http_status is None
    assert message_for(app, reference).needs_lookup is False  # nothing reached the platform
    with down.app_context():
        db.session.execute(RelayPause.__table__.delete())
        db.session.commit()
    drain_until(make_relay_app(sim.url), delivered(app, reference))
    assert sim.summary()["distinct_references"] == 1


def test_a_response_lost_after_the_platform_accepted_leaves_exactly_one_record(
    app: Flask, sim: Sim, make_relay_app: MakeRelayApp
) -> None:
    [reference] = insert_submissions(app, 1)
    sim.faults(drop_rate=1.0, hang_seconds=1.0)
    relay = make_relay_app(sim.url)
    drain_until(relay, lambda: message_for(app, reference).needs_lookup)
    sim.clear_faults()
    drain_until(relay, delivered(app, reference))
    time.sleep(1.2)  # the simulator logs the dropped request only once its hang is over
    state = sim.state()
    assert len(state["submissions"]) == 1 and state["counters"]["created"] == 1
    assert len(sim.posts(message_for(app, reference).idempotency_key)) == 1  # the lookup found it: it was not sent again
    assert state["counters"]["lookups"] >= 1
    assert message_for(app, reference).result == state["submissions"][0]["platform_id"]


def test_a_422_is_dead_at_once(app: Flask, sim: Sim, make_relay_app: MakeRelayApp) -> None:
    [good] = insert_submissions(app, 1)
    [bad] = insert_submissions(app, 1, force_code="wmp")  # breaks the contract's pattern
    drain_until(make_relay_app(sim.url), lambda: outbox_states(app) == {"sent": 1, "dead": 1})
    dead = message_for(app, bad)
    assert dead.status == "dead" and dead.attempts == 1 and dead.last_status_code == 422
    assert dead.last_error.startswith("422") and "/force_code" in dead.last_error
    assert message_for(app, good).status == "sent"


def test_always_500_is_dead_after_the_attempt_limit_and_requeue_delivers_it(
    app: Flask, sim: Sim, make_relay_app: MakeRelayApp
) -> None:
    [reference] = insert_submissions(app, 1)
    sim.faults(error_rate=1.0, error_status=500)
    relay = make_relay_app(sim.url)
    drain_until(relay, lambda: message_for(app, reference).status == "dead")
    dead = message_for(app, reference)
    assert dead.attempts == 4 and dead.last_status_code == 500
    assert [a.outcome for a in attempts_for(app, reference)] == ["retry", "retry", "retry", "dead"]

    runner = relay.test_cli_runner()
    listing = runner.invoke(args=["relay", "dead"])
    assert reference in listing.output and "attempts=4" in listing.output
    sim.clear_faults()
    requeued = runner.invoke(args=["relay", "requeue", reference.lower().replace("-", " ")])
    assert requeued.exit_code == 0, requeued.output
    drained = runner.invoke(args=["relay", "drain"])
    assert "1 sent" in drained.output
    again = message_for(app, reference)
    assert again.status == "sent" and again.idempotency_key == dead.idempotency_key
    assert sim.summary()["distinct_references"] == 1
    assert runner.invoke(args=["relay", "requeue", reference]).exit_code != 0  # nothing dead any more


def test_an_expired_token_is_refreshed_once_and_nothing_is_lost(app: Flask, sim: Sim, make_relay_app: MakeRelayApp) -> None:
    relay = make_relay_app(sim.url)
    from tests.platform_sim import relay_for

    insert_submissions(app, 2)
    with relay.app_context(), relay_for(relay) as worker:
        assert worker.drain().counts == {"sent": 2}
        sim.expire_tokens()
        insert_submissions(app, 2)
        assert worker.drain().counts == {"sent": 2}
        assert worker.platform.tokens_fetched == 2
    counters = sim.counters()
    assert counters["tokens_issued"] == 2 and counters["created"] == 4
    assert counters["unauthorised"] >= 1


def test_every_body_sent_validates_against_the_contract(app: Flask, sim: Sim, make_relay_app: MakeRelayApp) -> None:
    for role in ("victim", "witness", "organisation"):
        client = PageClient(app)
        walk(client, CRIME, crime_pages(role=role, property_involved="yes"))
        send(client, CRIME)
    drain_until(make_relay_app(sim.url), lambda: outbox_states(app) == {"sent": 3})
    bodies = [held["body"] for held in sim.state()["submissions"]]
    assert len(bodies) == 3
    for body in bodies:
        assert contract_errors("Submission", body) == []


def test_attachments_are_uploaded_before_the_submission_that_names_them(
    app: Flask, sim: Sim, make_relay_app: MakeRelayApp, tmp_path: Path
) -> None:
    import hashlib

    from services.models import Attachment

    content = b"%PDF-1.4 evidence"
    digest = hashlib.sha256(content).hexdigest()
    item = {"sha256": digest, "filename": "receipt.pdf", "content_type": "application/pdf", "size": len(content)}
    [reference] = insert_submissions(app, 1, attachments=[item])
    with app.app_context():
        submission = db.session.scalars(select(Submission).where(Submission.reference == reference)).one()
        db.session.add(Attachment(submission=submission, sha256=digest, filename="receipt.pdf",
                                  content_type="application/pdf", size=len(content), storage_name="stored-receipt.bin"))
        db.session.commit()
    relay = make_relay_app(sim.url, EVIDENCE_DIR=str(tmp_path))
    # Evidence is kept encrypted with the app's data key; the relay uploads the plain bytes.
    from cryptography.fernet import Fernet

    from tests.conftest import TEST_DATA_KEY

    (tmp_path / "stored-receipt.bin").write_bytes(Fernet(TEST_DATA_KEY).encrypt(content))
    drain_until(relay, delivered(app, reference))
    state = sim.state()
    assert state["attachments"] == [digest]
    paths = [r["path"] for r in state["requests"] if r["path"].startswith("/v1/")]
    assert paths == [f"/v1/attachments/{digest}", "/v1/submissions"]


def test_every_attempt_is_logged_without_personal_data(
    app: Flask, sim: Sim, make_relay_app: MakeRelayApp, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    caplog.set_level(logging.INFO, logger="frontcounter")
    [reference] = insert_submissions(app, 1, email="secret.person@example.com")
    sim.faults(statuses=[503], retry_after=0)
    drain_until(make_relay_app(sim.url), delivered(app, reference))
    lines = [r.getMessage() for r in caplog.records if r.name == "frontcounter.relay"]
    attempts = [line for line in lines if line.startswith("relay attempt")]
    platform = [line for line in attempts if "topic=platform.submission" in line]
    assert any("outcome=retry status=503 error=HTTP503" in line for line in platform)
    assert any("outcome=sent status=201" in line for line in platform)
    assert any("topic=email.confirmation" in line and "outcome=not_configured" in line for line in attempts)
    everything = "\n".join(r.getMessage() for r in caplog.records)
    for personal in ("secret.person@example.com", "Test Person", "My bike was taken", reference):
        assert personal not in everything
