"""Register your business CCTV, end to end through the test client, every rule in English and
Welsh, and the schema that checks the whole registration again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from babel.support import Translations
from flask import Flask
from marshmallow import ValidationError
from sqlalchemy import func, select

from services.db import db
from services.journeys.cctv import CctvRegistrationSchema
from services.models import OutboxMessage, Submission, TriageItem
from services.references import is_valid_reference
from tests.cctv_journey import CCTV, cctv_pages
from tests.contract import contract_errors
from tests.journeys import answer, send, walk
from tests.pages import PageClient

TRANSLATIONS = Translations.load(str(Path(__file__).resolve().parent.parent / "translations"), ["cy"])


def stored(app: Flask, reference: str) -> dict[str, Any]:
    with app.app_context():
        return dict(db.session.scalars(select(Submission).where(Submission.reference == reference)).one().payload)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_business_registers_in_english_and_welsh(app: Flask, language: str) -> None:
    client = PageClient(app, language=language)
    walk(client, CCTV, cctv_pages())
    reference = send(client, CCTV)
    assert reference in client.get(f"{CCTV}/confirmation").text

    assert is_valid_reference(reference, "WMP")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Submission)) == 1
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.topic == "platform.submission")) == 1
        assert db.session.scalars(select(TriageItem)).one().summary.startswith("Business CCTV registration: Corner Shop Ltd")
    payload = stored(app, reference)
    assert contract_errors("Submission", payload) == []
    assert payload["language"] == language and payload["kind"] == "application" and payload["category"] == "business_cctv"


def test_the_payload_describes_the_cameras(app: Flask, client: PageClient) -> None:
    check = walk(client, CCTV, cctv_pages())
    assert check.summary_rows()["Business address"] == "12 High Street Wrexham LL11 1AA"
    payload = stored(app, send(client, CCTV))
    assert payload["summary"].splitlines() == [
        "Business CCTV registration: Corner Shop Ltd (shop or retail).",
        "Address: 12 High Street, Wrexham, LL11 1AA.",
        "4 cameras, covering inside the premises, entrances and exits, the street or pavement outside.",
        "Records public areas: yes.",
        "Recordings kept for 31 days.",
        "Footage can be copied: USB drive or memory stick, cloud portal or download link.",
        "When someone can provide footage: Monday to Saturday, 8am to 6pm. The manager can copy footage.",
        "They agree to be contacted for footage.",
    ]
    assert payload["reporter"] == {
        "role": "applicant", "name": "Olu Manager (Corner Shop Ltd)", "email": "olu@example.com", "phone": "01632 960 789",
        "address": {"lines": ["12 High Street"], "town": "Wrexham", "postcode": "LL11 1AA"},
    }
    assert payload["location"] == {"postcode": "LL11 1AA", "description": "Corner Shop Ltd, 12 High Street, Wrexham, LL11 1AA"}
    answers = {row["question_id"]: row["answer"] for row in payload["answers"]}
    assert answers["cameras.camera_count"] == "4"
    assert answers["business-address.address"] == "12 High Street\nWrexham\nLL11 1AA"


def test_the_answers_revealed_under_other_are_kept(app: Flask, client: PageClient) -> None:
    pages = cctv_pages(business_type="other", business_type_other="Veterinary surgery", export_methods=["other"],
                       export_other="We email a clip", camera_count="1", retention_days="1", footage_requests="no",
                       camera_coverage=["inside"], records_public_areas="no")
    check = walk(client, CCTV, pages)
    assert check.summary_rows()["Type of business"] == "Veterinary surgery"
    summary = stored(app, send(client, CCTV))["summary"].splitlines()
    assert summary[0] == "Business CCTV registration: Corner Shop Ltd (Veterinary surgery)."
    assert summary[2:6] == ["1 camera, covering inside the premises.", "Records public areas: no.", "Recordings kept for 1 day.",
                            "Footage can be copied: We email a clip."]
    assert summary[-1] == "They do not want to be contacted for footage."


def test_a_change_from_check_answers_returns_there(app: Flask, client: PageClient) -> None:
    walk(client, CCTV, cctv_pages())
    location = answer(client, CCTV, "recordings", {"retention_days": "90", "export_methods": ["dvd"]}, change=True)
    assert location.endswith(f"{CCTV}/check-your-answers")
    assert "Recordings kept for 90 days." in stored(app, send(client, CCTV))["summary"]


def test_pages_cannot_be_skipped_and_the_start_page_explains(client: PageClient, welsh_client: PageClient) -> None:
    page = client.get(f"{CCTV}/recordings", expected=302)
    assert page.response.headers["Location"].endswith(CCTV)
    start = client.get(CCTV)
    assert start.h1 == "Register your business CCTV" and "does not give us access to your cameras" in start.text
    assert start.soup.find("a", class_="govuk-button--start")["href"] == f"{CCTV}/business"
    welsh_client.get(CCTV)


CASES: list[tuple[str, dict[str, Any], list[tuple[str, str]]]] = [
    ("business", {}, [("Enter the name of the business", "#organisation_name"), ("Select the type of business", "#business_type")]),
    ("business", {"organisation_name": "x" * 201, "business_type": "zoo"},
     [("Business name must be 200 characters or fewer", "#organisation_name"), ("Select the type of business", "#business_type")]),
    ("business", {"organisation_name": "Shop", "business_type": "other"}, [("Enter the type of business", "#business_type_other")]),
    ("business", {"organisation_name": "Shop", "business_type": "other", "business_type_other": "x" * 101},
     [("Type of business must be 100 characters or fewer", "#business_type_other")]),
    ("business-address", {"address_postcode": "LL11"}, [
        ("Enter address line 1, typically the building and street", "#address_line_1"), ("Enter town or city", "#address_town"),
        ("Enter a real postcode, like B4 6NQ", "#address_postcode"),
    ]),
    ("cameras", {}, [
        ("Enter how many cameras you have", "#camera_count"), ("Select what your cameras cover", "#camera_coverage"),
        ("Select yes if any of your cameras record public areas", "#records_public_areas"),
    ]),
    ("cameras", {"camera_count": "four", "camera_coverage": ["inside"], "records_public_areas": "no"},
     [("Number of cameras must be a whole number, like 4", "#camera_count")]),
    ("cameras", {"camera_count": "0", "camera_coverage": ["inside"], "records_public_areas": "no"},
     [("Number of cameras must be between 1 and 500", "#camera_count")]),
    ("cameras", {"camera_count": "501", "camera_coverage": ["inside"], "records_public_areas": "no"},
     [("Number of cameras must be between 1 and 500", "#camera_count")]),
    ("cameras", {"camera_count": "3", "camera_coverage": ["inside", "street"], "records_public_areas": "no"},
     [("Select yes, as a camera that covers the street or pavement records a public area", "#records_public_areas")]),
    ("recordings", {}, [("Enter how many days recordings are kept", "#retention_days"), ("Select how footage can be copied", "#export_methods")]),
    ("recordings", {"retention_days": "a month", "export_methods": ["usb"]}, [("Number of days must be a whole number, like 31", "#retention_days")]),
    ("recordings", {"retention_days": "0", "export_methods": ["usb"]}, [("Number of days must be between 1 and 365", "#retention_days")]),
    ("recordings", {"retention_days": "366", "export_methods": ["usb"]}, [("Number of days must be between 1 and 365", "#retention_days")]),
    ("recordings", {"retention_days": "30", "export_methods": ["usb", "other"]}, [("Enter how else footage can be copied", "#export_other")]),
    ("recordings", {"retention_days": "30", "export_methods": ["other"], "export_other": "x" * 201},
     [("How else footage can be copied must be 200 characters or fewer", "#export_other")]),
    ("footage-access", {}, [("Enter when someone can give us footage", "#footage_access")]),
    ("footage-access", {"footage_access": "x" * 501}, [("When someone can give us footage must be 500 characters or fewer", "#footage_access")]),
    ("contact", {}, [("Enter your full name", "#full_name"), ("Enter a phone number", "#phone"), ("Enter an email address", "#email")]),
    ("contact", {"full_name": "x" * 201, "role_in_organisation": "x" * 201, "phone": "call", "email": "olu@"}, [
        ("Full name must be 200 characters or fewer", "#full_name"), ("Your role must be 200 characters or fewer", "#role_in_organisation"),
        ("Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192", "#phone"),
        ("Enter an email address in the correct format, like name@example.com", "#email"),
    ]),
    ("footage-requests", {}, [("Select yes if we can contact you to ask for footage", "#footage_requests")]),
]


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(("page_id", "data", "errors"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_rule_gives_its_message(app: Flask, language: str, page_id: str, data: dict[str, Any], errors: list[tuple[str, str]]) -> None:
    client = PageClient(app, language=language)
    client.get(CCTV)
    for current, answers in cctv_pages():
        if current == page_id:
            break
        answer(client, CCTV, current, answers)
    page = client.post(f"{CCTV}/{page_id}", data, expected=400)
    expected = []
    for message, link in errors:
        if language == "cy":
            welsh = TRANSLATIONS.gettext(message)
            assert welsh != message, f"no Welsh for {message!r}"
            message = welsh
        expected.append((message, link))
    assert page.error_summary() == expected
    assert page.error_messages()[: len(expected)] == [message for message, _link in expected]
    for _message, link in expected:
        assert page.soup.find(id=link[1:]) is not None, f"error link {link} goes nowhere"


def registration(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "organisation_name": "Corner Shop Ltd", "business_type": "retail", "address_line_1": "12 High Street", "address_town": "Wrexham",
        "address_postcode": "LL11 1AA", "camera_count": "4", "camera_coverage": ["inside"], "records_public_areas": "no",
        "retention_days": "31", "export_methods": ["usb"], "footage_access": "Daytime", "full_name": "Olu Manager",
        "phone": "01632 960 789", "email": "olu@example.com", "footage_requests": "yes",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def schema_errors(data: dict[str, Any]) -> set[str]:
    try:
        CctvRegistrationSchema().load(data)
    except ValidationError as error:
        return set(error.normalized_messages())
    return set()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({}, None),
        ({"organisation_name": None}, "organisation_name"),
        ({"business_type": "other"}, "business_type_other"),
        ({"camera_count": "0"}, "camera_count"),
        ({"camera_count": "501"}, "camera_count"),
        ({"camera_coverage": []}, "camera_coverage"),
        ({"camera_coverage": ["street"]}, "records_public_areas"),
        ({"retention_days": "366"}, "retention_days"),
        ({"retention_days": "0"}, "retention_days"),
        ({"export_methods": ["other"]}, "export_other"),
        ({"export_methods": []}, "export_methods"),
        ({"footage_access": "x" * 501}, "footage_access"),
        ({"footage_requests": None}, "footage_requests"),
        ({"address_postcode": None}, "address_postcode"),
        ({"address_postcode": "LL11"}, "address_postcode"),
        ({"phone": None}, "phone"),
        ({"phone": "call me"}, "phone"),
        ({"email": None}, "email"),
        ({"full_name": None}, "full_name"),
    ],
)
def test_the_schema_refuses_what_the_pages_refuse(changes: dict[str, Any], field: str | None) -> None:
    errors = schema_errors(registration(**changes))
    assert (field in errors) if field else errors == set()
