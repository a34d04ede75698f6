"""Ask for your personal information (a subject access request under UK GDPR Article 15 and
the Data Protection Act 2018): the pages, the routing between them, and the payload.

The person asks for their own information, or for someone else's with that person's
written permission, as their parent or guardian (under 18s), or as their legal
representative. Either way we need enough to find the records (names, date of birth,
addresses, what and when) and to check identity before anything is released.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from services.enums import ServiceKind
from services.enums.information_requests import (
    AddressProof,
    Authority,
    PersonalInformationType,
    PhotoId,
    RequestingFor,
)
from services.journeys import Journey, Page, PayloadContext
from services.journeys.common import age_on, choice, is_uk_postcode, text
from services.journeys.request_common import RequestSchema, answered, period_text, request_payload

SLUG = "request-your-personal-information"
CATEGORY = "subject_access"
MYSELF = answered("requesting_for", RequestingFor.MYSELF)
SOMEONE_ELSE = answered("requesting_for", RequestingFor.SOMEONE_ELSE)

PAGES = (
    Page("who-for"),
    Page("authority", applies=SOMEONE_ELSE),
    Page("your-details", applies=MYSELF),
    Page("their-details", applies=SOMEONE_ELSE),
    Page("information-types"),
    Page("information-details"),
    Page("period"),
    Page("period-dates", applies=answered("period_known", "yes")),
    Page("address", applies=MYSELF),
    Page("their-address", applies=SOMEONE_ELSE),
    Page("identity"),
    Page("about-you", applies=SOMEONE_ELSE),
    Page("your-address", applies=SOMEONE_ELSE),
    Page("contact"),
    Page("contact-preference"),
)

# For the summary staff read first: plain English, whatever language the person used.
TYPE_WORDS = {
    PersonalInformationType.CRIME_REPORTS: "crime reports",
    PersonalInformationType.CUSTODY_RECORDS: "custody records",
    PersonalInformationType.CALLS: "999 or 101 calls",
    PersonalInformationType.BODY_WORN_VIDEO: "body-worn video",
    PersonalInformationType.OTHER: "other information",
}
AUTHORITY_WORDS = {
    Authority.WRITTEN_PERMISSION: "with their written permission",
    Authority.PARENT: "as their parent or guardian",
    Authority.LEGAL_REPRESENTATIVE: "as their legal representative",
}
REQUIRED_ALWAYS = {
    "full_name": "Enter your full name",
    "address_line_1": "Enter address line 1, typically the building and street",
    "address_town": "Enter town or city",
    "address_postcode": "Enter postcode",
    "preferred_contact": "Select how you would prefer us to contact you",
    "safe_to_contact": "Select yes if it is safe for us to contact you",
}
REQUIRED_FOR_SOMEONE_ELSE = {
    "authority": "Select what gives you the right to ask for their information",
    "subject_full_name": "Enter their full name",
    "subject_date_of_birth": "Enter their date of birth",
    "subject_address_line_1": "Enter address line 1, typically the building and street",
    "subject_address_town": "Enter town or city",
    "subject_address_postcode": "Enter postcode",
}
FOLLOW_UPS = (
    ("photo_id", PhotoId.OTHER, "photo_id_other", "Enter which photo ID you will send"),
    ("photo_id", PhotoId.NONE, "photo_id_instead", "Enter what you can send instead of photo ID"),
    ("address_proof", AddressProof.OTHER, "address_proof_other", "Enter what you will send as proof of address"),
)


class SubjectAccessSchema(RequestSchema):
    """The whole request, as the web journey and the intake API both submit it."""

    requesting_for = choice(RequestingFor, required=True)
    authority = choice(Authority)
    previous_names = text(500)
    subject_full_name = text(200)
    subject_previous_names = text(500)
    subject_date_of_birth = fields.Date()
    information_types = fields.List(choice(PersonalInformationType), required=True, validate=validate.Length(min=1))
    information_details = fields.String(required=True, validate=validate.Length(min=1, max=5000))
    previous_addresses = text(2000)
    subject_address_line_1 = text(200)
    subject_address_line_2 = text(200)
    subject_address_town = text(100)
    subject_address_postcode = text(10)
    subject_previous_addresses = text(2000)
    photo_id = choice(PhotoId, required=True)
    photo_id_other = text(200)
    photo_id_instead = text(200)
    address_proof = choice(AddressProof, required=True)
    address_proof_other = text(200)

    @validates_schema
    def check_request(self, data: dict[str, Any], **_: Any) -> None:
        today = self.context_today()
        errors = self.period_errors(data, today, required=True)
        required = dict(REQUIRED_ALWAYS)
        if data.get("requesting_for") == RequestingFor.SOMEONE_ELSE:
            required.update(REQUIRED_FOR_SOMEONE_ELSE)
        elif data.get("requesting_for") == RequestingFor.MYSELF:
            required["date_of_birth"] = "Enter your date of birth"
        for name, message in required.items():
            if not data.get(name):
                errors[name] = [message]
        errors.update(_subject_errors(data, today))
        for radio, value, follow_up, message in FOLLOW_UPS:
            if data.get(radio) == value and not data.get(follow_up):
                errors[follow_up] = [message]
        if not data.get("email") and not data.get("phone"):
            errors["email"] = ["Enter an email address or a phone number"]
        if errors:
            raise ValidationError(errors)
        self.check_reporter(data, today)


def _subject_errors(data: dict[str, Any], today: date) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    born = data.get("subject_date_of_birth")
    if born is not None:
        if born > today:
            errors["subject_date_of_birth"] = ["Their date of birth must be today or in the past"]
        elif data.get("authority") == Authority.PARENT and age_on(born, today) >= 18:
            errors["subject_date_of_birth"] = [
                "Their date of birth must be less than 18 years ago if you are asking as their parent or guardian"
            ]
    if data.get("subject_address_postcode") and not is_uk_postcode(data["subject_address_postcode"]):
        errors["subject_address_postcode"] = ["Enter a real postcode"]
    return errors


def summary_for(data: dict[str, Any]) -> str:
    """Who the request is for and what it covers, then the person's own words."""
    if data["requesting_for"] == RequestingFor.SOMEONE_ELSE:
        born = data["subject_date_of_birth"]
        who = (
            f"Subject access request for {data['subject_full_name']} (born {born.day} {born:%B %Y}), "
            f"made by {data['full_name']} {AUTHORITY_WORDS[Authority(data['authority'])]}."
        )
    else:
        who = f"Subject access request by {data['full_name']} for their own information."
    lines = [who, "Information wanted: " + "; ".join(TYPE_WORDS[PersonalInformationType(t)] for t in data["information_types"]) + "."]
    period = period_text(data)
    if period:
        lines.append(f"Period: {period}.")
    return "\n".join(lines) + "\n\n" + data["information_details"]


def build_subject_access_payload(data: dict[str, Any], context: PayloadContext) -> dict[str, Any]:
    return request_payload(data, context, service=SLUG, summary=summary_for(data), category=CATEGORY)


SUBJECT_ACCESS_JOURNEY = Journey(
    slug=SLUG,
    kind=ServiceKind.INFORMATION_REQUEST,
    pages=PAGES,
    schema=SubjectAccessSchema,
    build_payload=build_subject_access_payload,
)
