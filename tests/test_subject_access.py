"""Ask for your personal information (subject access): end to end in English and Welsh, every
branch of the routing, the payload, and the schema that re-validates the whole request."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import Flask
from marshmallow import ValidationError

from services.journeys.subject_access import SubjectAccessSchema
from tests.contract import contract_errors
from tests.journeys import answer, send, walk
from tests.pages import PageClient
from tests.request_journeys import SAR, SAR_WORDS, counts, sar_pages, stored, triage_item

TODAY = date(2026, 11, 25)
BRANCHES = [("myself", "written_permission"), ("someone_else", "written_permission"), ("someone_else", "parent"), ("someone_else", "legal_representative")]


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(("requesting_for", "authority"), BRANCHES)
def test_each_branch_completes_and_is_stored(app: Flask, language: str, requesting_for: str, authority: str) -> None:
    client = PageClient(app, language=language)
    check = walk(client, SAR, sar_pages(requesting_for, authority))
    assert SAR_WORDS in check.summary_rows().values()
    reference = send(client, SAR)

    assert counts(app) == (1, 1, 1)
    payload = stored(app, reference).payload
    assert contract_errors("Submission", payload) == []
    assert payload["service"] == "request-your-personal-information" and payload["kind"] == "information_request"
    assert payload["reporter"]["role"] == "requester" and payload["category"] == "subject_access"
    assert payload["language"] == language
    assert payload["summary"].endswith("\n\n" + SAR_WORDS)
    assert triage_item(app).summary == payload["summary"][:500]


def test_own_request_payload(app: Flask, client: PageClient) -> None:
    walk(client, SAR, sar_pages("myself"))
    payload = stored(app, send(client, SAR)).payload
    assert payload["reporter"] == {
        "role": "requester", "name": "Pat Person", "date_of_birth": "1980-02-14", "email": "pat@example.com",
        "phone": "07700 900982", "preferred_contact": "email",
        "address": {"lines": ["1 High Street"], "town": "Birmingham", "postcode": "B4 6NQ"},
    }
    assert payload["summary"] == (
        "Subject access request by Pat Person for their own information.\n"
        "Information wanted: crime reports; 999 or 101 calls.\n"
        "Period: 1 January 2025 to 31 March 2025.\n\n" + SAR_WORDS
    )
    assert payload["flags"] == {"vulnerability": [], "safe_to_contact": True}
    answers = {row["question_id"]: row["answer"] for row in payload["answers"]}
    assert answers["address.previous_addresses"] == "9 Old Lane, Dudley DY1 1AB"
    assert answers["your-details.previous_names"] == "Pat Smith"


def test_request_for_someone_else_payload(app: Flask, client: PageClient) -> None:
    check = walk(client, SAR, sar_pages("someone_else", "parent", period_known="no"))
    rows = check.summary_rows()
    # Their address is one answer, so it cannot be confused with the requester's own.
    assert rows["Their address"] == "2 Low Road Walsall WS1 1AA"
    assert rows["Address line 1"] == "1 High Street"
    payload = stored(app, send(client, SAR)).payload
    assert payload["reporter"]["name"] == "Parent Person" and "date_of_birth" not in payload["reporter"]
    assert payload["summary"].startswith(
        "Subject access request for Sam Subject (born 14 June 2012), made by Parent Person as their parent or guardian.\n"
        "Information wanted: crime reports; 999 or 101 calls.\n\n"
    )
    answers = {row["question_id"]: row["answer"] for row in payload["answers"]}
    assert answers["their-address.subject_address"] == "2 Low Road\nWalsall\nWS1 1AA"
    assert answers["authority.authority"] == "I am their parent or guardian, and they are under 18"


@pytest.mark.parametrize(("requesting_for", "asked", "not_asked"), [
    ("myself", ["your-details", "address"], ["authority", "their-details", "their-address", "about-you", "your-address"]),
    ("someone_else", ["authority", "their-details", "their-address", "about-you", "your-address"], ["your-details", "address"]),
])
def test_routing_by_whose_information(client: PageClient, requesting_for: str, asked: list[str], not_asked: list[str]) -> None:
    pages = sar_pages(requesting_for)
    ids = [page_id for page_id, _ in pages]
    assert set(asked) <= set(ids) and not set(not_asked) & set(ids)
    walk(client, SAR, pages)  # walk checks each page leads to the next one listed
    for page_id in not_asked:
        assert client.get(f"{SAR}/{page_id}", expected=302).response.headers["Location"].endswith("/check-your-answers")


def test_no_period_skips_the_dates(client: PageClient) -> None:
    check = walk(client, SAR, sar_pages(period_known="no"))
    assert "Start date" not in check.summary_rows()


def test_changing_to_someone_else_asks_only_the_new_pages(app: Flask, client: PageClient) -> None:
    walk(client, SAR, sar_pages("myself"))
    steps = [
        ("who-for", {"requesting_for": "someone_else"}, "authority"),
        ("authority", {"authority": "legal_representative"}, "their-details"),
        ("their-details", {"subject_full_name": "Cli Ent", **_born("1", "1", "1970")}, "their-address"),
        ("their-address", {"subject_address_line_1": "3 Court St", "subject_address_town": "Coventry", "subject_address_postcode": "CV1 1AA"}, "about-you"),
        ("about-you", {"full_name": "Sol Icitor", "organisation_name": "Icitor & Co"}, "your-address"),
        ("your-address", {"address_line_1": "4 Firm Row", "address_town": "Coventry", "address_postcode": "CV1 2BB"}, "check-your-answers"),
    ]
    for page_id, data, then in steps:
        location = answer(client, SAR, page_id, data, change=True)
        assert location.split("?")[0].endswith(f"{SAR}/{then}"), (page_id, location)
    payload = stored(app, send(client, SAR)).payload
    assert payload["reporter"]["name"] == "Sol Icitor (Icitor & Co)"
    assert "date_of_birth" not in payload["reporter"]
    assert payload["reporter"]["address"]["postcode"] == "CV1 2BB"
    assert "your-details.full_name" not in {row["question_id"] for row in payload["answers"]}


def test_switching_to_parent_for_an_adult_sends_them_back_to_the_date_of_birth(client: PageClient) -> None:
    walk(client, SAR, sar_pages("someone_else", "written_permission", subject_born=("1", "1", "1990")))
    answer(client, SAR, "authority", {"authority": "parent"}, change=True)
    page = client.get(f"{SAR}/check-your-answers", expected=302)
    assert page.response.headers["Location"].endswith(f"{SAR}/their-details")


def test_follow_up_answers_count_only_when_their_choice_is_selected(app: Flask, client: PageClient) -> None:
    identity = {"photo_id": "passport", "photo_id_other": "Old words", "address_proof": "other", "address_proof_other": "Tenancy agreement"}
    check = walk(client, SAR, sar_pages(identity=identity))
    rows = check.summary_rows()
    assert "Which photo ID?" not in rows
    assert rows["What will you send?"] == "Tenancy agreement"
    answers = {row["question_id"] for row in stored(app, send(client, SAR)).payload["answers"]}
    assert "identity.photo_id_other" not in answers and "identity.address_proof_other" in answers


def test_the_identity_page_says_what_to_send_for_whom(client: PageClient) -> None:
    pages = sar_pages("someone_else")
    client.get(SAR)
    for page_id, data in pages[: [p for p, _ in pages].index("identity")]:
        answer(client, SAR, page_id, data)
    assert "proof that you can act for them" in client.get(f"{SAR}/identity").text
    own = PageClient(client.app)
    own.get(SAR)
    mine = sar_pages("myself")
    for page_id, data in mine[: [p for p, _ in mine].index("identity")]:
        answer(own, SAR, page_id, data)
    assert "We must check who you are" in own.get(f"{SAR}/identity").text


def test_age_and_safety_reach_the_flags(app: Flask, client: PageClient) -> None:
    pages = sar_pages(safe_to_contact="no")
    pages[1] = ("your-details", {"full_name": "Old Person", **{f"date_of_birth-{k}": v for k, v in (("day", "1"), ("month", "1"), ("year", "1940"))}})
    walk(client, SAR, pages)
    payload = stored(app, send(client, SAR)).payload
    assert payload["flags"] == {"vulnerability": ["elderly"], "safe_to_contact": False}
    assert triage_item(app).vulnerability == ["elderly"]


def test_start_and_confirmation_pages(client: PageClient) -> None:
    start = client.get(SAR)
    assert "one month to respond, under Article 15 of the UK GDPR" in start.text
    assert "There is normally no fee" in start.text
    walk(client, SAR, sar_pages())
    send(client, SAR)
    confirmation = client.get(f"{SAR}/confirmation")
    assert "within 5 working days" in confirmation.text and "lasting power of attorney" in confirmation.text


def _born(day: str, month: str, year: str) -> dict[str, str]:
    return {"subject_date_of_birth-day": day, "subject_date_of_birth-month": month, "subject_date_of_birth-year": year}


OWN: dict[str, Any] = {
    "requesting_for": "myself", "full_name": "Pat Person", "date_of_birth": "1980-02-14",
    "information_types": ["crime_reports"], "information_details": SAR_WORDS, "period_known": "no",
    "address_line_1": "1 High Street", "address_town": "Birmingham", "address_postcode": "B4 6NQ",
    "photo_id": "passport", "address_proof": "utility_bill", "email": "pat@example.com",
    "preferred_contact": "email", "safe_to_contact": "yes",
}
FOR_CHILD: dict[str, Any] = {
    **{key: value for key, value in OWN.items() if key != "date_of_birth"},
    "requesting_for": "someone_else", "authority": "parent", "subject_full_name": "Sam Subject", "subject_date_of_birth": "2012-06-14",
    "subject_address_line_1": "2 Low Road", "subject_address_town": "Walsall", "subject_address_postcode": "WS1 1AA",
}


def schema_errors(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data = {key: value for key, value in {**base, **changes}.items() if value is not None}
    try:
        SubjectAccessSchema(today=TODAY).load(data)
    except ValidationError as error:
        return dict(error.normalized_messages())
    return {}


def test_the_schema_accepts_both_kinds_of_request() -> None:
    assert schema_errors(OWN) == {}
    assert schema_errors(FOR_CHILD) == {}
    assert schema_errors(FOR_CHILD, authority="written_permission", subject_date_of_birth="1970-01-01") == {}


@pytest.mark.parametrize(("base", "changes", "field"), [
    (OWN, {"requesting_for": None}, "requesting_for"),
    (OWN, {"requesting_for": "my_dog"}, "requesting_for"),
    (OWN, {"date_of_birth": None}, "date_of_birth"),
    (OWN, {"date_of_birth": "2027-01-01"}, "date_of_birth"),
    (OWN, {"full_name": None}, "full_name"),
    (OWN, {"address_postcode": None}, "address_postcode"),
    (OWN, {"information_types": []}, "information_types"),
    (OWN, {"information_types": ["everything"]}, "information_types"),
    (OWN, {"information_details": "x" * 5001}, "information_details"),
    (OWN, {"period_known": "yes"}, "period_from"),
    (OWN, {"period_known": "yes", "period_from": "2025-02-01", "period_to": "2025-01-01"}, "period_to"),
    (OWN, {"photo_id": "other"}, "photo_id_other"),
    (OWN, {"photo_id": "none"}, "photo_id_instead"),
    (OWN, {"address_proof": "other"}, "address_proof_other"),
    (OWN, {"email": None}, "email"),
    (OWN, {"preferred_contact": "phone"}, "phone"),
    (OWN, {"safe_to_contact": None}, "safe_to_contact"),
    (FOR_CHILD, {"authority": None}, "authority"),
    (FOR_CHILD, {"subject_full_name": None}, "subject_full_name"),
    (FOR_CHILD, {"subject_date_of_birth": None}, "subject_date_of_birth"),
    (FOR_CHILD, {"subject_date_of_birth": "2027-01-01"}, "subject_date_of_birth"),
    (FOR_CHILD, {"subject_date_of_birth": "2008-11-25"}, "subject_date_of_birth"),
    (FOR_CHILD, {"subject_address_town": None}, "subject_address_town"),
    (FOR_CHILD, {"subject_address_postcode": "WS1"}, "subject_address_postcode"),
    (FOR_CHILD, {"nickname": "Sammy"}, "nickname"),
])
def test_the_schema_refuses(base: dict[str, Any], changes: dict[str, Any], field: str) -> None:
    assert field in schema_errors(base, **changes)


def test_a_child_turning_18_today_is_an_adult() -> None:
    assert "subject_date_of_birth" in schema_errors(FOR_CHILD, subject_date_of_birth="2008-11-25")
    assert schema_errors(FOR_CHILD, subject_date_of_birth="2008-11-26") == {}
