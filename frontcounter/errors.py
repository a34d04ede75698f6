"""GOV.UK-style error pages for every status the service can answer with."""

from __future__ import annotations

import logging
import traceback

from flask import Flask, Response, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from frontcounter.logs import security_event
from frontcounter.problems import is_machine_route, problem

log = logging.getLogger(__name__)

PAGES = {400, 403, 404, 405, 413, 429, 500}


def _render(status: int, **context: object) -> tuple[str, int]:
    template = f"errors/{status}.html" if status in PAGES else "errors/generic.html"
    return render_template(template, status=status, **context), status


def handle_http_error(error: HTTPException) -> tuple[str, int] | Response:
    status = error.code or 500
    if status >= 500:
        log.error("server error %s on %s %s", status, request.method, request.endpoint)
    if is_machine_route():
        return problem(status)
    return _render(status, reason=error.description if status == 400 else None)


def handle_csrf_error(error: CSRFError) -> tuple[str, int]:
    # The draft is untouched: the refused POST was never applied. Send the person back
    # to the page they were on, which still shows every answer saved before.
    # The reason is Flask-WTF's own fixed wording ("The CSRF token is missing."), never input.
    security_event("csrf_failed", reason=error.description, status=400)
    return render_template("errors/csrf.html", back_url=request.path), 400


def handle_unexpected(error: Exception) -> tuple[str, int] | Response:
    # The exception's message can quote what the person typed (a database error quotes
    # its parameters), so only its type and the code path are logged, never its text.
    frames = "\n".join(
        f"  {frame.filename}:{frame.lineno} in {frame.name}" for frame in traceback.extract_tb(error.__traceback__)
    )
    log.error("unhandled %s on %s %s\n%s", type(error).__name__, request.method, request.endpoint, frames)
    if is_machine_route():
        return problem(InternalServerError.code)
    return _render(InternalServerError.code)


def init_error_pages(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
