"""Report a road traffic incident end to end through the test client: every branch, on every database backend."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from services.db import db
from services.models import Draft, OutboxMessage, Submission, TriageItem
from services.references import is_valid_reference
from tests.contract import contract_errors
from tests.journeys import answer, send, walk
from tests.pages import PageClient
from tests.road_traffic_journey import ROLE_OF, RTI, reach, rti_pages


def counts(app: Flask) -> tuple[int, int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count()).select_from(Submission)),
            db.session.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.topic == "platform.submission")),
            db.session.scalar(select(func.count()).select_from(TriageItem)),
        )


def payload_of(app: Flask, reference: str) -> dict[str, Any]:
    with app.app_context():
        return dict(db.session.scalars(select(Submission).where(Submission.reference == reference)).one().payload)


def page_ids(pages: list[tuple[str, dict[str, Any]]]) -> list[str]:
    return [page_id for page_id, _data in pages]


@pytest.mark.parametrize("involvement", list(ROLE_OF))
def test_everyone_involved_can_report_and_gets_the_platform_role_that_fits(app: Flask, client: PageClient, involvement: str) -> None:
    walk(client, RTI, rti_pages(involvement=involvement))
    reference = send(client, RTI)

    assert is_valid_reference(reference, "WMP")
    confirmation = client.get(f"{RTI}/confirmation")
    assert reference in confirmation.text and "insurance company" in confirmation.text
    assert counts(app) == (1, 1, 1)
    payload = payload_of(app, reference)
    assert payload["reporter"]["role"] == ROLE_OF[involvement]
    assert payload["service"] == "report-a-road-traffic-incident" and payload["kind"] == "incident"
    assert contract_errors("Submission", payload) == []
    with app.app_context():
        outbox = db.session.scalars(select(OutboxMessage).where(OutboxMessage.topic == "platform.submission")).one()
        assert outbox.status == "pending"
        item = db.session.scalars(select(TriageItem)).one()
        assert item.summary.startswith("The red car pulled out")


def test_payload_maps_the_answers_onto_the_contract(app: Flask, client: PageClient) -> None:
    pages = rti_pages(injury_severity="hospital", details_exchanged="yes", has_footage="yes")
    check = walk(client, RTI, pages)
    rows = check.summary_rows()
    assert rows["Vehicles involved"] == (
        "Vehicle 1: AB12 CDE, Ford Focus, Blue "
        "Vehicle 2: Registration number not known, Vauxhall, Red, Dent in the driver’s door, plate started WX"
    )
    assert rows["Which vehicle were you driving?"] == "Vehicle 1: AB12 CDE, Ford Focus, Blue"
    payload = payload_of(app, send(client, RTI))

    day = date.today() - timedelta(days=2)
    assert payload["category"] == "rti-collision"
    assert payload["occurred"]["from"].startswith(f"{day.isoformat()}T08:15:00")
    assert payload["occurred"]["approximate"] is False
    assert payload["location"] == {
        "postcode": "B29 6BD",
        "description": "Bristol Road, Birmingham: At the junction with Priory Road",
    }
    assert payload["summary"] == "The red car pulled out of the junction without looking and hit my front wing."
    assert payload["reporter"]["name"] == "Dee Driver" and payload["reporter"]["date_of_birth"] == "1990-02-14"
    answers = {row["question_id"]: row["answer"] for row in payload["answers"]}
    assert answers["vehicles.vehicles"].startswith("Vehicle 1: AB12 CDE, Ford Focus, Blue\nVehicle 2:")
    assert answers["your-vehicle.own_vehicle"] == "Vehicle 1: AB12 CDE, Ford Focus, Blue"
    assert answers["injuries.injury_severity"] == "Yes, someone was treated in hospital"
    assert answers["details-exchanged.other_insurance"] == "Admiral, policy P123456"
    assert answers["footage-details.footage_length"] == "About 2 minutes"
    assert next(iter(answers)) == "happening-now.happening_now"
    assert contract_errors("Submission", payload) == []


@pytest.mark.parametrize(
    ("incident_type", "details_exchanged", "category"),
    [
        ("collision", "no", "rti-collision"),
        ("collision", "yes", "rti-collision"),
        ("collision", "unknown", "rti-collision"),
        ("collision", "refused", "rti-fail-to-stop"),
        ("fail_to_stop", "refused", "rti-fail-to-stop"),
        ("dangerous_driving", "", "rti-dangerous-driving"),
    ],
)
def test_category_follows_what_happened(app: Flask, client: PageClient, incident_type: str, details_exchanged: str, category: str) -> None:
    walk(client, RTI, rti_pages(incident_type=incident_type, details_exchanged=details_exchanged or "no"))
    assert payload_of(app, send(client, RTI))["category"] == category


def test_welsh_journey_completes_with_welsh_questions(app: Flask, welsh_client: PageClient) -> None:
    check = walk(welsh_client, RTI, rti_pages(involvement="organisation", own_vehicle="none", has_footage="yes", injury_severity="minor"))
    assert check.soup.find("html")["lang"] == "cy"
    reference = send(welsh_client, RTI)
    assert is_valid_reference(reference, "WMP")
    payload = payload_of(app, reference)
    assert payload["language"] == "cy" and payload["reporter"]["role"] == "organisation"
    questions = {row["question_id"]: row["question"] for row in payload["answers"]}
    assert questions["incident-type.incident_type"] != "What are you reporting?"
    answers = {row["question_id"]: row["answer"] for row in payload["answers"]}
    assert answers["your-vehicle.own_vehicle"] != "None of these vehicles"
    assert contract_errors("Submission", payload) == []
    assert counts(app) == (1, 1, 1)


def test_emergency_stores_nothing_and_says_call_999(app: Flask, client: PageClient) -> None:
    client.get(RTI)
    location = answer(client, RTI, "happening-now", {"happening_now": "yes"})
    assert location.endswith(f"{RTI}/call-999")
    emergency = client.get(f"{RTI}/call-999")
    assert emergency.h1 == "Call 999 now" and "18000" in emergency.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def test_start_page_is_listed_and_explains_the_24_hour_and_7_day_rules(client: PageClient, welsh_client: PageClient) -> None:
    start = client.get(RTI)
    assert start.h1 == "Report a road traffic incident"
    assert "within 24 hours" in start.text and "within 7 days" in start.text
    assert start.soup.find("a", class_="govuk-button--start")["href"] == f"{RTI}/happening-now"
    welsh_client.get(RTI)  # the page checks fail on any English left on it
    home = client.get("/")
    assert home.soup.find("a", href=RTI).get_text(strip=True) == "Report a road traffic incident"


def test_dangerous_driving_has_no_details_page_and_explains_the_notice(client: PageClient) -> None:
    pages = rti_pages(incident_type="dangerous_driving", involvement="witness")
    assert "details-exchanged" not in page_ids(pages) and "reporting-late" not in page_ids(pages)
    reach(client, pages, "when")
    when = client.get(f"{RTI}/when")
    assert when.soup.select_one(".govuk-inset-text") is not None
    assert "within 14 days" in when.soup.select_one(".govuk-inset-text").get_text()
    walk(client, RTI, pages)


def test_collision_pages_do_not_mention_the_notice(client: PageClient) -> None:
    reach(client, rti_pages(incident_type="collision"), "when")
    assert client.get(f"{RTI}/when").soup.select_one(".govuk-inset-text") is None


@pytest.mark.parametrize(("days_ago", "warned"), [(0, False), (7, False), (8, True), (30, True)])
def test_late_dangerous_driving_reports_are_warned_and_still_accepted(
    app: Flask, client: PageClient, days_ago: int, warned: bool
) -> None:
    pages = rti_pages(incident_type="dangerous_driving", days_ago=days_ago, occurred_time="")
    assert ("reporting-late" in page_ids(pages)) is warned
    reach(client, pages, "when")
    after_when = answer(client, RTI, "when", dict(pages)["when"])
    assert after_when.endswith(f"{RTI}/reporting-late" if warned else f"{RTI}/where")
    if warned:
        late = client.get(f"{RTI}/reporting-late")
        assert late.h1 == "You are reporting this more than 7 days after it happened"
        assert "notice of intended prosecution" in late.text
        assert late.soup.select_one(".govuk-warning-text") is not None
    walk(client, RTI, pages)
    payload = payload_of(app, send(client, RTI))
    assert payload["category"] == "rti-dangerous-driving"
    assert payload["occurred"]["approximate"] is True


def test_a_late_collision_is_not_warned(client: PageClient) -> None:
    pages = rti_pages(incident_type="collision", days_ago=30)
    assert "reporting-late" not in page_ids(pages)
    walk(client, RTI, pages)


@pytest.mark.parametrize("involvement", ["rider", "pedestrian", "witness"])
def test_people_not_in_a_vehicle_are_not_asked_which_was_theirs(client: PageClient, involvement: str) -> None:
    pages = rti_pages(involvement=involvement)
    assert "your-vehicle" not in page_ids(pages)
    walk(client, RTI, pages)


@pytest.mark.parametrize(
    ("involvement", "question"),
    [
        ("driver", "Which vehicle were you driving?"),
        ("passenger", "Which vehicle were you in?"),
        ("keeper", "Which vehicle is yours?"),
        ("organisation", "Which vehicle belongs to your organisation?"),
    ],
)
def test_which_vehicle_is_asked_in_the_words_that_fit(client: PageClient, involvement: str, question: str) -> None:
    reach(client, rti_pages(involvement=involvement), "your-vehicle")
    page = client.get(f"{RTI}/your-vehicle")
    assert page.h1 == question
    labels = [" ".join(label.get_text().split()) for label in page.soup.select(".govuk-radios__label")]
    expected = ["Vehicle 1: AB12 CDE, Ford Focus, Blue", "Vehicle 2: Registration number not known, Vauxhall, Red, Dent in the driver’s door, plate started WX"]
    assert labels == expected + (["None of these vehicles"] if involvement == "organisation" else [])


def test_changing_the_vehicles_asks_again_which_was_yours(client: PageClient) -> None:
    walk(client, RTI, rti_pages(own_vehicle="2-unknown"))
    new_list = {"vehicles-0-registration": "XY51 ABC", "vehicles-1-registration": "AB12CDE"}
    location = answer(client, RTI, "vehicles", new_list, change=True)
    assert location.endswith(f"{RTI}/check-your-answers")
    # "Vehicle 2, registration not known" no longer exists, so the old answer does not stand.
    check = client.get(f"{RTI}/check-your-answers", expected=302)
    assert check.response.headers["Location"].endswith(f"{RTI}/your-vehicle")
    answer(client, RTI, "your-vehicle", {"own_vehicle": "2-AB12CDE"})
    rows = client.get(f"{RTI}/check-your-answers").summary_rows()
    assert rows["Which vehicle were you driving?"] == "Vehicle 2: AB12 CDE"


def test_injury_details_are_asked_only_when_someone_was_hurt(client: PageClient) -> None:
    assert "injury-details" not in page_ids(rti_pages(injury_severity="none"))
    for severity in ("minor", "hospital", "serious"):
        assert "injury-details" in page_ids(rti_pages(injury_severity=severity))
    walk(client, RTI, rti_pages(injury_severity="serious"))
    location = answer(client, RTI, "injuries", {"injury_severity": "none"}, change=True)
    assert location.endswith(f"{RTI}/check-your-answers")
    rows = client.get(f"{RTI}/check-your-answers").summary_rows()
    assert "Tell us about the injuries" not in rows


def test_footage_details_are_asked_only_when_there_is_footage(client: PageClient) -> None:
    walk(client, RTI, rti_pages(has_footage="no"))
    location = answer(client, RTI, "footage", {"has_footage": "yes"}, change=True)
    assert location.endswith(f"{RTI}/footage-details?change=1")
    page = client.get(f"{RTI}/footage-details?change=1")
    assert "do not post it online" in page.soup.select_one(".govuk-inset-text").get_text()
    assert page.soup.find("input", attrs={"type": "file"}) is None
    answer(client, RTI, "footage-details", {"footage_source": ["phone", "cctv"], "footage_description": "The van reversing", "footage_length": "1 minute"}, change=True)
    rows = client.get(f"{RTI}/check-your-answers").summary_rows()
    assert rows["What recorded it?"] == "A mobile phone, A doorbell or CCTV camera"


def test_insurance_details_are_kept_only_when_details_were_exchanged(app: Flask, client: PageClient) -> None:
    pages = rti_pages(details_exchanged="yes")
    reach(client, pages, "details-exchanged")
    page = client.get(f"{RTI}/details-exchanged")
    assert "within 24 hours" in page.soup.select_one(".govuk-inset-text").get_text()
    answer(client, RTI, "details-exchanged", {"details_exchanged": "no", "other_insurance": "typed, then changed my mind"})
    for page_id, data in pages[page_ids(pages).index("details-exchanged") + 1:]:
        answer(client, RTI, page_id, data)
    payload = payload_of(app, send(client, RTI))
    answers = {row["question_id"]: row["answer"] for row in payload["answers"]}
    assert answers["details-exchanged.details_exchanged"] == "No"
    assert "details-exchanged.other_insurance" not in answers


def test_vehicles_can_be_added_and_removed_without_javascript(client: PageClient) -> None:
    pages = rti_pages()
    reach(client, pages, "vehicles")
    url = f"{RTI}/vehicles"
    first = {"vehicles-0-registration": "AB12 CDE", "vehicles-0-make": "Ford"}
    added = client.post(url, {**first, "action": "add"}, expected=200)
    assert added.input_value("vehicles-1-registration") == ""
    assert added.soup.find("legend", string=lambda s: s and "Vehicle 2" in s) is not None
    two = {**first, "vehicles-1-registration_unknown": "unknown", "vehicles-1-colour": "Silver"}
    removed = client.post(url, {**two, "action": "remove-0"}, expected=200)
    assert removed.input_value("vehicles-0-colour") == "Silver"
    assert removed.checked("vehicles-0-registration_unknown") == ["unknown"]
    assert removed.input_value("vehicles-1-registration") is None
    kept = client.get(url)  # the draft kept the change
    assert kept.input_value("vehicles-0-colour") == "Silver"
    location = client.post(url, {"vehicles-0-registration_unknown": "unknown", "vehicles-0-colour": "Silver", "action": "continue"})
    assert location.response.headers["Location"].endswith(f"{RTI}/your-vehicle")


def test_no_more_than_ten_vehicles(client: PageClient) -> None:
    reach(client, rti_pages(), "vehicles")
    url = f"{RTI}/vehicles"
    data = {f"vehicles-{i}-registration": f"AB{10 + i} CDE" for i in range(10)}
    page = client.post(url, {**data, "action": "add"}, expected=200)
    assert page.input_value("vehicles-9-registration") == "AB19 CDE"
    assert page.input_value("vehicles-10-registration") is None
    assert page.soup.find("button", attrs={"value": "add"}) is None
    assert "up to 10 vehicles" in page.text
    eleven = {**data, "vehicles-10-registration": "XY99 ZZZ", "action": "continue"}
    client.post(url, eleven)
    rows_after = client.get(url)
    assert rows_after.input_value("vehicles-10-registration") is None


def test_registration_numbers_are_stored_the_dvla_way(app: Flask, client: PageClient) -> None:
    vehicles = {"vehicles-0-registration": " ab-12 cde ", "vehicles-1-registration": "a123bcd", "vehicles-2-registration": "abc 123d"}
    walk(client, RTI, rti_pages(involvement="witness", vehicles=vehicles))
    payload = payload_of(app, send(client, RTI))
    answers = {row["question_id"]: row["answer"] for row in payload["answers"]}
    assert answers["vehicles.vehicles"] == "Vehicle 1: AB12 CDE\nVehicle 2: A123 BCD\nVehicle 3: ABC 123D"


def test_pages_cannot_be_skipped(client: PageClient) -> None:
    page = client.get(f"{RTI}/vehicles", expected=302)
    assert page.response.headers["Location"].endswith(RTI)
    answer(client, RTI, "happening-now", {"happening_now": "no"})
    page = client.get(f"{RTI}/vehicles", expected=302)
    assert page.response.headers["Location"].endswith(f"{RTI}/incident-type")
    page = client.get(f"{RTI}/reporting-late", expected=302)
    assert page.response.headers["Location"].endswith(f"{RTI}/incident-type")


def test_change_link_returns_to_check_answers(app: Flask, client: PageClient) -> None:
    check = walk(client, RTI, rti_pages())
    link = check.change_links()["Describe what happened, in your own words"]
    assert link.startswith(f"{RTI}/account?change=1")
    location = answer(client, RTI, "account", {"account": "A van clipped my mirror."}, change=True)
    assert location.endswith(f"{RTI}/check-your-answers")
    assert payload_of(app, send(client, RTI))["summary"] == "A van clipped my mirror."


def test_changing_to_witness_drops_the_vehicle_and_date_of_birth(app: Flask, client: PageClient) -> None:
    walk(client, RTI, rti_pages(involvement="driver"))
    location = answer(client, RTI, "involvement", {"involvement": "witness"}, change=True)
    assert location.endswith(f"{RTI}/your-name?change=1")
    answer(client, RTI, "your-name", {"full_name": "Wil Witness"}, change=True)
    rows = client.get(f"{RTI}/check-your-answers").summary_rows()
    assert "Which vehicle were you driving?" not in rows and "Date of birth" not in rows
    payload = payload_of(app, send(client, RTI))
    assert payload["reporter"] == {**payload["reporter"], "role": "witness", "name": "Wil Witness"}
    assert "date_of_birth" not in payload["reporter"]
