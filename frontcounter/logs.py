"""Logging to standard error, one line per event, for the process manager to collect.

`LOG_FORMAT=json` (production and test) writes one JSON object a line: `time` (ISO 8601,
UTC), `level`, `logger`, `message`, the `request_id` of the request being handled (if any)
and any `extra` fields. `LOG_FORMAT=text` (development) writes the same as plain text.

Nothing here logs request bodies or answers: modules log identifiers, counts, statuses,
reasons and error classes only. An exception is logged as its class and code frames, never
its text (which can quote what it was handling).
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import traceback
import uuid
from datetime import UTC, datetime
from typing import IO, Any

from flask import Flask, Response, g, has_request_context, request

FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
FORMATS = ("json", "text")

REQUEST_ID_HEADER = "X-Request-Id"
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

security_log = logging.getLogger("frontcounter.security")
access_log = logging.getLogger("frontcounter.access")

# Everything a LogRecord carries of its own; anything else on a record came from `extra`.
_RECORD_ATTRIBUTES = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName", "request_id"}


def _extra_fields(record: logging.LogRecord) -> dict[str, Any]:
    return {key: value for key, value in record.__dict__.items() if key not in _RECORD_ATTRIBUTES and not key.startswith("_")}


def _frames(exc_info: Any) -> list[str]:
    return [f"{frame.filename}:{frame.lineno} in {frame.name}" for frame in traceback.extract_tb(exc_info[2])]


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None)
        if request_id:
            entry["request_id"] = request_id
        for key, value in _extra_fields(record).items():
            entry.setdefault(key, value)
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception"] = record.exc_info[0].__name__
            entry["frames"] = _frames(record.exc_info)
        return json.dumps(entry, default=str)


class TextFormatter(logging.Formatter):
    """Plain text for development: the classic line, then `key=value` for the request id and extras."""

    def __init__(self) -> None:
        super().__init__(FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        line = super().formatMessage(self._prepared(record))
        fields = {"request_id": getattr(record, "request_id", None), **_extra_fields(record)}
        suffix = " ".join(f"{key}={value}" for key, value in fields.items() if value is not None)
        if record.exc_info and record.exc_info[0] is not None:
            suffix += f" exception={record.exc_info[0].__name__}\n  " + "\n  ".join(_frames(record.exc_info))
        return f"{line} {suffix}".rstrip()

    def _prepared(self, record: logging.LogRecord) -> logging.LogRecord:
        record.message = record.getMessage()
        record.asctime = self.formatTime(record, self.datefmt)
        return record


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record; records outside a request get none."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id()
        return True


def make_formatter(log_format: str) -> logging.Formatter:
    return TextFormatter() if log_format == "text" else JsonFormatter()


def make_handler(log_format: str, stream: IO[str] | None = None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(make_formatter(log_format))
    handler.addFilter(RequestIdFilter())
    return handler


def configure_logging(level: str, log_format: str = "json") -> None:
    """Send our loggers to standard error once, whichever entry point (web, CLI) starts first."""
    root = logging.getLogger("frontcounter")
    if any(getattr(handler, "_frontcounter", False) for handler in root.handlers):
        return
    handler = make_handler(log_format)
    handler._frontcounter = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)


# -- request ids -------------------------------------------------------------------------


def current_request_id() -> str | None:
    """The id of the request being handled (taken from a sane `X-Request-Id` or made up), or None."""
    if not has_request_context():
        return None
    request_id = g.get("request_id")
    if request_id is None:
        offered = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = offered if SANE_REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex
        g.request_id = request_id
    return str(request_id)


# -- security events ---------------------------------------------------------------------


def _safe_value(value: object) -> object:
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)[:200]


def security_event(name: str, level: int = logging.WARNING, **fields: object) -> None:
    """Log a security event on `frontcounter.security` with `event=name`.

    Give only endpoints, statuses, ids, counts and reasons: never a body, an answer, a name,
    an email address, a phone number or a postal address. Inside a request the endpoint and
    method are added. Later code (rate limits, staff sign-in) calls this too.
    """
    extra: dict[str, object] = {}
    if has_request_context():
        extra.update(endpoint=request.endpoint, method=request.method)
        g.security_event_logged = True
    for key, value in fields.items():
        # A field named like a LogRecord attribute would make logging raise.
        extra[f"{key}_" if key in _RECORD_ATTRIBUTES else key] = _safe_value(value)
    extra["event"] = name
    # The fields travel as their own keys (JSON) or `key=value` after the message (text).
    security_log.log(level, "security event %s", name, extra=extra)


# -- the access log and the request id on responses -------------------------------------

# Answers that are a security event in themselves, when nothing more specific was logged.
STATUS_EVENTS = {401: "unauthorised", 403: "forbidden", 429: "rate_limited"}


def _start_request() -> None:
    g.request_started = time.perf_counter()
    current_request_id()


def _finish_request(response: Response) -> Response:
    response.headers[REQUEST_ID_HEADER] = current_request_id() or ""
    status = response.status_code
    if status in STATUS_EVENTS and not g.get("security_event_logged"):
        security_event(STATUS_EVENTS[status], status=status)
    if request.endpoint != "static":
        started = g.get("request_started")
        duration_ms = round((time.perf_counter() - started) * 1000, 1) if started is not None else None
        fields: dict[str, object] = {
            "method": request.method,
            "endpoint": request.endpoint,
            "status": status,
            "duration_ms": duration_ms,
        }
        service = (request.view_args or {}).get("slug")
        if isinstance(service, str):
            fields["service"] = service
        if request.endpoint is None:
            # No route matched (a 404 or 405 before routing): the path, cut short, is all there is.
            fields["path"] = request.path[:100]
        access_log.info("%s %s %s %sms", request.method, request.endpoint or "-", status, duration_ms or "-", extra=fields)
    return response


def init_request_logging(app: Flask) -> None:
    """Request ids, the access log and status-based security events. Register before any
    other before_request hook, so a request refused early still has its start time."""
    app.before_request(_start_request)
    app.after_request(_finish_request)
