"""Every question page's validation rules, with GOV.UK-style messages in English and in Welsh."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from babel.support import Translations

from tests.journeys import CRIME, answer, crime_pages
from tests.pages import PageClient

TRANSLATIONS = Translations.load(str(Path(__file__).resolve().parent.parent / "translations"), ["cy"])

# (page, role, category, posted data, expected [(message, link)]); messages are the English
# msgids; the Welsh run expects their Welsh translation.
CASES: list[tuple[str, str, str, dict[str, Any], list[tuple[str, str]]]] = [
    ("happening-now", "victim", "theft", {}, [("Select yes if it is happening now or anyone is in immediate danger", "#happening_now")]),
    ("happening-now", "victim", "theft", {"happening_now": "maybe"}, [("Select yes if it is happening now or anyone is in immediate danger", "#happening_now")]),
    ("reporter-role", "victim", "theft", {}, [("Select who you are reporting as", "#reporter_role")]),
    ("category", "victim", "theft", {"category": "arson-ish"}, [("Select what happened", "#category")]),
    ("hostility", "victim", "theft", {}, [("Select what you think the hostility was towards, or select no", "#hostility")]),
    ("hostility", "victim", "theft", {"hostility": ["race", "none"]}, [("Select what the hostility was towards, or select no, but not both", "#hostility")]),
    ("when", "victim", "theft", {}, [("Select yes if you know the date it happened", "#date_known")]),
    ("when-date", "victim", "theft", {"occurred_on-day": "", "occurred_on-month": "", "occurred_on-year": ""}, [("Enter the date it happened", "#occurred_on-day")]),
    ("when-date", "victim", "theft", {"occurred_on-day": "3", "occurred_on-month": "", "occurred_on-year": "2026"}, [("%(name)s must include a month", "#occurred_on-month")]),
    ("when-date", "victim", "theft", {"occurred_on-day": "30", "occurred_on-month": "2", "occurred_on-year": "2026"}, [("%(name)s must be a real date", "#occurred_on-day")]),
    ("when-date", "victim", "theft", {"occurred_on-day": "1", "occurred_on-month": "1", "occurred_on-year": "2999"}, [("%(name)s must be today or in the past", "#occurred_on-day")]),
    ("when-date", "victim", "theft", {"occurred_on-day": "1", "occurred_on-month": "1", "occurred_on-year": "1066"}, [("%(name)s must be a real date", "#occurred_on-day")]),
    ("when-date", "victim", "theft", {"occurred_on-day": "1", "occurred_on-month": "1", "occurred_on-year": "2026", "occurred_time": "noon"}, [("Enter a real time, like 14:30 or 09:05", "#occurred_time")]),
    ("where", "victim", "theft", {}, [("Enter a postcode or describe where it happened", "#postcode")]),
    ("where", "victim", "theft", {"postcode": "NOT A CODE"}, [("Enter a real postcode, like B4 6NQ", "#postcode")]),
    ("description", "victim", "theft", {"description": "   "}, [("Enter what happened", "#description")]),
    ("description", "victim", "theft", {"description": "x" * 20_001}, [("What happened must be 20,000 characters or fewer", "#description")]),
    ("suspect", "victim", "theft", {}, [("Select yes if you know who did it or can describe them", "#suspect_known")]),
    ("property", "victim", "theft", {}, [("Select yes if anything was stolen or damaged", "#property_involved")]),
    ("injuries", "victim", "theft", {"anyone_hurt": "yes"}, [("Describe the injuries", "#injury_details")]),
    ("risk", "victim", "theft", {}, [("Select anything that makes them more at risk, or select no", "#risk_factors")]),
    ("risk", "third_party", "theft", {"risk_factors": ["under_18", "none"]}, [("Select what makes them more at risk, or select no, but not both", "#risk_factors")]),
    ("your-details", "victim", "theft", {}, [("Enter your full name", "#full_name"), ("Enter your date of birth", "#date_of_birth-day")]),
    ("your-details", "victim", "theft", {"full_name": "A", "date_of_birth-day": "1", "date_of_birth-month": "1", "date_of_birth-year": "2999"}, [("%(name)s must be today or in the past", "#date_of_birth-day")]),
    ("your-name", "witness", "theft", {"full_name": "x" * 201}, [("Full name must be 200 characters or fewer", "#full_name")]),
    ("organisation-details", "organisation", "theft", {"full_name": "Olu"}, [("Enter the name of the organisation", "#organisation_name")]),
    ("address", "victim", "theft", {"address_postcode": "B4"}, [
        ("Enter address line 1, typically the building and street", "#address_line_1"),
        ("Enter town or city", "#address_town"),
        ("Enter a real postcode, like B4 6NQ", "#address_postcode"),
    ]),
    ("contact", "victim", "theft", {}, [("Enter an email address or a phone number", "#email")]),
    ("contact", "victim", "theft", {"email": "not-an-email", "phone": "call me"}, [
        ("Enter an email address in the correct format, like name@example.com", "#email"),
        ("Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192", "#phone"),
    ]),
    ("contact-preference", "victim", "theft", {}, [
        ("Select how you would prefer us to contact you", "#preferred_contact"),
        ("Select yes if it is safe for us to contact you", "#safe_to_contact"),
    ]),
    ("contact-preference", "victim", "theft", {"preferred_contact": "phone", "safe_to_contact": "yes"}, [
        ("You have not given a phone number. Choose another way, or go back and add one", "#preferred_contact"),
    ]),
    ("support-needs", "victim", "theft", {"interpreter_needed": "yes"}, [("Enter the language you need an interpreter for", "#interpreter_language")]),
]

DATE_NAMES = {
    "when-date": "The date it happened",
    "your-details": "Date of birth",
}


def expected_message(message: str, page_id: str, language: str) -> str:
    if language == "cy":
        welsh = TRANSLATIONS.gettext(message)
        assert welsh != message, f"no Welsh for {message!r}"
        message = welsh
    if "%(name)s" in message:
        name = DATE_NAMES[page_id]
        message = message % {"name": TRANSLATIONS.gettext(name) if language == "cy" else name}
    return message


def reach(client: PageClient, role: str, category: str, page_id: str) -> None:
    """Answer every page before `page_id` on the way a person in `role` would come."""
    pages = crime_pages(role=role, category=category, property_involved="yes", suspect_known="no")
    pages = [(p, d) for p, d in pages if p != "when-range"]
    client.get(CRIME)
    for current, data in pages:
        if current == page_id:
            return
        if current == "contact" and page_id == "contact-preference":
            data = {"email": "ann@example.com"}  # no phone, so choosing phone must be refused
        answer(client, CRIME, current, data)
    raise AssertionError(f"{page_id} is not on the journey for {role}")


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(("page_id", "role", "category", "data", "errors"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_rule_gives_its_message(app: Any, language: str, page_id: str, role: str, category: str, data: dict[str, Any], errors: list[tuple[str, str]]) -> None:
    client = PageClient(app, language=language)
    reach(client, role, category, page_id)
    page = client.post(f"{CRIME}/{page_id}", data, expected=400)
    expected = [(expected_message(message, page_id, language), link) for message, link in errors]
    assert page.error_summary() == expected
    assert page.error_messages()[: len(expected)] == [message for message, _link in expected]
    for _message, link in expected:
        assert page.soup.find(id=link[1:]) is not None, f"error link {link} goes nowhere"
