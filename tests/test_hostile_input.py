"""A hostile-input corpus against every public form page, the tracking pages, every page of
the staff workspace, the intake API and the webhook.

Whatever arrives gets a 4xx (or a redirect, or the endpoint's own success) with a GOV.UK
page or a problem document, never a 5xx, and never leaves a partial row behind. Run with
`-s` or read the last lines of the run for the summary.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from frontcounter.catalogue import SERVICES
from integrations.webhooks import signature
from services.api_keys import create_api_key
from services.db import db
from services.enums import Channel
from services.models import Draft, Submission
from tests.browser.test_every_journey_without_javascript import JOURNEYS
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
    assert_clean,
    no_raw_script,
    page_field_names,
    urlencoded,
)
from tests.hostile_staff import STAFF_AND_TRACKING
from tests.journeys import walk
from tests.outbox_helpers import insert_submissions
from tests.pages import PageClient
from tests.test_api import crime_answers

FORM = "application/x-www-form-urlencoded"
REDIRECT_OR_REFUSED = (302, 400)
ACTION = (200, 302, 400)  # an add-another button shows the same page again
EXPENSIVE_PAGES = 3  # the 100,000-character, 2,000-field and oversized cases go to each service's first pages
EXTRA = "hostile_extra_field"
API = "/api/v1/submissions"
WEBHOOK = "/national-platform/events"
WEBHOOK_SECRET = "development-only-webhook-secret"

_CORPUS = pytest.StashKey[Corpus]()



@pytest.fixture(scope="module")
def corpus(request: pytest.FixtureRequest) -> Iterator[Corpus]:
    config = request.config
    if _CORPUS not in config.stash:
        config.stash[_CORPUS] = Corpus()
    found = config.stash[_CORPUS]
    yield found
    # Printed past pytest's output capture, so it shows in every run, passing or not.
    capture = config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture is not None else nullcontext():
        print(f"\n{found.summary()}")


def _named(data: dict[str, Any]) -> dict[str, Any]:
    """The page's answers with every name typed as emoji, ZWJ sequences and combining marks."""
    return {
        key: NAME if isinstance(value, str) and value and key.endswith(("full_name", "first_name", "last_name")) else value
        for key, value in data.items()
    }


def _pairs(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(key, item) for key, value in data.items() for item in (value if isinstance(value, list) else [value])]


def _drafts_text(app: Flask) -> str:
    with app.app_context():
        text = json.dumps([d.answers for d in db.session.scalars(select(Draft))], ensure_ascii=False)
        db.session.rollback()
        return text


def _form_cases(names: list[str], valid: dict[str, Any], token: str, expensive: bool) -> list[tuple[str, bytes, str, tuple[int, ...]]]:
    """(case, body, content type, statuses allowed) for one question page."""
    csrf = [("csrf_token", token)]
    valid_pairs = _pairs(valid)

    def every(value: str) -> bytes:
        return urlencoded(csrf + [(name, value) for name in names])

    def raw(escaped: str) -> bytes:
        # A page with no questions of its own still gets the bytes, under a name it ignores.
        return b"&".join([urlencoded(csrf)] + [urlencoded([(name, "")]) + escaped.encode() for name in names or [EXTRA]])

    def dated(day: str, month: str, year: str) -> bytes:
        parts = {"-day": day, "-month": month, "-year": year}
        changed = dict(_pairs(valid))
        for name in names:
            for suffix, value in parts.items():
                if name.endswith(suffix):
                    changed[name] = value
        return urlencoded(csrf + list(changed.items()))

    cases: list[tuple[str, bytes, str, tuple[int, ...]]] = [
        ("XSS", every(XSS), FORM, REDIRECT_OR_REFUSED),
        ("SQL injection", every(SQLI), FORM, REDIRECT_OR_REFUSED),
        ("bidi override and zero-width", every(BIDI), FORM, REDIRECT_OR_REFUSED),
        ("emoji and combining marks", every(NAME), FORM, REDIRECT_OR_REFUSED),
        ("look-alike digits", every(LOOKALIKE_DIGITS), FORM, REDIRECT_OR_REFUSED),
        ("5,000-digit number", every(HUGE_NUMBER), FORM, REDIRECT_OR_REFUSED),
        ("bad percent escapes", raw(BAD_ESCAPES), FORM, REDIRECT_OR_REFUSED),
        *((f"bytes: {label}", raw(escaped), FORM, (400,)) for label, escaped in BAD_ENCODINGS.items()),
        ("duplicate keys", urlencoded(csrf + valid_pairs + [(name, XSS) for name in names]), FORM, REDIRECT_OR_REFUSED),
        ("unexpected extra fields", urlencoded(csrf + valid_pairs + [(EXTRA, XSS), ("submission_id", "1")]), FORM,
         REDIRECT_OR_REFUSED),
        ("31 February", dated("31", "2", "2026"), FORM, REDIRECT_OR_REFUSED),
        ("year 99999", dated("1", "1", "99999"), FORM, REDIRECT_OR_REFUSED),
        ("year 10**20", dated("1", "1", "1" + "0" * 20), FORM, REDIRECT_OR_REFUSED),
        ("look-alike digit dates", dated("³", "①", "²⁰²⁶"), FORM, REDIRECT_OR_REFUSED),
        ("remove look-alike item", urlencoded(csrf + valid_pairs + [("action", "remove-²")]), FORM, ACTION),
        ("remove huge item", urlencoded(csrf + valid_pairs + [("action", "remove-" + HUGE_NUMBER)]), FORM, ACTION),
        ("remove 20-digit item", urlencoded(csrf + valid_pairs + [("action", "remove-" + "9" * 20)]), FORM, ACTION),
        ("JSON to a form", json.dumps({**dict.fromkeys(names, XSS), "csrf_token": token}).encode(), "application/json", (400,)),
        ("text/plain to a form", every(XSS), "text/plain", (400,)),
        ("no CSRF token", urlencoded(valid_pairs), FORM, (400,)),
    ]
    if expensive:
        first = names[:1] or ["anything"]
        cases += [
            ("100,000 characters", urlencoded([*csrf, (first[0], "x" * 100_000)]), FORM, REDIRECT_OR_REFUSED),
            ("100,000 characters everywhere", every("é" * 100_000), FORM, (302, 400, 413)),
            ("2,000 fields", urlencoded(csrf + [(f"field{i}", "x") for i in range(2000)]), FORM, (400,)),
            ("oversized body", urlencoded([*csrf, (first[0], "x" * 600_000)]), FORM, (413,)),
        ]
    return cases


def _multipart_cases(names: list[str], token: str) -> list[tuple[str, dict[str, Any], tuple[int, ...]]]:
    first = names[0] if names else "anything"
    return [
        # Werkzeug stops reading a multipart body at its 1,000th part (413); the guard, at 300 fields (400).
        ("multipart 2,000 fields", {"csrf_token": token, **{f"field{i}": "x" for i in range(2000)}}, (400, 413)),
        ("multipart 500 fields", {"csrf_token": token, **{f"field{i}": "x" for i in range(500)}}, (400,)),
        ("multipart NUL", {"csrf_token": token, first: "a\x00b"}, (400,)),
        ("multipart XSS", {"csrf_token": token, first: XSS}, REDIRECT_OR_REFUSED),
    ]


def _view_ran(response: Any) -> bool:
    """Whether the page's answers may have changed (refusals before the view change nothing)."""
    return response.status_code < 400 or "govuk-error-summary" in response.get_data(as_text=True)


def _attack_page(app: Flask, corpus: Corpus, http: Any, slug: str, page_id: str, *, names: list[str],
                 valid: dict[str, dict[str, Any]], token: str, expensive: bool) -> None:
    url = f"/{slug}/{page_id}"

    def restore() -> None:
        # Put the page's good answers back, so the pages after it can be reached again.
        if page_id in valid:
            response = http.post(url, data=urlencoded([("csrf_token", token), *_pairs(valid[page_id])]), content_type=FORM)
            assert response.status_code == 302, f"{page_id}: restoring good answers gave {response.status_code}"

    for case, body, content_type, allowed in _form_cases(names, valid.get(page_id, {}), token, expensive):
        response = corpus.send(
            app, lambda body=body, content_type=content_type: http.post(url, data=body, content_type=content_type),
            case=case, method="POST", url=url, allowed=allowed, check=no_raw_script,
        )
        if _view_ran(response):
            restore()
    if expensive:
        for case, data, allowed in _multipart_cases(names, token):
            response = corpus.send(
                app, lambda data=data: http.post(url, data=data, content_type="multipart/form-data"),
                case=case, method="POST", url=url, allowed=allowed, check=no_raw_script,
            )
            if _view_ran(response):
                restore()
    corpus.send(app, lambda: http.get(url + "?change=%FF&x=%ZZ"), case="bad query string", method="GET",
                url=url, allowed=(200, 302, 404))
    corpus.send(app, lambda: http.get(url + "?x=a%00b"), case="NUL in query", method="GET", url=url,
                allowed=(400,))


@pytest.mark.parametrize("slug", sorted(SERVICES))
def test_every_form_page_of_every_service(app: Flask, corpus: Corpus, slug: str) -> None:
    mark = len(corpus.failures)
    service = SERVICES[slug]
    path = [(page_id, _named(data)) for page_id, data in JOURNEYS[slug]()]
    valid = dict(path)
    client = PageClient(app)
    http = client.http
    walk(client, f"/{slug}", path)
    token = client.token()

    for index, page_id in enumerate(service.journey.page_ids()):
        with corpus.watching(app, f"/{slug}/{page_id}"):
            _attack_page(app, corpus, http, slug, page_id, names=page_field_names(app, service, page_id),
                         valid=valid, token=token, expensive=index < EXPENSIVE_PAGES)
    assert EXTRA not in _drafts_text(app), "a field the page does not ask for was stored"

    check = f"/{slug}/check-your-answers"
    keep_alive = f"/{slug}/keep-alive"
    refused: list[tuple[str, bytes, str, tuple[int, ...]]] = [
        ("no CSRF token", urlencoded([(EXTRA, "1")]), FORM, (400,)),
        ("JSON to a form", json.dumps({"csrf_token": token}).encode(), "application/json", (400,)),
        ("text/plain to a form", urlencoded([("csrf_token", token)]), "text/plain", (400,)),
        ("bytes: invalid UTF-8", urlencoded([("csrf_token", token)]) + b"&x=%C3%28", FORM, (400,)),
        ("bytes: NUL", urlencoded([("csrf_token", token)]) + b"&x=%00", FORM, (400,)),
        ("2,000 fields", urlencoded([("csrf_token", token)] + [(f"f{i}", "x") for i in range(2000)]), FORM, (400,)),
        ("oversized body", urlencoded([("csrf_token", token), ("x", "x" * 600_000)]), FORM, (413,)),
    ]
    for target in (check, keep_alive):
        for case, body, content_type, allowed in refused:
            corpus.send(app, lambda target=target, body=body, content_type=content_type: http.post(
                target, data=body, content_type=content_type), case=case, method="POST", url=target, allowed=allowed)
    # GET /<service>/keep-alive is matched by the question pages' route: a page that does not exist.
    corpus.send(app, lambda: http.get(keep_alive), case="GET on a POST-only route", method="GET", url=keep_alive, allowed=(404, 405))
    corpus.send(app, lambda: http.post(keep_alive, data=urlencoded([("csrf_token", token), (EXTRA, XSS)]), content_type=FORM),
                case="keep-alive with extra fields", method="POST", url=keep_alive, allowed=(200,))
    page = corpus.send(app, lambda: http.get(check), case="GET check answers is safe", method="GET", url=check,
                       allowed=(200,), check=no_raw_script)
    assert page.status_code == 200
    sent = corpus.send(app, lambda: http.post(check, data=urlencoded([("csrf_token", token), (EXTRA, XSS)]), content_type=FORM),
                       case="send with extra fields", method="POST", url=check, allowed=(302,), stores=True)
    assert sent.headers.get("Location", "").endswith(f"/{slug}/confirmation")
    with app.app_context():
        payload = json.dumps(db.session.scalars(select(Submission)).one().payload, ensure_ascii=False)
    assert EXTRA not in payload
    if any(value == NAME for _page, data in path for value in data.values()):
        assert NAME in payload, "a name with emoji and combining marks was not kept exactly"
    assert_clean(corpus, mark)


@pytest.fixture()
def api_key(app: Flask) -> str:
    with app.app_context():
        return create_api_key("hostile corpus", Channel.VOICE)[1]


RAW = "__raw_json__"
API_VALUES: dict[str, Any] = {
    "XSS": XSS, "SQL injection": SQLI, "bidi and zero-width": BIDI, "emoji": NAME, "look-alike digits": LOOKALIKE_DIGITS,
    "5,000-digit number text": HUGE_NUMBER, "100,000 characters": "x" * 100_000, "empty": "", "null": None, "true": True,
    "huge integer": "1" + "0" * 400, "5,000-digit integer": "9" * 5000, "1e400": "1e400", "negative": -1, "list": [], "object": {"a": {"b": XSS}},
    "2,000-item list": ["x"] * 2000, "NUL escape": "\\u0000", "lone surrogate": "\\ud800", "31 February": "2026-02-31",
    "year 99999": "99999-01-01", "year 1": "0001-01-01", "year 9999": "9999-12-31", "time 24:00": "24:00",
}
RAW_VALUES = {"huge integer", "5,000-digit integer", "1e400"}
ESCAPED_VALUES = {"NUL escape", "lone surrogate"}


def _api_body(answers: dict[str, Any], raw_value: str | None = None) -> bytes:
    text = json.dumps({"service": "report-a-crime", "language": "en", "answers": answers}, ensure_ascii=False)
    if raw_value is not None:
        text = text.replace(json.dumps(RAW), raw_value)
    return text.encode()


def test_the_intake_api(app: Flask, corpus: Corpus, api_key: str) -> None:
    mark = len(corpus.failures)
    http = app.test_client()
    auth = {"Authorization": f"Bearer {api_key}"}

    def post(body: bytes, content_type: str = "application/json", **headers: str) -> Callable[[], Any]:
        return lambda: http.post(API, data=body, headers={"Content-Type": content_type, **auth, **headers})

    for key in crime_answers():
        for label, value in API_VALUES.items():
            if label in RAW_VALUES or label in ESCAPED_VALUES:
                raw = value if label in RAW_VALUES else json.dumps(value).replace("\\\\", "\\")
                body = _api_body(crime_answers(**{key: RAW}), raw)
            else:
                body = _api_body(crime_answers(**{key: value}) if value is not None else {**crime_answers(), key: None})
            corpus.send(app, post(body, **{"Idempotency-Key": uuid.uuid4().hex}), case=f"{key}: {label}", method="POST",
                        url=API, allowed=(201, 400, 422), stores=True)

    good = _api_body(crime_answers())
    whole_bodies: list[tuple[str, Callable[[], Any], tuple[int, ...]]] = [
        ("invalid UTF-8", post(b'{"service": "\xff\xfe"}'), (400,)),
        ("bad percent escapes", post(b"service=%ZZ&answers=%C3%28"), (400,)),
        ("raw NUL byte", post(good.replace(b"Ann Example", b"Ann\x00Example")), (400,)),
        ("raw control byte", post(good.replace(b"Ann Example", b"Ann\x1bExample")), (400,)),
        ("byte-order mark", post(b"\xef\xbb\xbf" + good), (400,)),
        ("duplicate top-level keys", post(good[:-1] + b', "service": "report-a-crime"}'), (400,)),
        ("duplicate answer keys", post(good.replace(b'"full_name": "Ann Example"',
                                                    b'"full_name": "Ann Example", "full_name": "Eve"')), (400,)),
        ("NaN", post(good.replace(b'"postcode": "B4 6NQ"', b'"postcode": NaN')), (400,)),
        ("nested 100,000 deep", post(b"[" * 100_000 + b"]" * 100_000), (400,)),
        ("nested 30 deep in answers", post(_api_body({**crime_answers(), "description": RAW},
                                                     '{"a":' * 30 + "1" + "}" * 30)), (400, 422)),
        ("2,000 answers", post(_api_body({**crime_answers(), **{f"field{i}": "x" for i in range(2000)}})), (422,)),
        ("oversized body", post(_api_body(crime_answers(description="x" * 600_000))), (413,)),
        ("array body", post(b"[1, 2]"), (400,)),
        ("empty body", post(b""), (400,)),
        ("text/plain", post(good, "text/plain"), (415,)),
        ("form-encoded", post(urlencoded([("service", "report-a-crime")]), FORM), (415,)),
        ("Idempotency-Key with a control character", post(good, **{"Idempotency-Key": "key\x7f"}), (400,)),
        ("Idempotency-Key of 256 characters", post(good, **{"Idempotency-Key": "k" * 256}), (400,)),
        ("no key", lambda: http.post(API, data=good, headers={"Content-Type": "application/json"}), (401,)),
        ("key with XSS", lambda: http.post(API, data=good, headers={"Content-Type": "application/json",
                                                                    "Authorization": f"Bearer {XSS}"}), (401,)),
        ("GET on a POST-only route", lambda: http.get(API), (405,)),
        ("PUT on a POST-only route", lambda: http.put(API, data=good, headers=auth), (405,)),
    ]
    for case, call, allowed in whole_bodies:
        corpus.send(app, call, case=case, method="GET" if "GET" in case else "POST", url=API, allowed=allowed)

    response = corpus.send(app, post(_api_body(crime_answers(full_name=NAME, description=XSS + SQLI))),
                           case="emoji name round trip", method="POST", url=API, allowed=(201,), stores=True)
    with app.app_context():
        payload = db.session.scalars(select(Submission).where(Submission.reference == response.get_json()["reference"])).one().payload
    answers = {row["question_id"]: row["answer"] for row in payload["answers"]}
    assert answers["your-details.full_name"] == NAME
    assert answers["description.description"] == XSS + SQLI
    assert_clean(corpus, mark)


def _event(reference: str, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "event_id": str(uuid.uuid4()), "platform_id": "NP-0123456789AB", "force_reference": reference,
        "status": "in_review", "occurred_at": "2026-11-25T10:00:00Z", "message_to_reporter": "We are looking at it.",
    }
    body.update(changes)
    return body


def test_the_platform_webhook(app: Flask, corpus: Corpus) -> None:
    mark = len(corpus.failures)
    [reference] = insert_submissions(app, 1)
    http = app.test_client()
    good = json.dumps(_event(reference)).encode()

    def message(raw: str) -> bytes:
        return json.dumps(_event(reference, message_to_reporter=RAW)).replace(json.dumps(RAW), raw).encode()

    bodies: list[tuple[str, bytes, str, tuple[int, ...]]] = [
        ("XSS", json.dumps(_event(reference, message_to_reporter=XSS)).encode(), "application/json", (204,)),
        ("SQL injection", json.dumps(_event(reference, message_to_reporter=SQLI, crime_number=SQLI[:32])).encode(),
         "application/json", (204,)),
        ("emoji", json.dumps(_event(reference, message_to_reporter=NAME), ensure_ascii=False).encode(), "application/json", (204,)),
        ("invalid UTF-8", good.replace(b"We are", b"We \xff\xfe are"), "application/json", (400,)),
        ("bad percent escapes", b"event_id=%ZZ&status=%C3%28", "application/json", (400,)),
        ("NUL escape", message('"a\\u0000b"'), "application/json", (400,)),
        ("raw control byte", good.replace(b"We are", b"We \x1b are"), "application/json", (400,)),
        ("lone surrogate", message('"a\\ud800b"'), "application/json", (400,)),
        ("100,000 characters", json.dumps(_event(reference, message_to_reporter="x" * 100_000)).encode(), "application/json", (400,)),
        ("2,000 fields", json.dumps({**_event(reference), **{f"field{i}": "x" for i in range(2000)}}).encode(),
         "application/json", (400,)),
        ("duplicate keys", good[:-1] + b', "status": "closed"}', "application/json", (400,)),
        ("NaN", message("NaN"), "application/json", (400,)),
        ("1e400", message("1e400"), "application/json", (400,)),
        ("5,000-digit integer", message("9" * 5000), "application/json", (400,)),
        ("nested 100,000 deep", b"[" * 100_000 + b"]" * 100_000, "application/json", (400,)),
        ("year 99999", json.dumps(_event(reference, occurred_at="99999-01-01T00:00:00Z")).encode(), "application/json", (400,)),
        ("31 February", json.dumps(_event(reference, occurred_at="2026-02-31T00:00:00Z")).encode(), "application/json", (400,)),
        ("oversized body", json.dumps(_event(reference, message_to_reporter="x" * 600_000)).encode(), "application/json", (413,)),
        ("text/plain", good, "text/plain", (415,)),
    ]
    for case, body, content_type, allowed in bodies:
        # Unsigned, nothing is read past the signature check; signed, every check after it runs.
        corpus.send(app, lambda body=body, content_type=content_type: http.post(
            WEBHOOK, data=body, headers={"Content-Type": content_type}), case=f"unsigned {case}", method="POST", url=WEBHOOK,
            allowed=(413,) if case == "oversized body" else (400,))
        corpus.send(app, lambda body=body, content_type=content_type: http.post(
            WEBHOOK, data=body, headers={"Content-Type": content_type,
                                         "Platform-Signature": signature(WEBHOOK_SECRET, body, int(time.time()))}),
            case=f"signed {case}", method="POST", url=WEBHOOK, allowed=allowed)
    for case, header in {"signature with XSS": XSS, "signature with NUL": "t=1,v1=\x00", "huge timestamp": "t=" + "9" * 5000}.items():
        corpus.send(app, lambda header=header: http.post(WEBHOOK, data=good, headers={
            "Content-Type": "application/json", "Platform-Signature": header}), case=case, method="POST", url=WEBHOOK, allowed=(400,))
    corpus.send(app, lambda: http.get(WEBHOOK), case="GET on a POST-only route", method="GET", url=WEBHOOK, allowed=(405,))
    assert_clean(corpus, mark)


@pytest.mark.parametrize("area", sorted(STAFF_AND_TRACKING))
def test_the_tracking_and_staff_pages(app: Flask, corpus: Corpus, area: str) -> None:
    """Check a report, and every form, action, filter and id of the staff workspace."""
    mark = len(corpus.failures)
    STAFF_AND_TRACKING[area](app, corpus)
    assert_clean(corpus, mark)


def test_the_corpus_found_no_server_errors_and_no_partial_rows(corpus: Corpus) -> None:
    """Last in the file: the whole corpus's tally (printed at the end of the run)."""
    if corpus.cases == 0:
        pytest.skip("run with the rest of this file")
    assert corpus.server_errors == [] and corpus.partial_rows == [], corpus.summary()
