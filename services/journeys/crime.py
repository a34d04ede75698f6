"""Report a crime: the pages, the routing between them, and the canonical payload."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.enums import (
    CrimeCategory,
    HostilityMotivation,
    ReporterRole,
    RiskFactor,
    ServiceKind,
    SuspectKnowledge,
    YesNo,
)
from services.journeys import Exit, Journey, Page, PayloadContext, answer_is
from services.journeys.common import (
    ReporterFields,
    choice,
    is_uk_postcode,
    local_iso,
    parse_time,
    reporter_payload,
    text,
)
from services.journeys.payloads import place_location, report_flags, submission

SLUG = "report-a-crime"

# Hostility can motivate any of these; vehicle crime is asked about through the others.
HATE_CAN_APPLY = {
    CrimeCategory.THEFT,
    CrimeCategory.BURGLARY,
    CrimeCategory.CRIMINAL_DAMAGE,
    CrimeCategory.ASSAULT,
    CrimeCategory.HARASSMENT,
    CrimeCategory.HATE,
    CrimeCategory.OTHER,
}
PROPERTY_CAN_APPLY = {
    CrimeCategory.THEFT,
    CrimeCategory.BURGLARY,
    CrimeCategory.CRIMINAL_DAMAGE,
    CrimeCategory.VEHICLE,
    CrimeCategory.OTHER,
}
PERSONAL_ROLES = {ReporterRole.VICTIM, ReporterRole.WITNESS, ReporterRole.THIRD_PARTY}
# Who may report a crime; the platform's other roles (applicant, requester) belong to other services.
CRIME_ROLES = (*PERSONAL_ROLES, ReporterRole.ORGANISATION)


PAGES = (
    Page("happening-now"),
    Page("reporter-role"),
    Page("category"),
    Page("hostility", applies=lambda d: d.get("category") in HATE_CAN_APPLY),
    Page("when"),
    Page("when-date", applies=answer_is("date_known", YesNo.YES)),
    Page("when-range", applies=answer_is("date_known", YesNo.NO)),
    Page("where"),
    Page("description"),
    Page("suspect"),
    Page(
        "suspect-details",
        applies=answer_is("suspect_known", SuspectKnowledge.KNOWN, SuspectKnowledge.CAN_DESCRIBE),
    ),
    Page("property", applies=lambda d: d.get("category") in PROPERTY_CAN_APPLY),
    Page("property-items", applies=answer_is("property_involved", YesNo.YES)),
    Page("evidence"),
    Page("injuries", applies=lambda d: d.get("reporter_role") != ReporterRole.ORGANISATION),
    Page("risk", applies=answer_is("reporter_role", ReporterRole.VICTIM, ReporterRole.THIRD_PARTY)),
    Page("your-details", applies=answer_is("reporter_role", ReporterRole.VICTIM)),
    Page("your-name", applies=answer_is("reporter_role", ReporterRole.WITNESS, ReporterRole.THIRD_PARTY)),
    Page("organisation-details", applies=answer_is("reporter_role", ReporterRole.ORGANISATION)),
    Page("address"),
    Page("contact"),
    Page("contact-preference"),
    Page("support-needs"),
)


class PropertyItem(Schema):
    description = text(500, required=True, validate=validate.Length(min=1, max=500))
    value = fields.Decimal(places=2, allow_none=True, validate=validate.Range(min=0, max=10_000_000))


class CrimeReportSchema(ReporterFields):
    """The whole report, as the web journey and the intake API both submit it."""

    happening_now = choice(YesNo, required=True)
    reporter_role = fields.String(required=True, validate=validate.OneOf(sorted(role.value for role in CRIME_ROLES)))
    category = choice(CrimeCategory, required=True)
    hostility = fields.List(choice(HostilityMotivation), load_default=list)
    date_known = choice(YesNo, required=True)
    occurred_on = fields.Date()
    occurred_time = text(5)
    occurred_from = fields.Date()
    occurred_to = fields.Date()
    postcode = text(10)
    location_description = text(1000)
    description = fields.String(required=True, validate=validate.Length(min=1, max=20_000))
    suspect_known = choice(SuspectKnowledge, required=True)
    suspect_name = text(200)
    suspect_description = text(5000)
    property_involved = choice(YesNo)
    property_items = fields.List(fields.Nested(PropertyItem), validate=validate.Length(max=20))
    anyone_hurt = choice(YesNo)
    injury_details = text(5000)
    risk_factors = fields.List(choice(RiskFactor), load_default=list)

    @validates_schema
    def check_report(self, data: dict[str, Any], **_: Any) -> None:
        today = self.context_today()
        errors: dict[str, list[str]] = {}
        if data.get("happening_now") == YesNo.YES:
            errors["happening_now"] = ["If it is happening now, call 999"]
        if data.get("category") == CrimeCategory.HATE and not data.get("hostility"):
            errors["hostility"] = ["Select what you think the hostility was towards"]
        if data.get("date_known") == YesNo.YES:
            occurred = data.get("occurred_on")
            if occurred is None:
                errors["occurred_on"] = ["Enter the date it happened"]
            elif occurred > today:
                errors["occurred_on"] = ["The date it happened must be today or in the past"]
            if data.get("occurred_time") and parse_time(data["occurred_time"]) is None:
                errors["occurred_time"] = ["Enter a real time, like 14:30"]
        elif data.get("date_known") == YesNo.NO:
            start, end = data.get("occurred_from"), data.get("occurred_to")
            if start is None or end is None:
                errors["occurred_from"] = ["Enter the earliest and latest dates it could have happened"]
            elif start > end or end > today:
                errors["occurred_from"] = ["Enter a range that ends today or earlier and starts before it ends"]
        if not data.get("postcode") and not data.get("location_description"):
            errors["postcode"] = ["Enter a postcode or describe where it happened"]
        elif data.get("postcode") and not is_uk_postcode(data["postcode"]):
            errors["postcode"] = ["Enter a real postcode"]
        if data.get("suspect_known") in (SuspectKnowledge.KNOWN, SuspectKnowledge.CAN_DESCRIBE):
            if not data.get("suspect_description") and not data.get("suspect_name"):
                errors["suspect_description"] = ["Describe the person"]
        if data.get("property_involved") == YesNo.YES and not data.get("property_items"):
            errors["property_items"] = ["Add at least one item"]
        if data.get("anyone_hurt") == YesNo.YES and not data.get("injury_details"):
            errors["injury_details"] = ["Describe the injuries"]
        if not data.get("full_name"):
            errors["full_name"] = ["Enter your full name"]
        if data.get("reporter_role") == ReporterRole.ORGANISATION and not data.get("organisation_name"):
            errors["organisation_name"] = ["Enter the name of the organisation"]
        if not data.get("email") and not data.get("phone"):
            errors["email"] = ["Enter an email address or a phone number"]
        if errors:
            raise ValidationError(errors)
        self.check_reporter(data, today)

    def __init__(self, *, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._today = today

    def context_today(self) -> date:
        return self._today or date.today()


def _occurred(data: Mapping[str, Any]) -> dict[str, Any]:
    if data.get("date_known") == YesNo.YES:
        day: date = data["occurred_on"]
        at = parse_time(data.get("occurred_time"))
        if at is not None:
            return {"from": local_iso(day, at), "approximate": False}
        return {"from": local_iso(day, time(0, 0)), "to": local_iso(day, time(23, 59, 59)), "approximate": True}
    return {
        "from": local_iso(data["occurred_from"], time(0, 0)),
        "to": local_iso(data["occurred_to"], time(23, 59, 59)),
        "approximate": True,
    }


def build_crime_payload(data: dict[str, Any], context: PayloadContext) -> dict[str, Any]:
    """The national platform's Submission document for a crime report."""
    return submission(
        context,
        service=SLUG,
        kind=ServiceKind.CRIME,
        reporter=reporter_payload(data, data["reporter_role"]),
        summary=data["description"],
        category=data["category"],
        occurred=_occurred(data),
        location=place_location(data),
        flags=report_flags(data, context),
    )


CRIME_JOURNEY = Journey(
    slug=SLUG,
    kind=ServiceKind.CRIME,
    pages=PAGES,
    schema=CrimeReportSchema,
    build_payload=build_crime_payload,
    exits=(Exit(page="happening-now", when=answer_is("happening_now", YesNo.YES), to="call-999"),),
)
