"""Register your business CCTV: the pages, the schema every channel is checked with, and the
payload for the national platform. Knowing where cameras are lets officers ask for footage
quickly after a crime nearby."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from services.enums import ReporterRole, ServiceKind, YesNo
from services.enums.cctv import BusinessType, CameraCoverage, ExportMethod
from services.journeys import Journey, Page, PayloadContext
from services.journeys.common import (
    ReporterFields,
    choice,
    normalise_postcode,
    reporter_payload,
    text,
)
from services.journeys.payloads import submission, vulnerability_only

SLUG = "register-business-cctv"

PAGES = (
    Page("business"),
    Page("business-address"),
    Page("cameras"),
    Page("recordings"),
    Page("footage-access"),
    Page("contact"),
    Page("footage-requests"),
)


class CctvRegistrationSchema(ReporterFields):
    """The whole registration, as the web journey and the intake API both submit it."""

    organisation_name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    business_type = choice(BusinessType, required=True)
    business_type_other = text(100)
    camera_count = fields.Integer(required=True, validate=validate.Range(min=1, max=500))
    camera_coverage = fields.List(choice(CameraCoverage), required=True, validate=validate.Length(min=1))
    records_public_areas = choice(YesNo, required=True)
    retention_days = fields.Integer(required=True, validate=validate.Range(min=1, max=365))
    export_methods = fields.List(choice(ExportMethod), required=True, validate=validate.Length(min=1))
    export_other = text(200)
    footage_access = fields.String(required=True, validate=validate.Length(min=1, max=500))
    footage_requests = choice(YesNo, required=True)

    def __init__(self, *, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._today = today

    @validates_schema
    def check_registration(self, data: dict[str, Any], **_: Any) -> None:
        errors: dict[str, list[str]] = {}
        if data.get("business_type") == BusinessType.OTHER and not data.get("business_type_other"):
            errors["business_type_other"] = ["Enter the type of business"]
        if CameraCoverage.STREET in data.get("camera_coverage", []) and data.get("records_public_areas") == YesNo.NO:
            errors["records_public_areas"] = ["A camera that covers the street or pavement records a public area"]
        if ExportMethod.OTHER in data.get("export_methods", []) and not data.get("export_other"):
            errors["export_other"] = ["Enter how else footage can be copied"]
        for name in ("address_line_1", "address_town", "address_postcode", "full_name", "phone", "email"):
            if not data.get(name):
                errors[name] = ["This is required"]
        if errors:
            raise ValidationError(errors)
        self.check_reporter(data, self._today or date.today())


# The platform's summary is for the force, in English whatever the person used.
_TYPES = {
    BusinessType.RETAIL: "shop or retail",
    BusinessType.HOSPITALITY: "pub, bar, restaurant or takeaway",
    BusinessType.OFFICE: "office",
    BusinessType.INDUSTRIAL: "warehouse, factory or industrial site",
    BusinessType.PETROL_OR_GARAGE: "petrol station or garage",
    BusinessType.HOTEL: "hotel or other accommodation",
}
_COVERAGE = {
    CameraCoverage.INSIDE: "inside the premises",
    CameraCoverage.ENTRANCE: "entrances and exits",
    CameraCoverage.STREET: "the street or pavement outside",
    CameraCoverage.CAR_PARK: "a car park",
}
_EXPORT = {
    ExportMethod.USB: "USB drive or memory stick",
    ExportMethod.CLOUD: "cloud portal or download link",
    ExportMethod.DVD: "DVD or CD",
}


def _address(data: Mapping[str, Any]) -> str:
    parts = [data.get("address_line_1"), data.get("address_line_2"), data.get("address_town")]
    return ", ".join(part for part in parts if part) + f", {normalise_postcode(data['address_postcode'])}"


def registration_summary(data: Mapping[str, Any]) -> str:
    business_type = data.get("business_type_other") or _TYPES.get(BusinessType(data["business_type"]), "other")
    exports = [_EXPORT[ExportMethod(m)] for m in data["export_methods"] if m != ExportMethod.OTHER]
    if data.get("export_other"):
        exports.append(data["export_other"])
    cameras = "1 camera" if data["camera_count"] == 1 else f"{data['camera_count']} cameras"
    days = "1 day" if data["retention_days"] == 1 else f"{data['retention_days']} days"
    lines = [
        f"Business CCTV registration: {data['organisation_name']} ({business_type}).",
        f"Address: {_address(data)}.",
        f"{cameras}, covering {', '.join(_COVERAGE[CameraCoverage(c)] for c in data['camera_coverage'])}.",
        f"Records public areas: {'yes' if data['records_public_areas'] == YesNo.YES else 'no'}.",
        f"Recordings kept for {days}.",
        f"Footage can be copied: {', '.join(exports)}.",
        f"When someone can provide footage: {data['footage_access']}",
        "They agree to be contacted for footage."
        if data["footage_requests"] == YesNo.YES
        else "They do not want to be contacted for footage.",
    ]
    return "\n".join(lines)


def build_cctv_payload(data: dict[str, Any], context: PayloadContext) -> dict[str, Any]:
    """The national platform's Submission document for a CCTV registration."""
    return submission(
        context,
        service=SLUG,
        kind=ServiceKind.APPLICATION,
        reporter=reporter_payload(data, ReporterRole.APPLICANT),
        summary=registration_summary(data),
        category="business_cctv",
        location={
            "postcode": normalise_postcode(data["address_postcode"]),
            "description": f"{data['organisation_name']}, {_address(data)}"[:1000],
        },
        flags=vulnerability_only(data, context),
    )


CCTV_JOURNEY = Journey(
    slug=SLUG,
    kind=ServiceKind.APPLICATION,
    pages=PAGES,
    schema=CctvRegistrationSchema,
    build_payload=build_cctv_payload,
)
