"""Make a Freedom of Information request: end to end in English and Welsh, routing, payload
and the schema that re-validates the whole request on the server."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from flask import Flask
from marshmallow import ValidationError

from services.journeys import PayloadContext
from services.journeys.foi import FoiRequestSchema, build_foi_payload
from services.journeys.request_common import clip, period_text
from services.references import is_valid_reference
from tests.contract import contract_errors
from tests.journeys import answer, send, walk
from tests.pages import PageClient
from tests.request_journeys import FOI, FOI_WORDS, counts, foi_pages, stored, triage_item

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("preferred_format", ["email", "spreadsheet", "printed"])
def test_a_request_completes_and_is_stored_with_its_outbox_message_and_triage_item(
    app: Flask, language: str, preferred_format: str
) -> None:
    client = PageClient(app, language=language)
    check = walk(client, FOI, foi_pages(preferred_format=preferred_format))
    assert FOI_WORDS in check.summary_rows().values()
    reference = send(client, FOI)

    assert is_valid_reference(reference, "WMP")
    assert counts(app) == (1, 1, 1)
    payload = stored(app, reference).payload
    assert contract_errors("Submission", payload) == []
    assert payload["service"] == "request-information-foi" and payload["kind"] == "information_request"
    assert payload["reporter"]["role"] == "requester"
    assert payload["language"] == language
    assert payload["summary"] == FOI_WORDS
    assert payload["category"] == "freedom_of_information"
    assert triage_item(app).summary == FOI_WORDS


def test_email_formats_send_an_email_address_and_no_postal_address(app: Flask, client: PageClient) -> None:
    walk(client, FOI, foi_pages(preferred_format="spreadsheet", organisation_name="The Gazette"))
    reporter = stored(app, send(client, FOI)).payload["reporter"]
    assert reporter == {
        "role": "requester", "name": "Fran Requester (The Gazette)", "email": "fran@example.com", "preferred_contact": "email",
    }


def test_a_printed_copy_is_posted_to_the_address_given(app: Flask, client: PageClient) -> None:
    walk(client, FOI, foi_pages(preferred_format="printed"))
    payload = stored(app, send(client, FOI)).payload
    assert payload["reporter"] == {
        "role": "requester", "name": "Fran Requester", "preferred_contact": "post",
        "address": {"lines": ["1 High Street"], "town": "Birmingham", "postcode": "B4 6NQ"},
    }
    answers = {row["question_id"]: row["answer"] for row in payload["answers"]}
    assert answers["format.preferred_format"] == "As a printed copy, by post"
    assert answers["period-dates.period_from"] == "January 1, 2025"
    assert next(iter(answers)) == "information.information_wanted"


def test_no_period_skips_the_dates(app: Flask, client: PageClient) -> None:
    pages = foi_pages(period_known="no")
    assert "period-dates" not in [page_id for page_id, _ in pages]
    check = walk(client, FOI, pages)
    assert "Start date" not in check.summary_rows()
    payload = stored(app, send(client, FOI)).payload
    assert "period-dates.period_from" not in {row["question_id"] for row in payload["answers"]}


def test_changing_to_a_printed_copy_asks_for_an_address_and_drops_the_email(app: Flask, client: PageClient) -> None:
    check = walk(client, FOI, foi_pages(preferred_format="email"))
    link = check.change_links()["How would you like to receive the information?"]
    assert link.startswith(f"{FOI}/format?change=1")
    location = answer(client, FOI, "format", {"preferred_format": "printed"}, change=True)
    assert location.endswith(f"{FOI}/address?change=1")
    location = answer(client, FOI, "address", {"address_line_1": "1 High Street", "address_town": "Birmingham", "address_postcode": "B4 6NQ"}, change=True)
    assert location.endswith(f"{FOI}/check-your-answers")
    rows = client.get(f"{FOI}/check-your-answers").summary_rows()
    assert "What is your email address?" not in rows and rows["Postcode"] == "B4 6NQ"
    reporter = stored(app, send(client, FOI)).payload["reporter"]
    assert "email" not in reporter and reporter["preferred_contact"] == "post"


def test_changing_the_period_to_yes_asks_for_the_dates(client: PageClient) -> None:
    walk(client, FOI, foi_pages(period_known="no"))
    location = answer(client, FOI, "period", {"period_known": "yes"}, change=True)
    assert location.endswith(f"{FOI}/period-dates?change=1")


def test_pages_cannot_be_skipped(client: PageClient) -> None:
    page = client.get(f"{FOI}/format", expected=302)
    assert page.response.headers["Location"].endswith(FOI)
    answer(client, FOI, "information", {"information_wanted": FOI_WORDS})
    page = client.get(f"{FOI}/your-name", expected=302)
    assert page.response.headers["Location"].endswith(f"{FOI}/period")


def test_the_information_page_guides_and_points_personal_requests_elsewhere(client: PageClient) -> None:
    client.get(FOI)
    page = client.get(f"{FOI}/information")
    assert page.h1 == "What information do you want?"
    assert "18 hours" in page.text
    link = page.soup.find("a", string="Ask for your personal information")
    assert link is not None and link["href"] == "/request-your-personal-information"
    assert page.soup.find(attrs={"data-module": "govuk-character-count"})["data-maxlength"] == "20000"


def test_start_and_confirmation_pages_say_20_working_days(client: PageClient, welsh_client: PageClient) -> None:
    start = client.get(FOI)
    assert "We must reply within 20 working days" in start.text
    assert start.soup.find("a", href="/request-your-personal-information") is not None
    assert "20 diwrnod gwaith" in welsh_client.get(FOI).text
    walk(client, FOI, foi_pages())
    send(client, FOI)
    confirmation = client.get(f"{FOI}/confirmation")
    assert confirmation.h1.startswith("Request sent")
    assert "internal review within 40 working days" in confirmation.text


def test_welsh_request_records_welsh_questions(app: Flask, welsh_client: PageClient) -> None:
    walk(welsh_client, FOI, foi_pages())
    payload = stored(app, send(welsh_client, FOI)).payload
    questions = {row["question_id"]: row["question"] for row in payload["answers"]}
    assert questions["information.information_wanted"] != "Describe the information you want"
    assert payload["language"] == "cy"
    assert contract_errors("Submission", payload) == []


def test_hostile_text_is_stored_exactly_and_shown_escaped(app: Flask, client: PageClient) -> None:
    hostile = "<script>alert('x')</script> \"; DROP TABLE submissions; -- O'Brien 👩🏽‍🚒 e\u0301"
    check = walk(client, FOI, foi_pages(information_wanted=hostile))
    assert "<script>alert" not in check.response.get_data(as_text=True)
    assert stored(app, send(client, FOI)).payload["summary"] == hostile


# The schema is the single source of truth for every channel: these are the same rules the
# pages enforce, checked without the pages (as the intake API will submit).
VALID: dict[str, Any] = {
    "information_wanted": FOI_WORDS, "period_known": "yes", "period_from": "2025-01-01", "period_to": "2025-03-31",
    "preferred_format": "email", "full_name": "Fran Requester", "email": "fran@example.com",
}


def schema_errors(**changes: Any) -> dict[str, Any]:
    data = {key: value for key, value in {**VALID, **changes}.items() if value is not None}
    try:
        FoiRequestSchema(today=TODAY).load(data)
    except ValidationError as error:
        return dict(error.normalized_messages())
    return {}


def test_the_schema_accepts_a_complete_request() -> None:
    assert schema_errors() == {}
    assert schema_errors(period_known="no", period_from=None, period_to=None) == {}


@pytest.mark.parametrize(("changes", "field"), [
    ({"information_wanted": None}, "information_wanted"),
    ({"information_wanted": "   "}, "information_wanted"),
    ({"information_wanted": "x" * 20_001}, "information_wanted"),
    ({"full_name": None}, "full_name"),
    ({"full_name": "x" * 201}, "full_name"),
    ({"preferred_format": "fax"}, "preferred_format"),
    ({"preferred_format": None}, "preferred_format"),
    ({"email": None}, "email"),
    ({"email": "not-an-email"}, "email"),
    ({"preferred_format": "printed", "email": None}, "address_line_1"),
    ({"preferred_format": "printed", "address_line_1": "1 High St", "address_town": "B'ham", "address_postcode": "B4"}, "address_postcode"),
    ({"period_known": None}, "period_known"),
    ({"period_to": None}, "period_from"),
    ({"period_to": "2026-12-01"}, "period_to"),
    ({"period_from": "2025-04-01"}, "period_to"),
    ({"surprise": "field"}, "surprise"),
])
def test_the_schema_refuses(changes: dict[str, Any], field: str) -> None:
    assert field in schema_errors(**changes)


def test_period_text_and_clip() -> None:
    assert period_text({"period_known": "yes", "period_from": date(2024, 4, 1), "period_to": date(2025, 3, 31)}) == "1 April 2024 to 31 March 2025"
    assert period_text({"period_known": "no"}) is None
    assert clip("short") == "short"
    clipped = clip("word " * 5000)
    assert len(clipped) <= 20_000 and clipped.endswith("word…")


@pytest.mark.parametrize(("preferred_format", "kept", "dropped"), [("printed", "address", "email"), ("email", "email", "address")])
def test_only_the_reply_address_that_fits_the_format_is_sent(preferred_format: str, kept: str, dropped: str) -> None:
    """Another channel may send both an email and a postal address: the payload keeps the one the format needs."""
    both = {**VALID, "preferred_format": preferred_format, "address_line_1": "1 High St", "address_town": "Birmingham", "address_postcode": "B4 6NQ"}
    data = FoiRequestSchema(today=TODAY).load(both)
    context = PayloadContext(
        force_code="WMP", reference="WMP-AAAA-BBBB", language="en", channel="api",
        submitted_at=datetime(2026, 11, 25, 12, tzinfo=UTC), answers=[{"question_id": "a", "question": "Q", "answer": "A"}],
    )
    payload = build_foi_payload(data, context)
    assert kept in payload["reporter"] and dropped not in payload["reporter"]
    assert contract_errors("Submission", payload) == []
