"""Report a stolen or an abandoned vehicle: the pages, the routing between them, and the payload."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, time, timedelta
from typing import Any

from marshmallow import ValidationError, fields, post_load, validate, validates_schema

from services.enums import ReporterRole, ServiceKind, YesNo, YesNoUnknown
from services.enums.vehicle import (
    AbandonedConcern,
    KeysStatus,
    RegisteredKeeper,
    TimeThere,
    VehicleCondition,
    VehicleReport,
    VehicleType,
)
from services.journeys import Exit, Journey, Page, PayloadContext, answer_is, vehicles
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
from services.journeys.vehicle_summary import vehicle_summary

SLUG = "report-a-vehicle"
EARLIEST_YEARS = 100

VIN_PATTERN = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
# Asked only about a stolen vehicle, and then always answered.
STOLEN_QUESTIONS = {
    "keys": "Select if the keys were taken",
    "registered_keeper": "Select yes if you are the registered keeper",
    "insured": "Select yes if the vehicle is insured",
    "tracker": "Select yes if the vehicle has a tracking device",
    "valuables_inside": "Select yes if anything of value was inside the vehicle",
}


def normalise_registration(value: str) -> str | None:
    """The mark as printed on the plate, or None: spaces are allowed, dashes and dots are not."""
    return vehicles.normalise_registration(value, spaces_only=True)


def normalise_vin(value: str) -> str | None:
    compact = re.sub(r"\s+", "", value.upper())
    return compact if VIN_PATTERN.match(compact) else None


_stolen = answer_is("report_type", VehicleReport.STOLEN)
_abandoned = answer_is("report_type", VehicleReport.ABANDONED)

PAGES = (
    Page("happening-now"),
    Page("report-type"),
    # Abandoned vehicles are the council's unless they are dangerous or may be linked to a crime.
    Page("abandoned-concern", applies=_abandoned),
    Page("vehicle-type"),
    Page("registration"),
    Page("stolen-vehicle", applies=_stolen),
    Page("abandoned-vehicle", applies=_abandoned),
    Page("last-seen", applies=_stolen),
    Page("found-missing", applies=_stolen),
    Page("where-stolen", applies=_stolen),
    Page("keys", applies=_stolen),
    Page("keeper-insurance", applies=_stolen),
    Page("tracker", applies=_stolen),
    Page("contents", applies=_stolen),
    Page("abandoned-where", applies=_abandoned),
    Page("how-long", applies=_abandoned),
    # Tax can only be checked with the registration number.
    Page("taxed", applies=lambda d: _abandoned(d) and d.get("registration_known") == YesNo.YES),
    Page("condition", applies=_abandoned),
    Page("description"),
    # Someone whose vehicle was stolen is its victim, and is asked their date of birth.
    Page("your-details", applies=_stolen),
    Page("your-name", applies=lambda d: not _stolen(d)),
    Page("address"),
    Page("contact"),
    Page("contact-preference"),
    Page("support-needs"),
)


class VehicleReportSchema(ReporterFields):
    """The whole report, as the web journey and the intake API both submit it."""

    happening_now = choice(YesNo, required=True)
    report_type = choice(VehicleReport, required=True)
    abandoned_concerns = fields.List(choice(AbandonedConcern), load_default=list)
    vehicle_type = choice(VehicleType, required=True)
    vehicle_type_other = text(100)
    registration_known = choice(YesNo, required=True)
    registration = text(20)
    registration_unknown_reason = text(500)
    make = text(100)
    model = text(100)
    colour = text(100, required=True, validate=validate.Length(min=1, max=100))
    vin = text(30)
    last_seen_on = fields.Date()
    last_seen_time = text(5)
    found_missing_on = fields.Date()
    found_missing_time = text(5)
    postcode = text(10)
    location_description = text(1000)
    keys = choice(KeysStatus)
    registered_keeper = choice(RegisteredKeeper)
    keeper_name = text(200)
    insured = choice(YesNoUnknown)
    insurer = text(200)
    tracker = choice(YesNoUnknown)
    tracker_company = text(200)
    valuables_inside = choice(YesNo)
    valuables_description = text(2000)
    time_there = choice(TimeThere)
    taxed = choice(YesNoUnknown)
    condition = fields.List(choice(VehicleCondition), load_default=list)
    description = text(20_000)

    def __init__(self, *, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._today = today

    def context_today(self) -> date:
        return self._today or date.today()

    @validates_schema
    def check_report(self, data: dict[str, Any], **_: Any) -> None:
        today = self.context_today()
        errors: dict[str, list[str]] = {}
        if data.get("happening_now") == YesNo.YES:
            errors["happening_now"] = ["If it is happening now or anyone is in immediate danger, call 999"]
        if data.get("vehicle_type") == VehicleType.OTHER and not data.get("vehicle_type_other"):
            errors["vehicle_type_other"] = ["Enter the type of vehicle"]
        errors.update(_identity_errors(data))
        if data.get("report_type") == VehicleReport.STOLEN:
            errors.update(_stolen_errors(data, today))
        elif data.get("report_type") == VehicleReport.ABANDONED:
            errors.update(_abandoned_errors(data))
        if not data.get("postcode") and not data.get("location_description"):
            errors["postcode"] = ["Enter a postcode or describe where the vehicle is or was taken from"]
        elif data.get("postcode") and not is_uk_postcode(data["postcode"]):
            errors["postcode"] = ["Enter a real postcode"]
        if not data.get("full_name"):
            errors["full_name"] = ["Enter your full name"]
        if not data.get("email") and not data.get("phone"):
            errors["email"] = ["Enter an email address or a phone number"]
        if errors:
            raise ValidationError(errors)
        self.check_reporter(data, today)

    @post_load
    def normalise_identity(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        """Store the registration as printed on the plate and the VIN without spaces, whoever sent them."""
        if data.get("registration"):
            data["registration"] = normalise_registration(data["registration"])
        if data.get("vin"):
            data["vin"] = normalise_vin(data["vin"])
        return data


def _identity_errors(data: Mapping[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.get("registration_known") == YesNo.YES:
        if not data.get("registration"):
            errors["registration"] = ["Enter the registration number"]
        elif normalise_registration(data["registration"]) is None:
            errors["registration"] = ["Enter a registration number in the correct format, like AB12 CDE"]
    elif data.get("registration_known") == YesNo.NO and not data.get("registration_unknown_reason"):
        errors["registration_unknown_reason"] = ["Tell us why you do not know the registration number"]
    if data.get("vin") and normalise_vin(data["vin"]) is None:
        errors["vin"] = ["Vehicle identification number (VIN) must be 17 letters and numbers, without I, O or Q"]
    return errors


def _stolen_errors(data: Mapping[str, Any], today: date) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not data.get("make"):
        errors["make"] = ["Enter the make of the vehicle"]
    if not data.get("model"):
        errors["model"] = ["Enter the model of the vehicle"]
    earliest = today - timedelta(days=365 * EARLIEST_YEARS)
    seen, found = data.get("last_seen_on"), data.get("found_missing_on")
    if seen is None:
        errors["last_seen_on"] = ["Enter the date the vehicle was last seen"]
    elif not earliest <= seen <= today:
        errors["last_seen_on"] = ["The date it was last seen must be a real date, today or in the past"]
    if found is None:
        errors["found_missing_on"] = ["Enter the date you found the vehicle was missing"]
    elif not earliest <= found <= today:
        errors["found_missing_on"] = ["The date you found it was missing must be a real date, today or in the past"]
    for name in ("last_seen_time", "found_missing_time"):
        if data.get(name) and parse_time(data[name]) is None:
            errors[name] = ["Enter a real time, like 14:30"]
    if not errors and seen and found:
        if found < seen:
            errors["found_missing_on"] = ["The date you found it was missing must be the same as or after the date it was last seen"]
        elif found == seen and data.get("last_seen_time") and data.get("found_missing_time"):
            if parse_time(data["found_missing_time"]) < parse_time(data["last_seen_time"]):  # type: ignore[operator]
                errors["found_missing_time"] = ["The time you found it was missing must be after the time it was last seen"]
    for name, message in STOLEN_QUESTIONS.items():
        if not data.get(name):
            errors[name] = [message]
    if data.get("valuables_inside") == YesNo.YES and not data.get("valuables_description"):
        errors["valuables_description"] = ["Describe what was inside the vehicle"]
    return errors


def _abandoned_errors(data: Mapping[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not data.get("abandoned_concerns"):
        errors["abandoned_concerns"] = ["Report an abandoned vehicle that is not dangerous or linked to a crime to the council"]
    if not data.get("time_there"):
        errors["time_there"] = ["Select how long the vehicle has been there"]
    if data.get("registration_known") == YesNo.YES and not data.get("taxed"):
        errors["taxed"] = ["Select yes if the vehicle is taxed"]
    return errors


def _moment(day: date, at: str | None, end_of_day: bool) -> str:
    parsed = parse_time(at)
    if parsed is None:
        parsed = time(23, 59, 59) if end_of_day else time(0, 0)
    return local_iso(day, parsed)


def reporter_role(data: Mapping[str, Any]) -> ReporterRole:
    """A stolen vehicle's keeper or user is its victim; someone reporting an abandoned one is a witness."""
    return ReporterRole.VICTIM if data.get("report_type") == VehicleReport.STOLEN else ReporterRole.WITNESS


def build_vehicle_payload(data: dict[str, Any], context: PayloadContext) -> dict[str, Any]:
    """The national platform's Submission document for a stolen or an abandoned vehicle."""
    payload = submission(
        context,
        service=SLUG,
        kind=ServiceKind.CRIME,
        reporter=reporter_payload(data, reporter_role(data)),
        summary=vehicle_summary(data),
        category=f"vehicle-{data['report_type']}",
        location=place_location(data),
        flags=report_flags(data, context),
    )
    if data["report_type"] == VehicleReport.STOLEN:
        # Taken at some point between being last seen and being found missing.
        payload["occurred"] = {
            "from": _moment(data["last_seen_on"], data.get("last_seen_time"), end_of_day=False),
            "to": _moment(data["found_missing_on"], data.get("found_missing_time"), end_of_day=True),
            "approximate": True,
        }
    return payload


VEHICLE_JOURNEY = Journey(
    slug=SLUG,
    kind=ServiceKind.CRIME,
    pages=PAGES,
    schema=VehicleReportSchema,
    build_payload=build_vehicle_payload,
    exits=(
        Exit(page="happening-now", when=answer_is("happening_now", YesNo.YES), to="call-999"),
        Exit(page="abandoned-concern", when=lambda d: not d.get("abandoned_concerns"), to="abandoned-vehicle-council"),
    ),
)
