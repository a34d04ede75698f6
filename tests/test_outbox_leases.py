"""Leases on outbox messages: no two live claims, and a stale worker's result is not recorded."""

from __future__ import annotations

import random
from datetime import timedelta

from flask import Flask
from sqlalchemy import select

from integrations.relay import RelayPolicy, backoff_seconds
from services.db import db
from services.enums import AttemptOutcome
from services.models import DeliveryAttempt
from services.notifications import confirmation_email_allowed
from services.outbox import DeliveryResult, claim_due_messages, record_results
from services.types import utcnow
from tests.outbox_helpers import contract_payload, insert_submissions, message_for, outbox_states


def sent(now: object) -> DeliveryResult:
    return DeliveryResult(outcome=AttemptOutcome.SENT, started_at=now, duration_ms=5, http_status=201,  # type: ignore[arg-type]
                          result="NP-0123456789AB")


def test_claims_do_not_overlap_and_take_due_messages_in_order(app: Flask) -> None:
    insert_submissions(app, 5)
    with app.app_context():
        first = claim_due_messages("worker-a", limit=3, lease_seconds=60, topics=("platform.submission",))
        second = claim_due_messages("worker-b", limit=3, lease_seconds=60, topics=("platform.submission",))
        third = claim_due_messages("worker-c", limit=3, lease_seconds=60, topics=("platform.submission",))
    assert len(first) == 3 and len(second) == 2 and third == []
    assert not {m.id for m in first} & {m.id for m in second}
    assert all(m.attempt == 1 for m in first + second)
    assert first[0].payload["force_reference"] == first[0].reference


def test_an_expired_lease_can_be_claimed_again_and_the_stale_worker_records_nothing(app: Flask) -> None:
    [reference] = insert_submissions(app, 1)
    now = utcnow()
    with app.app_context():
        [stale] = claim_due_messages("worker-a", limit=1, lease_seconds=30, now=now)
        assert claim_due_messages("worker-b", limit=1, lease_seconds=30, now=now + timedelta(seconds=10)) == []
        [fresh] = claim_due_messages("worker-b", limit=1, lease_seconds=30, now=now + timedelta(seconds=31))
        assert fresh.id == stale.id and fresh.attempt == 2 and fresh.idempotency_key == stale.idempotency_key

        late = record_results([(stale, sent(now))], worker="worker-a")
        assert late.counts == {"stale": 1}
        assert outbox_states(app) == {"pending": 1}

        on_time = record_results([(fresh, sent(now))], worker="worker-b")
        assert on_time.counts == {"sent": 1}
        attempts = db.session.scalars(select(DeliveryAttempt).order_by(DeliveryAttempt.id)).all()
        assert [(a.worker, a.outcome) for a in attempts] == [("worker-a", "stale"), ("worker-b", "sent")]
    message = message_for(app, reference)
    assert message.status == "sent" and message.result == "NP-0123456789AB" and message.lease_owner is None


def test_a_worker_whose_lease_ran_out_unclaimed_still_records_its_result(app: Flask) -> None:
    [reference] = insert_submissions(app, 1)
    now = utcnow()
    with app.app_context():
        [claimed] = claim_due_messages("worker-a", limit=1, lease_seconds=1, now=now)
        later = now + timedelta(seconds=5)
        assert record_results([(claimed, sent(later))], worker="worker-a", now=later).counts == {"sent": 1}
    assert message_for(app, reference).status == "sent"


def test_full_jitter_backoff_is_capped_and_honours_retry_after() -> None:
    policy = RelayPolicy(backoff_base=2, backoff_cap=60)
    rng = random.Random(7)
    delays = [backoff_seconds(attempt, policy, None, rng) for attempt in range(1, 12) for _ in range(50)]
    assert min(delays) >= 0 and max(delays) <= 60
    assert max(backoff_seconds(1, policy, None, rng) for _ in range(200)) <= 2
    assert max(backoff_seconds(10, policy, None, rng) for _ in range(200)) > 30  # grows towards the cap
    assert all(backoff_seconds(1, policy, 7, rng) >= 7 for _ in range(50))


def test_confirmation_email_is_held_back_where_contact_may_be_unsafe() -> None:
    allowed = contract_payload("WMP-AAAA-BBBB", email="person@example.com")
    assert confirmation_email_allowed(allowed)
    assert not confirmation_email_allowed(contract_payload("WMP-AAAA-BBBB"))
    unsafe = contract_payload("WMP-AAAA-BBBB", email="person@example.com", flags={"vulnerability": [], "safe_to_contact": False})
    assert not confirmation_email_allowed(unsafe)
    abuse = contract_payload("WMP-AAAA-BBBB", email="person@example.com", flags={"vulnerability": ["domestic_abuse"]})
    assert not confirmation_email_allowed(abuse)
    no_contact = contract_payload("WMP-AAAA-BBBB", reporter={"role": "victim", "email": "p@example.com", "preferred_contact": "none"})
    assert not confirmation_email_allowed(no_contact)
