"""Ask about a partner's history of abuse (Clare's Law) end to end, on every database backend."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from marshmallow import ValidationError
from sqlalchemy import func, select

from services.db import db
from services.journeys.clares_law import CLARES_LAW_JOURNEY, ClaresLawSchema
from services.models import Draft
from services.notifications import confirmation_email_allowed
from services.references import is_valid_reference
from tests.contract import contract_errors
from tests.disclosure_answers import CLARES, clares_pages, counts, stored, triage
from tests.journeys import answer, send, walk
from tests.pages import PageClient


def ids(pages: list[tuple[str, dict[str, Any]]]) -> list[str]:
    return [page_id for page_id, _data in pages]


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("asking_for", ["self", "someone_else"])
def test_a_request_completes_and_is_stored_with_its_outbox_message_and_triage_item(
    app: Flask, language: str, asking_for: str
) -> None:
    client = PageClient(app, language=language)
    check = walk(client, CLARES, clares_pages(asking_for))
    assert check.soup.find("html")["lang"] == language
    reference = send(client, CLARES)

    assert is_valid_reference(reference, "WMP")
    confirmation = client.get(f"{CLARES}/confirmation")
    assert reference in confirmation.text
    # Two platform-bound rows and a queue entry; no confirmation email (domestic abuse).
    assert counts(app) == (1, 1, 1, 0)
    payload = stored(app, reference).payload
    assert contract_errors("Submission", payload) == []
    assert payload["service"] == "clares-law-right-to-ask" and payload["kind"] == "information_request"
    assert payload["reporter"]["role"] == "requester"
    assert payload["language"] == language
    assert payload["category"] == "dvds_right_to_ask"


def test_payload_maps_the_answers_onto_the_contract(app: Flask, client: PageClient) -> None:
    walk(client, CLARES, clares_pages(methods=("phone_call", "email", "letter"), best="email"))
    payload = stored(app, send(client, CLARES)).payload

    assert payload["summary"] == "He checks my phone and has threatened me when I see friends."
    assert payload["reporter"] == {
        "role": "requester",
        "name": "Ann Example",
        "date_of_birth": "1990-02-14",
        "email": "safe@example.com",
        "phone": "07700 900982",
        "preferred_contact": "email",
        "address": {"lines": ["Flat 2, 5 Safe Street"], "town": "Birmingham", "postcode": "B4 6NQ"},
    }
    assert payload["flags"] == {"vulnerability": ["domestic_abuse"], "safe_to_contact": True}
    answers = {row["question_id"]: row["answer"] for row in payload["answers"]}
    assert answers["partner-details.subject_name"] == "Pat Partner"
    assert answers["safe-calls.voicemail_safe"] == "No"
    assert answers["safe-calls.safe_call_times"] == "Weekdays 10am to 2pm"
    assert answers["best-contact.best_contact_method"] == "Email"
    assert next(iter(answers)) == "immediate-danger.immediate_danger"
    assert "occurred" not in payload and "location" not in payload


def test_domestic_abuse_is_flagged_so_no_email_is_sent_and_triage_comes_first(app: Flask, client: PageClient) -> None:
    walk(client, CLARES, clares_pages(methods=("email",)))
    payload = stored(app, send(client, CLARES)).payload
    # An email address was given and said to be safe, yet nothing is emailed: the flag decides.
    assert payload["reporter"]["email"] == "safe@example.com" and payload["flags"]["safe_to_contact"] is True
    assert "domestic_abuse" in payload["flags"]["vulnerability"]
    assert confirmation_email_allowed(payload) is False
    assert counts(app)[3] == 0
    item = triage(app)
    assert item.vulnerability == ["domestic_abuse"]
    assert item.target_at - item.created_at == timedelta(hours=4)
    # The force's triage rules say why, each reason with the rule that raised it.
    assert item.flag_reasons == [
        {"flag": "domestic_abuse", "rule": "risk_domestic_abuse", "reason": "the reporter said it involves domestic abuse"},
        {"flag": "domestic_abuse", "rule": "clares_law_request", "reason": "Clare's Law request: a partner may be abusive"},
    ]


def test_when_no_contact_is_safe_the_platform_is_told_not_to_contact(app: Flask, client: PageClient) -> None:
    pages = clares_pages(methods=("none",))
    assert [page for page in ids(pages) if page.startswith(("safe-", "best-"))] == ["safe-contact"]
    walk(client, CLARES, pages)
    payload = stored(app, send(client, CLARES)).payload
    assert payload["flags"]["safe_to_contact"] is False
    assert payload["reporter"]["preferred_contact"] == "none"
    assert not {"email", "phone", "address"} & set(payload["reporter"])
    assert contract_errors("Submission", payload) == []


@pytest.mark.parametrize(
    ("methods", "preferred"),
    [(("text_message",), "phone"), (("phone_call",), "phone"), (("letter",), "post"), (("email",), "email")],
)
def test_a_single_safe_way_is_the_preferred_way(app: Flask, client: PageClient, methods: tuple[str, ...], preferred: str) -> None:
    walk(client, CLARES, clares_pages(methods=methods))
    reporter = stored(app, send(client, CLARES)).payload["reporter"]
    assert reporter["preferred_contact"] == preferred


def test_an_interpreter_request_is_flagged_too(app: Flask, client: PageClient) -> None:
    support = ("support-needs", {"interpreter_needed": "yes", "interpreter_language": "Urdu"})
    walk(client, CLARES, clares_pages(support=support))
    payload = stored(app, send(client, CLARES)).payload
    assert set(payload["flags"]["vulnerability"]) == {"domestic_abuse", "language_barrier"}
    assert payload["reporter"]["needs"] == {"interpreter_language": "Urdu"}


# Routing


def test_immediate_danger_stores_nothing_and_says_call_999(app: Flask, client: PageClient) -> None:
    page = client.post(f"{CLARES}/immediate-danger", {"immediate_danger": "yes"})
    assert page.response.headers["Location"].endswith(f"{CLARES}/call-999")
    emergency = client.get(f"{CLARES}/call-999")
    assert emergency.h1 == "Call 999 now" and "55" in emergency.text
    assert emergency.soup.select_one(".govuk-exit-this-page") is not None
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def test_asking_for_yourself_asks_about_your_relationship(client: PageClient) -> None:
    pages = ids(clares_pages("self"))
    assert "person-at-risk" not in pages and "their-relationship" not in pages
    assert pages.index("relationship") == pages.index("partner-details") + 1


def test_asking_for_someone_else_asks_about_them_and_their_relationship(client: PageClient) -> None:
    pages = ids(clares_pages("someone_else"))
    assert pages[2] == "person-at-risk" and "their-relationship" in pages and "relationship" not in pages


@pytest.mark.parametrize(
    ("methods", "expected"),
    [
        (("phone_call",), ["safe-contact", "safe-phone", "safe-calls"]),
        (("text_message",), ["safe-contact", "safe-phone"]),
        (("email",), ["safe-contact", "safe-email"]),
        (("letter",), ["safe-contact", "safe-address"]),
        (("none",), ["safe-contact"]),
        (("phone_call", "text_message", "email", "letter"),
         ["safe-contact", "safe-phone", "safe-calls", "safe-email", "safe-address", "best-contact"]),
    ],
)
def test_only_the_details_each_safe_way_needs_are_asked(client: PageClient, methods: tuple[str, ...], expected: list[str]) -> None:
    pages = clares_pages(methods=methods)
    assert [page for page in ids(pages) if page.startswith(("safe-", "best-"))] == expected
    walk(client, CLARES, pages)  # and the service routes exactly that way


def test_the_best_way_is_chosen_only_from_the_safe_ways(client: PageClient) -> None:
    walk(client, CLARES, clares_pages(methods=("text_message", "letter")))
    page = client.get(f"{CLARES}/best-contact")
    offered = [radio["value"] for radio in page.soup.select("input[name=best_contact_method]")]
    assert offered == ["text_message", "letter"]


def test_changing_to_someone_else_asks_the_pages_that_now_apply(app: Flask, client: PageClient) -> None:
    walk(client, CLARES, clares_pages("self"))
    location = answer(client, CLARES, "asking-for", {"asking_for": "someone_else"}, change=True)
    assert location.endswith(f"{CLARES}/person-at-risk?change=1")
    location = answer(client, CLARES, "person-at-risk", {"at_risk_name": "Sara", "at_risk_relationship": "Friend", "at_risk_aware": "yes"}, change=True)
    assert location.endswith(f"{CLARES}/their-relationship?change=1")
    their = {"relationship_status": "ended", "relationship_length": "over_5_years", "living_together": "no", "children_together": "no"}
    location = answer(client, CLARES, "their-relationship", their, change=True)
    assert location.endswith(f"{CLARES}/check-your-answers")
    rows = client.get(f"{CLARES}/check-your-answers").summary_rows()
    assert "Are you still together?" not in rows and rows["Are they still together?"] == "No, they have separated"
    payload = stored(app, send(client, CLARES)).payload
    assert contract_errors("Submission", payload) == []


def test_changing_safe_ways_drops_details_for_ways_no_longer_chosen(app: Flask, client: PageClient) -> None:
    walk(client, CLARES, clares_pages(methods=("phone_call", "email")))
    location = answer(client, CLARES, "safe-contact", {"safe_contact_methods": ["email"]}, change=True)
    assert location.endswith(f"{CLARES}/check-your-answers")
    payload = stored(app, send(client, CLARES)).payload
    assert "phone" not in payload["reporter"] and payload["reporter"]["preferred_contact"] == "email"


def test_narrow_inputs_keep_the_gov_uk_input_style(client: PageClient) -> None:
    pages = clares_pages()
    client.get(CLARES)
    for page_id, data in pages[:2]:
        answer(client, CLARES, page_id, data)
    age = client.get(f"{CLARES}/partner-details").soup.find(id="subject_age")
    assert age["class"] == ["govuk-input", "govuk-input--width-3"]


def test_pages_cannot_be_skipped(client: PageClient) -> None:
    assert client.get(f"{CLARES}/reason", expected=302).response.headers["Location"].endswith(CLARES)
    answer(client, CLARES, "immediate-danger", {"immediate_danger": "no"})
    assert client.get(f"{CLARES}/reason", expected=302).response.headers["Location"].endswith(f"{CLARES}/asking-for")


def test_start_page_says_how_to_stay_safe(client: PageClient, welsh_client: PageClient) -> None:
    page = client.get(CLARES)
    assert page.h1 == "Ask about a partner's history of abuse (Clare's Law)"
    for words in ("call 999", "Exit this page", "for someone else", "in person", "28 days", "0808 2000 247"):
        assert words in page.text
    assert page.soup.select_one(".govuk-exit-this-page") is not None
    welsh_client.get(CLARES)


# The schema: the single source of truth, as the intake API will use it


def valid() -> dict[str, Any]:
    return {
        "immediate_danger": "no", "asking_for": "self", "subject_name": "Pat", "subject_age": 40,
        "relationship_status": "current", "relationship_length": "2_to_5_years", "living_together": "yes",
        "children_together": "no", "reason": "Worried", "full_name": "Ann", "date_of_birth": "1990-02-14",
        "safe_contact_methods": ["email"], "email": "ann@example.com",
    }


def errors(**changes: Any) -> dict[str, Any]:
    data = {key: value for key, value in {**valid(), **changes}.items() if value is not None}
    try:
        ClaresLawSchema(today=date(2026, 11, 25)).load(data)
    except ValidationError as error:
        return dict(error.normalized_messages())
    return {}


def test_a_valid_request_loads_and_carries_the_domestic_abuse_risk() -> None:
    loaded = ClaresLawSchema(today=date(2026, 11, 25)).load(valid())
    assert loaded["risk_factors"] == ["domestic_abuse"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"immediate_danger": "yes"}, "immediate_danger"),
        ({"asking_for": "someone_else"}, "at_risk_name"),
        ({"at_risk_name": "Sara"}, "at_risk_name"),
        ({"relationship_length": "unknown"}, "relationship_length"),
        ({"subject_age": None}, "subject_date_of_birth"),
        ({"subject_age": 12}, "subject_age"),
        ({"subject_date_of_birth": "2030-01-01"}, "subject_date_of_birth"),
        ({"full_name": None}, "full_name"),
        ({"date_of_birth": None}, "date_of_birth"),
        ({"safe_contact_methods": []}, "safe_contact_methods"),
        ({"safe_contact_methods": ["email", "none"]}, "safe_contact_methods"),
        ({"safe_contact_methods": ["email", "email"]}, "safe_contact_methods"),
        ({"email": None}, "email"),
        # Contact details for a way not chosen as safe are refused, never silently used.
        ({"phone": "07700 900982"}, "phone"),
        ({"safe_contact_methods": ["none"]}, "email"),
        ({"safe_contact_methods": ["phone_call"], "email": None, "phone": "07700 900982"}, "voicemail_safe"),
        ({"safe_contact_methods": ["letter"], "email": None}, "address_line_1"),
        ({"safe_contact_methods": ["email", "letter"], "address_line_1": "1 St", "address_town": "B", "address_postcode": "B4 6NQ"},
         "best_contact_method"),
        ({"best_contact_method": "email"}, "best_contact_method"),
        ({"reason": ""}, "reason"),
    ],
)
def test_the_schema_refuses_what_the_pages_would(changes: dict[str, Any], field: str) -> None:
    assert field in errors(**changes)


def test_the_journey_is_an_information_request() -> None:
    assert CLARES_LAW_JOURNEY.kind == "information_request"
    assert CLARES_LAW_JOURNEY.exit_for("immediate-danger", {"immediate_danger": "yes"}) == "call-999"
    assert CLARES_LAW_JOURNEY.exit_for("immediate-danger", {"immediate_danger": "no"}) is None
