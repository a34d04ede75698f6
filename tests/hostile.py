"""The hostile-input corpus: the strings and bodies, and a recorder that checks every answer.

Every case sent through `Corpus.send` must get a 4xx (or a redirect, or the success the
endpoint exists for) with a GOV.UK HTML page or a problem document, never a 5xx; and the
rows it leaves must be whole: nothing at all when the case must store nothing, otherwise
only complete submissions (each with its triage item and at least one outbox message).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from sqlalchemy import func, select
from werkzeug.test import TestResponse
from wtforms import Form

from services.db import db
from services.models import ApiRequest, OutboxMessage, Submission, TriageItem

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


def row_counts(app: Flask) -> tuple[int, int, int, int]:
    with app.app_context():
        query = select(*(select(func.count()).select_from(model).scalar_subquery() for model in ROW_TABLES))
        row = db.session.execute(query).one()
        db.session.rollback()
        return tuple(row)  # type: ignore[return-value]


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
        self.endpoints.add(f"{method} {url.split('?')[0]}")
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
        submissions, outbox, triage, api_requests = (a - b for a, b in zip(row_counts(app), before, strict=True))
        whole = submissions >= 0 and triage == submissions and outbox >= submissions and 0 <= api_requests <= submissions
        if not whole or (not stores and (submissions or outbox or triage or api_requests)):
            deltas = dict(zip(("submissions", "outbox", "triage", "api_requests"), (submissions, outbox, triage, api_requests), strict=True))
            outcome.problem = f"rows changed: {deltas}"
            self.failures.append(outcome)

    def summary(self) -> str:
        return (
            f"hostile-input corpus: {self.cases} cases sent to {len(self.endpoints)} endpoints, "
            f"{len(self.server_errors)} server errors, {len(self.partial_rows)} partial rows"
        )


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
