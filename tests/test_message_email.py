"""Messages from staff reach the reporter by email through the outbox and GOV.UK Notify,
with their own template and nothing of the report in the email."""

from __future__ import annotations

from flask import Flask

from services.casework_common import Actor
from services.db import db
from services.enums.casework import StaffRole
from services.reporter_messages import send_message
from tests.casework_helpers import make_item, reference_of
from tests.fake_notify import MESSAGE_TEMPLATE_EN, NotifyRecord, notify_settings
from tests.outbox_helpers import outbox_states
from tests.platform_sim import Sim, drain_until, relay_app
from tests.staff_helpers import make_staff

TOPIC = "email.message"


def relay(database_url: str, sim: Sim, **settings: str) -> Flask:
    return relay_app(database_url, sim.url, **settings)


def test_a_message_is_emailed_with_the_message_template_and_no_report_words(
    database_url: str, app: Flask, sim: Sim, notify: tuple[str, NotifyRecord]
) -> None:
    handler = make_staff(app, StaffRole.CALL_HANDLER)
    item = make_item(app, owner_id=handler, email="ann@example.com")
    with app.app_context():
        send_message(item, Actor(handler), "Please call us on 101 about your report.")
    worker = relay(database_url, sim, **notify_settings(notify[0]))
    try:
        drain_until(worker, lambda: outbox_states(app, TOPIC) == {"sent": 1})
    finally:
        with worker.app_context():
            db.engine.dispose()
    [email] = notify[1].emails
    assert email["email_address"] == "ann@example.com" and email["template_id"] == MESSAGE_TEMPLATE_EN
    assert email["personalisation"] == {
        "reference": reference_of(app, item), "message": "Please call us on 101 about your report.",
        "force_name": "West Midlands Police", "force_phone": "101",
    }
    assert "bike" not in str(email)  # the report's own words never travel in the email


def test_without_a_message_template_the_email_is_recorded_as_not_configured(
    database_url: str, app: Flask, sim: Sim, notify: tuple[str, NotifyRecord]
) -> None:
    handler = make_staff(app, StaffRole.CALL_HANDLER)
    item = make_item(app, owner_id=handler, email="ann@example.com")
    with app.app_context():
        send_message(item, Actor(handler), "Hello")
    settings = {**notify_settings(notify[0]), "NOTIFY_MESSAGE_TEMPLATE_EN": "", "NOTIFY_MESSAGE_TEMPLATE_CY": ""}
    worker = relay(database_url, sim, **settings)
    try:
        drain_until(worker, lambda: outbox_states(app, TOPIC) == {"not_configured": 1})
    finally:
        with worker.app_context():
            db.engine.dispose()
    assert notify[1].emails == []
