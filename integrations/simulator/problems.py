"""RFC 9457 problem documents and plain JSON answers."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from flask import Response

PROBLEM_TYPE = "urn:national-platform:problem:"
THROTTLED = frozenset({429, 503})


class Problem(Exception):
    """Raised anywhere in a handler; the app turns it into an application/problem+json answer."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str,
        *,
        slug: str | None = None,
        retry_after: int | None = None,
        errors: list[dict[str, str]] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(title)
        self.status = status
        self.title = title
        self.detail = detail
        self.slug = slug
        self.retry_after = retry_after
        self.errors = errors
        self.headers = dict(headers or {})


def problem_response(problem: Problem) -> Response:
    document: dict[str, Any] = {
        "type": PROBLEM_TYPE + problem.slug if problem.slug else "about:blank",
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
    }
    if problem.errors is not None:
        document["errors"] = problem.errors
    response = Response(_dumps(document), status=problem.status, mimetype="application/problem+json")
    if problem.retry_after is not None:
        response.headers["Retry-After"] = str(max(0, int(problem.retry_after)))
    response.headers.update(problem.headers)
    return response


def json_response(data: Any, status: int = 200) -> Response:
    return Response(_dumps(data), status=status, mimetype="application/json")


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def utc_now() -> str:
    """RFC 3339 in UTC with a Z, the form the contract's date-time fields are checked against."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
