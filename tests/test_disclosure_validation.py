"""Every question page's validation rules in Clare's Law, Sarah's Law and the solicitor's
request for documents, with GOV.UK-style messages in English and in Welsh."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from babel.support import Translations

from tests.disclosure_answers import (
    CLARES,
    SARAHS,
    SOLICITOR,
    Pages,
    clares_pages,
    date_parts,
    sarahs_pages,
    solicitor_pages,
)
from tests.journeys import answer
from tests.pages import PageClient

TRANSLATIONS = Translations.load(str(Path(__file__).resolve().parent.parent / "translations"), ["cy"])
TODAY = date.today()

# The ways through each service that between them reach every page.
ROUTES: dict[str, tuple[str, Pages]] = {
    "clares-self": (CLARES, clares_pages(methods=("phone_call", "email", "letter"))),
    "clares-call-email": (CLARES, clares_pages(methods=("phone_call", "email"))),
    "clares-other": (CLARES, clares_pages("someone_else")),
    "sarahs": (SARAHS, sarahs_pages(methods=("text_message",))),
    "solicitor": (SOLICITOR, solicitor_pages()),
}

PARTNER = {"subject_name": "Pat Partner"}
PERSON = {"subject_name": "Sam", "subject_contact": "Neighbour"}
FIRM = {"full_name": "Sol Icitor", "organisation_name": "Icitor LLP"}
ADDRESS_ERRORS = [
    ("Enter address line 1, typically the building and street", "#address_line_1"),
    ("Enter town or city", "#address_town"),
    ("Enter a real postcode, like B4 6NQ", "#address_postcode"),
]
NO_DANGER = "Select yes if anyone is in immediate danger right now"
EMAIL = "Enter an email address in the correct format, like name@example.com"
PHONE = "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"

# (route, page, posted data, expected [(English message, link)])
CASES: list[tuple[str, str, dict[str, Any], list[tuple[str, str]]]] = [
    # Clare's Law
    ("clares-self", "immediate-danger", {}, [(NO_DANGER, "#immediate_danger")]),
    ("clares-self", "immediate-danger", {"immediate_danger": "maybe"}, [(NO_DANGER, "#immediate_danger")]),
    ("clares-self", "asking-for", {}, [("Select who you are asking for", "#asking_for")]),
    ("clares-other", "person-at-risk", {}, [
        ("Enter the full name of the person you are worried about", "#at_risk_name"),
        ("Enter how you know them", "#at_risk_relationship"),
        ("Select yes if they know you are asking about their partner", "#at_risk_aware"),
    ]),
    ("clares-other", "person-at-risk", {"at_risk_name": "x" * 201, "at_risk_relationship": "y" * 201, "at_risk_aware": "yes"}, [
        ("Their name must be 200 characters or fewer", "#at_risk_name"),
        ("How you know them must be 200 characters or fewer", "#at_risk_relationship"),
    ]),
    ("clares-self", "partner-details", {}, [
        ("Enter the partner's full name", "#subject_name"),
        ("Enter the partner's date of birth, approximate age, address or what they look like", "#subject_date_of_birth-day"),
    ]),
    ("clares-self", "partner-details", {**PARTNER, "subject_other_names": "Paddy"}, [
        ("Enter the partner's date of birth, approximate age, address or what they look like", "#subject_date_of_birth-day"),
    ]),
    ("clares-self", "partner-details", {**PARTNER, "subject_age": "about 40"}, [
        ("Their approximate age must be a number, like 35", "#subject_age"),
    ]),
    ("clares-self", "partner-details", {**PARTNER, "subject_age": "15"}, [
        ("Partner's approximate age must be between 16 and 120", "#subject_age"),
    ]),
    ("clares-self", "partner-details", {**PARTNER, "subject_age": "121"}, [
        ("Partner's approximate age must be between 16 and 120", "#subject_age"),
    ]),
    ("clares-self", "partner-details", {**PARTNER, "subject_date_of_birth-day": "3", "subject_date_of_birth-year": "1988"}, [
        ("%(name)s must include a month", "#subject_date_of_birth-month"),
    ]),
    ("clares-self", "partner-details", {**PARTNER, **date_parts("subject_date_of_birth", TODAY + timedelta(days=1))}, [
        ("%(name)s must be today or in the past", "#subject_date_of_birth-day"),
    ]),
    ("clares-self", "partner-details", {**PARTNER, "subject_date_of_birth-day": "31", "subject_date_of_birth-month": "2",
                                        "subject_date_of_birth-year": "1988"}, [
        ("%(name)s must be a real date", "#subject_date_of_birth-day"),
    ]),
    ("clares-self", "partner-details", {
        "subject_name": "x" * 201, "subject_other_names": "x" * 501, "subject_address": "x" * 501, "subject_description": "x" * 1001,
    }, [
        ("Partner's full name must be 200 characters or fewer", "#subject_name"),
        ("Other names must be 500 characters or fewer", "#subject_other_names"),
        ("Partner's address must be 500 characters or fewer", "#subject_address"),
        ("What the partner looks like must be 1,000 characters or fewer", "#subject_description"),
    ]),
    ("clares-self", "relationship", {}, [
        ("Select yes if you are still together", "#relationship_status"),
        ("Select how long you have been together", "#relationship_length"),
        ("Select yes if you live together", "#living_together"),
        ("Select yes if you have any children together", "#children_together"),
    ]),
    ("clares-self", "relationship", {"relationship_status": "ended", "relationship_length": "unknown",
                                     "living_together": "unknown", "children_together": "no"}, [
        ("Select how long you have been together", "#relationship_length"),
        ("Select yes if you live together", "#living_together"),
    ]),
    ("clares-other", "their-relationship", {}, [
        ("Select yes if they are still together", "#relationship_status"),
        ("Select how long they have been together", "#relationship_length"),
        ("Select yes if they live together", "#living_together"),
        ("Select yes if they have any children together", "#children_together"),
    ]),
    ("clares-self", "reason", {"reason": "   "}, [("Enter why you are asking", "#reason")]),
    ("clares-self", "reason", {"reason": "x" * 5001}, [("Why you are asking must be 5,000 characters or fewer", "#reason")]),
    ("clares-self", "your-details", {}, [("Enter your full name", "#full_name"), ("Enter your date of birth", "#date_of_birth-day")]),
    ("clares-self", "safe-contact", {}, [
        ("Select how we can contact you safely, or select that you will contact us", "#safe_contact_methods"),
    ]),
    ("clares-self", "safe-contact", {"safe_contact_methods": ["email", "none"]}, [
        ("Select how we can contact you safely, or select that you will contact us, but not both", "#safe_contact_methods"),
    ]),
    ("clares-self", "safe-phone", {}, [("Enter a phone number that is safe for us to use", "#phone")]),
    ("clares-self", "safe-phone", {"phone": "call me"}, [(PHONE, "#phone")]),
    ("clares-self", "safe-calls", {}, [("Select yes if it is safe for us to leave a voicemail", "#voicemail_safe")]),
    ("clares-self", "safe-calls", {"safe_call_times": "x" * 201, "voicemail_safe": "yes"}, [
        ("When it is safe to call you must be 200 characters or fewer", "#safe_call_times"),
    ]),
    ("clares-self", "safe-email", {}, [("Enter an email address that is safe for us to use", "#email")]),
    ("clares-self", "safe-email", {"email": "not-an-email"}, [(EMAIL, "#email")]),
    ("clares-self", "safe-address", {"address_postcode": "B4"}, ADDRESS_ERRORS),
    ("clares-self", "best-contact", {}, [("Select the best way to contact you", "#best_contact_method")]),
    # Letter was not chosen as safe on this route, so it cannot be the best way.
    ("clares-call-email", "best-contact", {"best_contact_method": "letter"}, [("Select the best way to contact you", "#best_contact_method")]),
    ("clares-self", "support-needs", {"interpreter_needed": "yes"}, [("Enter the language you need an interpreter for", "#interpreter_language")]),
    # Sarah's Law
    ("sarahs", "immediate-danger", {}, [("Select yes if a child is in immediate danger right now", "#immediate_danger")]),
    ("sarahs", "children", {"children-0-first_name": "", "children-0-age": ""}, [
        ("Enter the child's first name", "#children-0-first_name"),
        ("Enter the child's age", "#children-0-age"),
    ]),
    ("sarahs", "children", {"children-0-first_name": "Amy", "children-0-age": "seven"}, [
        ("Child's age must be a number, like 7", "#children-0-age"),
    ]),
    ("sarahs", "children", {"children-0-first_name": "Amy", "children-0-age": "18"}, [
        ("Child's age must be between 0 and 17", "#children-0-age"),
    ]),
    ("sarahs", "children", {"children-0-first_name": "x" * 101, "children-0-age": "0", "children-1-first_name": "Ben", "children-1-age": "-1"}, [
        ("Child's first name must be 100 characters or fewer", "#children-0-first_name"),
        ("Child's age must be a number, like 7", "#children-1-age"),
    ]),
    ("sarahs", "your-relationship", {}, [("Select your relationship to the child or children", "#relationship_to_child")]),
    ("sarahs", "your-relationship", {"relationship_to_child": "other"}, [
        ("Enter your relationship to the child or children", "#relationship_other"),
    ]),
    ("sarahs", "your-relationship", {"relationship_to_child": "other", "relationship_other": "x" * 201}, [
        ("Your relationship must be 200 characters or fewer", "#relationship_other"),
    ]),
    ("sarahs", "person-details", {}, [
        ("Enter the full name of the person you are worried about", "#subject_name"),
        ("Enter how they have contact with the child or children", "#subject_contact"),
    ]),
    ("sarahs", "person-details", {**PERSON, "subject_age": "9"}, [("Their approximate age must be between 10 and 120", "#subject_age")]),
    ("sarahs", "person-details", {**PERSON, "subject_date_of_birth-day": "1", "subject_date_of_birth-month": "5"}, [
        ("%(name)s must include a year", "#subject_date_of_birth-year"),
    ]),
    ("sarahs", "person-details", {
        "subject_name": "x" * 201, "subject_other_names": "x" * 501, "subject_address": "x" * 501, "subject_contact": "x" * 1001,
    }, [
        ("Their name must be 200 characters or fewer", "#subject_name"),
        ("Other names must be 500 characters or fewer", "#subject_other_names"),
        ("Their address must be 500 characters or fewer", "#subject_address"),
        ("How they have contact must be 1,000 characters or fewer", "#subject_contact"),
    ]),
    ("sarahs", "concern", {}, [("Enter why you are worried about this person", "#concern")]),
    ("sarahs", "concern", {"concern": "x" * 5001}, [("Why you are worried must be 5,000 characters or fewer", "#concern")]),
    ("sarahs", "safe-phone", {"phone": "12"}, [(PHONE, "#phone")]),
    # Ask for documents as a solicitor
    ("solicitor", "firm-details", {}, [
        ("Enter your full name", "#full_name"),
        ("Enter the name of your firm", "#organisation_name"),
        ("Enter your firm's SRA number", "#sra_number"),
    ]),
    ("solicitor", "firm-details", {**FIRM, "sra_number": "SRA 12A45"}, [("SRA number must be a number, like 612345", "#sra_number")]),
    ("solicitor", "firm-details", {**FIRM, "sra_number": "1234567"}, [("SRA number must be 6 digits or fewer", "#sra_number")]),
    ("solicitor", "firm-details", {**FIRM, "sra_number": "000000"}, [("Enter a real SRA number, like 612345", "#sra_number")]),
    ("solicitor", "firm-details", {"full_name": "Sol", "role_in_organisation": "x" * 201, "organisation_name": "x" * 201, "sra_number": "1"}, [
        ("Your role must be 200 characters or fewer", "#role_in_organisation"),
        ("Name of your firm must be 200 characters or fewer", "#organisation_name"),
    ]),
    ("solicitor", "office-address", {"address_postcode": "B4"}, ADDRESS_ERRORS),
    ("solicitor", "contact", {}, [("Enter your work email address", "#email"), ("Enter your work phone number", "#phone")]),
    ("solicitor", "contact", {"email": "sol@", "phone": "phone me"}, [
        (EMAIL, "#email"),
        (PHONE, "#phone"),
    ]),
    ("solicitor", "client", {}, [
        ("Enter your client's full name", "#client_name"),
        ("Enter your client's date of birth", "#client_date_of_birth-day"),
    ]),
    ("solicitor", "client", {"client_name": "x" * 201, **date_parts("client_date_of_birth", TODAY + timedelta(days=2))}, [
        ("Client's full name must be 200 characters or fewer", "#client_name"),
        ("%(name)s must be today or in the past", "#client_date_of_birth-day"),
    ]),
    ("solicitor", "case", {}, [("Select the type of case", "#case_type")]),
    ("solicitor", "case", {"case_type": "other"}, [("Enter the type of case", "#case_type_other")]),
    ("solicitor", "case", {"case_type": "other", "case_type_other": "x" * 201}, [("Type of case must be 200 characters or fewer", "#case_type_other")]),
    ("solicitor", "case", {"case_type": "family", "police_reference": "AB#12"}, [
        ("Reference must only include letters, numbers, spaces, hyphens and slashes", "#police_reference"),
    ]),
    ("solicitor", "case", {"case_type": "family", "police_reference": "A" * 33}, [("Reference must be 32 characters or fewer", "#police_reference")]),
    ("solicitor", "documents", {}, [("Select the documents you want", "#documents_requested")]),
    ("solicitor", "documents", {"documents_requested": ["other"]}, [("Describe the other documents you want", "#documents_other")]),
    ("solicitor", "documents", {"documents_requested": ["other"], "documents_other": "x" * 1001, "documents_details": "x" * 2001}, [
        ("Description of the other documents must be 1,000 characters or fewer", "#documents_other"),
        ("What will help us find them must be 2,000 characters or fewer", "#documents_details"),
    ]),
    ("solicitor", "authority", {}, [("Select the authority you have", "#authority")]),
    ("solicitor", "authority", {"authority": "court_order"}, [("Enter which court order you have", "#court_order_details")]),
    ("solicitor", "authority", {"authority": "court_order", "court_order_details": "x" * 501}, [
        ("Details of the court order must be 500 characters or fewer", "#court_order_details"),
    ]),
    ("solicitor", "date-needed", date_parts("needed_by", TODAY - timedelta(days=1)), [
        ("The date you need them by must be today or in the future", "#needed_by-day"),
    ]),
    ("solicitor", "date-needed", date_parts("needed_by", TODAY + timedelta(days=365 * 2 + 1)), [
        ("The date you need them by must be within the next 2 years", "#needed_by-day"),
    ]),
    ("solicitor", "date-needed", {"needed_by-month": "3", "needed_by-year": str(TODAY.year + 1)}, [
        ("%(name)s must include a day", "#needed_by-day"),
    ]),
    ("solicitor", "date-needed", {"needed_by-day": "31", "needed_by-month": "2", "needed_by-year": str(TODAY.year + 1)}, [
        ("%(name)s must be a real date", "#needed_by-day"),
    ]),
    ("solicitor", "date-needed", {"needed_by_reason": "x" * 501}, [
        ("Why you need them by then must be 500 characters or fewer", "#needed_by_reason"),
    ]),
]

DATE_NAMES = {
    "partner-details": "Partner's date of birth",
    "person-details": "Their date of birth",
    "client": "Client's date of birth",
    "date-needed": "The date you need them by",
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


def reach(client: PageClient, route: str, page_id: str) -> str:
    """Answer every page before `page_id` on `route`; return the service's address."""
    slug, pages = ROUTES[route]
    client.get(slug)
    for current, data in pages:
        if current == page_id:
            return slug
        answer(client, slug, current, data)
    raise AssertionError(f"{page_id} is not on the route {route}")


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(("route", "page_id", "data", "errors"), CASES, ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_each_rule_gives_its_message(
    app: Any, language: str, route: str, page_id: str, data: dict[str, Any], errors: list[tuple[str, str]]
) -> None:
    client = PageClient(app, language=language)
    slug = reach(client, route, page_id)
    page = client.post(f"{slug}/{page_id}", data, expected=400)
    expected = [(expected_message(message, page_id, language), link) for message, link in errors]
    assert page.error_summary() == expected
    assert page.error_messages()[: len(expected)] == [message for message, _link in expected]
    for _message, link in expected:
        assert page.soup.find(id=link[1:]) is not None, f"error link {link} goes nowhere"


def test_every_page_of_every_service_has_a_case() -> None:
    """A page added later without validation cases fails here. Pages shared between the
    services (the same form class, such as the safe-contact pages) are checked once."""
    from frontcounter.catalogue import SERVICES

    def form(slug: str, page_id: str) -> type:
        return SERVICES[slug.strip("/")].form_for(page_id)

    covered = {form(ROUTES[route][0], page_id) for route, page_id, _data, _errors in CASES}
    for slug in (CLARES, SARAHS, SOLICITOR):
        pages = SERVICES[slug.strip("/")].journey.page_ids()
        missing = [page for page in pages if form(slug, page) not in covered]
        assert missing == [], f"{slug}: no validation case for {missing}"
