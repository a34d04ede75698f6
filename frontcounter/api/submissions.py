"""`POST /api/v1/submissions`: a whole submission from another channel, validated by the
same marshmallow schema as the web journey, idempotent under an `Idempotency-Key`."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from typing import Any

from flask import Response, current_app, jsonify, request
from flask_babel import force_locale
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from frontcounter.api import api
from frontcounter.api.answers import AnswerProblems, answer_rows, page_forms, split_into_pages
from frontcounter.api.auth import bearer_client, limit_api_key
from frontcounter.api.parsing import BodyProblem, parse_json_object
from frontcounter.catalogue import SERVICES
from frontcounter.problems import problem
from frontcounter.triage_rules import current_rules
from services.submissions import IdempotencyClaim, IdempotencyMismatch, IncompleteSubmission, submit_answers

log = logging.getLogger("frontcounter.api")

IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,255}")


class SubmissionRequest(Schema):
    """The envelope every submission comes in; `answers` is checked by the service's own schema."""

    class Meta:
        unknown = EXCLUDE

    service = fields.String(required=True, validate=validate.OneOf(sorted(SERVICES)))
    language = fields.String(load_default="en", validate=validate.OneOf(["en", "cy"]))
    answers = fields.Dict(keys=fields.String(validate=validate.Length(max=80)), required=True)


def field_problems(problems: dict[str, str], title: str = "Your request has problems") -> Response:
    response = problem(422, "Correct the answers at the pointers given, then send the request again.", title=title)
    document = json.loads(response.get_data())
    document["errors"] = [{"pointer": pointer, "message": message} for pointer, message in sorted(problems.items())]
    response.set_data(json.dumps(document))
    return response


def _flatten(errors: Any, prefix: str) -> dict[str, str]:
    """Marshmallow's nested error messages as {JSON pointer: first message}."""
    if isinstance(errors, dict):
        flat: dict[str, str] = {}
        for key, value in errors.items():
            flat.update(_flatten(value, f"{prefix}/{key}"))
        return flat
    if isinstance(errors, list) and errors and all(isinstance(e, str) for e in errors):
        return {prefix: errors[0]}
    if isinstance(errors, list):
        flat = {}
        for item in errors:
            flat.update(_flatten(item, prefix))
        return flat
    return {prefix: str(errors)}


@api.post("/submissions")
@limit_api_key
def create_submission() -> Response:
    client = bearer_client()
    if client is None:
        return problem(401, "Send a valid API key as `Authorization: Bearer <key>`.", headers={"WWW-Authenticate": "Bearer"})
    if request.mimetype != "application/json":
        return problem(415, "Send the submission as application/json.")
    idempotency_key = request.headers.get("Idempotency-Key")
    if idempotency_key is not None and not IDEMPOTENCY_KEY.fullmatch(idempotency_key):
        return problem(400, "An Idempotency-Key must be 1 to 255 printable ASCII characters without spaces.")
    try:
        body = parse_json_object(request.get_data(cache=False))
        envelope = SubmissionRequest().load(body)
    except BodyProblem as error:
        return problem(400, f"The body could not be read: {error}.")
    except ValidationError as error:
        return field_problems(_flatten(error.normalized_messages(), ""))

    service = SERVICES[envelope["service"]]
    language = envelope["language"]
    try:
        # Every field and cross-field rule first, as the web journey's final check would;
        # then which pages the answers belong to and whether they apply.
        service.journey.schema().load(envelope["answers"])
    except ValidationError as error:
        return field_problems(_flatten(error.normalized_messages(), "/answers"))
    try:
        with force_locale(language):
            # Building every page's form is the costly part: once a request is enough.
            forms = page_forms(service)
            pages = split_into_pages(service, envelope["answers"], forms)
            rows = answer_rows(service, pages, forms)
        claim = None
        if idempotency_key is not None:
            digest = hashlib.sha256(json.dumps(envelope, sort_keys=True, default=str).encode()).hexdigest()
            claim = IdempotencyClaim(api_key_id=client.id, key=idempotency_key, request_hash=digest)
        result = submit_answers(
            service.journey, service.journey.merged(pages), rows, force_code=current_app.config["FORCE_CODE"],
            language=language, channel=client.channel, rules=current_rules(), idempotency=claim,
        )
    except AnswerProblems as error:
        return field_problems(error.problems)
    except IncompleteSubmission as error:
        return field_problems(_flatten(error.errors, "/answers"))
    except IdempotencyMismatch:
        return problem(422, "This Idempotency-Key was used before with a different request.", title="Idempotency-Key reused")
    log.info("api submission channel=%s service=%s created=%s", client.channel.value, service.slug, result.created)
    receipt = {"reference": result.reference, "service": service.slug, "status": "received"}
    return Response(jsonify(receipt).get_data(), status=201 if result.created else 200, mimetype="application/json")
