"""`GET /api/v1/openapi.json`: the intake API described in OpenAPI 3.1, generated from the
same marshmallow schemas that validate the web journeys and the API, never by hand."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Response, current_app, jsonify

from frontcounter.api import api
from frontcounter.catalogue import SERVICES

PROBLEM = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {"type": "object", "properties": {"pointer": {"type": "string"}, "message": {"type": "string"}}},
        },
    },
    "required": ["title", "status"],
}


def _component(slug: str) -> str:
    return "".join(part.capitalize() for part in slug.split("-"))


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def build_document() -> dict[str, Any]:
    spec = APISpec(
        title="Front Counter intake API",
        version="1.0.0",
        openapi_version="3.1.0",
        plugins=[MarshmallowPlugin()],
        info={"description": "Lodge submissions from channels other than the web forms (the 101 voice assistant, "
                             "web chat, partner apps). Every submission is validated by the same rules as the web "
                             "journey, then stored, triaged and forwarded to the national platform."},
        servers=[{"url": "/"}],
    )
    spec.components.security_scheme("apiKey", {"type": "http", "scheme": "bearer", "description": "A per-channel API key"})
    spec.components.schema("Problem", PROBLEM)
    variants = []
    for slug, service in SERVICES.items():
        name = _component(slug)
        spec.components.schema(f"{name}Answers", schema=service.journey.schema())
        spec.components.schema(f"{name}Request", {
            "type": "object",
            # Other members of the envelope are ignored (as the API does), not refused.
            "required": ["service", "answers"],
            "properties": {
                "service": {"const": slug},
                "language": {"type": "string", "enum": ["en", "cy"], "default": "en"},
                "answers": {"$ref": f"#/components/schemas/{name}Answers"},
            },
        })
        variants.append({"$ref": f"#/components/schemas/{name}Request"})
    spec.components.schema("Receipt", {
        "type": "object",
        "required": ["reference", "service", "status"],
        "properties": {"reference": {"type": "string"}, "service": {"type": "string"}, "status": {"const": "received"}},
    })
    receipt = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Receipt"}}}}
    spec.path(path="/api/v1/submissions", operations={"post": {
        "operationId": "createSubmission",
        "summary": "Lodge a submission for one service",
        "security": [{"apiKey": []}],
        "parameters": [{"name": "Idempotency-Key", "in": "header", "required": False,
                        "schema": {"type": "string", "pattern": "^[\\x21-\\x7E]{1,255}$"},
                        "description": "The same key with the same body returns the first receipt; with another body, 422."}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"oneOf": variants}}}},
        "responses": {
            "201": {"description": "Stored; the reference to give the person", **receipt},
            "200": {"description": "A replay of an earlier request with the same Idempotency-Key", **receipt},
            "400": _problem("The body or a header could not be read"),
            "401": _problem("No valid API key"),
            "413": _problem("The body is too large"),
            "415": _problem("The body is not JSON"),
            "422": _problem("The answers do not pass the service's rules (see errors), or the key was reused"),
            "429": {**_problem("Too many requests from this API key; try again after Retry-After"), "headers": {
                "Retry-After": {"description": "Seconds to wait before trying again", "required": True,
                                "schema": {"type": "integer", "minimum": 1}},
            }},
        },
    }})
    spec.path(path="/api/v1/services", operations={"get": {
        "operationId": "listServices",
        "summary": "Every service and the questions it asks",
        "parameters": [{"name": "lang", "in": "query", "required": False, "schema": {"type": "string", "enum": ["en", "cy"]}}],
        "responses": {
            "200": {"description": "The services", "content": {"application/json": {"schema": {
                "type": "object", "required": ["services"], "properties": {"services": {"type": "array", "items": {"type": "object"}}},
            }}}},
            "400": _problem("A language other than en or cy, or a query string that could not be read"),
        },
    }})
    spec.path(path="/api/v1/openapi.json", operations={"get": {
        "operationId": "openApiDocument",
        "summary": "This document",
        "responses": {
            "200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}},
            "400": _problem("A query string that could not be read"),
        },
    }})
    return _numeric_bounds(spec.to_dict())


def _numeric_bounds(node: Any) -> Any:
    """apispec keeps a Decimal field's Range bounds as Decimals, which JSON writes as strings; OpenAPI wants numbers."""
    if isinstance(node, dict):
        return {
            key: float(value) if key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum") and isinstance(value, (str, Decimal))
            else _numeric_bounds(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_numeric_bounds(item) for item in node]
    return node


@api.get("/openapi.json")
def openapi_document() -> Response:
    document = current_app.extensions.get("frontcounter.openapi")
    if document is None:
        document = current_app.extensions["frontcounter.openapi"] = build_document()
    return jsonify(document)
