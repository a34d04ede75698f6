"""The road traffic incident's rules on their own: registration numbers, the 7-day notice rule,
the server-side schema every channel is held to, and the payload it produces."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from marshmallow import ValidationError

from forms import registration as form_rule
from services.journeys import PayloadContext
from services.journeys import vehicles as server_rule
from services.journeys.road_traffic import (
    ROAD_TRAFFIC_JOURNEY,
    RoadTrafficIncidentSchema,
    build_road_traffic_payload,
    nip_deadline,
    reported_too_late_for_notice,
)
from tests.contract import contract_errors

VALID_REGISTRATIONS = [
    ("AB12CDE", "AB12 CDE"),  # current
    ("ab12 cde", "AB12 CDE"),
    (" AB-12-CDE ", "AB12 CDE"),
    ("a123bcd", "A123 BCD"),  # prefix
    ("A1 BCD", "A1 BCD"),
    ("ABC123D", "ABC 123D"),  # suffix
    ("abc 1 d", "ABC 1D"),
    ("ABC 123", "ABC 123"),  # dateless, letters first
    ("A 1", "A 1"),
    ("ABZ 1234", "ABZ 1234"),  # Northern Ireland
    ("1234 AB", "1234 AB"),  # dateless, numbers first
    ("1 A", "1 A"),
]
INVALID_REGISTRATIONS = ["", "   ", "ABCDEFG", "1234567", "AB12CDEF", "ABCD 123", "12345 A", "AB1 2CD3", "AB12 CD!", "ÅB12 CDE", "not known"]


@pytest.mark.parametrize(("typed", "normalised"), VALID_REGISTRATIONS)
def test_every_uk_format_is_accepted_and_normalised_the_same_in_both_layers(typed: str, normalised: str) -> None:
    assert form_rule.normalise_registration(typed) == normalised
    assert server_rule.normalise_registration(typed) == normalised
    assert server_rule.is_uk_registration(typed)


@pytest.mark.parametrize("typed", INVALID_REGISTRATIONS)
def test_anything_else_is_refused_in_both_layers(typed: str) -> None:
    assert form_rule.normalise_registration(typed) is None
    assert server_rule.normalise_registration(typed) is None


def test_the_vehicle_keys_agree_between_the_layers() -> None:
    from forms.road_traffic_vehicles import vehicle_key

    vehicles: list[dict[str, Any]] = [{"registration": "AB12 CDE"}, {"registration_unknown": True, "make": "Ford"}]
    assert server_rule.vehicle_keys(vehicles) == [vehicle_key(n, v) for n, v in enumerate(vehicles, start=1)] == ["1-AB12CDE", "2-unknown"]


@pytest.mark.parametrize(
    ("incident_type", "days_ago", "late"),
    [
        ("dangerous_driving", 0, False),
        ("dangerous_driving", 6, False),
        ("dangerous_driving", 7, False),  # the seventh day is still within 7 days
        ("dangerous_driving", 8, True),
        ("dangerous_driving", 15, True),
        ("collision", 8, False),  # a collision needs no notice
        ("fail_to_stop", 30, False),
        (None, 30, False),
    ],
)
def test_the_seven_day_rule_either_side(incident_type: str | None, days_ago: int, late: bool) -> None:
    today = date(2026, 11, 25)
    assert reported_too_late_for_notice(incident_type, today - timedelta(days=days_ago), today) is late


def test_no_date_is_never_late_and_the_notice_deadline_is_14_days() -> None:
    assert reported_too_late_for_notice("dangerous_driving", None, date(2026, 11, 25)) is False
    assert nip_deadline(date(2026, 11, 20)) == date(2026, 12, 4)


TODAY = date(2026, 11, 25)
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def report(**changes: Any) -> dict[str, Any]:
    """A complete driver's report as the web journey stores it (cleaned page data, merged)."""
    data: dict[str, Any] = {
        "happening_now": "no",
        "incident_type": "collision",
        "involvement": "driver",
        "occurred_on": "2026-11-20",
        "occurred_time": "08:15",
        "location_road": "Bristol Road",
        "location_town": "Birmingham",
        "postcode": "b29 6bd",
        "vehicles": [
            {"registration": "AB12 CDE", "make": "Ford"},
            {"registration_unknown": True, "colour": "Red"},
        ],
        "own_vehicle": "1-AB12CDE",
        "injury_severity": "none",
        "details_exchanged": "no",
        "has_footage": "no",
        "account": "The red car pulled out and hit my front wing.",
        "full_name": "Dee Driver",
        "date_of_birth": "1990-02-14",
        "address_line_1": "1 High Street",
        "address_town": "Birmingham",
        "address_postcode": "B4 6NQ",
        "email": "dee@example.com",
        "preferred_contact": "email",
        "safe_to_contact": "yes",
        "interpreter_needed": "no",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def errors_of(data: dict[str, Any]) -> dict[str, Any]:
    try:
        RoadTrafficIncidentSchema(today=TODAY, now=NOON).load(data)
    except ValidationError as error:
        return dict(error.normalized_messages())
    return {}


def test_a_complete_report_passes_and_the_schema_needs_no_arguments() -> None:
    assert errors_of(report()) == {}
    assert RoadTrafficIncidentSchema().load(report(occurred_on="2026-01-01"))["vehicles"][0]["registration"] == "AB12 CDE"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"happening_now": "yes"}, "happening_now"),
        ({"incident_type": "crash"}, "incident_type"),
        ({"involvement": "bystander"}, "involvement"),
        ({"involvement": "third_party"}, "involvement"),
        ({"occurred_on": None}, "occurred_on"),
        ({"occurred_on": "2026-11-26"}, "occurred_on"),
        ({"occurred_on": "2026-11-25", "occurred_time": "12:30"}, "occurred_time"),
        ({"occurred_time": "25:00"}, "occurred_time"),
        ({"location_road": None}, "location_road"),
        ({"location_road": "r" * 151}, "location_road"),
        ({"location_town": ""}, "location_town"),
        ({"postcode": "NOT A CODE"}, "postcode"),
        ({"location_description": "d" * 701}, "location_description"),
        ({"vehicles": []}, "vehicles"),
        ({"vehicles": [{"registration": f"AB{10 + i} CDE"} for i in range(11)]}, "vehicles"),
        ({"vehicles": [{"registration": "AB12 CDE"}, {"registration": "ab12cde"}]}, "vehicles"),
        ({"vehicles": [{"registration": "AB12 CDE", "registration_unknown": True}]}, "vehicles"),
        ({"vehicles": [{"registration": "NOT A REG"}]}, "vehicles"),
        ({"vehicles": [{"make": "Ford"}]}, "vehicles"),
        ({"vehicles": [{"registration_unknown": True}]}, "vehicles"),
        ({"vehicles": [{"registration": "AB12 CDE", "details": "d" * 501}]}, "vehicles"),
        ({"own_vehicle": None}, "own_vehicle"),
        ({"own_vehicle": "2-AB12CDE"}, "own_vehicle"),
        ({"own_vehicle": "none"}, "own_vehicle"),
        ({"injury_severity": "minor"}, "injury_details"),
        ({"injury_severity": "fatal"}, "injury_severity"),
        ({"details_exchanged": None}, "details_exchanged"),
        ({"incident_type": "fail_to_stop", "details_exchanged": None}, "details_exchanged"),
        ({"other_insurance": "x" * 501}, "other_insurance"),
        ({"has_footage": "yes"}, "footage_source"),
        ({"has_footage": "yes", "footage_source": ["dashcam"], "footage_length": "1 minute"}, "footage_description"),
        ({"has_footage": "yes", "footage_source": ["dashcam"], "footage_description": "The crash"}, "footage_length"),
        ({"footage_source": ["drone"]}, "footage_source"),
        ({"account": ""}, "account"),
        ({"account": "x" * 20_001}, "account"),
        ({"full_name": None}, "full_name"),
        ({"involvement": "organisation", "own_vehicle": "none"}, "organisation_name"),
        ({"email": None, "phone": None}, "email"),
        ({"phone": "call me", "preferred_contact": "phone"}, "phone"),
        ({"interpreter_needed": "yes"}, "interpreter_language"),
    ],
)
def test_the_schema_refuses_what_the_pages_refuse(changes: dict[str, Any], field: str) -> None:
    assert field in errors_of(report(**changes))


@pytest.mark.parametrize(
    "changes",
    [
        {"incident_type": "dangerous_driving", "details_exchanged": None},
        {"involvement": "witness", "own_vehicle": None, "date_of_birth": None},
        {"involvement": "organisation", "own_vehicle": "none", "organisation_name": "Midland Vans Ltd"},
        {"involvement": "organisation", "own_vehicle": "2-unknown", "organisation_name": "Midland Vans Ltd"},
        {"occurred_on": "2026-11-25", "occurred_time": "11:59"},
        {"occurred_on": "2026-11-24", "occurred_time": "23:59"},
        {"occurred_time": None, "postcode": None},
        {"injury_severity": "serious", "injury_details": "Broken arm"},
        {"has_footage": "yes", "footage_source": ["dashcam", "phone"], "footage_description": "The crash", "footage_length": "1 minute"},
    ],
)
def test_the_schema_accepts_each_branch(changes: dict[str, Any]) -> None:
    assert errors_of(report(**changes)) == {}


def payload(**changes: Any) -> dict[str, Any]:
    cleaned = RoadTrafficIncidentSchema(today=TODAY, now=NOON).load(report(**changes))
    context = PayloadContext(
        force_code="WMP", reference="WMP-7K3M-Q9TX", language="en", channel="api",
        submitted_at=datetime(2026, 11, 25, 12, 0, tzinfo=UTC), answers=[],
    )
    return build_road_traffic_payload(cleaned, context)


def test_the_payload_fits_the_contract() -> None:
    document = payload()
    assert contract_errors("Submission", document) == []
    assert document["category"] == "rti-collision"
    assert document["kind"] == "incident" and document["service"] == ROAD_TRAFFIC_JOURNEY.slug
    assert document["occurred"] == {"from": "2026-11-20T08:15:00+00:00", "approximate": False}
    assert document["location"] == {"description": "Bristol Road, Birmingham", "postcode": "B29 6BD"}
    assert document["reporter"]["role"] == "victim"
    assert document["flags"] == {"vulnerability": [], "safe_to_contact": True}


def test_a_summer_date_without_a_time_is_the_whole_day_in_british_summer_time() -> None:
    document = payload(occurred_on="2026-07-04", occurred_time=None)
    assert document["occurred"] == {"from": "2026-07-04T00:00:00+01:00", "to": "2026-07-04T23:59:59+01:00", "approximate": True}


def test_the_longest_place_still_fits_the_contract() -> None:
    document = payload(location_road="r" * 150, location_town="t" * 100, location_description="d" * 700)
    assert len(document["location"]["description"]) <= 1000
    assert document["location"]["description"].endswith("d" * 700)
    assert contract_errors("Submission", document) == []


@pytest.mark.parametrize(
    ("changes", "category"),
    [
        ({"details_exchanged": "refused"}, "rti-fail-to-stop"),
        ({"incident_type": "fail_to_stop", "details_exchanged": "yes"}, "rti-fail-to-stop"),
        ({"incident_type": "dangerous_driving", "details_exchanged": None}, "rti-dangerous-driving"),
    ],
)
def test_the_category_code(changes: dict[str, Any], category: str) -> None:
    assert payload(**changes)["category"] == category


@pytest.mark.parametrize(("involvement", "role"), [("pedestrian", "victim"), ("rider", "victim"), ("witness", "witness")])
def test_reporter_roles(involvement: str, role: str) -> None:
    document = payload(involvement=involvement, own_vehicle=None)
    assert document["reporter"]["role"] == role
    assert contract_errors("Submission", document) == []


def test_a_young_cyclist_is_flagged_as_under_18() -> None:
    document = payload(involvement="rider", own_vehicle=None, date_of_birth="2012-05-01", interpreter_needed="yes", interpreter_language="Polish")
    assert set(document["flags"]["vulnerability"]) == {"under_18", "language_barrier"}
