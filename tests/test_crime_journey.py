"""The report-a-crime journey end to end through the test client, on every database backend."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from services.db import db
from services.journeys.crime import CRIME_JOURNEY
from services.models import Draft, OutboxMessage, Submission, TriageItem
from services.references import is_valid_reference
from services.rules import DEFAULT_RULES_PATH, load_rules_file
from services.submissions import submit_draft
from tests.contract import contract_errors
from tests.journeys import CRIME, answer, crime_pages, send, walk
from tests.pages import PageClient


def counts(app: Flask) -> tuple[int, int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count()).select_from(Submission)),
            db.session.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.topic == "platform.submission")),
            db.session.scalar(select(func.count()).select_from(TriageItem)),
        )


def stored(app: Flask, reference: str) -> Submission:
    with app.app_context():
        submission = db.session.scalars(select(Submission).where(Submission.reference == reference)).one()
        db.session.expunge(submission)
        return submission


@pytest.mark.parametrize("role", ["victim", "witness", "third_party", "organisation"])
def test_each_kind_of_reporter_completes_the_journey(app: Flask, client: PageClient, role: str) -> None:
    check = walk(client, CRIME, crime_pages(role=role))
    assert "My bike was taken from the rack." in check.summary_rows().values()
    reference = send(client, CRIME)

    assert is_valid_reference(reference, "WMP")
    assert counts(app) == (1, 1, 1)
    submission = stored(app, reference)
    assert submission.payload["reporter"]["role"] == role
    assert contract_errors("Submission", submission.payload) == []
    with app.app_context():
        outbox = db.session.scalars(select(OutboxMessage).where(OutboxMessage.topic == "platform.submission")).one()
        assert outbox.status == "pending" and outbox.topic == "platform.submission"


def test_payload_maps_every_answer_onto_the_contract(app: Flask, client: PageClient) -> None:
    walk(client, CRIME, crime_pages(role="victim", category="theft", property_involved="yes", suspect_known="can_describe"))
    reference = send(client, CRIME)
    payload = stored(app, reference).payload

    assert payload["force_reference"] == reference
    assert payload["service"] == "report-a-crime" and payload["kind"] == "crime" and payload["channel"] == "web"
    assert payload["category"] == "theft"
    assert payload["location"] == {"postcode": "B4 6NQ", "description": "Outside the library"}
    assert payload["occurred"] == {"from": "2026-11-03T14:30:00+00:00", "approximate": False}
    assert payload["reporter"]["name"] == "Ann Example"
    assert payload["reporter"]["date_of_birth"] == "1990-02-14"
    assert payload["reporter"]["address"] == {"lines": ["1 High Street"], "town": "Birmingham", "postcode": "B4 6NQ"}
    assert payload["reporter"]["phone"] == "07700 900982"
    answers = {row["question_id"]: row["answer"] for row in payload["answers"]}
    assert answers["property-items.property_items"] == "Black mountain bike (£450.00)"
    assert answers["suspect-details.suspect_description"] == "Tall, red coat"
    assert next(iter(answers)) == "happening-now.happening_now"
    assert contract_errors("Submission", payload) == []


def test_date_range_branch_sends_an_approximate_period(app: Flask, client: PageClient) -> None:
    walk(client, CRIME, crime_pages(date_known="no"))
    payload = stored(app, send(client, CRIME)).payload
    assert payload["occurred"] == {
        "from": "2026-10-01T00:00:00+01:00",
        "to": "2026-10-20T23:59:59+01:00",
        "approximate": True,
    }


def test_vehicle_crime_skips_the_hostility_question(client: PageClient) -> None:
    check = walk(client, CRIME, crime_pages(category="vehicle"))
    assert "Do you think it was motivated by hostility towards any of these?" not in check.summary_rows()


def test_hate_crime_needs_a_motivation_and_raises_a_flag(app: Flask, client: PageClient) -> None:
    pages = crime_pages(category="hate", hostility=["race", "religion"], risk_factors=["domestic_abuse"])
    walk(client, CRIME, pages)
    submission = stored(app, send(client, CRIME))
    assert set(submission.payload["flags"]["vulnerability"]) == {"hate_crime", "domestic_abuse"}
    with app.app_context():
        item = db.session.scalars(select(TriageItem)).one()
        assert set(item.vulnerability) == {"hate_crime", "domestic_abuse"}
        assert item.urgency > 0
        assert item.target_at - item.created_at == timedelta(hours=4)
        assert {reason["flag"] for reason in item.flag_reasons} == {"hate_crime", "domestic_abuse"}


def test_hate_crime_with_no_motivation_is_refused(client: PageClient) -> None:
    client.get(CRIME)
    answer(client, CRIME, "happening-now", {"happening_now": "no"})
    answer(client, CRIME, "reporter-role", {"reporter_role": "victim"})
    answer(client, CRIME, "category", {"category": "hate"})
    page = client.post(f"{CRIME}/hostility", {"hostility": ["none"]}, expected=400)
    assert page.error_summary() == [("Select what you think the hostility was towards", "#hostility")]


def test_happening_now_stores_nothing_and_says_call_999(app: Flask, client: PageClient) -> None:
    page = client.post(f"{CRIME}/happening-now", {"happening_now": "yes"}, expected=302)
    assert page.response.headers["Location"].endswith(f"{CRIME}/call-999")
    emergency = client.get(f"{CRIME}/call-999")
    assert emergency.h1 == "Call 999 now"
    assert "18000" in emergency.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def test_property_items_can_be_added_and_removed_without_javascript(client: PageClient) -> None:
    pages = crime_pages(property_involved="yes")
    stop = [page_id for page_id, _ in pages].index("property-items")
    walk_to = pages[:stop]
    client.get(CRIME)
    for page_id, data in walk_to:
        answer(client, CRIME, page_id, data)
    url = f"{CRIME}/property-items"
    first = {"property_items-0-description": "Bike", "property_items-0-value": "300"}
    added = client.post(url, {**first, "action": "add"}, expected=200)
    assert added.input_value("property_items-1-description") == ""
    two = {**first, "property_items-1-description": "Helmet", "property_items-1-value": "49.99"}
    removed = client.post(url, {**two, "action": "remove-0"}, expected=200)
    assert removed.input_value("property_items-0-description") == "Helmet"
    assert removed.input_value("property_items-1-description") is None
    kept = client.get(url)  # the draft kept the change
    assert kept.input_value("property_items-0-description") == "Helmet"
    bad = client.post(url, {"property_items-0-description": "Helmet", "property_items-0-value": "lots", "action": "continue"}, expected=400)
    assert bad.error_summary() == [("Estimated value must be an amount in pounds, like 150 or 49.99", "#property_items-0-value")]
    client.post(url, {"property_items-0-description": "Helmet", "property_items-0-value": "49.99", "action": "continue"})


def test_change_link_returns_to_check_answers(app: Flask, client: PageClient) -> None:
    check = walk(client, CRIME, crime_pages())
    link = check.change_links()["Tell us what happened, in your own words"]
    assert link.startswith(f"{CRIME}/description?change=1")
    changed = client.get(link.split("#")[0])
    assert changed.input_value("description") == "My bike was taken from the rack."
    location = answer(client, CRIME, "description", {"description": "It was a red bike."}, change=True)
    assert location.endswith(f"{CRIME}/check-your-answers")
    check = client.get(f"{CRIME}/check-your-answers")
    assert check.summary_rows()["Tell us what happened, in your own words"] == "It was a red bike."
    assert stored(app, send(client, CRIME)).payload["summary"] == "It was a red bike."


def test_a_change_asks_only_the_pages_that_depend_on_it(client: PageClient) -> None:
    walk(client, CRIME, crime_pages(suspect_known="no"))
    location = answer(client, CRIME, "suspect", {"suspect_known": "known"}, change=True)
    assert location.endswith(f"{CRIME}/suspect-details?change=1")
    location = answer(client, CRIME, "suspect-details", {"suspect_name": "Sam", "suspect_description": "Neighbour"}, change=True)
    assert location.endswith(f"{CRIME}/check-your-answers")


def test_changing_role_asks_for_the_details_that_fit_and_drops_the_rest(app: Flask, client: PageClient) -> None:
    walk(client, CRIME, crime_pages(role="victim"))
    location = answer(client, CRIME, "reporter-role", {"reporter_role": "witness"}, change=True)
    assert location.endswith(f"{CRIME}/your-name?change=1")
    location = answer(client, CRIME, "your-name", {"full_name": "Wil Witness"}, change=True)
    assert location.endswith(f"{CRIME}/check-your-answers")
    rows = client.get(f"{CRIME}/check-your-answers").summary_rows()
    assert "Date of birth" not in rows
    assert "Does anything make you, or the person it happened to, more at risk?" not in rows
    payload = stored(app, send(client, CRIME)).payload
    assert payload["reporter"]["role"] == "witness" and "date_of_birth" not in payload["reporter"]


def test_pages_cannot_be_skipped(client: PageClient) -> None:
    page = client.get(f"{CRIME}/where", expected=302)
    assert page.response.headers["Location"].endswith(CRIME)
    answer(client, CRIME, "happening-now", {"happening_now": "no"})
    page = client.get(f"{CRIME}/where", expected=302)
    assert page.response.headers["Location"].endswith(f"{CRIME}/reporter-role")
    page = client.get(f"{CRIME}/check-your-answers", expected=302)
    assert page.response.headers["Location"].endswith(f"{CRIME}/reporter-role")


def test_a_page_that_failed_validation_keeps_what_was_typed(client: PageClient) -> None:
    pages = crime_pages()
    client.get(CRIME)
    for page_id, data in pages[: [p for p, _ in pages].index("when-date")]:
        answer(client, CRIME, page_id, data)
    typed = {"occurred_on-day": "31", "occurred_on-month": "2", "occurred_on-year": "2026", "occurred_time": "25:99"}
    page = client.post(f"{CRIME}/when-date", typed, expected=400)
    assert page.error_summary() == [
        ("The date it happened must be a real date", "#occurred_on-day"),
        ("Enter a real time, like 14:30 or 09:05", "#occurred_time"),
    ]
    again = client.get(f"{CRIME}/when-date")
    assert [again.input_value(f"occurred_on-{part}") for part in ("day", "month", "year")] == ["31", "2", "2026"]
    assert again.input_value("occurred_time") == "25:99"
    # The page does not count as answered, so the journey cannot go past it.
    assert client.get(f"{CRIME}/where", expected=302).response.headers["Location"].endswith(f"{CRIME}/when-date")


def test_sending_twice_gives_one_record_and_the_same_reference(app: Flask, client: PageClient) -> None:
    walk(client, CRIME, crime_pages())
    first = send(client, CRIME)
    again = client.post(f"{CRIME}/check-your-answers", {}, expected=302)
    assert again.response.headers["Location"].endswith(f"{CRIME}/confirmation")
    assert send(client, CRIME) == first
    assert counts(app) == (1, 1, 1)


def test_two_tabs_sending_at_the_same_moment_store_one_record(app: Flask, client: PageClient) -> None:
    walk(client, CRIME, crime_pages())
    with app.app_context():
        draft_id = db.session.scalars(select(Draft.id)).one()
    references: list[str] = []
    errors: list[BaseException] = []
    rules = load_rules_file(DEFAULT_RULES_PATH)

    def send_in_thread() -> None:
        with app.app_context():
            try:
                result = submit_draft(draft_id, journey=CRIME_JOURNEY, answers=[], force_code="WMP", language="en", rules=rules)
                references.append(result.reference)
            except BaseException as error:  # collected and asserted below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=send_in_thread) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(references)) == 1 and len(references) == 4
    assert counts(app) == (1, 1, 1)


def test_hostile_text_is_stored_exactly_and_shown_escaped(app: Flask, client: PageClient) -> None:
    hostile = "<script>alert('x')</script> \"; DROP TABLE submissions; -- O'Brien 👩🏽‍🚒 e\u0301 ﷽"
    check = walk(client, CRIME, crime_pages(description=hostile))
    html = check.response.get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(" in html
    assert check.summary_rows()["Tell us what happened, in your own words"] == " ".join(hostile.split())
    payload = stored(app, send(client, CRIME)).payload
    assert payload["summary"] == hostile


def test_welsh_journey_records_welsh_questions(app: Flask, welsh_client: PageClient) -> None:
    check = walk(welsh_client, CRIME, crime_pages())
    assert check.soup.find("html")["lang"] == "cy"
    payload = stored(app, send(welsh_client, CRIME)).payload
    assert payload["language"] == "cy"
    questions = {row["question_id"]: row["question"] for row in payload["answers"]}
    assert questions["category.category"] != "What happened?"
    assert contract_errors("Submission", payload) == []


def test_injuries_interpreter_and_communication_needs_reach_the_payload(app: Flask, client: PageClient) -> None:
    replaced = {
        "injuries": {"anyone_hurt": "yes", "injury_details": "Cut to the hand, treated at A&E"},
        "support-needs": {"interpreter_needed": "yes", "interpreter_language": "Polish", "communication_needs": "Large print"},
        "when-date": {"occurred_on-day": "3", "occurred_on-month": "11", "occurred_on-year": "2026", "occurred_time": ""},
    }
    pages = [(page_id, replaced.get(page_id, data)) for page_id, data in crime_pages()]
    walk(client, CRIME, pages)
    payload = stored(app, send(client, CRIME)).payload
    answers = {row["question_id"]: row["answer"] for row in payload["answers"]}
    assert answers["injuries.injury_details"] == "Cut to the hand, treated at A&E"
    assert payload["reporter"]["needs"] == {"interpreter_language": "Polish", "communication": "Large print"}
    assert "language_barrier" in payload["flags"]["vulnerability"]
    assert payload["occurred"] == {"from": "2026-11-03T00:00:00+00:00", "to": "2026-11-03T23:59:59+00:00", "approximate": True}
    assert contract_errors("Submission", payload) == []
