"""The hostile-input families for one form endpoint that is not a public question page:
the tracking pages and every form of the staff workspace.

Each endpoint is described by a `FormTarget` (its fields, a set of answers it takes, which
fields store text as typed, and what its success and its refusals look like); `attack_form`
sends it the same families of cases the public question pages get.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.hostile import (
    BAD_ENCODINGS,
    BAD_ESCAPES,
    BIDI,
    HUGE_NUMBER,
    LOOKALIKE_DIGITS,
    NAME,
    SQLI,
    XSS,
    Corpus,
    no_raw_script,
    urlencoded,
)

FORM = "application/x-www-form-urlencoded"
EXTRA = "hostile_extra_field"
# Strings a text field takes and stores as typed (with the rest of the form valid).
TEXT_VALUES = {"XSS": XSS, "SQL injection": SQLI, "bidi override and zero-width": BIDI, "emoji and combining marks": NAME}
# Strings put in every field at once (choices, codes, addresses and ids included).
EVERY_VALUES = {**TEXT_VALUES, "look-alike digits": LOOKALIKE_DIGITS, "5,000-digit number": HUGE_NUMBER}
# Impossible ids in a URL: zero, past a 32-bit and a 64-bit integer, and far beyond.
JUNK_IDS = ("0", "2147483648", "9223372036854775808", "9" * 40)


@dataclass
class FormTarget:
    """One POST endpoint and what it answers.

    `ok` are the statuses of success (a redirect, or a page shown once such as new recovery
    codes); `refused` those of a refusal the endpoint documents (400, and 409 for an item
    whose state does not allow the action, 429 for throttled sign-in). `after_ok` puts
    things back after a success that would change what the next case meets (a closed
    item, an ended session).
    """

    url: str
    valid: dict[str, str]
    text: tuple[str, ...] = ()
    ok: tuple[int, ...] = (302,)
    refused: tuple[int, ...] = (400,)
    stores: bool = False
    get_allowed: tuple[int, ...] = (405,)
    after_ok: Callable[[], None] | None = None
    # A field whose value must differ in every body (an email address that must be new).
    unique: str | None = None
    names: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.names = self.names or list(self.valid)

    @property
    def answers(self) -> tuple[int, ...]:
        return self.ok + self.refused


def attack_form(app: Flask, corpus: Corpus, http: FlaskClient, target: FormTarget, token: Callable[[], str]) -> None:
    """Send every family of hostile case to one form endpoint."""
    for case, body, content_type, allowed in _cases(target, token()):
        _send(app, corpus, http, target, case, body, content_type, allowed)
    corpus.send(app, lambda: http.get(target.url), case="GET on a POST-only route", method="GET",
                url=target.url, allowed=target.get_allowed)


def _send(app: Flask, corpus: Corpus, http: FlaskClient, target: FormTarget, case: str, body: bytes, content_type: str,
          allowed: tuple[int, ...]) -> TestResponse:
    response = corpus.send(
        app, lambda: http.post(target.url, data=body, content_type=content_type), case=case, method="POST", url=target.url,
        allowed=allowed, stores=target.stores, check=no_raw_script,
    )
    if response.status_code in target.ok and target.after_ok is not None:
        target.after_ok()
    return response


def _cases(target: FormTarget, token: str) -> list[tuple[str, bytes, str, tuple[int, ...]]]:
    csrf = [("csrf_token", token)]
    names = target.names or [EXTRA]
    answers = target.answers
    bodies = iter(range(1, 1_000))

    def fresh() -> list[tuple[str, str]]:
        number = next(bodies)
        return [(name, f"n{number}.{value}" if name == target.unique else value) for name, value in target.valid.items()]

    valid = fresh()

    def every(value: str) -> bytes:
        return urlencoded(csrf + [(name, value) for name in names])

    def texts(value: str) -> bytes:
        return urlencoded(csrf + [(name, value if name in target.text else answer) for name, answer in fresh()])

    def raw(escaped: str) -> bytes:
        return b"&".join([urlencoded(csrf)] + [urlencoded([(name, "")]) + escaped.encode() for name in names])

    first = names[0]
    cases: list[tuple[str, bytes, str, tuple[int, ...]]] = [
        *((f"every field: {label}", every(value), FORM, answers) for label, value in EVERY_VALUES.items()),
        *((f"text fields: {label}", texts(value), FORM, answers) for label, value in TEXT_VALUES.items() if target.text),
        ("bad percent escapes", raw(BAD_ESCAPES), FORM, answers),
        *((f"bytes: {label}", raw(escaped), FORM, (400,)) for label, escaped in BAD_ENCODINGS.items()),
        ("duplicate keys", urlencoded(csrf + valid + [(name, XSS) for name in names]), FORM, answers),
        ("unexpected extra fields", urlencoded(csrf + fresh() + [(EXTRA, XSS), ("user_id", "1"), ("role", "admin")]), FORM,
         answers),
        ("100,000 characters", urlencoded(csrf + [(name, "x" * 100_000 if name == first else v) for name, v in valid]
                                          if valid else [*csrf, (first, "x" * 100_000)]), FORM, answers),
        ("100,000 characters everywhere", every("é" * 100_000), FORM, (*answers, 413)),
        ("2,000 fields", urlencoded(csrf + [(f"field{i}", "x") for i in range(2000)]), FORM, (400,)),
        ("oversized body", urlencoded([*csrf, (first, "x" * 600_000)]), FORM, (413,)),
        ("JSON to a form", json.dumps({**target.valid, "csrf_token": token}).encode(), "application/json", (400,)),
        ("text/plain to a form", urlencoded(csrf + valid), "text/plain", (400,)),
        ("no CSRF token", urlencoded(valid), FORM, (400,)),
        ("CSRF token with XSS", urlencoded([("csrf_token", XSS), *valid]), FORM, (400,)),
    ]
    if target.text:
        # Last, so whatever it stores is what the caller reads back to check it was kept exactly.
        cases.append(("emoji kept", texts(NAME), FORM, target.ok))
    return cases


def attack_query(app: Flask, corpus: Corpus, http: FlaskClient, url: str, allowed: tuple[int, ...] = (200, 400)) -> None:
    """A GET page's query string: bad bytes and escapes, NUL, duplicate and unknown keys, huge values."""
    queries = {
        "bad query string": ("?change=%FF&x=%ZZ", (200, 400)),
        "NUL in query": ("?x=a%00b", (400,)),
        "control character in query": ("?x=%1B[31m", (400,)),
        "XSS in query": ("?next=" + urlencoded([("", XSS)])[1:].decode() + "&done=" + XSS[:5], allowed),
        "100,000-character query": ("?x=" + "y" * 100_000, allowed),
        "2,000 keys in query": ("?" + "&".join(f"k{i}=v" for i in range(2000)), allowed),
    }
    for case, (query, statuses) in queries.items():
        corpus.send(app, lambda query=query: http.get(url + query), case=case, method="GET", url=url, allowed=statuses,
                    check=no_raw_script)


def attack_junk_ids(app: Flask, corpus: Corpus, http: FlaskClient, pattern: str, *, post: bool,
                    token: Callable[[], str] | None = None) -> None:
    """Ids in the URL that no row has or no integer column can hold: a 404, never a 500."""
    for junk in (*JUNK_IDS, "-1", "1e3", "%EF%BC%91"):  # the last is a full-width digit one
        url = pattern.format(junk)
        corpus.send(app, lambda url=url: http.get(url), case=f"GET junk id {junk[:12]}", method="GET", url=pattern, allowed=(404, 405))
        if post:
            body = urlencoded([("csrf_token", token() if token else "")])
            corpus.send(app, lambda url=url, body=body: http.post(url, data=body, content_type=FORM),
                        case=f"POST junk id {junk[:12]}", method="POST", url=pattern, allowed=(404,))
