"""The contract's endpoints: /oauth/token and /v1/..., with the faults that apply to them."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

from flask import Flask, Response, g, request

from integrations.simulator.problems import THROTTLED, Problem, json_response, utc_now
from integrations.simulator.runtime import Simulator

SUBMISSIONS = "/v1/submissions"
OAUTH_PATH = "/oauth/token"


def is_platform_call(path: str) -> bool:
    return path == OAUTH_PATH or path.startswith("/v1/") or path == "/v1"


def pause(sim: Simulator) -> None:
    """Apply the latency fault once per request, wherever in the request it matters most."""
    if g.get("paused"):
        return
    g.paused = True
    latency = sim.state.faults.latency_ms
    if latency > 0:
        time.sleep(latency / 1000)


def guard(sim: Simulator) -> None:
    """Runs before every platform call: latency, then an outage, then the bearer token."""
    path = request.path
    if not is_platform_call(path):
        return
    g.platform_call = True
    g.generation = sim.state.generation
    if not (path == SUBMISSIONS and request.method == "POST"):
        # A submission POST pauses later, while its key is in flight, so a test can provoke a 409.
        pause(sim)
    with sim.state.lock:
        retry_after = sim.state.faults.outage_retry_after(time.monotonic())
        if retry_after is not None:
            sim.state.counters["faults_injected"] += 1
    if retry_after is not None:
        raise Problem(503, "Service unavailable", "The platform is unavailable; try again later.", slug="outage", retry_after=retry_after)
    if path == OAUTH_PATH:
        return
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip() or not sim.state.token_is_valid(token.strip()):
        sim.state.count("unauthorised")
        raise Problem(
            401,
            "Unauthorised",
            "A valid, unexpired bearer token is required.",
            slug="unauthorised",
            headers={"WWW-Authenticate": 'Bearer realm="national-platform"'},
        )


def log_platform_call(sim: Simulator, response: Response) -> Response:
    """Runs after every platform call; records what happened but never the body."""
    if not g.get("platform_call"):
        return response
    pause(sim)
    key = request.headers.get("Idempotency-Key")
    sim.state.log_request(
        {
            "at": utc_now(),
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "idempotency_key": key[:255] if key is not None else None,
            "force_reference": g.get("force_reference") or request.args.get("force_reference"),
        },
        g.generation,
    )
    return response


def _read_body(limit: int) -> bytes:
    if request.content_length is not None and request.content_length > limit:
        raise Problem(413, "Content too large", f"The body must be at most {limit} bytes.", slug="too-large")
    data = request.get_data(cache=False)
    if len(data) > limit:
        raise Problem(413, "Content too large", f"The body must be at most {limit} bytes.", slug="too-large")
    return data


def _idempotency_key(sim: Simulator) -> str:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        raise Problem(400, "Idempotency key required", "Send an Idempotency-Key header.", slug="idempotency-key")
    if len(key) > sim.contract.idempotency_key_max or not sim.contract.idempotency_key.fullmatch(key):
        raise Problem(
            400,
            "Invalid idempotency key",
            f"The Idempotency-Key must be 1 to {sim.contract.idempotency_key_max} printable ASCII characters.",
            slug="idempotency-key",
        )
    return key


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _parse_json(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise Problem(400, "Malformed JSON", "The body is not well-formed UTF-8 JSON.", slug="malformed-json") from None


def _canonical_digest(body: Any) -> str:
    # Key order and whitespace do not make a body "different"; values do.
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()


def _injected(sim: Simulator, status: int, detail: str) -> Problem:
    retry_after = sim.state.faults.retry_after if status in THROTTLED else None
    return Problem(status, "Injected fault", detail, slug="injected-fault", retry_after=retry_after)


def lodge_submission(sim: Simulator) -> Response:
    if request.mimetype != "application/json":
        raise Problem(415, "Unsupported media type", "Send the submission as application/json.", slug="media-type")
    raw = _read_body(sim.settings.max_submission_bytes)
    key = _idempotency_key(sim)
    fault = sim.state.submission_fault()
    if fault.kind != "none":
        sim.state.count("faults_injected")
    if fault.kind == "status":
        raise _injected(sim, fault.status, "The platform failed this request on purpose; nothing was stored.")
    if fault.kind == "timeout":
        time.sleep(sim.state.faults.hang_seconds)
        raise _injected(sim, 503, "The platform timed out; nothing was stored.")
    body = _parse_json(raw)
    if isinstance(body, dict) and isinstance(body.get("force_reference"), str):
        g.force_reference = body["force_reference"][:64]
    digest = _canonical_digest(body)
    claim = sim.state.claim(key, digest)
    if claim.outcome == "in_flight":
        raise Problem(409, "Request in progress", "A request with this Idempotency-Key is still being processed.", slug="in-flight")
    if claim.outcome == "mismatch":
        raise Problem(422, "Idempotency key reused", "This Idempotency-Key was used with a different body.", slug="key-mismatch")
    if claim.outcome == "replay":
        return json_response(claim.receipt, 200)
    try:
        pause(sim)  # the key is in flight for the whole pause
        receipt = _store(sim, key, digest, body)
    finally:
        sim.state.release(key)
    if sim.auto is not None:
        sim.auto.schedule(receipt["platform_id"])
    if fault.kind == "drop":
        # Stored, but the answer arrives after the client has given up: the classic lost response.
        time.sleep(sim.state.faults.hang_seconds)
    return json_response(receipt, 201)


def _store(sim: Simulator, key: str, digest: str, body: Any) -> dict[str, str]:
    errors = sim.contract.submission_errors(body)
    if errors:
        sim.state.count("invalid_body")
        raise Problem(422, "Invalid submission", "The body does not match the Submission schema.", slug="invalid-body", errors=errors)
    digests = [item["sha256"] for item in body.get("attachments", [])]
    state = sim.state
    with state.lock:
        missing = state.missing_attachments_locked(digests)
        if missing:
            state.counters["invalid_body"] += 1
        elif body["force_reference"] in state.by_reference:
            state.counters["duplicate_reference"] += 1
        else:
            return dict(state.store_locked(key, digest, body).receipt)
    if missing:
        raise Problem(
            422,
            "Attachment not uploaded",
            "Every attachment must be uploaded with PUT /v1/attachments/{sha256} first.",
            slug="attachment-missing",
            errors=[{"pointer": f"/attachments/{index}/sha256", "message": "has not been uploaded"} for index in missing],
        )
    raise Problem(
        422,
        "Duplicate force reference",
        "The platform already holds a submission with this force_reference under another Idempotency-Key.",
        slug="duplicate-reference",
        errors=[{"pointer": "/force_reference", "message": "is already held"}],
    )


def find_submissions(sim: Simulator) -> Response:
    values = request.args.getlist("force_reference")
    if len(values) != 1 or not sim.contract.force_reference.fullmatch(values[0]):
        raise Problem(400, "Invalid query", "Give exactly one valid force_reference.", slug="invalid-query")
    receipt = sim.state.find_by_reference(values[0])
    return json_response({"items": [receipt] if receipt else []})


def get_submission(sim: Simulator, platform_id: str) -> Response:
    found = sim.state.status_of(platform_id) if sim.contract.platform_id.fullmatch(platform_id) else None
    if found is None:
        raise Problem(404, "Not found", "The platform holds no submission with that id.", slug="not-found")
    return json_response(found)


def upload_attachment(sim: Simulator, sha256: str) -> Response:
    if not sim.contract.sha256.fullmatch(sha256):
        raise Problem(400, "Invalid digest", "The path must be the lower-case hex SHA-256 of the file.", slug="invalid-digest")
    key = _idempotency_key(sim)
    if request.mimetype not in sim.contract.attachment_types:
        allowed = ", ".join(sorted(sim.contract.attachment_types))
        raise Problem(415, "Unsupported media type", f"Attachments must be one of: {allowed}.", slug="media-type")
    data = _read_body(sim.settings.max_attachment_bytes)
    if not hmac.compare_digest(hashlib.sha256(data).hexdigest(), sha256):
        raise Problem(422, "Digest mismatch", "The SHA-256 of the bytes differs from the path.", slug="digest-mismatch")
    outcome = sim.state.store_attachment(key, sha256, len(data))
    if outcome == "mismatch":
        raise Problem(422, "Idempotency key reused", "This Idempotency-Key was used for different bytes.", slug="key-mismatch")
    return json_response({"sha256": sha256, "size": len(data)}, 201 if outcome == "created" else 200)


def issue_token(sim: Simulator) -> Response:
    settings = sim.settings
    with sim.state.lock:
        failing = sim.state.faults.token_failure
        if failing:
            sim.state.counters["faults_injected"] += 1
    auth = request.authorization
    good = (
        not failing
        and auth is not None
        and auth.type == "basic"
        and hmac.compare_digest((auth.username or "").encode(), settings.client_id.encode())
        and hmac.compare_digest((auth.password or "").encode(), settings.client_secret.encode())
    )
    if not good:
        sim.state.count("unauthorised")
        raise Problem(
            401,
            "Invalid client",
            "Client authentication failed.",
            slug="invalid-client",
            headers={"WWW-Authenticate": 'Basic realm="national-platform"'},
        )
    if request.form.get("grant_type") != "client_credentials":
        raise Problem(400, "Unsupported grant type", "Use grant_type=client_credentials.", slug="unsupported-grant-type")
    token = sim.state.issue_token()
    # "Bearer" names the token scheme; it is not a secret.
    body = {"access_token": token, "token_type": "Bearer", "expires_in": settings.token_ttl_seconds}  # nosec B105
    response = json_response(body)
    response.headers["Cache-Control"] = "no-store"
    return response


def register_platform_api(app: Flask, sim: Simulator) -> None:
    app.before_request(lambda: guard(sim))
    app.after_request(lambda response: log_platform_call(sim, response))
    app.add_url_rule(OAUTH_PATH, "issue_token", lambda: issue_token(sim), methods=["POST"])
    app.add_url_rule(SUBMISSIONS, "lodge_submission", lambda: lodge_submission(sim), methods=["POST"])
    app.add_url_rule(SUBMISSIONS, "find_submissions", lambda: find_submissions(sim), methods=["GET"])
    app.add_url_rule(f"{SUBMISSIONS}/<platform_id>", "get_submission", lambda platform_id: get_submission(sim, platform_id))
    app.add_url_rule("/v1/attachments/<sha256>", "upload_attachment", lambda sha256: upload_attachment(sim, sha256), methods=["PUT"])
