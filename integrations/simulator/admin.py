"""The local test double's control panel under /_simulator/: faults, state, status changes.

No authentication: the simulator only ever listens on loopback for tests and `make run`.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, request

from integrations.simulator import faults as fault_rules
from integrations.simulator.faults import Faults
from integrations.simulator.problems import Problem, json_response
from integrations.simulator.runtime import Simulator
from integrations.simulator.webhooks import EVENT_EXTRAS

PREFIX = "/_simulator"
_STATUS_FIELDS = frozenset({"status", "callback_url", *EVENT_EXTRAS})


def _json_object() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise Problem(400, "Bad request", "Send a JSON object with Content-Type: application/json.", slug="admin-body")
    return data


def _faults_json(sim: Simulator) -> dict[str, Any]:
    with sim.state.lock:
        return sim.state.faults.to_json(time.monotonic())


def get_faults(sim: Simulator) -> Response:
    return json_response(_faults_json(sim))


def put_faults(sim: Simulator) -> Response:
    changes = _json_object()
    state = sim.state
    with state.lock:
        try:
            new = fault_rules.updated(state.faults, changes, time.monotonic())
        except ValueError as error:
            raise Problem(400, "Invalid fault", str(error), slug="invalid-fault") from None
        state.faults = new
        if "seed" in changes:
            state.rng.seed(new.seed)
    return json_response(_faults_json(sim))


def clear_faults(sim: Simulator) -> Response:
    with sim.state.lock:
        sim.state.faults = Faults()
    return json_response(_faults_json(sim))


def expire_tokens(sim: Simulator) -> Response:
    return json_response({"expired": sim.state.expire_tokens()})


def reset(sim: Simulator) -> Response:
    sim.reset()
    return json_response({"reset": True})


def state(sim: Simulator) -> Response:
    summary = request.args.get("summary", "").lower() in {"1", "true", "yes"}
    return json_response(sim.state.snapshot(summary))


def events(sim: Simulator) -> Response:
    with sim.state.lock:
        sent = [dict(event) for event in sim.state.events]
    return json_response({"events": sent})


def change_status(sim: Simulator, platform_id: str) -> Response:
    data = _json_object()
    unknown = sorted(set(data) - _STATUS_FIELDS)
    if unknown:
        raise Problem(400, "Unknown fields", f"Unexpected field(s): {', '.join(unknown)}.", slug="admin-body")
    status = data.get("status")
    if status not in sim.contract.statuses:
        raise Problem(400, "Invalid status", f"status must be one of: {', '.join(sim.contract.statuses)}.", slug="invalid-status")
    callback_url = data.get("callback_url")
    if callback_url is not None:
        parts = urlsplit(callback_url) if isinstance(callback_url, str) else None
        if parts is None or parts.scheme not in {"http", "https"} or not parts.netloc:
            raise Problem(400, "Invalid callback URL", "callback_url must be an http or https URL.", slug="invalid-callback")
    extras = {name: data[name] for name in EVENT_EXTRAS if name in data}
    outcome = sim.changer.change(platform_id, status, extras, callback_url)
    if outcome is None:
        raise Problem(404, "Not found", "The simulator holds no submission with that id.", slug="not-found")
    event, delivery, sent = outcome
    return json_response({"event": event, "delivery": delivery.to_json(), "sent": sent})


def health(sim: Simulator) -> Response:
    return json_response({"status": "ok"})


def register_admin(app: Flask, sim: Simulator) -> None:
    routes: list[tuple[str, str, Any, list[str]]] = [
        ("/health", "health", lambda: health(sim), ["GET"]),
        ("/faults", "get_faults", lambda: get_faults(sim), ["GET"]),
        ("/faults", "put_faults", lambda: put_faults(sim), ["PUT"]),
        ("/faults", "clear_faults", lambda: clear_faults(sim), ["DELETE"]),
        ("/expire-tokens", "expire_tokens", lambda: expire_tokens(sim), ["POST"]),
        ("/reset", "reset", lambda: reset(sim), ["POST"]),
        ("/state", "state", lambda: state(sim), ["GET"]),
        ("/events", "events", lambda: events(sim), ["GET"]),
        ("/submissions/<platform_id>/status", "change_status", lambda platform_id: change_status(sim, platform_id), ["POST"]),
    ]
    for rule, name, view, methods in routes:
        app.add_url_rule(PREFIX + rule, f"admin_{name}", view, methods=methods)
