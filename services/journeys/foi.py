"""Make a Freedom of Information request: the pages, the routing between them, and the payload.

A valid request under the Freedom of Information Act 2000 (s.8) is in writing, gives the
requester's real name and an address for the reply (email or postal), and describes the
information wanted. Those three are what this journey insists on; the rest helps.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from services.enums import ContactMethod, ServiceKind
from services.enums.information_requests import InformationFormat
from services.journeys import Journey, Page, PayloadContext
from services.journeys.common import choice
from services.journeys.request_common import RequestSchema, answered, request_payload

SLUG = "request-information-foi"
CATEGORY = "freedom_of_information"
BY_EMAIL = (InformationFormat.EMAIL, InformationFormat.SPREADSHEET)

PAGES = (
    Page("information"),
    Page("period"),
    Page("period-dates", applies=answered("period_known", "yes")),
    Page("format"),
    Page("your-name"),
    Page("email", applies=answered("preferred_format", *BY_EMAIL)),
    Page("address", applies=answered("preferred_format", InformationFormat.PRINTED)),
)


class FoiRequestSchema(RequestSchema):
    """The whole request, as the web journey and the intake API both submit it."""

    information_wanted = fields.String(required=True, validate=validate.Length(min=1, max=20_000))
    preferred_format = choice(InformationFormat, required=True)

    @validates_schema
    def check_request(self, data: dict[str, Any], **_: Any) -> None:
        today = self.context_today()
        errors = self.period_errors(data, today, required=True)
        if not (data.get("information_wanted") or "").strip():
            errors["information_wanted"] = ["Enter the information you want"]
        if not (data.get("full_name") or "").strip():
            # FOIA s.8(1)(b): a request must state the name of the applicant.
            errors["full_name"] = ["Enter your full name"]
        if data.get("preferred_format") in BY_EMAIL and not data.get("email"):
            errors["email"] = ["Enter your email address"]
        if data.get("preferred_format") == InformationFormat.PRINTED:
            for name, message in (
                ("address_line_1", "Enter address line 1, typically the building and street"),
                ("address_town", "Enter town or city"),
                ("address_postcode", "Enter postcode"),
            ):
                if not data.get(name):
                    errors[name] = [message]
        if errors:
            raise ValidationError(errors)
        self.check_reporter(data, today)


def build_foi_payload(data: dict[str, Any], context: PayloadContext) -> dict[str, Any]:
    """The request travels in the person's own words; format and period are in the answers."""
    printed = data["preferred_format"] == InformationFormat.PRINTED
    if printed:
        # Only the reply address that fits the format is sent (the intake API may send both).
        data = {key: value for key, value in data.items() if key != "email"}
    else:
        data = {key: value for key, value in data.items() if not key.startswith("address_")}
    contact = ContactMethod.POST if printed else ContactMethod.EMAIL
    return request_payload(
        data,
        context,
        service=SLUG,
        summary=data["information_wanted"],
        category=CATEGORY,
        reporter_extra={"preferred_contact": contact.value},
    )


FOI_JOURNEY = Journey(
    slug=SLUG,
    kind=ServiceKind.INFORMATION_REQUEST,
    pages=PAGES,
    schema=FoiRequestSchema,
    build_payload=build_foi_payload,
)
