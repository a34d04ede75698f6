"""`POST /national-platform/events`: status updates from the national platform.

Machine-to-machine: no CSRF token (the HMAC signature authenticates it instead), answers
are problem documents, and nothing received is logged beyond why it was refused.
"""

from __future__ import annotations

import logging
import time

from flask import Blueprint, Response, current_app, request
from marshmallow import ValidationError

from frontcounter.api.parsing import BodyProblem, parse_json_object
from frontcounter.extensions import csrf
from frontcounter.logs import security_event
from frontcounter.problems import problem
from integrations.webhooks import SignatureRejected, parse_status_event, verify_signature
from services.platform_status import record_status_event

log = logging.getLogger("frontcounter.platform_events")

platform_events = Blueprint("platform_events", __name__)


@platform_events.post("/national-platform/events")
@csrf.exempt
def receive_status_event() -> Response:
    body = request.get_data(cache=False)
    try:
        verify_signature(
            request.headers.get("Platform-Signature"),
            body,
            current_app.config["NATIONAL_PLATFORM_WEBHOOK_SECRET"],
            now=time.time(),
            tolerance=current_app.config["NATIONAL_PLATFORM_WEBHOOK_TOLERANCE_SECONDS"],
        )
    except SignatureRejected as rejected:
        security_event("webhook_rejected", reason=str(rejected), status=400)
        return problem(400, "The Platform-Signature header is missing, wrong or too old.", title="Signature rejected")
    if request.mimetype != "application/json":
        return problem(415, "Send the event as application/json.")
    try:
        # Strictly, as the intake API reads its bodies: a NUL or a lone surrogate in a
        # message could not be stored, and duplicate keys have no single meaning.
        event = parse_status_event(parse_json_object(body))
    except BodyProblem:
        log.warning("webhook rejected reason=unreadable body")
        return problem(400, "The body is not valid JSON.")
    except ValidationError as error:
        fields = ", ".join(sorted(error.normalized_messages())) if isinstance(error.messages, dict) else "body"
        security_event("webhook_invalid", fields=fields, status=400)
        return problem(400, f"The event does not match the contract's StatusEvent: {fields}.", title="Invalid event")
    outcome = record_status_event(event)
    log.info("webhook event outcome=%s status=%s", outcome.value, event.status)
    return Response(status=204)
