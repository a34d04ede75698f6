"""Report a stolen or an abandoned vehicle end to end: routing, the council exit, registration and
VIN checks, the built summary, and every rule in English and Welsh."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from babel.support import Translations
from flask import Flask
from marshmallow import ValidationError
from sqlalchemy import func, select

from forms import registration as form_rule
from forms import vehicle as vehicle_forms
from services.db import db
from services.journeys.vehicle import VEHICLE_JOURNEY, VehicleReportSchema
from services.journeys.vehicle import normalise_registration as schema_registration
from services.journeys.vehicle_summary import SHORT_ACCOUNT
from services.models import Draft, OutboxMessage, Submission, TriageItem
from services.references import is_valid_reference
from tests.contract import contract_errors
from tests.journeys import CONTACT, answer, send, walk
from tests.pages import PageClient

VEHICLE = "/report-a-vehicle"
# The form layer's shared rule, as this service uses it: spaces allowed, dashes and dots refused.
form_registration = partial(form_rule.normalise_registration, spaces_only=True)
TRANSLATIONS = Translations.load(str(Path(__file__).resolve().parent.parent / "translations"), ["cy"])


def vehicle_pages(report_type: str = "stolen", registration_known: str = "yes", **changes: Any) -> list[tuple[str, dict[str, Any]]]:
    """The pages someone reporting this kind of vehicle sees, with answers that pass."""
    pages: list[tuple[str, dict[str, Any]]] = [
        ("happening-now", {"happening_now": "no"}),
        ("report-type", {"report_type": report_type}),
    ]
    if report_type == "abandoned":
        pages.append(("abandoned-concern", {"abandoned_concerns": changes.get("concerns", ["danger"])}))
    pages.append(("vehicle-type", {"vehicle_type": changes.get("vehicle_type", "car"), "vehicle_type_other": changes.get("vehicle_type_other", "")}))
    if registration_known == "yes":
        pages.append(("registration", {"registration_known": "yes", "registration": changes.get("registration", " ab12cde "), "registration_unknown_reason": ""}))
    else:
        pages.append(("registration", {"registration_known": "no", "registration": "", "registration_unknown_reason": "The number plates have been taken off"}))
    if report_type == "stolen":
        pages.extend([
            ("stolen-vehicle", {"make": "Ford", "model": "Focus", "colour": "Silver", "vin": changes.get("vin", "wf0ax xgcda1a12345")}),
            ("last-seen", {"last_seen_on-day": "20", "last_seen_on-month": "11", "last_seen_on-year": "2026", "last_seen_time": "22:00"}),
            ("found-missing", {"found_missing_on-day": "21", "found_missing_on-month": "11", "found_missing_on-year": "2026", "found_missing_time": "7.15"}),
            ("where-stolen", {"postcode": "B4 6NQ", "location_description": "On the driveway of my house"}),
            ("keys", {"keys": changes.get("keys", "keyless")}),
            ("keeper-insurance", {"registered_keeper": "you", "keeper_name": "", "insured": "yes", "insurer": "Acme Insurance"}),
            ("tracker", {"tracker": "no", "tracker_company": ""}),
            ("contents", {"valuables_inside": "yes", "valuables_description": "A child seat and a set of tools"}),
        ])
    else:
        pages.extend([
            ("abandoned-vehicle", {"make": "", "model": "", "colour": "Blue", "vin": ""}),
            ("abandoned-where", {"postcode": "", "location_description": "Across the dropped kerb outside 4 Elm Road"}),
            ("how-long", {"time_there": "one_to_four_weeks"}),
        ])
        if registration_known == "yes":
            pages.append(("taxed", {"taxed": "no"}))
        pages.append(("condition", {"condition": ["plates_missing", "wheels"]}))
    pages.append(("description", {"description": changes.get("description", "")}))
    if report_type == "stolen":
        pages.append(("your-details", {"full_name": "Ann Example", "date_of_birth-day": "14", "date_of_birth-month": "2", "date_of_birth-year": "1990"}))
    else:
        pages.append(("your-name", {"full_name": "Wil Witness"}))
    pages.extend(CONTACT)
    return pages


def counts(app: Flask) -> tuple[int, int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count()).select_from(Submission)),
            db.session.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.topic == "platform.submission")),
            db.session.scalar(select(func.count()).select_from(TriageItem)),
        )


def stored(app: Flask, reference: str) -> dict[str, Any]:
    with app.app_context():
        return dict(db.session.scalars(select(Submission.payload).where(Submission.reference == reference)).one())


# ---- End to end -----------------------------------------------------------------------------

@pytest.mark.parametrize(("report_type", "role"), [("stolen", "victim"), ("abandoned", "witness")])
@pytest.mark.parametrize("language", ["en", "cy"])
def test_each_kind_of_report_completes_the_journey(app: Flask, language: str, report_type: str, role: str) -> None:
    client = PageClient(app, language=language)
    check = walk(client, VEHICLE, vehicle_pages(report_type=report_type))
    assert "AB12 CDE" in check.summary_rows().values()
    reference = send(client, VEHICLE)

    assert is_valid_reference(reference, "WMP")
    assert counts(app) == (1, 1, 1)
    payload = stored(app, reference)
    assert payload["service"] == "report-a-vehicle" and payload["kind"] == "crime"
    assert payload["category"] == f"vehicle-{report_type}"
    assert payload["reporter"]["role"] == role
    assert payload["language"] == language
    assert contract_errors("Submission", payload) == []
    if language == "cy":
        questions = {row["question_id"]: row["question"] for row in payload["answers"]}
        assert questions["report-type.report_type"] != "What do you want to report?"
    confirmation = client.get(f"{VEHICLE}/confirmation")
    assert reference in confirmation.text
    next_steps = "If you reported an abandoned vehicle, we will check it. If it is not a police matter, we will pass your report to the council."
    assert (TRANSLATIONS.gettext(next_steps) if language == "cy" else next_steps) in confirmation.text


def test_a_stolen_vehicle_is_summarised_from_the_answers(app: Flask, client: PageClient) -> None:
    walk(client, VEHICLE, vehicle_pages(description="Taken overnight."))
    payload = stored(app, send(client, VEHICLE))
    assert payload["summary"] == (
        "Stolen car: Silver Ford Focus, registration AB12 CDE. VIN WF0AXXGCDA1A12345. "
        "Last seen 20 November 2026 at 22:00; found missing 21 November 2026 at 07:15. "
        "Taken from B4 6NQ (On the driveway of my house). "
        "The keys were not taken; it has keyless entry or start (possible relay theft). "
        "The person reporting is the registered keeper. Insured with Acme Insurance. No tracking device. "
        "Inside: A child seat and a set of tools."
        "\n\nIn their own words: Taken overnight."
    )
    assert payload["occurred"] == {"from": "2026-11-20T22:00:00+00:00", "to": "2026-11-21T07:15:00+00:00", "approximate": True}
    assert payload["location"] == {"postcode": "B4 6NQ", "description": "On the driveway of my house"}
    assert payload["reporter"]["date_of_birth"] == "1990-02-14"
    answers = {row["question_id"]: row["answer"] for row in payload["answers"]}
    assert answers["registration.registration"] == "AB12 CDE"
    assert answers["stolen-vehicle.vin"] == "WF0AXXGCDA1A12345"
    assert answers["keys.keys"] == "No, but the vehicle has keyless entry or a keyless start"
    assert contract_errors("Submission", payload) == []


def test_an_account_long_enough_to_stand_alone_is_the_summary(app: Flask, client: PageClient) -> None:
    words = "I parked on the drive at ten. " * 10
    assert len(words.strip()) >= SHORT_ACCOUNT
    walk(client, VEHICLE, vehicle_pages(description=words))
    assert stored(app, send(client, VEHICLE))["summary"] == words.strip()


def test_an_abandoned_vehicle_without_a_registration_skips_tax_and_says_why(app: Flask, client: PageClient) -> None:
    check = walk(client, VEHICLE, vehicle_pages(report_type="abandoned", registration_known="no", concerns=["danger", "suspicious"]))
    assert "Is the vehicle taxed?" not in check.summary_rows()
    payload = stored(app, send(client, VEHICLE))
    assert payload["summary"] == (
        "Abandoned car: Blue, registration not known (The number plates have been taken off). "
        "Causing a danger or an obstruction. May be stolen or linked to a crime. "
        "At Across the dropped kerb outside 4 Elm Road. There for 1 to 4 weeks. "
        "Condition: number plates missing, flat tyres or wheels missing."
    )
    assert "occurred" not in payload
    assert payload["location"] == {"description": "Across the dropped kerb outside 4 Elm Road"}
    assert payload["reporter"]["role"] == "witness" and "date_of_birth" not in payload["reporter"]
    assert contract_errors("Submission", payload) == []


def test_another_type_of_vehicle_is_named_in_the_summary(app: Flask, client: PageClient) -> None:
    walk(client, VEHICLE, vehicle_pages(report_type="abandoned", vehicle_type="other", vehicle_type_other="Horsebox"))
    assert stored(app, send(client, VEHICLE))["summary"].startswith("Abandoned Horsebox: Blue, registration AB12 CDE.")


# ---- Routing and exits -------------------------------------------------------------------------

STOLEN_ONLY = {"stolen-vehicle", "last-seen", "found-missing", "where-stolen", "keys", "keeper-insurance", "tracker", "contents", "your-details"}
ABANDONED_ONLY = {"abandoned-concern", "abandoned-vehicle", "abandoned-where", "how-long", "taxed", "condition", "your-name"}


def as_page_data(answers: dict[str, str]) -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = {}
    for name, value in answers.items():
        page_id = next(page for page, form in vehicle_forms.PAGE_FORMS.items() if hasattr(form, name))
        data.setdefault(page_id, {})[name] = value
    return data


@pytest.mark.parametrize(("answers", "asked", "skipped"), [
    ({"report_type": "stolen", "registration_known": "yes"}, STOLEN_ONLY, ABANDONED_ONLY),
    ({"report_type": "abandoned", "registration_known": "yes"}, ABANDONED_ONLY, STOLEN_ONLY),
    ({"report_type": "abandoned", "registration_known": "no"}, ABANDONED_ONLY - {"taxed"}, STOLEN_ONLY | {"taxed"}),
])
def test_each_branch_asks_only_the_pages_that_fit(answers: dict[str, str], asked: set[str], skipped: set[str]) -> None:
    pages = set(VEHICLE_JOURNEY.applicable_pages(as_page_data(answers)))
    assert asked <= pages
    assert not skipped & pages


def test_an_abandoned_vehicle_that_is_only_the_councils_goes_to_the_council(app: Flask, client: PageClient) -> None:
    client.get(VEHICLE)
    answer(client, VEHICLE, "happening-now", {"happening_now": "no"})
    answer(client, VEHICLE, "report-type", {"report_type": "abandoned"})
    page = client.post(f"{VEHICLE}/abandoned-concern", {"abandoned_concerns": ["none"]}, expected=302)
    assert page.response.headers["Location"].endswith(f"{VEHICLE}/abandoned-vehicle-council")
    council = client.get(f"{VEHICLE}/abandoned-vehicle-council")
    assert council.h1 == "Report this vehicle to your council"
    assert council.soup.find("a", href="https://www.gov.uk/report-abandoned-vehicle") is not None
    assert council.soup.find("a", href=f"{VEHICLE}/abandoned-concern") is not None
    # The answer was not kept, so the journey cannot go on past it.
    assert client.get(f"{VEHICLE}/vehicle-type", expected=302).response.headers["Location"].endswith(f"{VEHICLE}/abandoned-concern")
    assert counts(app) == (0, 0, 0)


def test_happening_now_stores_nothing_and_says_call_999(app: Flask, client: PageClient) -> None:
    client.get(VEHICLE)
    page = client.post(f"{VEHICLE}/happening-now", {"happening_now": "yes"}, expected=302)
    assert page.response.headers["Location"].endswith(f"{VEHICLE}/call-999")
    assert client.get(f"{VEHICLE}/call-999").h1 == "Call 999 now"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def test_changing_stolen_to_abandoned_asks_the_abandoned_questions_and_drops_the_others(app: Flask, client: PageClient) -> None:
    walk(client, VEHICLE, vehicle_pages())
    steps = [
        ("report-type", {"report_type": "abandoned"}, "abandoned-concern"),
        ("abandoned-concern", {"abandoned_concerns": ["suspicious"]}, "abandoned-vehicle"),
        ("abandoned-vehicle", {"make": "Ford", "model": "", "colour": "Silver", "vin": ""}, "abandoned-where"),
        ("abandoned-where", {"postcode": "B4 6NQ", "location_description": ""}, "how-long"),
        ("how-long", {"time_there": "unknown"}, "taxed"),
        ("taxed", {"taxed": "unknown"}, "condition"),
        ("condition", {"condition": ["none"]}, "your-name"),
        ("your-name", {"full_name": "Ann Example"}, "check-your-answers"),
    ]
    for page_id, data, following in steps:
        location = answer(client, VEHICLE, page_id, data, change=True)
        assert location.split("?")[0].endswith(f"{VEHICLE}/{following}"), (page_id, location)
    rows = client.get(f"{VEHICLE}/check-your-answers").summary_rows()
    assert "Were the keys taken?" not in rows and "Date of birth" not in rows
    payload = stored(app, send(client, VEHICLE))
    assert payload["category"] == "vehicle-abandoned" and payload["reporter"]["role"] == "witness"
    assert "occurred" not in payload and "keys" not in payload["summary"]
    assert contract_errors("Submission", payload) == []


def test_a_revealed_answer_under_an_unchosen_option_is_not_kept(app: Flask, client: PageClient) -> None:
    pages = [(page_id, {**data, "keeper_name": "Someone typed this"} if page_id == "keeper-insurance" else data) for page_id, data in vehicle_pages()]
    walk(client, VEHICLE, pages)
    payload = stored(app, send(client, VEHICLE))
    assert "keeper-insurance.keeper_name" not in {row["question_id"] for row in payload["answers"]}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_catalogue_lists_the_service_under_report(app: Flask, language: str) -> None:
    home = PageClient(app, language=language).get("/")
    link = home.soup.find("a", href=VEHICLE)
    assert link is not None
    title = "Report a stolen or an abandoned vehicle"
    assert " ".join(link.get_text().split()) == (TRANSLATIONS.gettext(title) if language == "cy" else title)


def test_the_start_page_is_honest_about_councils_and_gives_other_ways_to_report(client: PageClient) -> None:
    page = client.get(VEHICLE)
    assert page.h1 == "Report a stolen or an abandoned vehicle"
    assert "999" in page.text and "0800 555 111" in page.text and "18001 101" in page.text
    assert page.soup.find("a", href="https://www.gov.uk/report-abandoned-vehicle") is not None


# ---- Registration numbers and VINs ------------------------------------------------------------

@pytest.mark.parametrize(("typed", "printed"), [
    ("AB12 CDE", "AB12 CDE"),        # current, since 2001
    (" ab12cde ", "AB12 CDE"),
    ("ab 12 c d e", "AB12 CDE"),
    ("A123 BCD", "A123 BCD"),        # prefix
    ("a1bcd", "A1 BCD"),
    ("ABC 123D", "ABC 123D"),        # suffix
    ("abc1d", "ABC 1D"),
    ("ABC 1234", "ABC 1234"),        # dateless, and Northern Ireland
    ("A 1", "A 1"),
    ("1234 AB", "1234 AB"),          # dateless, numbers first
    ("1a", "1 A"),
])
def test_every_uk_registration_format_is_accepted_and_printed_as_on_the_plate(typed: str, printed: str) -> None:
    assert form_registration(typed) == printed
    assert schema_registration(typed) == printed


@pytest.mark.parametrize("typed", ["", "   ", "AB12CDEF", "AB-12-CDE", "12345", "ABCDE", "ABCD 123", "A12345", "AB123 CDE", "AB12 CD3", "ÅB12 CDE", "AB12 CDÉ", "１２３ AB"])
def test_anything_else_is_refused_by_the_form_and_the_schema(typed: str) -> None:
    assert form_registration(typed) is None
    assert schema_registration(typed) is None


# ---- Every rule, in English and Welsh ---------------------------------------------------------

DAY = {"last_seen_on-day": "20", "last_seen_on-month": "11", "last_seen_on-year": "2026"}
CASES: list[tuple[str, dict[str, Any], dict[str, Any], list[tuple[str, str, str | None]]]] = [
    ("happening-now", {}, {}, [("Select yes if the vehicle is being stolen right now or anyone is in immediate danger", "#happening_now", None)]),
    ("report-type", {}, {"report_type": "lost"}, [("Select what you want to report", "#report_type", None)]),
    ("abandoned-concern", {"report_type": "abandoned"}, {}, [("Select if the vehicle is causing a danger or an obstruction, or could be linked to a crime, or select no", "#abandoned_concerns", None)]),
    ("abandoned-concern", {"report_type": "abandoned"}, {"abandoned_concerns": ["danger", "none"]}, [("Select what is true about the vehicle, or select no, but not both", "#abandoned_concerns", None)]),
    ("vehicle-type", {}, {}, [("Select the type of vehicle", "#vehicle_type", None)]),
    ("vehicle-type", {}, {"vehicle_type": "other"}, [("Enter the type of vehicle", "#vehicle_type_other", None)]),
    ("vehicle-type", {}, {"vehicle_type": "other", "vehicle_type_other": "x" * 101}, [("Type of vehicle must be 100 characters or fewer", "#vehicle_type_other", None)]),
    ("registration", {}, {}, [("Select yes if you know the registration number", "#registration_known", None)]),
    ("registration", {}, {"registration_known": "yes"}, [("Enter the registration number", "#registration", None)]),
    ("registration", {}, {"registration_known": "yes", "registration": "AB12 CD3"}, [("Enter a registration number in the correct format, like AB12 CDE", "#registration", None)]),
    ("registration", {}, {"registration_known": "no"}, [("Tell us why you do not know the registration number", "#registration_unknown_reason", None)]),
    ("registration", {}, {"registration_known": "no", "registration_unknown_reason": "x" * 501}, [("Why you do not know it must be 500 characters or fewer", "#registration_unknown_reason", None)]),
    ("stolen-vehicle", {}, {}, [
        ("Enter the make of the vehicle", "#make", None), ("Enter the model of the vehicle", "#model", None), ("Enter the colour of the vehicle", "#colour", None),
    ]),
    ("stolen-vehicle", {}, {"make": "x" * 101, "model": "x" * 101, "colour": "x" * 101, "vin": "WF0AXXGCDA1A1234"}, [
        ("Make must be 100 characters or fewer", "#make", None), ("Model must be 100 characters or fewer", "#model", None),
        ("Colour must be 100 characters or fewer", "#colour", None), ("Vehicle identification number (VIN) must be 17 characters", "#vin", None),
    ]),
    ("stolen-vehicle", {}, {"make": "Ford", "model": "Focus", "colour": "Red", "vin": "WF0AXXGCDA1A1234O"}, [
        ("Vehicle identification number (VIN) must only include letters and numbers, and not the letters I, O or Q", "#vin", None),
    ]),
    ("abandoned-vehicle", {"report_type": "abandoned"}, {}, [("Enter the colour of the vehicle", "#colour", None)]),
    ("abandoned-vehicle", {"report_type": "abandoned"}, {"colour": "Red", "vin": "WF0AXXGCDA1A1234-"}, [
        ("Vehicle identification number (VIN) must only include letters and numbers, and not the letters I, O or Q", "#vin", None),
    ]),
    ("last-seen", {}, {}, [("Enter the date the vehicle was last seen", "#last_seen_on-day", None)]),
    ("last-seen", {}, {"last_seen_on-day": "20", "last_seen_on-month": "13", "last_seen_on-year": "2026"}, [("%(name)s must be a real date", "#last_seen_on-day", "The date it was last seen")]),
    ("last-seen", {}, {"last_seen_on-day": "20", "last_seen_on-month": "11", "last_seen_on-year": "2999"}, [("%(name)s must be today or in the past", "#last_seen_on-day", "The date it was last seen")]),
    ("last-seen", {}, {**DAY, "last_seen_time": "midnight"}, [("Enter a real time, like 14:30 or 09:05", "#last_seen_time", None)]),
    ("found-missing", {}, {}, [("Enter the date you found the vehicle was missing", "#found_missing_on-day", None)]),
    ("found-missing", {}, {"found_missing_on-day": "", "found_missing_on-month": "11", "found_missing_on-year": "2026"}, [("%(name)s must include a day", "#found_missing_on-day", "The date you found it was missing")]),
    ("found-missing", {}, {"found_missing_on-day": "19", "found_missing_on-month": "11", "found_missing_on-year": "2026"}, [
        ("The date you found it was missing must be the same as or after the date it was last seen", "#found_missing_on-day", None),
    ]),
    ("found-missing", {}, {"found_missing_on-day": "20", "found_missing_on-month": "11", "found_missing_on-year": "2026", "found_missing_time": "21:59"}, [
        ("The time you found it was missing must be after the time it was last seen", "#found_missing_time", None),
    ]),
    ("found-missing", {}, {"found_missing_on-day": "21", "found_missing_on-month": "11", "found_missing_on-year": "2026", "found_missing_time": "7:75"}, [
        ("Enter a real time, like 14:30 or 09:05", "#found_missing_time", None),
    ]),
    ("where-stolen", {}, {}, [("Enter a postcode or describe where the vehicle was taken from", "#postcode", None)]),
    ("where-stolen", {}, {"postcode": "B4 ZZZ"}, [("Enter a real postcode, like B4 6NQ", "#postcode", None)]),
    ("where-stolen", {}, {"location_description": "x" * 1001}, [("Description of the place must be 1,000 characters or fewer", "#location_description", None)]),
    ("keys", {}, {}, [("Select if the keys were taken", "#keys", None)]),
    ("keeper-insurance", {}, {}, [("Select yes if you are the registered keeper", "#registered_keeper", None), ("Select yes if the vehicle is insured", "#insured", None)]),
    ("keeper-insurance", {}, {"registered_keeper": "someone_else", "keeper_name": "x" * 201, "insured": "yes", "insurer": "x" * 201}, [
        ("Name of the registered keeper must be 200 characters or fewer", "#keeper_name", None),
        ("Name of the insurance company must be 200 characters or fewer", "#insurer", None),
    ]),
    ("tracker", {}, {}, [("Select yes if the vehicle has a tracking device", "#tracker", None)]),
    ("tracker", {}, {"tracker": "yes", "tracker_company": "x" * 201}, [("Name of the tracking company must be 200 characters or fewer", "#tracker_company", None)]),
    ("contents", {}, {}, [("Select yes if anything of value was inside the vehicle", "#valuables_inside", None)]),
    ("contents", {}, {"valuables_inside": "yes"}, [("Describe what was inside the vehicle", "#valuables_description", None)]),
    ("contents", {}, {"valuables_inside": "yes", "valuables_description": "x" * 2001}, [("What was inside must be 2,000 characters or fewer", "#valuables_description", None)]),
    ("abandoned-where", {"report_type": "abandoned"}, {}, [("Enter a postcode or describe where the vehicle is", "#postcode", None)]),
    ("how-long", {"report_type": "abandoned"}, {}, [("Select how long the vehicle has been there", "#time_there", None)]),
    ("taxed", {"report_type": "abandoned"}, {}, [("Select yes if the vehicle is taxed", "#taxed", None)]),
    ("condition", {"report_type": "abandoned"}, {}, [("Select what condition the vehicle is in, or select no", "#condition", None)]),
    ("condition", {"report_type": "abandoned"}, {"condition": ["burnt_out", "none"]}, [("Select what condition the vehicle is in, or select no, but not both", "#condition", None)]),
    ("description", {}, {"description": "x" * 20_001}, [("What you tell us must be 20,000 characters or fewer", "#description", None)]),
    ("your-details", {}, {"full_name": "Ann", "date_of_birth-day": "1", "date_of_birth-month": "1", "date_of_birth-year": "2999"}, [
        ("%(name)s must be today or in the past", "#date_of_birth-day", "Date of birth"),
    ]),
    ("your-name", {"report_type": "abandoned"}, {}, [("Enter your full name", "#full_name", None)]),
    ("contact", {}, {"email": "ann@", "phone": ""}, [("Enter an email address in the correct format, like name@example.com", "#email", None)]),
    ("contact-preference", {}, {}, [
        ("Select how you would prefer us to contact you", "#preferred_contact", None),
        ("Select yes if it is safe for us to contact you", "#safe_to_contact", None),
    ]),
]


def expected_message(message: str, name: str | None, language: str) -> str:
    if language == "cy":
        welsh = TRANSLATIONS.gettext(message)
        assert welsh != message, f"no Welsh for {message!r}"
        message = welsh
    if name is not None:
        message = message % {"name": TRANSLATIONS.gettext(name) if language == "cy" else name}
    return message


def reach(client: PageClient, page_id: str, settings: dict[str, Any]) -> None:
    client.get(VEHICLE)
    for current, data in vehicle_pages(**settings):
        if current == page_id:
            return
        answer(client, VEHICLE, current, data)
    raise AssertionError(f"{page_id} is not on the journey for {settings}")


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(("page_id", "settings", "data", "errors"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_rule_gives_its_message(app: Flask, language: str, page_id: str, settings: dict[str, Any], data: dict[str, Any], errors: list[tuple[str, str, str | None]]) -> None:
    client = PageClient(app, language=language)
    reach(client, page_id, settings)
    page = client.post(f"{VEHICLE}/{page_id}", data, expected=400)
    expected = [(expected_message(message, name, language), link) for message, link, name in errors]
    assert page.error_summary() == expected
    for _message, link in expected:
        assert page.soup.find(id=link[1:]) is not None, f"error link {link} goes nowhere"


# ---- The schema every channel is validated with ---------------------------------------------------

TODAY = date(2026, 11, 25)
STOLEN: dict[str, Any] = {
    "happening_now": "no", "report_type": "stolen", "vehicle_type": "car", "registration_known": "yes", "registration": "ab12cde",
    "make": "Ford", "model": "Focus", "colour": "Silver", "vin": "wf0axxgcda1a12345",
    "last_seen_on": "2026-11-20", "last_seen_time": "22:00", "found_missing_on": "2026-11-21", "found_missing_time": "07:15",
    "postcode": "B4 6NQ", "keys": "kept", "registered_keeper": "you", "insured": "yes", "tracker": "no", "valuables_inside": "no",
    "full_name": "Ann Example", "phone": "07700 900982",
}
ABANDONED: dict[str, Any] = {
    "happening_now": "no", "report_type": "abandoned", "abandoned_concerns": ["danger"], "vehicle_type": "van",
    "registration_known": "no", "registration_unknown_reason": "No plates", "colour": "White",
    "location_description": "Elm Road", "time_there": "unknown", "condition": [], "full_name": "Wil Witness", "email": "wil@example.com",
}


def schema_errors(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data = {key: value for key, value in {**base, **changes}.items() if value is not None}
    try:
        VehicleReportSchema(today=TODAY).load(data)
    except ValidationError as error:
        return error.normalized_messages()  # type: ignore[return-value]
    return {}


def test_the_schema_accepts_whole_reports_and_prints_the_registration_as_on_the_plate() -> None:
    assert schema_errors(STOLEN) == {} and schema_errors(ABANDONED) == {}
    loaded = VehicleReportSchema(today=TODAY).load(STOLEN)
    assert loaded["registration"] == "AB12 CDE" and loaded["vin"] == "WF0AXXGCDA1A12345"


@pytest.mark.parametrize(("base", "changes", "field"), [
    (STOLEN, {"happening_now": "yes"}, "happening_now"),
    (STOLEN, {"report_type": "lost"}, "report_type"),
    (STOLEN, {"vehicle_type": None}, "vehicle_type"),
    (STOLEN, {"vehicle_type": "other"}, "vehicle_type_other"),
    (STOLEN, {"registration_known": None}, "registration_known"),
    (STOLEN, {"registration": None}, "registration"),
    (STOLEN, {"registration": "AB12 CD3"}, "registration"),
    (STOLEN, {"registration": "x" * 21}, "registration"),
    (STOLEN, {"registration_known": "no", "registration": None}, "registration_unknown_reason"),
    (STOLEN, {"vin": "WF0AXXGCDA1A1234"}, "vin"),
    (STOLEN, {"vin": "WF0AXXGCDA1A1234I"}, "vin"),
    (STOLEN, {"make": None}, "make"),
    (STOLEN, {"model": None}, "model"),
    (STOLEN, {"colour": None}, "colour"),
    (STOLEN, {"colour": "x" * 101}, "colour"),
    (STOLEN, {"last_seen_on": None}, "last_seen_on"),
    (STOLEN, {"last_seen_on": "2027-01-01", "found_missing_on": "2027-01-02"}, "last_seen_on"),
    (STOLEN, {"found_missing_on": None}, "found_missing_on"),
    (STOLEN, {"found_missing_on": "2026-11-19"}, "found_missing_on"),
    (STOLEN, {"found_missing_on": "2026-11-20", "found_missing_time": "21:00"}, "found_missing_time"),
    (STOLEN, {"last_seen_time": "24:00"}, "last_seen_time"),
    (STOLEN, {"postcode": None}, "postcode"),
    (STOLEN, {"postcode": "B4"}, "postcode"),
    (STOLEN, {"keys": None}, "keys"),
    (STOLEN, {"keys": "lost"}, "keys"),
    (STOLEN, {"registered_keeper": None}, "registered_keeper"),
    (STOLEN, {"insured": None}, "insured"),
    (STOLEN, {"tracker": None}, "tracker"),
    (STOLEN, {"valuables_inside": None}, "valuables_inside"),
    (STOLEN, {"valuables_inside": "yes"}, "valuables_description"),
    (STOLEN, {"description": "x" * 20_001}, "description"),
    (STOLEN, {"full_name": None}, "full_name"),
    (STOLEN, {"phone": None}, "email"),
    (ABANDONED, {"abandoned_concerns": []}, "abandoned_concerns"),
    (ABANDONED, {"abandoned_concerns": ["ugly"]}, "abandoned_concerns"),
    (ABANDONED, {"time_there": None}, "time_there"),
    (ABANDONED, {"registration_known": "yes", "registration": "AB12CDE"}, "taxed"),
    (ABANDONED, {"condition": ["rusty"]}, "condition"),
    (ABANDONED, {"location_description": None}, "postcode"),
    (ABANDONED, {"email": "not an email"}, "email"),
])
def test_the_schema_refuses_what_the_pages_refuse(base: dict[str, Any], changes: dict[str, Any], field: str) -> None:
    assert field in schema_errors(base, **changes)
