"""The national platform client's reading of answers: Retry-After, problem documents, classes of failure."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import requests

from integrations.national_platform import error_from_exception, error_from_response, parse_retry_after


def response(status: int, body: object = None, **headers: str) -> requests.Response:
    answer = requests.Response()
    answer.status_code = status
    answer._content = body if isinstance(body, bytes) else json.dumps(body).encode() if body is not None else b""
    answer.headers.update({"Content-Type": "application/problem+json", **headers})
    return answer


def test_retry_after_in_seconds_or_as_a_date() -> None:
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    later = format_datetime(now + timedelta(seconds=90), usegmt=True)
    assert parse_retry_after(later, now=now.timestamp()) == 90.0


def test_a_problem_keeps_its_title_and_pointers_but_never_the_detail() -> None:
    problem = {"type": "urn:x:invalid", "title": "Invalid submission", "status": 422,
               "detail": "reporter.name 'Ann Smith' is too long",
               "errors": [{"pointer": "/reporter/name", "message": "'Ann Smith' is too long"}]}
    error = error_from_response(response(422, problem))
    assert not error.transient and error.status == 422 and not error.outage
    assert str(error) == "422 Invalid submission at /reporter/name"
    assert "Ann" not in str(error) and error.problem is not None and error.problem.pointers == ("/reporter/name",)


def test_which_answers_are_transient_and_which_speak_for_the_whole_platform() -> None:
    for status in (408, 409, 429, 500, 502, 503, 504):
        assert error_from_response(response(status, {"title": "x"})).transient, status
    for status in (400, 403, 404, 413, 415, 422):
        assert not error_from_response(response(status, {"title": "x"})).transient, status
    assert error_from_response(response(503, {"title": "x"}, **{"Retry-After": "30"})).retry_after == 30
    assert error_from_response(response(503, None)).outage and not error_from_response(response(500, None)).outage
    assert error_from_response(response(500, b"not json"), maybe_stored=True).maybe_stored


def test_network_failures_say_whether_the_platform_may_have_the_request() -> None:
    read_timeout = error_from_exception(requests.ReadTimeout("read timed out"), sent=True)
    assert read_timeout.transient and read_timeout.maybe_stored and read_timeout.outage
    connect_timeout = error_from_exception(requests.ConnectTimeout("connect timed out"), sent=True)
    assert not connect_timeout.maybe_stored
    lookup = error_from_exception(requests.ConnectionError("reset"), sent=False)
    assert not lookup.maybe_stored and lookup.error_class == "ConnectionError"
