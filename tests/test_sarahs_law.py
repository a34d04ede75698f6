"""Ask about a child's safety (Sarah's Law) end to end, on every database backend."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from marshmallow import ValidationError
from sqlalchemy import func, select

from services.db import db
from services.journeys.sarahs_law import SARAHS_LAW_JOURNEY, SarahsLawSchema
from services.models import Draft
from services.references import is_valid_reference
from tests.contract import contract_errors
from tests.disclosure_answers import SARAHS, counts, sarahs_pages, stored, triage
from tests.journeys import answer, send, walk
from tests.pages import PageClient


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_request_completes_and_is_stored_with_its_outbox_message_and_triage_item(app: Flask, language: str) -> None:
    client = PageClient(app, language=language)
    check = walk(client, SARAHS, sarahs_pages())
    assert check.soup.find("html")["lang"] == language
    reference = send(client, SARAHS)

    assert is_valid_reference(reference, "WMP")
    assert reference in client.get(f"{SARAHS}/confirmation").text
    assert counts(app) == (1, 1, 1, 0)  # no email address was given, so no confirmation email
    payload = stored(app, reference).payload
    assert contract_errors("Submission", payload) == []
    assert payload["service"] == "sarahs-law-disclosure-request" and payload["kind"] == "information_request"
    assert payload["language"] == language
    answers = {row["question_id"]: row for row in payload["answers"]}
    if language == "cy":
        assert answers["children.children"]["answer"] == "Amy, 7 oed"
        assert answers["concern.concern"]["question"] != "Why are you worried about this person?"
    else:
        assert answers["children.children"]["answer"] == "Amy, aged 7"


def test_payload_maps_the_answers_onto_the_contract(app: Flask, client: PageClient) -> None:
    walk(client, SARAHS, sarahs_pages(methods=("text_message",)))
    payload = stored(app, send(client, SARAHS)).payload
    assert payload["summary"] == "Amy says he tells her to keep secrets from me."
    assert payload["category"] == "csods_disclosure_request"
    assert payload["reporter"] == {
        "role": "requester", "name": "Ann Example", "date_of_birth": "1990-02-14",
        "phone": "07700 900982", "preferred_contact": "phone",
    }
    assert payload["flags"] == {"vulnerability": ["under_18"], "safe_to_contact": True}
    answers = {row["question_id"]: row["answer"] for row in payload["answers"]}
    assert answers["person-details.subject_contact"] == "My ex-partner's new boyfriend. He looks after Amy at weekends."
    assert answers["person-details.subject_age"] == "45"
    assert answers["your-relationship.relationship_to_child"] == "Parent"


def test_children_are_flagged_under_18_on_the_platform_and_the_queue(app: Flask, client: PageClient) -> None:
    walk(client, SARAHS, sarahs_pages())
    send(client, SARAHS)
    item = triage(app)
    # The platform's flag first; the force's triage rules add a child at risk (and more).
    assert item.vulnerability[0] == "under_18" and "child_at_risk" in item.vulnerability
    assert item.target_at - item.created_at == timedelta(hours=4)


def test_a_safe_email_gets_a_confirmation_email(app: Flask, client: PageClient) -> None:
    walk(client, SARAHS, sarahs_pages(methods=("email",)))
    payload = stored(app, send(client, SARAHS)).payload
    assert payload["reporter"]["email"] == "safe@example.com" and payload["reporter"]["preferred_contact"] == "email"
    assert counts(app) == (1, 1, 1, 1)


def test_no_safe_way_means_no_contact_and_no_email(app: Flask, client: PageClient) -> None:
    walk(client, SARAHS, sarahs_pages(methods=("none",)))
    payload = stored(app, send(client, SARAHS)).payload
    assert payload["flags"]["safe_to_contact"] is False and payload["reporter"]["preferred_contact"] == "none"
    assert counts(app)[3] == 0


def test_children_can_be_added_and_removed_without_javascript(app: Flask, client: PageClient) -> None:
    client.get(SARAHS)
    answer(client, SARAHS, "immediate-danger", {"immediate_danger": "no"})
    url = f"{SARAHS}/children"
    client.get(url)
    first = {"children-0-first_name": "Amy", "children-0-age": "7"}
    added = client.post(url, {**first, "action": "add"}, expected=200)
    assert added.input_value("children-1-first_name") == ""
    assert "Child 2" in added.text
    two = {**first, "children-1-first_name": "Ben", "children-1-age": "0"}
    removed = client.post(url, {**two, "action": "remove-0"}, expected=200)
    assert removed.input_value("children-0-first_name") == "Ben"
    assert removed.input_value("children-1-first_name") is None
    assert client.get(url).input_value("children-0-first_name") == "Ben"  # the draft kept it
    three = {**two, "children-2-first_name": "Cat", "children-2-age": "17", "action": "continue"}
    location = client.post(url, three).response.headers["Location"]
    assert location.endswith(f"{SARAHS}/your-relationship")
    rows = client.get(f"{SARAHS}/your-relationship")  # a page renders after the list
    assert rows.status == 200


def test_no_more_than_ten_children(client: PageClient) -> None:
    client.get(SARAHS)
    answer(client, SARAHS, "immediate-danger", {"immediate_danger": "no"})
    url = f"{SARAHS}/children"
    ten = {f"children-{i}-{part}": value for i in range(10) for part, value in (("first_name", f"Child{i}"), ("age", "5"))}
    page = client.post(url, {**ten, "action": "add"}, expected=200)
    assert page.input_value("children-10-first_name") is None
    assert "Add another child" not in page.text


def test_several_children_reach_the_payload(app: Flask, client: PageClient) -> None:
    children = {"children-0-first_name": "Amy", "children-0-age": "7", "children-1-first_name": "Ben", "children-1-age": "0"}
    walk(client, SARAHS, sarahs_pages(children=children))
    payload = stored(app, send(client, SARAHS)).payload
    answers = {row["question_id"]: row["answer"] for row in payload["answers"]}
    assert answers["children.children"] == "Amy, aged 7\nBen, aged 0"


# Routing


def test_immediate_danger_stores_nothing_and_says_call_999(app: Flask, client: PageClient) -> None:
    page = client.post(f"{SARAHS}/immediate-danger", {"immediate_danger": "yes"})
    assert page.response.headers["Location"].endswith(f"{SARAHS}/call-999")
    assert client.get(f"{SARAHS}/call-999").h1 == "Call 999 now"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def test_other_relationship_is_asked_only_under_other(app: Flask, client: PageClient) -> None:
    walk(client, SARAHS, sarahs_pages(relationship="other"))
    rows = client.get(f"{SARAHS}/check-your-answers").summary_rows()
    assert rows["Your relationship to them"] == "Grandmother"
    # Choosing parent afterwards drops the text typed under "other".
    answer(client, SARAHS, "your-relationship", {"relationship_to_child": "parent", "relationship_other": "Grandmother"}, change=True)
    rows = client.get(f"{SARAHS}/check-your-answers").summary_rows()
    assert "Your relationship to them" not in rows
    payload = stored(app, send(client, SARAHS)).payload
    assert "your-relationship.relationship_other" not in {row["question_id"] for row in payload["answers"]}


@pytest.mark.parametrize(
    ("methods", "expected"),
    [
        (("text_message",), ["safe-contact", "safe-phone"]),
        (("phone_call", "email"), ["safe-contact", "safe-phone", "safe-calls", "safe-email", "best-contact"]),
        (("none",), ["safe-contact"]),
    ],
)
def test_safe_contact_pages_follow_the_safe_ways(client: PageClient, methods: tuple[str, ...], expected: list[str]) -> None:
    pages = sarahs_pages(methods=methods)
    assert [page for page, _ in pages if page.startswith(("safe-", "best-"))] == expected
    walk(client, SARAHS, pages)


def test_start_page_explains_the_scheme(client: PageClient, welsh_client: PageClient) -> None:
    page = client.get(SARAHS)
    assert page.h1 == "Ask about a child's safety (Sarah's Law)"
    for words in ("call 999", "face to face", "45 days", "confidential", "0808 800 5000"):
        assert words in page.text
    welsh_client.get(SARAHS)


# The schema


def valid() -> dict[str, Any]:
    return {
        "immediate_danger": "no", "children": [{"first_name": "Amy", "age": 7}], "relationship_to_child": "parent",
        "subject_name": "Sam", "subject_contact": "Neighbour", "concern": "Worried", "full_name": "Ann",
        "date_of_birth": "1990-02-14", "safe_contact_methods": ["text_message"], "phone": "07700 900982",
    }


def errors(**changes: Any) -> dict[str, Any]:
    data = {key: value for key, value in {**valid(), **changes}.items() if value is not None}
    try:
        SarahsLawSchema(today=date(2026, 11, 25)).load(data)
    except ValidationError as error:
        return dict(error.normalized_messages())
    return {}


def test_a_valid_request_loads_and_carries_the_under_18_risk() -> None:
    assert SarahsLawSchema(today=date(2026, 11, 25)).load(valid())["risk_factors"] == ["under_18"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"immediate_danger": "yes"}, "immediate_danger"),
        ({"children": []}, "children"),
        ({"children": [{"first_name": "Amy", "age": 18}]}, "children"),
        ({"children": [{"first_name": "", "age": 3}]}, "children"),
        ({"children": [{"first_name": "K", "age": 1}] * 11}, "children"),
        ({"relationship_to_child": "other"}, "relationship_other"),
        ({"relationship_other": "Aunt"}, "relationship_other"),
        ({"subject_contact": None}, "subject_contact"),
        ({"subject_age": 9}, "subject_age"),
        ({"concern": "x" * 5001}, "concern"),
        ({"phone": None}, "phone"),
        ({"email": "ann@example.com"}, "email"),
    ],
)
def test_the_schema_refuses_what_the_pages_would(changes: dict[str, Any], field: str) -> None:
    assert field in errors(**changes)


def test_the_journey_exits_to_999() -> None:
    assert SARAHS_LAW_JOURNEY.exit_for("immediate-danger", {"immediate_danger": "yes"}) == "call-999"
