"""The national platform simulator, spoken to over real HTTP the way the relay will speak to it."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask, Response, request

from integrations.simulator import SimulatorSettings, create_simulator, settings_from_env, sign
from tests.contract import contract_errors
from tests.servers import serve

ROOT = Path(__file__).resolve().parent.parent
JPEG = b"\xff\xd8\xff\xe0" + b"not really a photo" * 10
JPEG_SHA = hashlib.sha256(JPEG).hexdigest()


def submission(reference: str = "WMP-7K3M9Q2X", **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "schema_version": "1.0",
        "force_code": "WMP",
        "force_reference": reference,
        "service": "report-a-crime",
        "kind": "crime",
        "submitted_at": "2025-11-25T10:15:00Z",
        "language": "en",
        "channel": "web",
        "reporter": {"role": "victim"},
        "summary": "Someone took my bike from outside the library.",
        "answers": [{"question_id": "what_happened", "question": "What happened?", "answer": "My bike was stolen."}],
    }
    body.update(changes)
    return body


class Platform:
    """A tiny client: one base URL, one token, and helpers for the calls every test makes."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.token = ""

    def fetch_token(self) -> str:
        response = requests.post(
            f"{self.base}/oauth/token", data={"grant_type": "client_credentials"}, auth=("frontcounter", "simulator-secret"), timeout=5
        )
        assert response.status_code == 200, response.text
        self.token = response.json()["access_token"]
        return self.token

    def headers(self, key: str | None = None, **extra: str) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.token}", **extra}
        if key is not None:
            headers["Idempotency-Key"] = key
        return headers

    def lodge(self, body: Any, key: str | None = None, timeout: float = 5, **extra: str) -> requests.Response:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers = self.headers(key or str(uuid.uuid4()), **{"Content-Type": "application/json", **extra})
        return requests.post(f"{self.base}/v1/submissions", data=data, headers=headers, timeout=timeout)

    def find(self, reference: str) -> requests.Response:
        return requests.get(f"{self.base}/v1/submissions", params={"force_reference": reference}, headers=self.headers(), timeout=5)

    def upload(
        self, data: bytes, sha: str | None = None, content_type: str = "image/jpeg", key: str | None = "upload-1"
    ) -> requests.Response:
        headers = self.headers(key, **{"Content-Type": content_type})
        return requests.put(f"{self.base}/v1/attachments/{sha or hashlib.sha256(data).hexdigest()}", data=data, headers=headers, timeout=5)

    def admin(self, method: str, path: str, body: Any = None) -> requests.Response:
        return requests.request(method, f"{self.base}/_simulator/{path}", json=body, timeout=5)

    def state(self) -> dict[str, Any]:
        return self.admin("GET", "state").json()

    def counters(self) -> dict[str, int]:
        return self.state()["counters"]


@pytest.fixture
def start() -> Iterator[Callable[..., Platform]]:
    """Start a simulator with its own settings (as keywords) on a loopback port; stopped after the test."""
    servers: list[Any] = []

    def starter(**settings: Any) -> Platform:
        context = serve(create_simulator(SimulatorSettings(**settings)))
        servers.append(context)
        platform = Platform(context.__enter__())
        platform.fetch_token()
        return platform

    yield starter
    for context in reversed(servers):
        context.__exit__(None, None, None)


@pytest.fixture(scope="module")
def shared_base() -> Iterator[str]:
    # One server for every test with default settings: stopping a server costs up to half a second.
    with serve(create_simulator()) as base:
        yield base


@pytest.fixture
def platform(shared_base: str) -> Platform:
    """The shared simulator, reset (which the reset test proves forgets everything) and with a fresh token."""
    platform = Platform(shared_base)
    assert platform.admin("POST", "reset").status_code == 200
    platform.fetch_token()
    return platform


def assert_problem(response: requests.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/problem+json"
    document = response.json()
    assert contract_errors("Problem", document) == []
    assert {"type", "title", "status", "detail"} <= set(document)
    assert document["status"] == status
    return document


def test_tokens_are_issued_only_to_the_client_with_the_client_credentials_grant(platform: Platform) -> None:
    url = f"{platform.base}/oauth/token"
    grant = {"grant_type": "client_credentials", "scope": "submissions:write"}
    assert_problem(requests.post(url, data=grant, auth=("frontcounter", "wrong"), timeout=5), 401)
    assert_problem(requests.post(url, data=grant, timeout=5), 401)
    assert_problem(requests.post(url, data={"grant_type": "password"}, auth=("frontcounter", "simulator-secret"), timeout=5), 400)

    response = requests.post(url, data=grant, auth=("frontcounter", "simulator-secret"), timeout=5)
    assert response.status_code == 200
    issued = response.json()
    assert issued["token_type"] == "Bearer" and issued["expires_in"] == 3600 and len(issued["access_token"]) >= 32
    assert issued["access_token"] != platform.token

    lookup = f"{platform.base}/v1/submissions?force_reference=WMP-7K3M9Q2X"
    assert_problem(requests.get(lookup, timeout=5), 401)
    assert_problem(requests.get(lookup, headers={"Authorization": "Bearer not-a-token"}, timeout=5), 401)
    assert_problem(requests.get(lookup, headers={"Authorization": "Basic Zm9vOmJhcg=="}, timeout=5), 401)
    assert requests.get(lookup, headers={"Authorization": f"Bearer {issued['access_token']}"}, timeout=5).json() == {"items": []}
    assert platform.counters()["unauthorised"] == 5


def test_tokens_expire_after_their_lifetime(start: Callable[..., Platform]) -> None:
    platform = start(token_ttl_seconds=1)
    assert platform.find("WMP-7K3M9Q2X").status_code == 200
    time.sleep(1.1)
    assert_problem(platform.find("WMP-7K3M9Q2X"), 401)


def test_a_submission_is_received_once_and_a_replay_returns_the_same_receipt(platform: Platform) -> None:
    body = submission()
    first = platform.lodge(body, key="key-1")
    assert first.status_code == 201, first.text
    receipt = first.json()
    assert contract_errors("Receipt", receipt) == []
    assert receipt["status"] == "received" and receipt["force_reference"] == "WMP-7K3M9Q2X"
    assert receipt["platform_id"].startswith("NP-") and len(receipt["platform_id"]) == 15

    reordered = dict(reversed(list(body.items())))  # key order and spacing do not make a different body
    replay = platform.lodge(json.dumps(reordered, indent=2).encode(), key="key-1")
    assert replay.status_code == 200
    assert replay.json() == receipt

    changed = platform.lodge(submission(summary="A different account."), key="key-1")
    assert assert_problem(changed, 422)["type"].endswith("key-mismatch")

    state = platform.state()
    assert len(state["submissions"]) == 1
    held = state["submissions"][0]
    assert (
        held["idempotency_key"] == "key-1"
        and held["body"] == body
        and held["history"] == [{"status": "received", "at": receipt["received_at"]}]
    )
    assert {key: state["counters"][key] for key in ("created", "replayed", "key_mismatch")} == {
        "created": 1,
        "replayed": 1,
        "key_mismatch": 1,
    }
    logged = [entry for entry in state["requests"] if entry["path"] == "/v1/submissions"]
    assert [entry["status"] for entry in logged] == [201, 200, 422]
    assert all(entry["idempotency_key"] == "key-1" and entry["force_reference"] == "WMP-7K3M9Q2X" for entry in logged)
    assert "summary" not in json.dumps(state["requests"])


def test_a_retry_while_the_first_request_is_in_flight_is_a_409(platform: Platform) -> None:
    platform.admin("PUT", "faults", {"latency_ms": 600})
    results: list[requests.Response] = []
    first = threading.Thread(target=lambda: results.append(platform.lodge(submission(), key="slow-key")))
    first.start()
    time.sleep(0.2)
    second = platform.lodge(submission(), key="slow-key")
    first.join(timeout=5)
    assert assert_problem(second, 409)["type"].endswith("in-flight")
    assert results[0].status_code == 201
    platform.admin("DELETE", "faults")
    assert platform.lodge(submission(), key="slow-key").status_code == 200
    assert platform.counters()["in_flight_conflict"] == 1


def test_a_new_key_for_a_reference_already_held_is_refused(platform: Platform) -> None:
    assert platform.lodge(submission(), key="a").status_code == 201
    problem = assert_problem(platform.lodge(submission(summary="Sent again."), key="b"), 422)
    assert problem["errors"] == [{"pointer": "/force_reference", "message": "is already held"}]
    assert platform.counters()["duplicate_reference"] == 1


def test_bad_requests_are_refused_with_the_contract_status(start: Callable[..., Platform]) -> None:
    platform = start(max_submission_bytes=40_000)
    assert_problem(platform.lodge(submission(), **{"Content-Type": "text/plain"}), 415)
    assert_problem(platform.lodge(submission(summary="x" * 40_000)), 413)
    missing_key = requests.post(
        f"{platform.base}/v1/submissions", json=submission(), headers={"Authorization": f"Bearer {platform.token}"}, timeout=5
    )
    assert_problem(missing_key, 400)
    assert_problem(platform.lodge(submission(), key="has space"), 400)
    assert_problem(platform.lodge(submission(), key="k" * 256), 400)
    assert platform.lodge(submission(), key="k" * 255).status_code == 201
    assert_problem(platform.lodge(b"{not json"), 400)
    assert_problem(platform.lodge(b'{"summary": NaN}'), 400)
    assert_problem(platform.lodge(b"\xff\xfe"), 400)

    secret = "Jane Doe lives at 1 High Street"
    invalid = submission("WMP-ANOTHER1", force_code="wmp", extra=secret, submitted_at="yesterday")
    del invalid["summary"]
    invalid["answers"][0]["answer"] = secret * 1000
    problem = assert_problem(platform.lodge(invalid), 422)
    pointers = {error["pointer"] for error in problem["errors"]}
    assert pointers == {"/force_code", "/extra", "/submitted_at", "/summary", "/answers/0/answer"}
    assert "Jane" not in json.dumps(problem)  # a problem never echoes personal data back
    assert_problem(platform.lodge([1, 2]), 422)
    assert platform.counters()["invalid_body"] == 2
    assert platform.counters()["created"] == 1


def test_attachments_are_addressed_by_their_digest(start: Callable[..., Platform]) -> None:
    platform = start(max_attachment_bytes=1024)
    assert_problem(platform.upload(JPEG, content_type="text/plain"), 415)
    assert_problem(platform.upload(JPEG, sha="0" * 64), 422)
    assert_problem(platform.upload(JPEG, sha="NOT-A-DIGEST"), 400)
    assert_problem(platform.upload(JPEG, key=None), 400)
    assert_problem(platform.upload(b"x" * 2048, content_type="application/pdf"), 413)

    attachment = {"sha256": JPEG_SHA, "filename": "bike.jpg", "content_type": "image/jpeg", "size": len(JPEG)}
    early = assert_problem(platform.lodge(submission(attachments=[attachment])), 422)
    assert early["errors"] == [{"pointer": "/attachments/0/sha256", "message": "has not been uploaded"}]

    assert platform.upload(JPEG).status_code == 201
    assert platform.upload(JPEG).status_code == 200
    assert platform.upload(JPEG, key="upload-2").status_code == 200
    assert_problem(platform.upload(b"\x89PNG other bytes", content_type="image/png"), 422)  # upload-1 named other bytes
    assert platform.lodge(submission(attachments=[attachment])).status_code == 201
    assert platform.state()["attachments"] == [JPEG_SHA]


def test_a_submission_can_be_found_by_force_reference_and_by_platform_id(platform: Platform) -> None:
    receipt = platform.lodge(submission()).json()
    found = platform.find("WMP-7K3M9Q2X")
    assert found.status_code == 200 and found.json() == {"items": [receipt]}
    assert platform.find("WMP-NOTHELD1").json() == {"items": []}
    assert_problem(platform.find("lower-case"), 400)
    assert_problem(requests.get(f"{platform.base}/v1/submissions", headers=platform.headers(), timeout=5), 400)

    status = requests.get(f"{platform.base}/v1/submissions/{receipt['platform_id']}", headers=platform.headers(), timeout=5)
    assert status.status_code == 200
    assert contract_errors("SubmissionStatus", status.json()) == []
    assert status.json()["history"] == [{"status": "received", "at": receipt["received_at"]}]
    assert_problem(requests.get(f"{platform.base}/v1/submissions/NP-000000000000", headers=platform.headers(), timeout=5), 404)
    assert_problem(requests.get(f"{platform.base}/v1/submissions/whatever", headers=platform.headers(), timeout=5), 404)
    assert platform.counters()["lookups"] == 2


def test_unknown_routes_and_methods_are_problems(platform: Platform) -> None:
    assert_problem(requests.get(f"{platform.base}/v1/nothing-here", headers=platform.headers(), timeout=5), 404)
    assert_problem(requests.get(f"{platform.base}/elsewhere", timeout=5), 404)
    wrong = requests.delete(f"{platform.base}/v1/submissions", headers=platform.headers(), timeout=5)
    assert_problem(wrong, 405)
    assert "POST" in wrong.headers["Allow"]


def test_scripted_statuses_answer_in_order_with_retry_after_and_store_nothing(platform: Platform) -> None:
    faults = platform.admin("PUT", "faults", {"statuses": [503, 503, 429], "retry_after": 2}).json()
    assert faults["statuses"] == [503, 503, 429] and faults["retry_after"] == 2
    answers = [platform.lodge(submission(), key="retried") for _ in range(3)]
    assert [answer.status_code for answer in answers] == [503, 503, 429]
    for answer in answers:
        assert_problem(answer, answer.status_code)
        assert answer.headers["Retry-After"] == "2"
    assert platform.lodge(submission(), key="retried").status_code == 201
    counters = platform.counters()
    assert counters["created"] == 1 and counters["faults_injected"] == 3
    assert platform.admin("GET", "faults").json()["statuses"] == []


def test_an_error_rate_of_one_fails_every_submission_until_cleared(platform: Platform) -> None:
    platform.admin("PUT", "faults", {"error_rate": 1.0, "error_status": 502})
    assert_problem(platform.lodge(submission()), 502)
    assert_problem(platform.lodge(submission()), 502)
    assert platform.state()["submissions"] == []
    assert platform.admin("DELETE", "faults").json()["error_rate"] == 0
    assert platform.lodge(submission()).status_code == 201


def test_a_seeded_error_rate_fails_the_same_requests_again(platform: Platform) -> None:
    def pattern() -> list[int]:
        platform.admin("PUT", "faults", {"error_rate": 0.5, "seed": 42})
        return [platform.lodge(submission(f"WMP-SEEDED{n:02d}"), key=f"seeded-{n}").status_code for n in range(8)]

    first = pattern()
    assert set(first) <= {201, 500, 200}
    assert pattern() == [200 if status == 201 else status for status in first]


def test_an_outage_answers_503_to_every_platform_call_but_not_the_admin_api(platform: Platform) -> None:
    platform.admin("PUT", "faults", {"outage_seconds": 30})
    token = requests.post(
        f"{platform.base}/oauth/token", data={"grant_type": "client_credentials"}, auth=("frontcounter", "simulator-secret"), timeout=5
    )
    assert_problem(token, 503)
    assert 29 <= int(token.headers["Retry-After"]) <= 30
    assert_problem(platform.find("WMP-7K3M9Q2X"), 503)
    assert_problem(platform.lodge(submission()), 503)
    assert 0 < platform.admin("GET", "faults").json()["outage_seconds"] <= 30
    platform.admin("PUT", "faults", {"outage_seconds": 0})
    assert platform.lodge(submission()).status_code == 201


def test_token_failure_refuses_good_credentials(platform: Platform) -> None:
    platform.admin("PUT", "faults", {"token_failure": True})
    token = requests.post(
        f"{platform.base}/oauth/token", data={"grant_type": "client_credentials"}, auth=("frontcounter", "simulator-secret"), timeout=5
    )
    assert_problem(token, 401)
    platform.admin("DELETE", "faults")
    assert platform.fetch_token()


def test_a_timeout_stores_nothing_and_the_client_gives_up_first(platform: Platform) -> None:
    platform.admin("PUT", "faults", {"timeout_rate": 1.0, "hang_seconds": 0.6})
    with pytest.raises(requests.exceptions.ReadTimeout):
        platform.lodge(submission(), key="timed-out", timeout=0.3)
    platform.admin("DELETE", "faults")
    assert platform.find("WMP-7K3M9Q2X").json() == {"items": []}
    assert platform.lodge(submission(), key="timed-out").status_code == 201


def test_a_dropped_response_is_stored_and_found_by_lookup(platform: Platform) -> None:
    platform.admin("PUT", "faults", {"drop_rate": 1.0, "hang_seconds": 0.6})
    with pytest.raises(requests.exceptions.ReadTimeout):
        platform.lodge(submission(), key="lost", timeout=0.3)
    found = platform.find("WMP-7K3M9Q2X").json()["items"]
    assert len(found) == 1 and found[0]["status"] == "received"
    platform.admin("DELETE", "faults")
    replay = platform.lodge(submission(), key="lost")
    assert replay.status_code == 200 and replay.json() == found[0]


def test_faults_are_validated(platform: Platform) -> None:
    assert_problem(platform.admin("PUT", "faults", {"error_rate": 2}), 400)
    assert_problem(platform.admin("PUT", "faults", {"statuses": ["503"]}), 400)
    assert_problem(platform.admin("PUT", "faults", {"token_failure": "yes"}), 400)
    assert_problem(platform.admin("PUT", "faults", {"latency": 5}), 400)
    assert_problem(platform.admin("PUT", "faults", [1]), 400)
    assert platform.admin("GET", "faults").json()["error_rate"] == 0


def test_expiring_tokens_forces_a_new_token(platform: Platform) -> None:
    assert platform.find("WMP-7K3M9Q2X").status_code == 200
    assert platform.admin("POST", "expire-tokens").json() == {"expired": 1}
    assert_problem(platform.find("WMP-7K3M9Q2X"), 401)
    platform.fetch_token()
    assert platform.find("WMP-7K3M9Q2X").status_code == 200


@pytest.fixture(scope="module")
def hook_server() -> Iterator[tuple[str, list[tuple[bytes, dict[str, str]]]]]:
    """A stand-in for the force's webhook endpoint that keeps exactly what arrived."""
    received: list[tuple[bytes, dict[str, str]]] = []
    hooks = Flask("receiver")

    @hooks.post("/hook")
    def hook() -> Response:
        received.append((request.get_data(), dict(request.headers)))
        return Response(status=204)

    with serve(hooks) as base:
        yield f"{base}/hook", received


@pytest.fixture
def receiver(hook_server: tuple[str, list[tuple[bytes, dict[str, str]]]]) -> tuple[str, list[tuple[bytes, dict[str, str]]]]:
    hook_server[1].clear()
    return hook_server


def verify(secret: str, header: str, body: bytes) -> bool:
    """The force's side of the contract, written independently of the simulator's `sign`."""
    parts = dict(part.split("=", 1) for part in header.split(","))
    expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"]) and abs(time.time() - int(parts["t"])) <= 300


def test_a_status_change_sends_a_correctly_signed_webhook(start: Callable[..., Platform], receiver: tuple[str, list[Any]]) -> None:
    url, received = receiver
    platform = start(callback_url=url, webhook_secret="shh")
    receipt = platform.lodge(submission()).json()
    change = {
        "status": "crime_recorded",
        "crime_number": "20/123456/25",
        "officer": {"name": "PC Patel", "collar_number": "4321"},
        "message_to_reporter": "We have recorded the crime.",
    }
    answer = platform.admin("POST", f"submissions/{receipt['platform_id']}/status", change)
    assert answer.status_code == 200, answer.text
    assert answer.json()["delivery"] == {"status": 204, "error": None}
    event = answer.json()["event"]
    assert contract_errors("StatusEvent", event) == []
    assert {key: event[key] for key in change} == change

    body, headers = received[0]
    assert headers["Content-Type"] == "application/json"
    assert verify("shh", headers["Platform-Signature"], body)
    assert not verify("another-secret", headers["Platform-Signature"], body)
    assert json.loads(body) == event
    timestamp = int(headers["Platform-Signature"].split(",")[0][2:])
    assert sign("shh", body, timestamp) == headers["Platform-Signature"]

    sent = platform.admin("GET", "events").json()["events"]
    assert len(sent) == 1
    assert sent[0]["body"].encode() == body and sent[0]["signature"] == headers["Platform-Signature"]
    assert sent[0]["callback_url"] == url and sent[0]["response_status"] == 204
    history = requests.get(f"{platform.base}/v1/submissions/{receipt['platform_id']}", headers=platform.headers(), timeout=5).json()[
        "history"
    ]
    assert [entry["status"] for entry in history] == ["received", "crime_recorded"]


def test_status_changes_are_validated_and_can_name_their_own_callback(platform: Platform, receiver: tuple[str, list[Any]]) -> None:
    url, received = receiver
    platform_id = platform.lodge(submission()).json()["platform_id"]
    assert_problem(platform.admin("POST", f"submissions/{platform_id}/status", {"status": "lost"}), 400)
    assert_problem(platform.admin("POST", f"submissions/{platform_id}/status", {"status": "closed", "crime_number": "x" * 33}), 400)
    assert_problem(platform.admin("POST", f"submissions/{platform_id}/status", {"status": "closed", "colour": "red"}), 400)
    assert_problem(platform.admin("POST", "submissions/NP-000000000000/status", {"status": "closed"}), 404)

    quiet = platform.admin("POST", f"submissions/{platform_id}/status", {"status": "in_review"}).json()
    assert quiet["delivery"] == {"status": None, "error": None} and quiet["sent"] is False
    override = platform.admin("POST", f"submissions/{platform_id}/status", {"status": "closed", "callback_url": url}).json()
    assert override["delivery"]["status"] == 204 and len(received) == 1
    assert verify("simulator-webhook-secret", received[0][1]["Platform-Signature"], received[0][0])
    unreachable = platform.admin(
        "POST", f"submissions/{platform_id}/status", {"status": "closed", "callback_url": "http://127.0.0.1:9/"}
    ).json()
    assert unreachable["delivery"] == {"status": None, "error": "ConnectionError"}


def test_new_submissions_move_to_in_review_on_their_own_when_asked(start: Callable[..., Platform], receiver: tuple[str, list[Any]]) -> None:
    url, received = receiver
    platform = start(callback_url=url, auto_status_after_seconds=0.1)
    platform_id = platform.lodge(submission()).json()["platform_id"]
    deadline = time.monotonic() + 3
    while not received and time.monotonic() < deadline:
        time.sleep(0.02)
    event = json.loads(received[0][0])
    assert event["platform_id"] == platform_id and event["status"] == "in_review"
    assert verify("simulator-webhook-secret", received[0][1]["Platform-Signature"], received[0][0])


def test_reset_forgets_everything(platform: Platform) -> None:
    platform.upload(JPEG)
    platform.lodge(submission(), key="before-reset")
    platform.admin("PUT", "faults", {"latency_ms": 5})
    assert platform.admin("POST", "reset").json() == {"reset": True}
    state = platform.state()
    assert state["submissions"] == [] and state["attachments"] == [] and state["requests"] == [] and state["events"] == []
    assert set(state["counters"].values()) == {0}
    assert platform.admin("GET", "faults").json()["latency_ms"] == 0
    assert_problem(platform.find("WMP-7K3M9Q2X"), 401)
    platform.fetch_token()
    assert platform.lodge(submission(), key="before-reset").status_code == 201


def test_the_summary_view_holds_only_counters(platform: Platform) -> None:
    platform.lodge(submission("WMP-AAAAAAA1"))
    platform.lodge(submission("WMP-AAAAAAA2"))
    summary = platform.admin("GET", "state?summary=1").json()
    assert set(summary) == {"counters", "distinct_references"}
    assert summary["distinct_references"] == 2 and summary["counters"]["created"] == 2 and summary["counters"]["tokens_issued"] == 1


def test_sign_matches_an_independent_hmac() -> None:
    body = b'{"event_id":"x"}'
    expected = hmac.new(b"secret", b"1700000000." + body, hashlib.sha256).hexdigest()
    assert sign("secret", body, 1_700_000_000) == f"t=1700000000,v1={expected}"


def test_settings_come_from_the_environment() -> None:
    settings = settings_from_env(
        {"SIMULATOR_CLIENT_ID": "wmp", "SIMULATOR_TOKEN_TTL_SECONDS": "60", "SIMULATOR_AUTO_STATUS_SECONDS": "2.5"}
    )
    assert (settings.client_id, settings.client_secret, settings.token_ttl_seconds, settings.auto_status_after_seconds) == (
        "wmp",
        "simulator-secret",
        60,
        2.5,
    )
    assert settings_from_env({}) == SimulatorSettings()
    with pytest.raises(ValueError, match="SIMULATOR_TOKEN_TTL_SECONDS"):
        settings_from_env({"SIMULATOR_TOKEN_TTL_SECONDS": "soon"})


def test_the_command_serves_until_sigterm() -> None:
    env = {**os.environ, "SIMULATOR_CLIENT_SECRET": "from-env"}
    process = subprocess.Popen(
        [sys.executable, "-m", "integrations.simulator", "--port", "0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert "listening on http://127.0.0.1:" in line
        base = line.strip().rsplit(" ", 1)[-1]
        assert requests.get(f"{base}/_simulator/health", timeout=5).json() == {"status": "ok"}
        token = requests.post(
            f"{base}/oauth/token", data={"grant_type": "client_credentials"}, auth=("frontcounter", "from-env"), timeout=5
        )
        assert token.status_code == 200
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
