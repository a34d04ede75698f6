"""Structured logs: JSON lines, request ids, security events, and no personal data anywhere."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import pytest
from flask import Flask

from frontcounter.config import ConfigError, load_config
from frontcounter.logs import REQUEST_ID_HEADER, JsonFormatter, TextFormatter, _finish_request, make_handler, security_event
from tests.journeys import CRIME, crime_pages, send, walk
from tests.outbox_helpers import insert_submissions
from tests.pages import PageClient
from tests.test_api import crime_answers
from tests.test_api import post as api_post
from tests.test_config import PLATFORM
from tests.test_platform_events import deliver, event

NAME = "Zebedee Quartermaine"
EMAIL = "zebedee.q@example.com"
PHONE = "07700 900123"
ADDRESS = "7 Quince Lane"
TOWN = "Quintonbury"
POSTCODE = "TR21 0PW"
ACCOUNT = "A heron stole my saxophone near the marmalade works"
API_NAME = "Xanthippe Orrowbridge"
API_EMAIL = "xanthippe.o@example.com"
API_PHONE = "07700 900456"
API_ADDRESS = "12 Juniper Wynd"
API_ACCOUNT = "Someone painted my llama purple overnight"
WEBHOOK_PHRASE = "Your gramophone has been found at the quayside depot"
PERSONAL = (NAME, EMAIL, PHONE, ADDRESS, TOWN, POSTCODE, ACCOUNT,
            API_NAME, API_EMAIL, API_PHONE, API_ADDRESS, API_ACCOUNT, WEBHOOK_PHRASE)


@pytest.fixture()
def log_lines() -> Iterator[io.StringIO]:
    """The production handler (JSON formatter and request-id filter) writing to a buffer."""
    stream = io.StringIO()
    handler = make_handler("json", stream)
    logger = logging.getLogger("frontcounter")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def parsed(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def events(stream: io.StringIO, name: str) -> list[dict[str, Any]]:
    return [entry for entry in parsed(stream) if entry["logger"] == "frontcounter.security" and entry.get("event") == name]


def with_personal_values(pages: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
    changes = {
        "full_name": NAME, "email": EMAIL, "phone": PHONE, "address_line_1": ADDRESS, "address_town": TOWN,
        "address_postcode": POSTCODE, "description": ACCOUNT,
    }
    return [(page_id, {key: changes.get(key, value) for key, value in data.items()}) for page_id, data in pages]


def test_no_personal_value_reaches_any_log_record(
    app: Flask, client: PageClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api_key = _api_key(app)

    walk(client, CRIME, with_personal_values(crime_pages()))
    web_reference = send(client, CRIME)

    answers = crime_answers(full_name=API_NAME, email=API_EMAIL, phone=API_PHONE, address_line_1=API_ADDRESS,
                            description=API_ACCOUNT)
    response = api_post(app.test_client(), {"service": "report-a-crime", "answers": answers}, api_key)
    assert response.status_code == 201, response.get_data(as_text=True)
    api_reference = response.get_json()["reference"]
    # Refused and invalid requests carrying personal values are logged without them too.
    assert api_post(app.test_client(), {"service": "report-a-crime", "answers": answers}, "fc_nothere_0000").status_code == 401
    assert api_post(app.test_client(), {"service": "report-a-crime", "answers": {**answers, "email": API_EMAIL + "@"}},
                    api_key).status_code == 422

    [reference] = insert_submissions(app, 1)
    webhook = app.test_client()
    assert deliver(webhook, event(reference, message_to_reporter=WEBHOOK_PHRASE)).status_code == 204
    assert deliver(webhook, event(reference, message_to_reporter=WEBHOOK_PHRASE), secret="wrong").status_code == 400
    assert deliver(webhook, event(reference, message_to_reporter=WEBHOOK_PHRASE, status="exploded")).status_code == 400

    formatter, text = JsonFormatter(), TextFormatter()
    formatted = [formatter.format(record) for record in caplog.records] + [text.format(record) for record in caplog.records]
    assert any('"logger": "frontcounter.access"' in line for line in formatted)
    everything = "\n".join(formatted)
    for personal in (*PERSONAL, web_reference, api_reference, reference):
        assert personal not in everything, f"{personal!r} was logged"
        assert json.dumps(personal)[1:-1] not in everything
        assert quote_plus(personal) not in everything and quote(personal) not in everything


def _api_key(app: Flask) -> str:
    from services.api_keys import create_api_key
    from services.enums import Channel

    with app.app_context():
        return create_api_key("101 voice assistant", Channel.VOICE)[1]


def test_log_lines_are_json_with_the_request_id_of_the_response(app: Flask, log_lines: io.StringIO) -> None:
    client = app.test_client()
    response = client.get("/report-a-crime")
    request_id = response.headers[REQUEST_ID_HEADER]
    assert len(request_id) == 32 and int(request_id, 16) >= 0  # a uuid4, hex
    assert client.get("/report-a-crime").headers[REQUEST_ID_HEADER] != request_id
    entries = parsed(log_lines)
    [access] = [e for e in entries if e["logger"] == "frontcounter.access" and e["request_id"] == request_id]
    assert access["level"] == "INFO" and access["time"].endswith("Z")
    assert (access["method"], access["endpoint"], access["status"], access["service"]) == ("GET", "public.start", 200, "report-a-crime")
    assert isinstance(access["duration_ms"], float)
    for entry in entries:
        assert {"time", "level", "logger", "message"} <= set(entry)


def test_static_files_are_not_in_the_access_log(app: Flask, log_lines: io.StringIO) -> None:
    with app.test_request_context():
        from flask import url_for

        url = url_for("static", filename="does-not-matter.css")
    response = app.test_client().get(url)
    assert REQUEST_ID_HEADER in response.headers
    assert not [e for e in parsed(log_lines) if e["logger"] == "frontcounter.access"]


def test_a_sane_request_id_is_kept_and_anything_else_replaced(app: Flask, log_lines: io.StringIO) -> None:
    client = app.test_client()
    given = "lb-4f1c.9a2e_77"
    assert client.get("/healthz", headers={REQUEST_ID_HEADER: given}).headers[REQUEST_ID_HEADER] == given
    assert any(e.get("request_id") == given for e in parsed(log_lines))
    for insane in ("short", "x" * 65, "has space in it", "semi;colon;value", "quote\"injection\"here"):
        answered = client.get("/healthz", headers={REQUEST_ID_HEADER: insane}).headers[REQUEST_ID_HEADER]
        assert answered != insane and len(answered) == 32


def test_records_outside_a_request_have_no_request_id(app: Flask, log_lines: io.StringIO) -> None:
    logging.getLogger("frontcounter.test").info("outside", extra={"count": 3})
    [entry] = parsed(log_lines)
    assert "request_id" not in entry and entry["count"] == 3 and entry["message"] == "outside"


def test_a_failed_csrf_check_is_a_security_event(app: Flask, client: PageClient, log_lines: io.StringIO) -> None:
    client.get(CRIME)
    page = client.post(f"{CRIME}/happening-now", {"happening_now": "no"}, expected=400, csrf=False)
    [entry] = events(log_lines, "csrf_failed")
    assert entry["level"] == "WARNING" and entry["status"] == 400 and entry["endpoint"] == "public.question"
    assert entry["reason"] and entry["request_id"] == page.response.headers[REQUEST_ID_HEADER]


def test_a_refused_api_key_is_a_security_event_once(app: Flask, log_lines: io.StringIO) -> None:
    response = api_post(app.test_client(), {"service": "report-a-crime", "answers": crime_answers()}, "fc_0123456789ab_wrong")
    assert response.status_code == 401
    [entry] = events(log_lines, "api_key_refused")
    assert (entry["reason"], entry["key_prefix"], entry["status"]) == ("unknown_or_revoked", "0123456789ab", 401)
    assert entry["request_id"] == response.headers[REQUEST_ID_HEADER]
    # The 401 itself is not logged a second time as a generic event.
    assert not events(log_lines, "unauthorised")
    api_post(app.test_client(), {}, None)
    assert [e["reason"] for e in events(log_lines, "api_key_refused")] == ["unknown_or_revoked", "missing"]


def test_a_bad_webhook_signature_is_a_security_event(app: Flask, log_lines: io.StringIO) -> None:
    [reference] = insert_submissions(app, 1)
    response = deliver(app.test_client(), event(reference), secret="another-secret")
    assert response.status_code == 400
    [entry] = events(log_lines, "webhook_rejected")
    assert entry["reason"] == "wrong signature" and entry["request_id"] == response.headers[REQUEST_ID_HEADER]


def test_a_403_or_429_without_a_specific_event_is_logged_generically(app: Flask, log_lines: io.StringIO) -> None:
    # No route answers 403 or 429 yet (staff pages and rate limits come later): the hook is checked directly.
    for status in (403, 429):
        with app.test_request_context("/report-a-crime", headers={REQUEST_ID_HEADER: f"forbidden-test-{status}"}):
            response = _finish_request(app.response_class(status=status))
            assert response.headers[REQUEST_ID_HEADER] == f"forbidden-test-{status}"
    assert [e["request_id"] for e in events(log_lines, "forbidden")] == ["forbidden-test-403"]
    assert [e["status"] for e in events(log_lines, "rate_limited")] == [429]


def test_the_security_event_helper_is_ready_for_later_callers(app: Flask, log_lines: io.StringIO) -> None:
    security_event("sign_in_failed", user_id=42, reason="wrong_password", message="clashes with LogRecord")
    [entry] = events(log_lines, "sign_in_failed")
    assert (entry["user_id"], entry["reason"], entry["level"]) == (42, "wrong_password", "WARNING")
    assert entry["message"].startswith("security event sign_in_failed") and entry["message_"] == "clashes with LogRecord"
    assert "request_id" not in entry


def test_the_text_format_carries_the_request_id_and_extras() -> None:
    record = logging.makeLogRecord({"name": "frontcounter.x", "levelname": "INFO", "levelno": 20, "msg": "hello %s",
                                    "args": ("there",), "request_id": "abcdefgh1", "count": 2})
    line = TextFormatter().format(record)
    assert "INFO frontcounter.x hello there" in line and "request_id=abcdefgh1" in line and "count=2" in line


def test_log_format_is_chosen_by_environment_and_checked(tmp_path: Path) -> None:
    assert load_config({"APP_ENV": "development"}, tmp_path)["LOG_FORMAT"] == "text"
    assert load_config({"APP_ENV": "test"}, tmp_path)["LOG_FORMAT"] == "json"
    assert load_config({"SECRET_KEY": "s" * 40, **PLATFORM}, tmp_path)["LOG_FORMAT"] == "json"
    assert load_config({"APP_ENV": "development", "LOG_FORMAT": "JSON"}, tmp_path)["LOG_FORMAT"] == "json"
    with pytest.raises(ConfigError, match="LOG_FORMAT must be json or text"):
        load_config({"APP_ENV": "development", "LOG_FORMAT": "xml"}, tmp_path)
