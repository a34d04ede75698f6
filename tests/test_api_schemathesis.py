"""The intake API against its own OpenAPI document, with Schemathesis.

Schemathesis reads GET /api/v1/openapi.json and sends requests made from it: bodies that
fit the document (positive) and bodies that break it on purpose (negative), with a real API
key. Every answer must be documented: no server error, a documented status, the documented
content type, headers and body schema. (Schema-valid answers that the service's own
cross-field rules refuse with 422 are expected: the document cannot express "a date is
needed when the date is known", so "valid data must be accepted" is not checked.)

Bounded so the whole file takes well under a minute on SQLite: a fixed number of examples
per operation and mode, derandomised so a run is the same each time.
"""

from __future__ import annotations

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from services.api_keys import create_api_key
from services.enums import Channel

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    ignored_auth,
    negative_data_rejection,
]
EXAMPLES = {GenerationMode.POSITIVE: 60, GenerationMode.NEGATIVE: 60}
# Schemathesis leaves out the operation that serves the document it was loaded from.
OPERATIONS = {"POST /api/v1/submissions", "GET /api/v1/services"}


@pytest.fixture()
def api_key(app: Flask) -> str:
    with app.app_context():
        return create_api_key("Schemathesis", Channel.CHAT)[1]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["positive", "negative"])
def test_every_answer_is_one_the_document_promises(app: Flask, api_key: str, mode: GenerationMode) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {operation.label for operation in operations} == OPERATIONS
    auth = {"Authorization": f"Bearer {api_key}"}
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES[mode], deadline=None, database=None, derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def exercise(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=auth, checks=CHECKS)

        exercise()


def test_a_language_the_api_does_not_speak_is_refused_not_answered_in_english(app: Flask) -> None:
    # Found by the test above: `?lang=Q` answered 200 in English, against the document's enum.
    response = app.test_client().get("/api/v1/services?lang=fr")
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert response.get_json()["detail"] == "lang must be en or cy."
    assert app.test_client().get("/api/v1/services?lang=cy").status_code == 200


def test_every_refusal_the_api_can_give_is_documented(app: Flask) -> None:
    paths = app.test_client().get("/api/v1/openapi.json").get_json()["paths"]
    # The input guard refuses an unreadable query string on any path (found by the test above).
    assert "400" in paths["/api/v1/services"]["get"]["responses"]
    assert "400" in paths["/api/v1/openapi.json"]["get"]["responses"]
    too_many = paths["/api/v1/submissions"]["post"]["responses"]["429"]
    assert too_many["headers"]["Retry-After"]["required"] is True


def test_receipts_replays_and_rate_limit_refusals_match_the_document(database_url: str, app: Flask) -> None:
    # Generated answers rarely pass every rule between answers, so the 201, the idempotent
    # 200 and the 429 (with its Retry-After) are checked against the document here.
    from tests.conftest import make_test_app
    from tests.test_api import crime_answers

    # Counted exactly: the default sliding window would let a 3rd call through just after a minute's edge.
    limited = make_test_app(database_url, RATE_LIMIT_API_KEY="2 per minute", RATE_LIMIT_STRATEGY="moving-window")
    with limited.app_context():
        key = create_api_key("Schemathesis", Channel.CHAT)[1]
    operation = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", limited).find_operation_by_label("POST /api/v1/submissions")
    assert operation is not None
    case = operation.Case(
        body={"service": "report-a-crime", "answers": crime_answers()}, media_type="application/json",
        headers={"Authorization": f"Bearer {key}", "Idempotency-Key": "schemathesis-1"},
    )
    # Not ignored_auth here: its requests without a key would use up the small limit first.
    checks = [check for check in CHECKS if check is not ignored_auth]
    statuses = [case.call_and_validate(checks=checks).status_code for _ in range(3)]
    assert statuses == [201, 200, 429]
