"""Every validation rule of the road traffic incident pages, with GOV.UK-style messages in English and in Welsh."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from babel.support import Translations
from flask import Flask

from tests.journeys import answer
from tests.pages import PageClient
from tests.road_traffic_journey import RTI, date_parts, rti_pages

TRANSLATIONS = Translations.load(str(Path(__file__).resolve().parent.parent / "translations"), ["cy"])

ENTER_REGISTRATION = "Enter the registration number, or select that you do not know it"
TIME_MESSAGE = "Enter a real time, like 14:30 or 09:05"
PAST = date.today() - timedelta(days=2)

# (page, the journey's answers that lead there, posted data, expected [(message, link)]).
# Messages are the English msgids; the Welsh run expects their translations.
CASES: list[tuple[str, dict[str, Any], dict[str, Any], list[tuple[str, str]]]] = [
    ("happening-now", {}, {}, [("Select yes if anyone needs an ambulance, a vehicle is blocking the road, or it is happening now", "#happening_now")]),
    ("happening-now", {}, {"happening_now": "perhaps"}, [("Select yes if anyone needs an ambulance, a vehicle is blocking the road, or it is happening now", "#happening_now")]),
    ("incident-type", {}, {}, [("Select what you are reporting", "#incident_type")]),
    ("incident-type", {}, {"incident_type": "crash"}, [("Select what you are reporting", "#incident_type")]),
    ("involvement", {}, {}, [("Select how you were involved", "#involvement")]),
    ("when", {}, {"occurred_on-day": "", "occurred_on-month": "", "occurred_on-year": ""}, [("Enter the date it happened", "#occurred_on-day")]),
    ("when", {}, {"occurred_on-day": "3", "occurred_on-month": "", "occurred_on-year": "2026"}, [("%(name)s must include a month", "#occurred_on-month")]),
    ("when", {}, {"occurred_on-day": "30", "occurred_on-month": "2", "occurred_on-year": "2026"}, [("%(name)s must be a real date", "#occurred_on-day")]),
    ("when", {}, {"occurred_on-day": "1", "occurred_on-month": "1", "occurred_on-year": "2999"}, [("%(name)s must be today or in the past", "#occurred_on-day")]),
    ("when", {}, {"occurred_on-day": "1", "occurred_on-month": "1", "occurred_on-year": "1066"}, [("%(name)s must be a real date", "#occurred_on-day")]),
    ("when", {}, {**date_parts(PAST), "occurred_time": "noon"}, [(TIME_MESSAGE, "#occurred_time")]),
    ("when", {}, {**date_parts(PAST), "occurred_time": "24:10"}, [(TIME_MESSAGE, "#occurred_time")]),
    ("where", {}, {}, [("Enter the name of the road", "#location_road"), ("Enter the nearest town or city", "#location_town")]),
    ("where", {}, {"location_road": "r" * 151, "location_town": "t" * 101, "postcode": "NOT A CODE", "location_description": "d" * 701}, [
        ("Road name must be 150 characters or fewer", "#location_road"),
        ("Nearest town or city must be 100 characters or fewer", "#location_town"),
        ("Enter a real postcode, like B4 6NQ", "#postcode"),
        ("Description of the place must be 700 characters or fewer", "#location_description"),
    ]),
    ("vehicles", {}, {"action": "continue"}, [(ENTER_REGISTRATION, "#vehicles-0-registration")]),
    ("vehicles", {}, {"vehicles-0-registration": "AB12 CDE", "vehicles-0-registration_unknown": "unknown"}, [
        ("Enter the registration number, or select that you do not know it, but not both", "#vehicles-0-registration"),
    ]),
    ("vehicles", {}, {"vehicles-0-registration": "ABCD 1234"}, [("Enter a real registration number, like AB12 CDE", "#vehicles-0-registration")]),
    ("vehicles", {}, {"vehicles-0-registration_unknown": "unknown"}, [
        ("Enter the make, model, colour or other details of the vehicle, as you do not know its registration number", "#vehicles-0-make"),
    ]),
    ("vehicles", {}, {"vehicles-0-registration": "AB12CDE", "vehicles-0-make": "m" * 51, "vehicles-0-model": "m" * 51, "vehicles-0-colour": "c" * 31, "vehicles-0-details": "d" * 501}, [
        ("Make must be 50 characters or fewer", "#vehicles-0-make"),
        ("Model must be 50 characters or fewer", "#vehicles-0-model"),
        ("Colour must be 30 characters or fewer", "#vehicles-0-colour"),
        ("Other details about the vehicle must be 500 characters or fewer", "#vehicles-0-details"),
    ]),
    ("vehicles", {}, {"vehicles-0-registration": "AB12CDE", "vehicles-1-registration": "ab12 cde", "vehicles-2-make": "Ford"}, [
        ("You have already entered this registration number for another vehicle", "#vehicles-1-registration"),
        (ENTER_REGISTRATION, "#vehicles-2-registration"),
    ]),
    ("your-vehicle", {"involvement": "driver"}, {}, [("Select the vehicle you were driving", "#own_vehicle")]),
    ("your-vehicle", {"involvement": "driver"}, {"own_vehicle": "9-ZZ99ZZZ"}, [("Select the vehicle you were driving", "#own_vehicle")]),
    ("your-vehicle", {"involvement": "driver"}, {"own_vehicle": "none"}, [("Select the vehicle you were driving", "#own_vehicle")]),
    ("your-vehicle", {"involvement": "passenger"}, {}, [("Select the vehicle you were in", "#own_vehicle")]),
    ("your-vehicle", {"involvement": "keeper"}, {}, [("Select your vehicle", "#own_vehicle")]),
    ("your-vehicle", {"involvement": "organisation"}, {}, [("Select your organisation’s vehicle, or select none of these", "#own_vehicle")]),
    ("injuries", {}, {}, [("Select whether anyone was hurt", "#injury_severity")]),
    ("injury-details", {"injury_severity": "serious"}, {"injury_details": " "}, [("Describe the injuries", "#injury_details")]),
    ("injury-details", {"injury_severity": "minor"}, {"injury_details": "x" * 5001}, [("Description of the injuries must be 5,000 characters or fewer", "#injury_details")]),
    ("details-exchanged", {}, {}, [("Select whether details were exchanged at the scene", "#details_exchanged")]),
    ("details-exchanged", {"incident_type": "fail_to_stop"}, {"details_exchanged": "yes", "other_insurance": "x" * 501}, [
        ("Insurance details must be 500 characters or fewer", "#other_insurance"),
    ]),
    ("footage", {}, {}, [("Select yes if you have any footage of what happened", "#has_footage")]),
    ("footage-details", {"has_footage": "yes"}, {}, [
        ("Select what recorded the footage", "#footage_source"),
        ("Describe what the footage shows", "#footage_description"),
        ("Enter how long the footage is", "#footage_length"),
    ]),
    ("footage-details", {"has_footage": "yes"}, {"footage_source": ["dashcam"], "footage_description": "x" * 2001, "footage_length": "y" * 51}, [
        ("Description of the footage must be 2,000 characters or fewer", "#footage_description"),
        ("How long the footage is must be 50 characters or fewer", "#footage_length"),
    ]),
    ("account", {}, {"account": "   "}, [("Describe what happened", "#account")]),
    ("account", {}, {"account": "x" * 20_001}, [("What happened must be 20,000 characters or fewer", "#account")]),
    ("your-details", {}, {}, [("Enter your full name", "#full_name"), ("Enter your date of birth", "#date_of_birth-day")]),
    ("your-name", {"involvement": "witness"}, {"full_name": "x" * 201}, [("Full name must be 200 characters or fewer", "#full_name")]),
    ("organisation-details", {"involvement": "organisation", "own_vehicle": "none"}, {"full_name": "Fay"}, [("Enter the name of the organisation", "#organisation_name")]),
    ("address", {}, {"address_postcode": "B4"}, [
        ("Enter address line 1, typically the building and street", "#address_line_1"),
        ("Enter town or city", "#address_town"),
        ("Enter a real postcode, like B4 6NQ", "#address_postcode"),
    ]),
    ("contact", {}, {}, [("Enter an email address or a phone number", "#email")]),
    ("contact-preference", {}, {"preferred_contact": "phone", "safe_to_contact": "yes"}, [
        ("You have not given a phone number. Choose another way, or go back and add one", "#preferred_contact"),
    ]),
    ("support-needs", {}, {"interpreter_needed": "yes"}, [("Enter the language you need an interpreter for", "#interpreter_language")]),
]

DATE_NAMES = {"when": "The date it happened", "your-details": "Date of birth"}


def expected_message(message: str, page_id: str, language: str) -> str:
    if language == "cy":
        welsh = TRANSLATIONS.gettext(message)
        assert welsh != message, f"no Welsh for {message!r}"
        message = welsh
    if "%(name)s" in message:
        name = DATE_NAMES[page_id]
        message = message % {"name": TRANSLATIONS.gettext(name) if language == "cy" else name}
    return message


def reach(client: PageClient, page_id: str, journey: dict[str, Any]) -> None:
    """Answer every page before `page_id` the way these answers lead."""
    client.get(RTI)
    for current, data in rti_pages(**journey):
        if current == page_id:
            return
        if current == "contact" and page_id == "contact-preference":
            data = {"email": "dee@example.com"}  # no phone, so choosing phone must be refused
        answer(client, RTI, current, data)
    raise AssertionError(f"{page_id} is not on the journey for {journey}")


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(("page_id", "journey", "data", "errors"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_rule_gives_its_message(
    app: Flask, language: str, page_id: str, journey: dict[str, Any], data: dict[str, Any], errors: list[tuple[str, str]]
) -> None:
    client = PageClient(app, language=language)
    reach(client, page_id, journey)
    page = client.post(f"{RTI}/{page_id}", data, expected=400)
    expected = [(expected_message(message, page_id, language), link) for message, link in errors]
    assert page.error_summary() == expected
    assert page.error_messages()[: len(expected)] == [message for message, _link in expected]
    for _message, link in expected:
        assert page.soup.find(id=link[1:]) is not None, f"error link {link} goes nowhere"


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_time_later_today_is_refused(app: Flask, language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from forms import road_traffic

    noon = datetime.combine(date.today(), time(12, 0), tzinfo=road_traffic.UK_TIME)
    monkeypatch.setattr(road_traffic, "uk_now", lambda: noon)
    client = PageClient(app, language=language)
    reach(client, "when", {})
    page = client.post(f"{RTI}/when", {**date_parts(date.today()), "occurred_time": "12:01"}, expected=400)
    assert page.error_summary() == [(expected_message("The time it happened must be in the past", "when", language), "#occurred_time")]
    client.post(f"{RTI}/when", {**date_parts(date.today()), "occurred_time": "11:59"})
    client.post(f"{RTI}/when", {**date_parts(date.today() - timedelta(days=1)), "occurred_time": "23:59"})
