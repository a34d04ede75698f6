"""Ask for documents as a solicitor end to end, on every database backend."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from marshmallow import ValidationError
from wtforms.validators import ValidationError as FormError

from forms.solicitor_documents import SraNumber
from services.journeys.solicitor_documents import SOLICITOR_DOCUMENTS_JOURNEY, SolicitorRequestSchema
from services.references import is_valid_reference
from tests.contract import contract_errors
from tests.disclosure_answers import NEEDED_BY, SOLICITOR, counts, solicitor_pages, stored, triage
from tests.journeys import answer, send, walk
from tests.pages import PageClient


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_request_completes_and_is_stored_with_its_outbox_message_and_triage_item(app: Flask, language: str) -> None:
    client = PageClient(app, language=language)
    check = walk(client, SOLICITOR, solicitor_pages())
    assert check.soup.find("html")["lang"] == language
    reference = send(client, SOLICITOR)

    assert is_valid_reference(reference, "WMP")
    assert reference in client.get(f"{SOLICITOR}/confirmation").text
    # A professional's work address: the confirmation email is sent.
    assert counts(app) == (1, 1, 1, 1)
    payload = stored(app, reference).payload
    assert contract_errors("Submission", payload) == []
    assert payload["language"] == language and payload["kind"] == "information_request"
    assert triage(app).vulnerability == []


def test_payload_names_the_solicitor_and_firm_and_sums_up_the_request(app: Flask, client: PageClient) -> None:
    walk(client, SOLICITOR, solicitor_pages(case_type="other", authority="court_order", documents=["custody_record", "other"]))
    payload = stored(app, send(client, SOLICITOR)).payload

    assert payload["service"] == "solicitor-request-for-documents"
    assert payload["category"] == "solicitor_request_for_documents"
    assert payload["reporter"] == {
        "role": "requester",
        "name": "Sol Icitor (Icitor & Co LLP)",
        "email": "sol@icitor.example",
        "phone": "0121 496 0000",
        "preferred_contact": "email",
        "address": {"lines": ["1 Colmore Row"], "town": "Birmingham", "postcode": "B3 2BJ"},
    }
    assert payload["flags"] == {"vulnerability": [], "safe_to_contact": True}
    needed = f"{NEEDED_BY.day} {NEEDED_BY:%B %Y}"
    assert payload["summary"] == "\n".join([
        "Request for documents from Sol Icitor of Icitor & Co LLP (SRA number 612345), for their client Chris Client, born 9 September 1999.",
        "Case type: Other: Employment tribunal.",
        "Force reference or crime number: 20/123456/26.",
        "Documents wanted: Custody record; Other: Photographs of the scene.",
        "Authority held: Court order: Birmingham County Court, 1 November 2026, case B12CD345.",
        "To help find them: Arrested 3 November 2026 at 14:30, taken to Perry Barr custody suite",
        f"Needed by {needed}: Plea hearing",
    ])
    answers = {row["question_id"]: row["answer"] for row in payload["answers"]}
    assert answers["firm-details.organisation_name"] == "Icitor & Co LLP"
    assert answers["firm-details.sra_number"] == "612345"
    assert answers["client.client_name"] == "Chris Client"
    assert answers["documents.documents_requested"] == "Custody record, Other"
    assert contract_errors("Submission", payload) == []


def test_the_sra_number_is_kept_as_its_digits(app: Flask, client: PageClient) -> None:
    walk(client, SOLICITOR, solicitor_pages(sra_number="SRA No. 612 345"))
    payload = stored(app, send(client, SOLICITOR)).payload
    assert "(SRA number 612345)" in payload["summary"]


def test_reference_and_date_are_optional(app: Flask, client: PageClient) -> None:
    walk(client, SOLICITOR, solicitor_pages(police_reference="", date_needed={"needed_by-day": "", "needed_by-month": "", "needed_by-year": ""}))
    payload = stored(app, send(client, SOLICITOR)).payload
    assert "Force reference or crime number: not given." in payload["summary"]
    assert "Needed by" not in payload["summary"]
    assert contract_errors("Submission", payload) == []


def test_text_under_an_unticked_other_is_not_kept(app: Flask, client: PageClient) -> None:
    pages = solicitor_pages()
    documents = {"documents_requested": ["statements"], "documents_other": "Typed, then other unticked"}
    pages = [(page_id, documents if page_id == "documents" else data) for page_id, data in pages]
    check = walk(client, SOLICITOR, pages)
    assert "Describe the other documents" not in check.summary_rows()
    payload = stored(app, send(client, SOLICITOR)).payload
    assert "Typed, then other unticked" not in payload["summary"]


def test_the_journey_asks_every_page_in_order_with_no_branches(client: PageClient) -> None:
    pages = [page_id for page_id, _data in solicitor_pages(case_type="inquest")]
    assert pages == SOLICITOR_DOCUMENTS_JOURNEY.page_ids()
    assert SOLICITOR_DOCUMENTS_JOURNEY.exits == ()


def test_a_change_returns_to_check_answers(app: Flask, client: PageClient) -> None:
    walk(client, SOLICITOR, solicitor_pages())
    location = answer(client, SOLICITOR, "authority", {"authority": "court_order", "court_order_details": "Crown Court order"}, change=True)
    assert location.endswith(f"{SOLICITOR}/check-your-answers")
    rows = client.get(f"{SOLICITOR}/check-your-answers").summary_rows()
    assert rows["Which court order?"] == "Crown Court order"
    assert "Authority held: Court order: Crown Court order." in stored(app, send(client, SOLICITOR)).payload["summary"]


def test_start_page_explains_fees_and_the_law(client: PageClient, welsh_client: PageClient) -> None:
    page = client.get(SOLICITOR)
    assert page.h1 == "Ask for documents as a solicitor"
    for words in ("Fees may apply", "Criminal Procedure and Investigations Act 1996 (CPIA)", "SRA number", "court order"):
        assert words in page.text
    welsh_client.get(SOLICITOR)


# The SRA number rule


class _Field:
    def __init__(self, data: str) -> None:
        self.data = data


@pytest.mark.parametrize(("typed", "kept"), [("612345", "612345"), ("1", "1"), (" 612 345 ", "612345"), ("SRA 612345", "612345"),
                                             ("sra id: 99", "99"), ("SRA number 612345", "612345"), ("012345", "12345")])
def test_sra_numbers_people_type_are_accepted(typed: str, kept: str) -> None:
    field = _Field(typed)
    SraNumber()(None, field)
    assert field.data == kept


@pytest.mark.parametrize("typed", ["1234567", "61234a", "SRA", "-12345", "12.345", "0", "000000", "６１２３４５"])
def test_sra_numbers_that_are_not_up_to_6_digits_are_refused(app: Flask, typed: str) -> None:
    with app.test_request_context(), pytest.raises(FormError):
        SraNumber()(None, _Field(typed))


# The schema


def valid() -> dict[str, Any]:
    return {
        "full_name": "Sol", "organisation_name": "Firm", "sra_number": "612345", "address_line_1": "1 Row",
        "address_town": "Birmingham", "address_postcode": "B3 2BJ", "email": "sol@example.com", "phone": "0121 496 0000",
        "client_name": "Chris", "client_date_of_birth": "1999-09-09", "case_type": "civil_claim",
        "documents_requested": ["crime_report"], "authority": "client_authority",
    }


def errors(**changes: Any) -> dict[str, Any]:
    data = {key: value for key, value in {**valid(), **changes}.items() if value is not None}
    try:
        SolicitorRequestSchema(today=date(2026, 11, 25)).load(data)
    except ValidationError as error:
        return dict(error.normalized_messages())
    return {}


def test_a_valid_request_loads() -> None:
    assert errors() == {}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"organisation_name": None}, "organisation_name"),
        ({"sra_number": "1234567"}, "sra_number"),
        ({"sra_number": "012345"}, "sra_number"),
        ({"email": None}, "email"),
        ({"phone": None}, "phone"),
        ({"address_postcode": None}, "address_postcode"),
        ({"client_date_of_birth": "2027-01-01"}, "client_date_of_birth"),
        ({"case_type": "other"}, "case_type_other"),
        ({"case_type_other": "Tribunal"}, "case_type_other"),
        ({"police_reference": "AB#1"}, "police_reference"),
        ({"documents_requested": []}, "documents_requested"),
        ({"documents_requested": ["crime_report", "crime_report"]}, "documents_requested"),
        ({"documents_requested": ["other"]}, "documents_other"),
        ({"documents_other": "Photos"}, "documents_other"),
        ({"authority": "court_order"}, "court_order_details"),
        ({"court_order_details": "Order"}, "court_order_details"),
        ({"needed_by": "2026-11-24"}, "needed_by"),
        ({"needed_by": (date(2026, 11, 25) + timedelta(days=731)).isoformat()}, "needed_by"),
        ({"needed_by_reason": "Hearing"}, "needed_by_reason"),
    ],
)
def test_the_schema_refuses_what_the_pages_would(changes: dict[str, Any], field: str) -> None:
    assert field in errors(**changes)
