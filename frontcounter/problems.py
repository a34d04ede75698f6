"""RFC 9457 problem documents, for the routes that machines call rather than people."""

from __future__ import annotations

from flask import Response, json, request
from werkzeug.http import HTTP_STATUS_CODES

MACHINE_PREFIXES = ("/api/", "/national-platform/")


def is_machine_route() -> bool:
    return request.path.startswith(MACHINE_PREFIXES)


def problem(status: int, detail: str | None = None, *, title: str | None = None, headers: dict[str, str] | None = None) -> Response:
    document: dict[str, object] = {
        "type": "about:blank",
        "title": title or HTTP_STATUS_CODES.get(status, "Error"),
        "status": status,
    }
    if detail:
        document["detail"] = detail
    response = Response(json.dumps(document), status=status, mimetype="application/problem+json")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response
