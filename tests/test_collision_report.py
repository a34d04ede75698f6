"""Get a copy of a road traffic collision report: end to end in English and Welsh, every
kind of requester, the payload, and the schema that re-validates the whole request."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import Flask
from marshmallow import ValidationError

from services.journeys.collision_report import CollisionReportSchema
from tests.contract import contract_errors
from tests.journeys import answer, send, walk
from tests.pages import PageClient
from tests.request_journeys import COLLISION, collision_pages, counts, stored, triage_item

TODAY = date(2026, 11, 25)
REQUESTERS = ["driver", "passenger", "pedestrian", "insurer", "solicitor", "other"]


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("requester_type", REQUESTERS)
def test_each_kind_of_requester_completes_and_is_stored(app: Flask, language: str, requester_type: str) -> None:
    client = PageClient(app, language=language)
    walk(client, COLLISION, collision_pages(requester_type))
    reference = send(client, COLLISION)

    assert counts(app) == (1, 1, 1)
    payload = stored(app, reference).payload
    assert contract_errors("Submission", payload) == []
    assert payload["service"] == "request-a-collision-report" and payload["kind"] == "information_request"
    assert payload["reporter"]["role"] == "requester" and payload["category"] == "collision_report"
    assert payload["language"] == language
    assert payload["occurred"] == {"from": "2026-11-03T00:00:00+00:00", "to": "2026-11-03T23:59:59+00:00", "approximate": True}
    assert payload["location"] == {"description": "A38 Bristol Road at the junction with Priory Road, Edgbaston", "postcode": "B5 7SU"}
    assert triage_item(app).summary == payload["summary"][:500]


def test_an_insurer_request_names_the_firm_reference_and_client(app: Flask, client: PageClient) -> None:
    check = walk(client, COLLISION, collision_pages("insurer"))
    rows = check.summary_rows()
    assert rows["Your reference"] == "CLM-88812" and rows["Who do you act for?"] == "Dee Driver"
    assert "Your role in the organisation (optional)" not in rows
    # Registrations are tidied into capitals, separated by commas.
    assert rows["Registration numbers of the vehicles involved (optional)"] == "AB12 CDE, XY65ZZZ"
    payload = stored(app, send(client, COLLISION)).payload
    assert payload["reporter"] == {
        "role": "requester", "name": "Ines Handler (Acme Insurance)", "email": "dee@example.com",
        "address": {"lines": ["1 High Street"], "town": "Birmingham", "postcode": "B4 6NQ"},
    }
    assert payload["summary"] == (
        "Copy of a road traffic collision report requested: an abstract of the report; photographs.\n"
        "Requested by Ines Handler of Acme Insurance (insurer, reference CLM-88812), acting for Dee Driver.\n"
        "Collision on 3 November 2026 at: A38 Bristol Road at the junction with Priory Road, Edgbaston\n"
        "Police reference: 20/123456/26.\n"
        "Vehicles: AB12 CDE, XY65ZZZ."
    )


def test_someone_else_gives_their_reason(app: Flask, client: PageClient) -> None:
    walk(client, COLLISION, collision_pages("other", police_reference="", vehicle_registrations=""))
    summary = stored(app, send(client, COLLISION)).payload["summary"]
    assert "Requested by Dee Driver, who says: I own the van that was hit but was not driving it." in summary
    assert "Police reference" not in summary and "Vehicles" not in summary


def test_a_driver_request_says_so(app: Flask, client: PageClient) -> None:
    walk(client, COLLISION, collision_pages("driver", documents_wanted=["full_report", "witness_statements", "sketch_plan"]))
    summary = stored(app, send(client, COLLISION)).payload["summary"]
    assert summary.startswith(
        "Copy of a road traffic collision report requested: the full collision report; witness statements; a sketch plan.\n"
        "Requested by Dee Driver, a driver or rider involved."
    )


@pytest.mark.parametrize(("requester_type", "asked", "not_asked"), [
    ("insurer", "organisation", "your-name"),
    ("solicitor", "organisation", "your-name"),
    ("driver", "your-name", "organisation"),
    ("other", "your-name", "organisation"),
])
def test_routing_by_connection(client: PageClient, requester_type: str, asked: str, not_asked: str) -> None:
    client.get(COLLISION)
    location = answer(client, COLLISION, "connection", collision_pages(requester_type)[0][1])
    assert location.endswith(f"{COLLISION}/{asked}")
    assert client.get(f"{COLLISION}/{not_asked}", expected=302).response.headers["Location"].endswith(f"{COLLISION}/{asked}")


def test_the_reason_is_dropped_when_the_connection_changes(app: Flask, client: PageClient) -> None:
    walk(client, COLLISION, collision_pages("other"))
    location = answer(client, COLLISION, "connection", {"requester_type": "passenger", "requester_reason": "I own the van"}, change=True)
    assert location.endswith(f"{COLLISION}/check-your-answers")
    rows = client.get(f"{COLLISION}/check-your-answers").summary_rows()
    assert "Tell us your connection to the collision and why you need the report" not in rows
    summary = stored(app, send(client, COLLISION)).payload["summary"]
    assert "Requested by Dee Driver, a passenger involved." in summary


def test_changing_to_a_solicitor_asks_for_the_firm(client: PageClient) -> None:
    walk(client, COLLISION, collision_pages("driver"))
    location = answer(client, COLLISION, "connection", {"requester_type": "solicitor"}, change=True)
    assert location.endswith(f"{COLLISION}/organisation?change=1")


def test_start_page_explains_fees_and_confirmation_says_what_next(client: PageClient) -> None:
    start = client.get(COLLISION)
    assert "National Police Chiefs’ Council (NPCC)" in start.text and "(ACPO)" in start.text
    assert "We will tell you the fee, and how to pay, before we do anything." in start.text
    walk(client, COLLISION, collision_pages())
    send(client, COLLISION)
    assert "until you have agreed to the fee" in client.get(f"{COLLISION}/confirmation").text


VALID: dict[str, Any] = {
    "requester_type": "solicitor", "full_name": "Sol Icitor", "organisation_name": "Icitor & Co",
    "organisation_reference": "SC/123", "acting_for": "Dee Driver", "collision_date": "2026-11-03",
    "collision_location": "A38 Bristol Road", "collision_postcode": "B5 7SU", "police_reference": "20/123456/26",
    "vehicle_registrations": "AB12 CDE, XY65 ZZZ", "documents_wanted": ["full_report"],
    "address_line_1": "1 High Street", "address_town": "Birmingham", "address_postcode": "B4 6NQ", "phone": "0121 496 0000",
}


def schema_errors(**changes: Any) -> dict[str, Any]:
    data = {key: value for key, value in {**VALID, **changes}.items() if value is not None}
    try:
        CollisionReportSchema(today=TODAY).load(data)
    except ValidationError as error:
        return dict(error.normalized_messages())
    return {}


def test_the_schema_accepts_a_complete_request() -> None:
    assert schema_errors() == {}
    assert schema_errors(requester_type="pedestrian", organisation_name=None, organisation_reference=None, acting_for=None) == {}


@pytest.mark.parametrize(("changes", "field"), [
    ({"requester_type": None}, "requester_type"),
    ({"requester_type": "bystander"}, "requester_type"),
    ({"requester_type": "other"}, "requester_reason"),
    ({"organisation_name": None}, "organisation_name"),
    ({"organisation_reference": None}, "organisation_reference"),
    ({"organisation_reference": "x" * 51}, "organisation_reference"),
    ({"acting_for": None}, "acting_for"),
    ({"full_name": None}, "full_name"),
    ({"collision_date": None}, "collision_date"),
    ({"collision_date": "2026-11-26"}, "collision_date"),
    ({"collision_location": ""}, "collision_location"),
    ({"collision_postcode": "B5"}, "collision_postcode"),
    ({"police_reference": "unknown"}, "police_reference"),
    ({"police_reference": "12#34"}, "police_reference"),
    ({"vehicle_registrations": "AB12 CDE, ???"}, "vehicle_registrations"),
    ({"vehicle_registrations": ", ,"}, "vehicle_registrations"),
    ({"documents_wanted": []}, "documents_wanted"),
    ({"documents_wanted": ["full_report", "abstract"]}, "documents_wanted"),
    ({"address_line_1": None}, "address_line_1"),
    ({"phone": None}, "email"),
    ({"phone": "call me"}, "phone"),
    ({"speed": "30"}, "speed"),
])
def test_the_schema_refuses(changes: dict[str, Any], field: str) -> None:
    assert field in schema_errors(**changes)
