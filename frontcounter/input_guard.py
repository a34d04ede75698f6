"""Refuse input that Werkzeug would otherwise mangle silently.

Werkzeug drops a urlencoded field whose bytes are not UTF-8 and passes NUL and control
characters straight through. Either would store something other than what the person
sent, so such requests get a clear 400 before any view sees them.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from flask import Flask, abort, current_app, request

# C0 controls except tab, line feed and carriage return; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Half of a UTF-16 pair on its own: only a JSON "\ud800" escape makes one, and it cannot be
# encoded as UTF-8, so nothing could store or send it.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class BadInput(Exception):
    """Raised with a short, non-personal description of what was wrong."""


def check_text(value: str) -> None:
    if _CONTROL.search(value):
        raise BadInput("control character")
    if _SURROGATE.search(value):
        raise BadInput("lone surrogate")


def check_urlencoded(body: bytes, max_fields: int) -> None:
    """Decode every name and value as strict UTF-8, as the standard library will not for bytes."""
    pairs = [pair for pair in body.split(b"&") if pair]
    if len(pairs) > max_fields:
        raise BadInput("too many fields")
    for pair in pairs:
        for part in pair.split(b"=", 1):
            try:
                check_text(unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8"))
            except UnicodeDecodeError as error:
                raise BadInput("invalid UTF-8") from error


# Routes that take evidence files, and the largest request each may send.
UPLOAD_PAGES = {"evidence"}
UPLOAD_REQUEST_LIMIT = 32 * 1024 * 1024


def guard_request() -> None:
    # Only an evidence page may receive more than MAX_CONTENT_LENGTH; set before anything
    # reads the body, so every other route keeps the small limit.
    if request.method == "POST" and (request.view_args or {}).get("page_id") in UPLOAD_PAGES:
        request.max_content_length = UPLOAD_REQUEST_LIMIT
    try:
        check_text(request.path)
        for key, value in request.args.items(multi=True):
            check_text(key)
            check_text(value)
        if request.method in ("POST", "PUT", "PATCH"):
            content_type = request.mimetype
            if content_type == "application/x-www-form-urlencoded":
                check_urlencoded(request.get_data(cache=True), current_app.config["MAX_FORM_FIELDS"])
            elif content_type == "multipart/form-data":
                fields = request.form
                if len(fields) > current_app.config["MAX_FORM_FIELDS"]:
                    raise BadInput("too many fields")
                for key, value in fields.items(multi=True):
                    check_text(key)
                    check_text(value)
    except BadInput:
        abort(400, description="bad_input")


def init_input_guard(app: Flask) -> None:
    app.before_request(guard_request)
