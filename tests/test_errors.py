"""Bad requests get a clear GOV.UK-style page with a 4xx status, never a 500, and store nothing."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from services.db import db
from services.models import Draft
from tests.journeys import CRIME, answer
from tests.pages import PageClient


def draft_answers(app: Flask) -> list[dict]:
    with app.app_context():
        return [draft.answers for draft in db.session.scalars(select(Draft))]


def test_unknown_pages_are_404(client: PageClient) -> None:
    for url in ("/no-such-page", "/report-a-crime/no-such-question", "/report-a-burglary"):
        page = client.get(url, expected=404)
        assert page.h1 == "Page not found"


def test_the_wrong_method_is_405(client: PageClient) -> None:
    for method in ("DELETE", "PUT"):
        response = client.http.open(f"{CRIME}/happening-now", method=method)
        assert response.status_code == 405
        assert "This page cannot be used that way" in response.get_data(as_text=True)
    assert client.http.post("/healthz").status_code == 405


def test_an_oversized_body_is_413_and_stores_nothing(app: Flask, client: PageClient) -> None:
    answer(client, CRIME, "happening-now", {"happening_now": "no"})
    before = draft_answers(app)
    page = client.post(f"{CRIME}/reporter-role", {"reporter_role": "victim", "padding": "x" * 600_000}, expected=413)
    assert page.h1 == "What you sent is too large"
    assert draft_answers(app) == before


def test_invalid_utf8_is_a_400_not_a_silently_dropped_field(app: Flask, client: PageClient) -> None:
    answer(client, CRIME, "happening-now", {"happening_now": "no"})
    before = draft_answers(app)
    body = f"csrf_token={client.token()}&reporter_role=victim&note=%FF%FE".encode()
    response = client.http.post(f"{CRIME}/reporter-role", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "characters we cannot accept" in response.get_data(as_text=True)
    assert draft_answers(app) == before


def test_nul_and_control_characters_are_a_400(app: Flask, client: PageClient) -> None:
    answer(client, CRIME, "happening-now", {"happening_now": "no"})
    before = draft_answers(app)
    for value in ("victim\x00", "vic\x1btim", "a\x7f"):
        page = client.post(f"{CRIME}/reporter-role", {"reporter_role": value}, expected=400)
        assert page.h1 == "Sorry, we could not read what you sent"
    assert draft_answers(app) == before
    # Line breaks and tabs are ordinary text.
    answer(client, CRIME, "reporter-role", {"reporter_role": "victim"})


def test_too_many_fields_is_a_400(app: Flask, client: PageClient) -> None:
    data = {f"field{i}": "x" for i in range(2000)}
    data["happening_now"] = "no"
    client.post(f"{CRIME}/happening-now", data, expected=400)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def test_json_posted_to_a_form_gets_validation_errors_not_a_crash(app: Flask, client: PageClient) -> None:
    response = client.http.post(f"{CRIME}/happening-now", json={"happening_now": "no"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def test_fields_a_page_does_not_define_are_ignored(app: Flask, client: PageClient) -> None:
    answer(client, CRIME, "happening-now", {"happening_now": "no", "is_admin": "yes", "reporter_role": "victim"})
    assert draft_answers(app) == [{"happening-now": {"raw": {"happening_now": ["no"]}, "data": {"happening_now": "no"}}}]


def test_error_pages_are_translated(welsh_client: PageClient) -> None:
    page = welsh_client.get("/no-such-page", expected=404)
    assert page.h1 != "Page not found"


def test_every_error_page_is_styled_and_translated(app) -> None:
    from werkzeug.exceptions import BadRequest, Forbidden, InternalServerError, MethodNotAllowed, NotFound, RequestEntityTooLarge

    from frontcounter.errors import handle_http_error

    headings = {}
    for language in ("en", "cy"):
        for error in (BadRequest(), Forbidden(), NotFound(), MethodNotAllowed(), RequestEntityTooLarge(), InternalServerError()):
            with app.test_request_context("/", headers={"Cookie": f"lang={language}"}):
                html, status = handle_http_error(error)
            assert status == error.code
            assert 'class="govuk-heading-l"' in html and f'lang="{language}"' in html
            headings[(language, error.code)] = html.split('class="govuk-heading-l">', 1)[1].split("<", 1)[0]
    for code in (400, 403, 404, 405, 413, 500):
        assert headings[("en", code)] != headings[("cy", code)], f"the {code} page is not in Welsh"
