"""Report a road traffic incident: the pages, the routing between them, and the canonical payload."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from services.enums import ReporterRole, ServiceKind, YesNo
from services.enums.road_traffic import (
    NO_OWN_VEHICLE,
    DetailsExchanged,
    FootageSource,
    IncidentType,
    InjurySeverity,
    Involvement,
)
from services.journeys import Exit, Journey, Page, PayloadContext, answer_is
from services.journeys.common import (
    UK_TIME,
    ReporterFields,
    choice,
    is_uk_postcode,
    local_iso,
    normalise_postcode,
    parse_time,
    reporter_payload,
    text,
)
from services.journeys.payloads import report_flags, submission
from services.journeys.vehicles import MAX_VEHICLES, VehicleSchema, check_vehicle_list, vehicle_keys

SLUG = "report-a-road-traffic-incident"

# A notice of intended prosecution must usually reach the registered keeper within 14 days
# of dangerous or careless driving (Road Traffic Offenders Act 1988, s.1), unless there was
# a collision (s.2(1)). Forces ask for such reports within 7 days so there is time to act.
NIP_DAYS = 14
REPORT_WITHIN_DAYS = 7

# The force's category codes, sent to the national platform.
CATEGORY_CODES = {
    IncidentType.COLLISION: "rti-collision",
    IncidentType.DANGEROUS_DRIVING: "rti-dangerous-driving",
    IncidentType.FAIL_TO_STOP: "rti-fail-to-stop",
}

# Everyone directly involved is a victim to the platform, whoever was at fault: the force decides that.
REPORTER_ROLES = {
    Involvement.DRIVER: ReporterRole.VICTIM,
    Involvement.PASSENGER: ReporterRole.VICTIM,
    Involvement.KEEPER: ReporterRole.VICTIM,
    Involvement.RIDER: ReporterRole.VICTIM,
    Involvement.PEDESTRIAN: ReporterRole.VICTIM,
    Involvement.WITNESS: ReporterRole.WITNESS,
    Involvement.ORGANISATION: ReporterRole.ORGANISATION,
}
# Those who were in, or own, one of the vehicles, and are asked which.
HAS_OWN_VEHICLE = {Involvement.DRIVER, Involvement.PASSENGER, Involvement.KEEPER, Involvement.ORGANISATION}
# Where something was hit, so the duty to stop and exchange details applies.
COLLISIONS = {IncidentType.COLLISION, IncidentType.FAIL_TO_STOP}


def uk_today() -> date:
    return datetime.now(UK_TIME).date()


def nip_deadline(occurred_on: date) -> date:
    """The last day a notice of intended prosecution can usually reach the registered keeper."""
    return occurred_on + timedelta(days=NIP_DAYS)


def reported_too_late_for_notice(incident_type: str | None, occurred_on: date | None, today: date) -> bool:
    """Whether to warn that a report of driving without a collision may be too late to prosecute.

    Only dangerous or careless driving without a collision needs the notice, and forces ask
    for those reports within 7 days: a report more than 7 days after the day it happened is late.
    """
    if incident_type != IncidentType.DANGEROUS_DRIVING or occurred_on is None:
        return False
    return (today - occurred_on).days > REPORT_WITHIN_DAYS


def _occurred_on(data: Mapping[str, Any]) -> date | None:
    value = data.get("occurred_on")
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _late(data: Mapping[str, Any]) -> bool:
    return reported_too_late_for_notice(data.get("incident_type"), _occurred_on(data), uk_today())


PAGES = (
    Page("happening-now"),
    Page("incident-type"),
    Page("involvement"),
    Page("when"),
    Page("reporting-late", applies=_late),
    Page("where"),
    Page("vehicles"),
    Page("your-vehicle", applies=lambda d: d.get("involvement") in HAS_OWN_VEHICLE),
    Page("injuries"),
    Page("injury-details", applies=lambda d: d.get("injury_severity") not in (None, InjurySeverity.NONE)),
    Page("details-exchanged", applies=lambda d: d.get("incident_type") in COLLISIONS),
    Page("footage"),
    Page("footage-details", applies=answer_is("has_footage", YesNo.YES)),
    # Footage, photos and documents can be uploaded here rather than asked for later.
    Page("evidence"),
    Page("account"),
    Page("your-details", applies=lambda d: REPORTER_ROLES.get(d.get("involvement")) == ReporterRole.VICTIM),
    Page("your-name", applies=answer_is("involvement", Involvement.WITNESS)),
    Page("organisation-details", applies=answer_is("involvement", Involvement.ORGANISATION)),
    Page("address"),
    Page("contact"),
    Page("contact-preference"),
    Page("support-needs"),
)


class RoadTrafficIncidentSchema(ReporterFields):
    """The whole report, as the web journey and the intake API both submit it."""

    happening_now = choice(YesNo, required=True)
    incident_type = choice(IncidentType, required=True)
    involvement = choice(Involvement, required=True)
    occurred_on = fields.Date(required=True)
    occurred_time = text(5)
    location_road = text(150, required=True, validate=validate.Length(min=1, max=150))
    location_town = text(100, required=True, validate=validate.Length(min=1, max=100))
    postcode = text(10)
    location_description = text(700)
    vehicles = fields.List(fields.Nested(VehicleSchema), required=True, validate=validate.Length(min=1, max=MAX_VEHICLES))
    own_vehicle = text(32)
    injury_severity = choice(InjurySeverity, required=True)
    injury_details = text(5000)
    details_exchanged = choice(DetailsExchanged)
    other_insurance = text(500)
    has_footage = choice(YesNo, required=True)
    footage_source = fields.List(choice(FootageSource), load_default=list)
    footage_description = text(2000)
    footage_length = text(50)
    account = fields.String(required=True, validate=validate.Length(min=1, max=20_000))

    def __init__(self, *, today: date | None = None, now: datetime | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._today = today
        self._now = now

    @validates_schema
    def check_report(self, data: dict[str, Any], **_: Any) -> None:
        today = self._today or uk_today()
        errors: dict[str, list[str]] = {}
        if data.get("happening_now") == YesNo.YES:
            errors["happening_now"] = ["If anyone needs an ambulance, the road is blocked or it is happening now, call 999"]
        self._check_when(data, today, errors)
        if data.get("postcode") and not is_uk_postcode(data["postcode"]):
            errors["postcode"] = ["Enter a real postcode"]
        vehicles = data.get("vehicles") or []
        problem = check_vehicle_list(vehicles)
        if problem:
            errors["vehicles"] = [problem]
        if data.get("involvement") in HAS_OWN_VEHICLE:
            allowed = vehicle_keys(vehicles)
            if data.get("involvement") == Involvement.ORGANISATION:
                allowed.append(NO_OWN_VEHICLE)
            if data.get("own_vehicle") not in allowed:
                errors["own_vehicle"] = ["Select which of the vehicles was yours"]
        if data.get("injury_severity") not in (None, InjurySeverity.NONE) and not data.get("injury_details"):
            errors["injury_details"] = ["Describe the injuries"]
        if data.get("incident_type") in COLLISIONS and not data.get("details_exchanged"):
            errors["details_exchanged"] = ["Select whether details were exchanged at the scene"]
        if data.get("has_footage") == YesNo.YES:
            for name, message in (
                ("footage_source", "Select what recorded the footage"),
                ("footage_description", "Describe what the footage shows"),
                ("footage_length", "Enter how long the footage is"),
            ):
                if not data.get(name):
                    errors[name] = [message]
        if not data.get("full_name"):
            errors["full_name"] = ["Enter your full name"]
        if data.get("involvement") == Involvement.ORGANISATION and not data.get("organisation_name"):
            errors["organisation_name"] = ["Enter the name of the organisation"]
        if not data.get("email") and not data.get("phone"):
            errors["email"] = ["Enter an email address or a phone number"]
        if errors:
            raise ValidationError(errors)
        self.check_reporter(data, today)

    def _check_when(self, data: dict[str, Any], today: date, errors: dict[str, list[str]]) -> None:
        occurred = data.get("occurred_on")
        if occurred is None:
            return
        if occurred > today:
            errors["occurred_on"] = ["The date it happened must be today or in the past"]
            return
        if not data.get("occurred_time"):
            return
        at = parse_time(data["occurred_time"])
        if at is None:
            errors["occurred_time"] = ["Enter a real time, like 14:30"]
            return
        now = self._now or datetime.now(UK_TIME)
        if occurred == now.date() and at > now.time():
            errors["occurred_time"] = ["The time it happened must be in the past"]


def category_code(data: Mapping[str, Any]) -> str:
    """The platform category; a collision where a driver refused details or drove off is a failure to stop."""
    incident = IncidentType(data["incident_type"])
    if incident == IncidentType.COLLISION and data.get("details_exchanged") == DetailsExchanged.REFUSED:
        incident = IncidentType.FAIL_TO_STOP
    return CATEGORY_CODES[incident]


def _occurred(data: Mapping[str, Any]) -> dict[str, Any]:
    day: date = data["occurred_on"]
    at = parse_time(data.get("occurred_time"))
    if at is not None:
        return {"from": local_iso(day, at), "approximate": False}
    return {"from": local_iso(day, time(0, 0)), "to": local_iso(day, time(23, 59, 59)), "approximate": True}


def _location(data: Mapping[str, Any]) -> dict[str, Any]:
    # Road 150 + town 100 + description 700, with separators, stays within the contract's 1,000.
    place = f"{data['location_road']}, {data['location_town']}"
    if data.get("location_description"):
        place = f"{place}: {data['location_description']}"
    location: dict[str, Any] = {"description": place[:1000]}
    if data.get("postcode"):
        location["postcode"] = normalise_postcode(data["postcode"])
    return location


def build_road_traffic_payload(data: dict[str, Any], context: PayloadContext) -> dict[str, Any]:
    """The national platform's Submission document for a road traffic incident."""
    return submission(
        context,
        service=SLUG,
        kind=ServiceKind.INCIDENT,
        reporter=reporter_payload(data, REPORTER_ROLES[Involvement(data["involvement"])]),
        summary=data["account"],
        category=category_code(data),
        occurred=_occurred(data),
        location=_location(data),
        flags=report_flags(data, context),
    )


ROAD_TRAFFIC_JOURNEY = Journey(
    slug=SLUG,
    kind=ServiceKind.INCIDENT,
    pages=PAGES,
    schema=RoadTrafficIncidentSchema,
    build_payload=build_road_traffic_payload,
    exits=(Exit(page="happening-now", when=answer_is("happening_now", YesNo.YES), to="call-999"),),
)
