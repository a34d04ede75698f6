"""Confirmation emails through GOV.UK Notify, sent by the relay from the outbox."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from services.db import db
from services.models import DeliveryAttempt, OutboxMessage, Submission
from tests.fake_notify import TEMPLATE_CY, TEMPLATE_EN, NotifyRecord, notify_settings
from tests.journeys import CRIME, crime_pages, send, walk
from tests.outbox_helpers import message_for, outbox_states
from tests.pages import PageClient
from tests.platform_sim import Sim, drain_until, relay_app

EMAIL = "email.confirmation"


@pytest.fixture()
def relay_with_notify(database_url: str, app: Flask, sim: Sim, notify: tuple[str, NotifyRecord]) -> Iterator[Flask]:
    application = relay_app(database_url, sim.url, **notify_settings(notify[0]))
    yield application
    with application.app_context():
        db.engine.dispose()


def with_contact(pages: list[tuple[str, dict[str, Any]]], **answers: Any) -> list[tuple[str, dict[str, Any]]]:
    return [(page, {**data, **answers} if page == "contact-preference" else data) for page, data in pages]


def report(app: Flask, pages: list[tuple[str, dict[str, Any]]], language: str = "en") -> str:
    client = PageClient(app, language=language)
    walk(client, CRIME, pages)
    return send(client, CRIME)


def email_messages(app: Flask) -> list[OutboxMessage]:
    with app.app_context():
        rows = db.session.scalars(select(OutboxMessage).where(OutboxMessage.topic == EMAIL)).all()
        db.session.expunge_all()
        return list(rows)


def test_an_english_confirmation_names_the_reference_and_service(
    app: Flask, relay_with_notify: Flask, notify: tuple[str, NotifyRecord]
) -> None:
    reference = report(app, crime_pages())
    drain_until(relay_with_notify, lambda: outbox_states(app, EMAIL) == {"sent": 1})
    [email] = notify[1].emails
    assert email["email_address"] == "ann@example.com" and email["template_id"] == TEMPLATE_EN
    assert email["personalisation"] == {
        "reference": reference, "service_name": "Report a crime", "force_name": "West Midlands Police", "force_phone": "101",
    }
    message = message_for(app, reference, EMAIL)
    assert message.result == email["id"] and email["reference"] == message.idempotency_key


def test_a_welsh_confirmation_uses_the_welsh_template_and_words(
    app: Flask, relay_with_notify: Flask, notify: tuple[str, NotifyRecord]
) -> None:
    reference = report(app, crime_pages(), language="cy")
    drain_until(relay_with_notify, lambda: outbox_states(app, EMAIL) == {"sent": 1})
    [email] = notify[1].emails
    assert email["template_id"] == TEMPLATE_CY
    assert email["personalisation"]["reference"] == reference
    assert email["personalisation"]["service_name"] == "Riportio trosedd"


def test_no_email_is_even_queued_where_contact_may_be_unsafe(app: Flask) -> None:
    report(app, with_contact(crime_pages(), safe_to_contact="no"))
    assert email_messages(app) == []


def test_no_email_where_domestic_abuse_is_indicated(app: Flask) -> None:
    report(app, crime_pages(category="assault", risk_factors=["domestic_abuse"]))
    with app.app_context():
        assert db.session.scalar(select(Submission.id)) is not None
    assert email_messages(app) == []


def test_without_a_notify_key_the_email_is_recorded_as_not_configured(app: Flask, sim: Sim, database_url: str) -> None:
    reference = report(app, crime_pages())
    plain = relay_app(database_url, sim.url)
    try:
        drain_until(plain, lambda: outbox_states(app, EMAIL) == {"not_configured": 1})
    finally:
        with plain.app_context():
            db.engine.dispose()
    assert outbox_states(app) == {"sent": 1}  # the platform still gets the submission
    message = message_for(app, reference, EMAIL)
    with app.app_context():
        [attempt] = db.session.scalars(select(DeliveryAttempt).where(DeliveryAttempt.outbox_message_id == message.id)).all()
        assert attempt.outcome == "not_configured" and attempt.error_class == "NotifyNotConfigured"


def test_notify_failures_are_retried_and_a_refusal_is_dead(
    app: Flask, relay_with_notify: Flask, notify: tuple[str, NotifyRecord]
) -> None:
    notify[1].statuses.extend([500, 429])
    first = report(app, crime_pages())
    drain_until(relay_with_notify, lambda: outbox_states(app, EMAIL) == {"sent": 1})
    assert message_for(app, first, EMAIL).attempts == 3

    notify[1].statuses.append(400)
    second = report(app, crime_pages())
    drain_until(relay_with_notify, lambda: message_for(app, second, EMAIL).status == "dead")
    dead = message_for(app, second, EMAIL)
    assert dead.attempts == 1 and dead.last_status_code == 400
    assert len(notify[1].emails) == 1
