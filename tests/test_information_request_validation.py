"""Every validation rule of the three information-request services, with its GOV.UK-style
message and error link, in English and in Welsh."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from tests.journeys import answer
from tests.pages import PageClient
from tests.request_journeys import COLLISION, FOI, SAR, Pages, collision_pages, foi_pages, sar_pages
from tests.test_validation import TRANSLATIONS

BUILDERS: dict[str, Callable[..., Pages]] = {FOI: foi_pages, SAR: sar_pages, COLLISION: collision_pages}
LONG_201 = "x" * 201


def date(name: str, day: str, month: str, year: str) -> dict[str, str]:
    return {f"{name}-day": day, f"{name}-month": month, f"{name}-year": year}


# (service, journey options, page, posted data, expected [(message, %(name)s value or None, link)])
Case = tuple[str, dict[str, Any], str, dict[str, Any], list[tuple[str, str | None, str]]]
FOI_CASES: list[Case] = [
    (FOI, {}, "information", {}, [("Enter the information you want", None, "#information_wanted")]),
    (FOI, {}, "information", {"information_wanted": "x" * 20_001}, [("The information you want must be 20,000 characters or fewer", None, "#information_wanted")]),
    (FOI, {}, "period", {}, [("Select yes if your request is about a particular period", None, "#period_known")]),
    (FOI, {}, "period", {"period_known": "maybe"}, [("Select yes if your request is about a particular period", None, "#period_known")]),
    (FOI, {}, "period-dates", {**date("period_from", "", "", ""), **date("period_to", "", "", "")}, [
        ("Enter the start date", None, "#period_from-day"), ("Enter the end date", None, "#period_to-day"),
    ]),
    (FOI, {}, "period-dates", {**date("period_from", "1", "", "2025"), **date("period_to", "1", "2", "2025")}, [
        ("%(name)s must include a month", "The start date", "#period_from-month"),
    ]),
    (FOI, {}, "period-dates", {**date("period_from", "1", "1", "2025"), **date("period_to", "30", "2", "2025")}, [
        ("%(name)s must be a real date", "The end date", "#period_to-day"),
    ]),
    (FOI, {}, "period-dates", {**date("period_from", "1", "1", "25"), **date("period_to", "1", "2", "2025")}, [
        ("%(name)s must be a real date", "The start date", "#period_from-day"),
    ]),
    (FOI, {}, "period-dates", {**date("period_from", "1", "1", "2025"), **date("period_to", "1", "1", "2999")}, [
        ("%(name)s must be today or in the past", "The end date", "#period_to-day"),
    ]),
    (FOI, {}, "period-dates", {**date("period_from", "1", "1", "2999"), **date("period_to", "", "1", "2025")}, [
        ("%(name)s must be today or in the past", "The start date", "#period_from-day"),
        ("%(name)s must include a day", "The end date", "#period_to-day"),
    ]),
    (FOI, {}, "period-dates", {**date("period_from", "1", "6", "2025"), **date("period_to", "31", "5", "2025")}, [
        ("The end date must be the same as or after the start date", None, "#period_to-day"),
    ]),
    (FOI, {}, "format", {}, [("Select how you would like to receive the information", None, "#preferred_format")]),
    (FOI, {}, "your-name", {}, [("Enter your full name", None, "#full_name")]),
    (FOI, {}, "your-name", {"full_name": LONG_201, "organisation_name": LONG_201}, [
        ("Full name must be 200 characters or fewer", None, "#full_name"),
        ("Organisation must be 200 characters or fewer", None, "#organisation_name"),
    ]),
    (FOI, {}, "email", {}, [("Enter your email address", None, "#email")]),
    (FOI, {}, "email", {"email": "fran@example"}, [("Enter an email address in the correct format, like name@example.com", None, "#email")]),
    (FOI, {"preferred_format": "printed"}, "address", {"address_postcode": "B4"}, [
        ("Enter address line 1, typically the building and street", None, "#address_line_1"),
        ("Enter town or city", None, "#address_town"),
        ("Enter a real postcode, like B4 6NQ", None, "#address_postcode"),
    ]),
]
SAR_CASES: list[Case] = [
    (SAR, {}, "who-for", {}, [("Select whose information you are asking for", None, "#requesting_for")]),
    (SAR, {"requesting_for": "someone_else"}, "authority", {}, [("Select what gives you the right to ask for their information", None, "#authority")]),
    (SAR, {}, "your-details", {}, [("Enter your full name", None, "#full_name"), ("Enter your date of birth", None, "#date_of_birth-day")]),
    (SAR, {}, "your-details", {"full_name": "Pat", "previous_names": "x" * 501, **date("date_of_birth", "1", "1", "2999")}, [
        ("Previous names must be 500 characters or fewer", None, "#previous_names"),
        ("%(name)s must be today or in the past", "Date of birth", "#date_of_birth-day"),
    ]),
    (SAR, {"requesting_for": "someone_else"}, "their-details", {}, [
        ("Enter their full name", None, "#subject_full_name"), ("Enter their date of birth", None, "#subject_date_of_birth-day"),
    ]),
    (SAR, {"requesting_for": "someone_else"}, "their-details", {"subject_full_name": LONG_201, **date("subject_date_of_birth", "1", "1", "")}, [
        ("Their full name must be 200 characters or fewer", None, "#subject_full_name"),
        ("%(name)s must include a year", "Their date of birth", "#subject_date_of_birth-year"),
    ]),
    (SAR, {"requesting_for": "someone_else", "authority": "parent"}, "their-details", {"subject_full_name": "Sam", **date("subject_date_of_birth", "1", "1", "2000")}, [
        ("Their date of birth must be less than 18 years ago if you are asking as their parent or guardian", None, "#subject_date_of_birth-day"),
    ]),
    (SAR, {}, "information-types", {}, [("Select the information you want", None, "#information_types")]),
    (SAR, {}, "information-types", {"information_types": ["everything"]}, [("Select the information you want", None, "#information_types")]),
    (SAR, {}, "information-details", {"information_details": " "}, [("Enter details of the information you want", None, "#information_details")]),
    (SAR, {}, "information-details", {"information_details": "x" * 5001}, [
        ("Details of the information you want must be 5,000 characters or fewer", None, "#information_details"),
    ]),
    (SAR, {"period_known": "no"}, "address", {"address_line_1": LONG_201, "address_town": "x" * 101, "address_postcode": "B4 6NQ", "previous_addresses": "x" * 2001}, [
        ("Address line 1 must be 200 characters or fewer", None, "#address_line_1"),
        ("Town or city must be 100 characters or fewer", None, "#address_town"),
        ("Previous addresses must be 2,000 characters or fewer", None, "#previous_addresses"),
    ]),
    (SAR, {"requesting_for": "someone_else"}, "their-address", {}, [
        ("Enter address line 1, typically the building and street", None, "#subject_address_line_1"),
        ("Enter town or city", None, "#subject_address_town"),
        ("Enter postcode", None, "#subject_address_postcode"),
    ]),
    (SAR, {"requesting_for": "someone_else"}, "their-address", {
        "subject_address_line_1": "2 Low Road", "subject_address_line_2": LONG_201, "subject_address_town": "Walsall",
        "subject_address_postcode": "WALSALL", "subject_previous_addresses": "x" * 2001,
    }, [
        ("Address line 2 must be 200 characters or fewer", None, "#subject_address_line_2"),
        ("Enter a real postcode, like B4 6NQ", None, "#subject_address_postcode"),
        ("Previous addresses must be 2,000 characters or fewer", None, "#subject_previous_addresses"),
    ]),
    (SAR, {}, "identity", {}, [
        ("Select which photo ID you will send", None, "#photo_id"), ("Select which proof of address you will send", None, "#address_proof"),
    ]),
    (SAR, {}, "identity", {"photo_id": "other", "address_proof": "other"}, [
        ("Enter which photo ID you will send", None, "#photo_id_other"),
        ("Enter what you will send as proof of address", None, "#address_proof_other"),
    ]),
    (SAR, {}, "identity", {"photo_id": "none", "address_proof": "council_tax"}, [
        ("Enter what you can send instead of photo ID", None, "#photo_id_instead"),
    ]),
    (SAR, {}, "identity", {"photo_id": "other", "photo_id_other": LONG_201, "address_proof": "other", "address_proof_other": LONG_201}, [
        ("The name of the photo ID must be 200 characters or fewer", None, "#photo_id_other"),
        ("Proof of address must be 200 characters or fewer", None, "#address_proof_other"),
    ]),
    (SAR, {}, "identity", {"photo_id": "none", "photo_id_instead": LONG_201, "address_proof": "bank_statement"}, [
        ("What you can send instead must be 200 characters or fewer", None, "#photo_id_instead"),
    ]),
    (SAR, {"requesting_for": "someone_else"}, "about-you", {"organisation_name": LONG_201}, [
        ("Enter your full name", None, "#full_name"),
        ("Organisation or firm must be 200 characters or fewer", None, "#organisation_name"),
    ]),
    (SAR, {"requesting_for": "someone_else"}, "your-address", {}, [
        ("Enter address line 1, typically the building and street", None, "#address_line_1"),
        ("Enter town or city", None, "#address_town"),
        ("Enter postcode", None, "#address_postcode"),
    ]),
    (SAR, {}, "contact", {}, [("Enter an email address or a phone number", None, "#email")]),
    (SAR, {}, "contact", {"email": "pat", "phone": "phone me"}, [
        ("Enter an email address in the correct format, like name@example.com", None, "#email"),
        ("Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192", None, "#phone"),
    ]),
    (SAR, {}, "contact-preference", {}, [
        ("Select how you would prefer us to contact you", None, "#preferred_contact"),
        ("Select yes if it is safe for us to contact you", None, "#safe_to_contact"),
    ]),
]
COLLISION_CASES: list[Case] = [
    (COLLISION, {}, "connection", {}, [("Select your connection to the collision", None, "#requester_type")]),
    (COLLISION, {}, "connection", {"requester_type": "other"}, [
        ("Enter your connection to the collision and why you need the report", None, "#requester_reason"),
    ]),
    (COLLISION, {}, "connection", {"requester_type": "other", "requester_reason": "x" * 1001}, [
        ("Your connection and reason must be 1,000 characters or fewer", None, "#requester_reason"),
    ]),
    (COLLISION, {"requester_type": "insurer"}, "organisation", {}, [
        ("Enter your full name", None, "#full_name"),
        ("Enter the name of the organisation", None, "#organisation_name"),
        ("Enter your reference", None, "#organisation_reference"),
        ("Enter who you act for", None, "#acting_for"),
    ]),
    (COLLISION, {"requester_type": "solicitor"}, "organisation", {
        "full_name": "Sol", "organisation_name": LONG_201, "organisation_reference": "x" * 51, "acting_for": LONG_201,
    }, [
        ("Name of the organisation must be 200 characters or fewer", None, "#organisation_name"),
        ("Your reference must be 50 characters or fewer", None, "#organisation_reference"),
        ("Who you act for must be 200 characters or fewer", None, "#acting_for"),
    ]),
    (COLLISION, {"requester_type": "pedestrian"}, "your-name", {}, [("Enter your full name", None, "#full_name")]),
    (COLLISION, {}, "collision-date", {}, [("Enter the date of the collision", None, "#collision_date-day")]),
    (COLLISION, {}, "collision-date", date("collision_date", "", "11", "2026"), [("%(name)s must include a day", "The date of the collision", "#collision_date-day")]),
    (COLLISION, {}, "collision-date", date("collision_date", "31", "4", "2026"), [("%(name)s must be a real date", "The date of the collision", "#collision_date-day")]),
    (COLLISION, {}, "collision-date", date("collision_date", "1", "1", "2999"), [
        ("%(name)s must be today or in the past", "The date of the collision", "#collision_date-day"),
    ]),
    (COLLISION, {}, "collision-location", {}, [("Describe where the collision happened", None, "#collision_location")]),
    (COLLISION, {}, "collision-location", {"collision_location": "x" * 1001, "collision_postcode": "B5"}, [
        ("Where the collision happened must be 1,000 characters or fewer", None, "#collision_location"),
        ("Enter a real postcode, like B4 6NQ", None, "#collision_postcode"),
    ]),
    (COLLISION, {}, "find-report", {"police_reference": "not known"}, [
        ("Police reference number must include a number. Leave it blank if you do not know it", None, "#police_reference"),
    ]),
    (COLLISION, {}, "find-report", {"police_reference": "1234#56", "vehicle_registrations": "AB12 CDE, (none)"}, [
        ("Police reference number must only include letters, numbers, spaces, hyphens and slashes", None, "#police_reference"),
        ("Enter registration numbers using letters and numbers only, separated by commas, like AB12 CDE, XY65 ZZZ", None, "#vehicle_registrations"),
    ]),
    (COLLISION, {}, "find-report", {"police_reference": "1" * 31, "vehicle_registrations": "AB12 CDE, " * 20 + "X1"}, [
        ("Police reference number must be 30 characters or fewer", None, "#police_reference"),
        ("Registration numbers must be 200 characters or fewer", None, "#vehicle_registrations"),
    ]),
    (COLLISION, {}, "find-report", {"vehicle_registrations": " , ;"}, [
        ("Enter registration numbers using letters and numbers only, separated by commas, like AB12 CDE, XY65 ZZZ", None, "#vehicle_registrations"),
    ]),
    (COLLISION, {}, "documents", {}, [("Select what you need", None, "#documents_wanted")]),
    (COLLISION, {}, "documents", {"documents_wanted": ["full_report", "abstract", "photographs"]}, [
        ("Select the full report or an abstract, not both", None, "#documents_wanted"),
    ]),
    (COLLISION, {}, "address", {"address_line_1": "1 High St", "address_town": "Birmingham"}, [("Enter postcode", None, "#address_postcode")]),
    (COLLISION, {}, "contact", {"email": "", "phone": ""}, [("Enter an email address or a phone number", None, "#email")]),
]
CASES = FOI_CASES + SAR_CASES + COLLISION_CASES


def expected_message(message: str, name: str | None, language: str) -> str:
    if language == "cy":
        welsh = TRANSLATIONS.gettext(message)
        assert welsh != message, f"no Welsh for {message!r}"
        message = welsh
    if name is not None:
        message = message % {"name": TRANSLATIONS.gettext(name) if language == "cy" else name}
    return message


def reach(client: PageClient, slug: str, options: dict[str, Any], page_id: str) -> None:
    """Answer every page before `page_id` the way a person with these answers would come."""
    client.get(slug)
    for current, data in BUILDERS[slug](**options):
        if current == page_id:
            return
        if current == "contact" and page_id == "contact-preference":
            data = {"email": "pat@example.com"}  # no phone, so choosing phone must be refused
        answer(client, slug, current, data)
    raise AssertionError(f"{page_id} is not on the {slug} journey for {options}")


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(("slug", "options", "page_id", "data", "errors"), CASES, ids=[f"{c[0][1:]}-{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_each_rule_gives_its_message(
    app: Flask, language: str, slug: str, options: dict[str, Any], page_id: str, data: dict[str, Any], errors: list[tuple[str, str | None, str]]
) -> None:
    client = PageClient(app, language=language)
    reach(client, slug, options, page_id)
    page = client.post(f"{slug}/{page_id}", data, expected=400)
    expected = [(expected_message(message, name, language), link) for message, name, link in errors]
    assert page.error_summary() == expected
    assert page.error_messages()[: len(expected)] == [message for message, _link in expected]
    for _message, link in expected:
        assert page.soup.find(id=link[1:]) is not None, f"error link {link} goes nowhere"


@pytest.mark.parametrize("language", ["en", "cy"])
def test_choosing_phone_without_a_number_is_refused(app: Flask, language: str) -> None:
    client = PageClient(app, language=language)
    reach(client, SAR, {}, "contact-preference")
    page = client.post(f"{SAR}/contact-preference", {"preferred_contact": "phone", "safe_to_contact": "yes"}, expected=400)
    message = "You have not given a phone number. Choose another way, or go back and add one"
    assert page.error_summary() == [(expected_message(message, None, language), "#preferred_contact")]
