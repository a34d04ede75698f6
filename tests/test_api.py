"""The JSON intake API: keys, validation by the journeys' own schemas, idempotency, OpenAPI 3.1."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate as validate_openapi
from sqlalchemy import func, select

from services.api_keys import create_api_key, revoke_api_key
from services.db import db
from services.enums import Channel
from services.models import OutboxMessage, Submission, TriageItem
from tests.contract import contract_errors

URL = "/api/v1/submissions"


def crime_answers(**changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "happening_now": "no", "reporter_role": "victim", "category": "theft", "hostility": [],
        "date_known": "yes", "occurred_on": "2026-11-03", "occurred_time": "14:30",
        "postcode": "B4 6NQ", "location_description": "Outside the library",
        "description": "My bike was taken from the rack.", "suspect_known": "no", "property_involved": "no",
        "anyone_hurt": "no", "risk_factors": [], "full_name": "Ann Example", "date_of_birth": "1990-02-14",
        "address_line_1": "1 High Street", "address_town": "Birmingham", "address_postcode": "B4 6NQ",
        "email": "ann@example.com", "phone": "07700 900982", "preferred_contact": "email", "safe_to_contact": "yes",
        "interpreter_needed": "no",
    }
    answers.update(changes)
    return {key: value for key, value in answers.items() if value is not None}


@pytest.fixture()
def api_key(app: Flask) -> str:
    with app.app_context():
        return create_api_key("101 voice assistant", Channel.VOICE)[1]


def post(client: FlaskClient, body: Any, key: str | None, **headers: str) -> Any:
    raw = body if isinstance(body, (bytes, str)) else json.dumps(body)
    auth = {"Authorization": f"Bearer {key}"} if key else {}
    return client.post(URL, data=raw, headers={"Content-Type": "application/json", **auth, **headers})


def counts(app: Flask) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(db.session.scalar(select(func.count()).select_from(m)) for m in (Submission, OutboxMessage, TriageItem))  # type: ignore[return-value]


def pointers(response: Any) -> dict[str, str]:
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    return {e["pointer"]: e["message"] for e in response.get_json()["errors"]}


def test_a_valid_submission_is_stored_triaged_and_queued_like_a_web_one(app: Flask, api_key: str) -> None:
    response = post(app.test_client(), {"service": "report-a-crime", "language": "cy", "answers": crime_answers()}, api_key)
    assert response.status_code == 201, response.get_data(as_text=True)
    receipt = response.get_json()
    assert receipt["service"] == "report-a-crime" and receipt["status"] == "received"
    with app.app_context():
        submission = db.session.scalars(select(Submission)).one()
        assert submission.reference == receipt["reference"] and submission.channel == "voice"
        payload = submission.payload
    assert contract_errors("Submission", payload) == []
    assert payload["channel"] == "voice" and payload["language"] == "cy"
    record = {row["question_id"]: row for row in payload["answers"]}
    assert record["reporter-role.reporter_role"]["answer"] == "Fi yw’r dioddefwr"  # in the person's language
    assert record["description.description"]["answer"] == "My bike was taken from the rack."
    # One platform message, one email (safe to contact, email given), one triage item.
    assert counts(app) == (1, 2, 1)


@pytest.mark.parametrize("key", [None, "fc_nothere_0000", "not-a-key", "Basic abc"])
def test_missing_and_wrong_keys_are_refused(app: Flask, key: str | None) -> None:
    response = post(app.test_client(), {"service": "report-a-crime", "answers": crime_answers()}, key)
    assert response.status_code == 401 and response.mimetype == "application/problem+json"
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert counts(app) == (0, 0, 0)


def test_a_revoked_key_stops_working_at_once(app: Flask, api_key: str) -> None:
    client = app.test_client()
    assert post(client, {"service": "report-a-crime", "answers": crime_answers()}, api_key).status_code == 201
    with app.app_context():
        assert revoke_api_key(api_key.split("_")[1])
    assert post(client, {"service": "report-a-crime", "answers": crime_answers()}, api_key).status_code == 401


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"answers": crime_answers()}, {"/service": "Missing data for required field."}),
        ({"service": "report-a-unicorn", "answers": crime_answers()}, {"/service"}),
        ({"service": "report-a-crime", "language": "fr", "answers": crime_answers()}, {"/language"}),
        ({"service": "report-a-crime"}, {"/answers"}),
        ({"service": "report-a-crime", "answers": crime_answers(favourite_colour="blue")}, {"/answers/favourite_colour"}),
        ({"service": "report-a-crime", "answers": crime_answers(category="arson")}, {"/answers/category"}),
        ({"service": "report-a-crime", "answers": crime_answers(description=None)}, {"/answers/description"}),
        ({"service": "report-a-crime", "answers": crime_answers(description="x" * 20_001)}, {"/answers/description"}),
        ({"service": "report-a-crime", "answers": crime_answers(occurred_on="2999-01-01")}, {"/answers/occurred_on"}),
        ({"service": "report-a-crime", "answers": crime_answers(occurred_on="31/02/2026")}, {"/answers/occurred_on"}),
        ({"service": "report-a-crime", "answers": crime_answers(email="not-an-email")}, {"/answers/email"}),
        ({"service": "report-a-crime", "answers": crime_answers(address_postcode="XYZ")}, {"/answers/address_postcode"}),
        ({"service": "report-a-crime", "answers": crime_answers(happening_now="yes")}, {"/answers/happening_now"}),
        ({"service": "report-a-crime", "answers": crime_answers(anyone_hurt="yes")}, {"/answers/injury_details"}),
        # An answer to a page that does not apply: injuries are not asked of organisations.
        ({"service": "report-a-crime", "answers": crime_answers(reporter_role="organisation", organisation_name="Shop Ltd",
                                                                date_of_birth=None, risk_factors=None)},
         {"/answers/anyone_hurt"}),
        ({"service": "report-a-crime", "answers": crime_answers(reporter_role="applicant")}, {"/answers/reporter_role"}),
        ({"service": "report-a-crime", "answers": crime_answers(hostility="race")}, {"/answers/hostility"}),
    ],
    ids=["no service", "unknown service", "unknown language", "no answers", "unknown question", "bad choice",
         "missing required", "too long", "future date", "impossible date", "bad email", "bad postcode", "emergency",
         "cross-field rule", "page does not apply", "role of another service", "list expected"],
)
def test_every_kind_of_validation_error_is_a_problem_with_pointers(
    app: Flask, api_key: str, body: dict[str, Any], expected: set[str] | dict[str, str]
) -> None:
    found = pointers(post(app.test_client(), body, api_key))
    assert set(expected) <= set(found), found
    if isinstance(expected, dict):
        assert all(found[pointer] == message for pointer, message in expected.items())
    assert counts(app) == (0, 0, 0)


@pytest.mark.parametrize(
    ("raw", "content_type", "status"),
    [
        (b'{"service": "report-a-crime", "service": "report-a-crime", "answers": {}}', "application/json", 400),
        (b'{"service": NaN}', "application/json", 400),
        (b"[1, 2]", "application/json", 400),
        (b"\xff\xfe{}", "application/json", 400),
        (b'{"service": "report-a-crime", "answers": {"full_name": "Ann\\u0000"}}', "application/json", 400),
        (b"{not json", "application/json", 400),
        (b"service=report-a-crime", "application/x-www-form-urlencoded", 415),
    ],
    ids=["duplicate keys", "NaN", "not an object", "not UTF-8", "NUL character", "broken JSON", "a form post"],
)
def test_unreadable_bodies_are_refused_with_a_problem(app: Flask, api_key: str, raw: bytes, content_type: str, status: int) -> None:
    response = app.test_client().post(URL, data=raw, headers={"Content-Type": content_type, "Authorization": f"Bearer {api_key}"})
    assert response.status_code == status and response.mimetype == "application/problem+json"
    assert counts(app) == (0, 0, 0)


def test_idempotent_replay_and_key_reuse(app: Flask, api_key: str) -> None:
    client = app.test_client()
    body = {"service": "report-a-crime", "answers": crime_answers()}
    first = post(client, body, api_key, **{"Idempotency-Key": "call-8812"})
    again = post(client, body, api_key, **{"Idempotency-Key": "call-8812"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json()["reference"] == again.get_json()["reference"]
    other = post(client, {"service": "report-a-crime", "answers": crime_answers(description="Something else")}, api_key,
                 **{"Idempotency-Key": "call-8812"})
    assert other.status_code == 422 and other.get_json()["title"] == "Idempotency-Key reused"
    assert post(client, body, api_key, **{"Idempotency-Key": "bad key with spaces"}).status_code == 400
    assert counts(app)[0] == 1
    # Another channel's key has its own keyspace: the same Idempotency-Key is a new request.
    with app.app_context():
        chat_key = create_api_key("web chat", Channel.CHAT)[1]
    assert post(client, body, chat_key, **{"Idempotency-Key": "call-8812"}).status_code == 201
    assert counts(app)[0] == 2


def test_the_services_list_describes_each_question_in_either_language(app: Flask) -> None:
    client = app.test_client()
    services = {s["slug"]: s for s in client.get("/api/v1/services").get_json()["services"]}
    crime = services["report-a-crime"]
    assert crime["kind"] == "crime" and crime["group"] == "report"
    questions = {q["name"]: q for page in crime["pages"] for q in page["questions"]}
    assert questions["category"]["type"] == "choice" and questions["category"]["required"] is True
    assert {"value": "theft", "label": "Theft"} in questions["category"]["choices"]
    assert questions["occurred_on"]["type"] == "date"
    welsh = {s["slug"]: s for s in client.get("/api/v1/services?lang=cy").get_json()["services"]}
    assert welsh["report-a-crime"]["title"] == "Riportio trosedd"


def test_the_openapi_document_is_valid_openapi_31_and_generated_from_the_schemas(app: Flask) -> None:
    document = app.test_client().get("/api/v1/openapi.json").get_json()
    validate_openapi(document)
    assert document["openapi"] == "3.1.0"
    answers = document["components"]["schemas"]["ReportACrimeAnswers"]
    assert answers["properties"]["category"]["enum"] == ["theft", "burglary", "criminal_damage", "assault", "harassment",
                                                         "hate", "vehicle", "other"]
    assert answers["additionalProperties"] is False
    assert "/api/v1/submissions" in document["paths"]


def test_the_api_key_commands(app: Flask) -> None:
    runner = app.test_cli_runner()
    created = runner.invoke(args=["api-keys", "create", "Partner app", "--channel", "api"])
    assert created.exit_code == 0, created.output
    key = created.output.strip().splitlines()[-1]
    prefix = key.split("_")[1]
    listing = runner.invoke(args=["api-keys", "list"])
    assert prefix in listing.output and "live" in listing.output and key not in listing.output
    assert runner.invoke(args=["api-keys", "create", "Web", "--channel", "web"]).exit_code != 0
    assert runner.invoke(args=["api-keys", "revoke", prefix]).exit_code == 0
    assert "revoked" in runner.invoke(args=["api-keys", "list"]).output
    assert runner.invoke(args=["api-keys", "revoke", prefix]).exit_code != 0
