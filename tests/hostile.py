"""The hostile-input corpus: the strings and bodies, and a recorder that checks every answer.

Every case sent through `Corpus.send` must get a 4xx (or a redirect, or the success the
endpoint exists for) with a GOV.UK HTML page or a problem document, never a 5xx; and the
rows it leaves must be whole: nothing at all when the case must store nothing, otherwise
only complete submissions (each with its triage item and at least one outbox message).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.sql.elements import ColumnElement
from werkzeug.test import TestResponse
from wtforms import Form

from services.db import db
from services.enums.casework import AuditAction
from services.models import (
    ApiRequest,
    Assessment,
    AuditEvent,
    CaseNote,
    OutboxMessage,
    RecoveryCode,
    ReporterMessage,
    StaffSession,
    StaffUser,
    Submission,
    TriageItem,
)

# Strings that are text like any other: accepted where they fit, stored as typed, shown escaped.
XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
SQLI = "Robert'); DROP TABLE submissions;-- ' OR '1'='1"
BIDI = "\u202eevil\u202c Ann\u200bEx\u200dam\u200cple\ufeff"
NAME = "Zoë 👩🏽\u200d⚕️ e\u0301"  # emoji with ZWJ and skin tone, precomposed and combining accents
LOOKALIKE_DIGITS = "²①٣"  # str.isdigit() is true for each; int() refuses the first two
HUGE_NUMBER = "9" * 5000  # int() refuses more than 4300 digits
RAW_SCRIPT = "<script>alert(1)</script>"

# Percent-encoded bodies that are not text: bad bytes, controls, escapes that decode to nothing.
BAD_ENCODINGS = {
    "invalid UTF-8": "%FF%FE",
    "overlong C3 28": "%C3%28",
    "lone surrogate bytes": "%ED%A0%80",
    "NUL": "a%00b",
    "escape control": "%1B[31m",
    "C1 control": "%C2%85",
}
BAD_ESCAPES = "%ZZ%G1%"  # not escapes at all: kept as the literal text they are

ROW_TABLES = (Submission, OutboxMessage, TriageItem, ApiRequest)
PUBLIC_ROWS = ("submissions", "outbox", "triage", "api_requests")
# Staff-side rows, counted as rows (not columns): a sign-in attempt legitimately changes an
# account's throttling columns, and reading an item or a file is itself audited, so those
# two audit actions are left out of the count.
_READS = (AuditAction.VIEWED.value, AuditAction.DOWNLOADED_ATTACHMENT.value)
STAFF_ROWS: dict[str, tuple[Any, ColumnElement[bool] | None]] = {
    "staff_users": (StaffUser, None),
    "staff_sessions": (StaffSession, None),
    "recovery_codes": (RecoveryCode, None),
    "assessments": (Assessment, None),
    "case_notes": (CaseNote, None),
    "staff_messages": (ReporterMessage, ReporterMessage.author_id.is_not(None)),
    "reporter_replies": (ReporterMessage, ReporterMessage.author_id.is_(None)),
    "audit_events": (AuditEvent, AuditEvent.action.not_in(_READS)),
}
ROW_NAMES = PUBLIC_ROWS + tuple(STAFF_ROWS)


def _count(model: Any, where: ColumnElement[bool] | None) -> Any:
    query = select(func.count()).select_from(model)
    return (query if where is None else query.where(where)).scalar_subquery()


def row_counts(app: Flask) -> tuple[int, ...]:
    with app.app_context():
        counts = [_count(model, None) for model in ROW_TABLES] + [_count(model, where) for model, where in STAFF_ROWS.values()]
        row = db.session.execute(select(*counts)).one()
        db.session.rollback()
        return tuple(row)


def staff_rows_whole(deltas: dict[str, int]) -> bool:
    """Each staff use case writes its rows and its audit record in one transaction, so every
    new assessment, note, staff message or account comes with at least one audit record."""
    audited = deltas["assessments"] + deltas["case_notes"] + deltas["staff_messages"] + deltas["staff_users"]
    # Replacing recovery codes deletes the old ones; nothing else ever removes a row.
    shrunk = any(value < 0 for name, value in deltas.items() if name != "recovery_codes")
    return not shrunk and deltas["audit_events"] >= audited


def leaf_names(field: Any) -> list[str]:
    """The names a browser would post for one WTForms field (list items and date parts included)."""
    if hasattr(field, "entries"):
        return [name for entry in field.entries for name in leaf_names(entry)]
    if isinstance(getattr(field, "form", None), Form) and field.type != "CSRFTokenField":
        return [name for sub in field.form for name in leaf_names(sub) if sub.type not in ("CSRFTokenField", "SubmitField")]
    if "Date" in field.type:
        return [f"{field.name}-day", f"{field.name}-month", f"{field.name}-year"]
    return [field.name]


def page_field_names(app: Flask, service: Any, page_id: str) -> list[str]:
    with app.test_request_context():
        form = service.form_for(page_id)(prior={}, meta={"csrf": False})
        return [name for item in form.input_fields() for name in leaf_names(item)]


def urlencoded(pairs: Iterable[tuple[str, str]]) -> bytes:
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs).encode()


@dataclass
class Outcome:
    case: str
    method: str
    url: str
    status: int
    kind: str
    problem: str


@dataclass
class Corpus:
    """Counts what was sent and where; collects every answer that broke a rule."""

    cases: int = 0
    endpoints: set[str] = field(default_factory=set)
    failures: list[Outcome] = field(default_factory=list)
    _batch: str | None = None

    @property
    def server_errors(self) -> list[Outcome]:
        return [o for o in self.failures if o.kind == "server error"]

    @property
    def partial_rows(self) -> list[Outcome]:
        return [o for o in self.failures if o.kind == "partial rows"]

    def send(
        self,
        app: Flask,
        call: Callable[[], TestResponse],
        *,
        case: str,
        method: str,
        url: str,
        allowed: Iterable[int] = range(400, 500),
        stores: bool = False,
        check: Callable[[TestResponse], str | None] | None = None,
    ) -> TestResponse:
        """Send one case; `stores` allows whole submissions to be created, never partial ones.

        Inside `watching`, rows are counted once around the whole batch instead.
        """
        before = row_counts(app) if self._batch is None else None
        response = call()
        self.cases += 1
        self.endpoints.add(f"{method} {endpoint_of(url)}")
        status = response.status_code
        if status >= 500:
            self.failures.append(Outcome(case, method, url, status, "server error", "server error"))
        elif status not in set(allowed):
            self.failures.append(Outcome(case, method, url, status, "status", f"status not in {sorted(set(allowed))[:6]}"))
        problem = answer_shape(url, response)
        if problem:
            self.failures.append(Outcome(case, method, url, status, "shape", problem))
        if check is not None and (found := check(response)):
            self.failures.append(Outcome(case, method, url, status, "check", found))
        if before is not None:
            self._check_rows(app, before, Outcome(case, method, url, status, "partial rows", ""), stores)
        return response

    @contextmanager
    def watching(self, app: Flask, url: str) -> Iterator[None]:
        """Count rows once around a batch of cases that must none of them store anything."""
        before = row_counts(app)
        self._batch = url
        try:
            yield
        finally:
            self._batch = None
        self._check_rows(app, before, Outcome("every case", "POST", url, 0, "partial rows", ""), stores=False)

    def _check_rows(self, app: Flask, before: tuple[int, ...], outcome: Outcome, stores: bool) -> None:
        deltas = dict(zip(ROW_NAMES, (a - b for a, b in zip(row_counts(app), before, strict=True)), strict=True))
        submissions, outbox, triage, api_requests = (deltas[name] for name in PUBLIC_ROWS)
        whole = submissions >= 0 and triage == submissions and outbox >= submissions and 0 <= api_requests <= submissions
        whole = whole and staff_rows_whole(deltas)
        if not whole or (not stores and any(deltas.values())):
            outcome.problem = f"rows changed: { {name: value for name, value in deltas.items() if value} }"
            self.failures.append(outcome)

    def summary(self) -> str:
        return (
            f"hostile-input corpus: {self.cases} cases sent to {len(self.endpoints)} endpoints, "
            f"{len(self.server_errors)} server errors, {len(self.partial_rows)} partial rows"
        )


def endpoint_of(url: str) -> str:
    """The route a URL is sent to: ids in the path (or the `{}` of a pattern) name one endpoint."""
    return re.sub(r"/(\d+|\{\})(?=/|$)", "/<id>", url.split("?")[0])


def answer_shape(url: str, response: TestResponse) -> str | None:
    """A refusal must be a GOV.UK HTML page, or a problem document on machine routes."""
    status = response.status_code
    if status < 400:
        return None
    machine = url.startswith(("/api/", "/national-platform/"))
    if machine:
        if response.mimetype != "application/problem+json":
            return f"refused with {response.mimetype}, not a problem document"
        document = response.get_json(silent=True) or {}
        if document.get("status") != status:
            return "problem document without its status"
        return None
    if url.endswith("/keep-alive") and response.mimetype == "application/json":
        return None  # the timeout warning's own answer ({"status": "expired"})
    if response.mimetype != "text/html":
        return f"refused with {response.mimetype}, not an HTML page"
    html = response.get_data(as_text=True)
    if "govuk-template" not in html or "<h1" not in html:
        return "refused without a GOV.UK page"
    return None


def no_raw_script(response: TestResponse) -> str | None:
    if RAW_SCRIPT in response.get_data(as_text=True):
        return "a <script> typed in was echoed unescaped"
    return None


def assert_clean(corpus: Corpus, mark: int) -> None:
    """Fail the current test if any case recorded after the first `mark` failures broke a rule."""
    failures = corpus.failures[mark:]
    if failures:
        pytest.fail("hostile input was mishandled:\n" + "\n".join(
            f"  {o.method} {o.url} [{o.case}]: {o.status} {o.problem}" for o in failures[:40]
        ))
