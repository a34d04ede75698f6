"""Get a copy of a road traffic collision report: the pages, the routing and the payload.

People involved, their insurers and their solicitors ask for collision reports, mostly for
insurance claims. Forces charge for most reports under the NPCC's national charging
guidance (formerly ACPO's) and say what the fee is before doing anything, so nothing
here takes payment.
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from services.enums import ServiceKind
from services.enums.information_requests import CollisionDocument, CollisionRequester
from services.journeys import Journey, Page, PayloadContext
from services.journeys.common import choice, is_uk_postcode, local_iso, normalise_postcode, text
from services.journeys.request_common import RequestSchema, answered, request_payload

SLUG = "request-a-collision-report"
CATEGORY = "collision_report"
ORGANISATIONS = (CollisionRequester.INSURER, CollisionRequester.SOLICITOR)
PEOPLE = (CollisionRequester.DRIVER, CollisionRequester.PASSENGER, CollisionRequester.PEDESTRIAN, CollisionRequester.OTHER)

# The same light checks as the form: a reference with a digit in it, in the characters forces
# use; registrations of letters and digits, separated by commas.
REFERENCE = re.compile(r"^(?=.*[0-9])[A-Za-z0-9 /.\-]+$")
REGISTRATION = re.compile(r"^[A-Z0-9]{2,10}$")
SEPARATORS = re.compile(r"[,;\n]+")

PAGES = (
    Page("connection"),
    Page("organisation", applies=answered("requester_type", *ORGANISATIONS)),
    Page("your-name", applies=answered("requester_type", *PEOPLE)),
    Page("collision-date"),
    Page("collision-location"),
    Page("find-report"),
    Page("documents"),
    Page("address"),
    Page("contact"),
)

REQUESTER_WORDS = {
    CollisionRequester.DRIVER: "a driver or rider involved",
    CollisionRequester.PASSENGER: "a passenger involved",
    CollisionRequester.PEDESTRIAN: "a pedestrian involved",
}
DOCUMENT_WORDS = {
    CollisionDocument.FULL_REPORT: "the full collision report",
    CollisionDocument.ABSTRACT: "an abstract of the report",
    CollisionDocument.WITNESS_STATEMENTS: "witness statements",
    CollisionDocument.PHOTOGRAPHS: "photographs",
    CollisionDocument.SKETCH_PLAN: "a sketch plan",
}
REQUIRED_FOR_ORGANISATIONS = {
    "organisation_name": "Enter the name of the organisation",
    "organisation_reference": "Enter your reference",
    "acting_for": "Enter who you act for",
}
REQUIRED_ALWAYS = {
    "full_name": "Enter your full name",
    "address_line_1": "Enter address line 1, typically the building and street",
    "address_town": "Enter town or city",
    "address_postcode": "Enter postcode",
}


def registrations(value: str) -> list[str]:
    return [" ".join(part.upper().split()) for part in SEPARATORS.split(value) if part.strip()]


class CollisionReportSchema(RequestSchema):
    """The whole request, as the web journey and the intake API both submit it."""

    requester_type = choice(CollisionRequester, required=True)
    requester_reason = text(1000)
    organisation_reference = text(50)
    acting_for = text(200)
    collision_date = fields.Date(required=True)
    collision_location = fields.String(required=True, validate=validate.Length(min=1, max=1000))
    collision_postcode = text(10)
    police_reference = text(30)
    vehicle_registrations = text(200)
    documents_wanted = fields.List(choice(CollisionDocument), required=True, validate=validate.Length(min=1))

    @validates_schema
    def check_request(self, data: dict[str, Any], **_: Any) -> None:
        today = self.context_today()
        required = dict(REQUIRED_ALWAYS)
        if data.get("requester_type") in ORGANISATIONS:
            required.update(REQUIRED_FOR_ORGANISATIONS)
        if data.get("requester_type") == CollisionRequester.OTHER:
            required["requester_reason"] = "Enter your connection to the collision and why you need the report"
        errors = {name: [message] for name, message in required.items() if not data.get(name)}
        if data.get("collision_date") and data["collision_date"] > today:
            errors["collision_date"] = ["The date of the collision must be today or in the past"]
        if data.get("collision_postcode") and not is_uk_postcode(data["collision_postcode"]):
            errors["collision_postcode"] = ["Enter a real postcode"]
        if data.get("police_reference") and not REFERENCE.match(data["police_reference"]):
            errors["police_reference"] = [
                "Police reference number must include a number and only letters, numbers, spaces, hyphens and slashes"
            ]
        if data.get("vehicle_registrations"):
            given = registrations(data["vehicle_registrations"])
            if not given or not all(REGISTRATION.match(re.sub(r"[ \-]", "", reg)) for reg in given):
                errors["vehicle_registrations"] = ["Enter registration numbers using letters and numbers only, separated by commas"]
        wanted = set(data.get("documents_wanted") or ())
        if {CollisionDocument.FULL_REPORT, CollisionDocument.ABSTRACT} <= wanted:
            errors["documents_wanted"] = ["Select the full report or an abstract, not both"]
        if not data.get("email") and not data.get("phone"):
            errors["email"] = ["Enter an email address or a phone number"]
        if errors:
            raise ValidationError(errors)
        self.check_reporter(data, today)


def _requested_by(data: dict[str, Any]) -> str:
    kind = CollisionRequester(data["requester_type"])
    if kind in ORGANISATIONS:
        return (
            f"Requested by {data['full_name']} of {data['organisation_name']} ({kind.value}, reference "
            f"{data['organisation_reference']}), acting for {data['acting_for']}."
        )
    if kind == CollisionRequester.OTHER:
        return f"Requested by {data['full_name']}, who says: {data['requester_reason']}"
    return f"Requested by {data['full_name']}, {REQUESTER_WORDS[kind]}."


def summary_for(data: dict[str, Any]) -> str:
    """What is wanted, by whom, and the details that find the report, for the records team."""
    day: date = data["collision_date"]
    wanted = "; ".join(DOCUMENT_WORDS[CollisionDocument(d)] for d in data["documents_wanted"])
    lines = [
        f"Copy of a road traffic collision report requested: {wanted}.",
        _requested_by(data),
        f"Collision on {day.day} {day:%B %Y} at: {data['collision_location']}",
    ]
    if data.get("police_reference"):
        lines.append(f"Police reference: {data['police_reference']}.")
    if data.get("vehicle_registrations"):
        lines.append("Vehicles: " + ", ".join(registrations(data["vehicle_registrations"])) + ".")
    return "\n".join(lines)


def build_collision_report_payload(data: dict[str, Any], context: PayloadContext) -> dict[str, Any]:
    day: date = data["collision_date"]
    location: dict[str, Any] = {"description": data["collision_location"]}
    if data.get("collision_postcode"):
        location["postcode"] = normalise_postcode(data["collision_postcode"])
    return request_payload(
        data,
        context,
        service=SLUG,
        summary=summary_for(data),
        category=CATEGORY,
        # The day is known, the time is not asked: the whole day, marked approximate.
        occurred={"from": local_iso(day, time(0, 0)), "to": local_iso(day, time(23, 59, 59)), "approximate": True},
        location=location,
    )


COLLISION_REPORT_JOURNEY = Journey(
    slug=SLUG,
    kind=ServiceKind.INFORMATION_REQUEST,
    pages=PAGES,
    schema=CollisionReportSchema,
    build_payload=build_collision_report_payload,
)
