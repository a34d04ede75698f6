"""Report anti-social behaviour: the pages, the routing between them, and the canonical payload."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time, timedelta
from typing import Any

from marshmallow import ValidationError, fields, post_load, validate, validates_schema

from services.enums import (
    HostilityMotivation,
    ReporterRole,
    RiskFactor,
    ServiceKind,
    SuspectKnowledge,
    YesNo,
    YesNoUnknown,
)
from services.enums.asb import AffectedParty, AsbBehaviour, AsbFrequency, AsbImpact, AsbTarget, AsbType
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

SLUG = "report-anti-social-behaviour"
EARLIEST_YEARS = 100


def _personal(data: Mapping[str, Any]) -> bool:
    return data.get("asb_type") == AsbType.PERSONAL


def _aimed_at_reporter(data: Mapping[str, Any]) -> bool:
    return _personal(data) and data.get("asb_target") == AsbTarget.YOU


PAGES = (
    Page("happening-now"),
    Page("asb-type"),
    Page("aimed-at", applies=_personal),
    # Hostility turns personal anti-social behaviour into a hate incident.
    Page("hostility", applies=_personal),
    Page("behaviour"),
    Page("description"),
    Page("still-happening"),
    Page("how-often"),
    Page("when-once", applies=answer_is("frequency", AsbFrequency.ONCE)),
    Page("when-started", applies=lambda d: d.get("frequency") not in (None, AsbFrequency.ONCE)),
    Page("where"),
    Page("who-affected"),
    Page("impact"),
    Page("responsible"),
    Page("responsible-details", applies=answer_is("responsible_known", SuspectKnowledge.KNOWN, SuspectKnowledge.CAN_DESCRIBE)),
    Page("reported-before"),
    Page("evidence"),
    Page("risk", applies=_personal),
    # The person it is aimed at is the victim: only they are asked their date of birth.
    Page("your-details", applies=_aimed_at_reporter),
    Page("your-name", applies=lambda d: not _aimed_at_reporter(d)),
    Page("address"),
    Page("contact"),
    Page("contact-preference"),
    Page("support-needs"),
)


class AsbReportSchema(ReporterFields):
    """The whole report, as the web journey and the intake API both submit it."""

    happening_now = choice(YesNo, required=True)
    asb_type = choice(AsbType, required=True)
    asb_target = choice(AsbTarget)
    hostility = fields.List(choice(HostilityMotivation), load_default=list)
    behaviours = fields.List(choice(AsbBehaviour), required=True, validate=validate.Length(min=1))
    behaviour_other = text(500)
    description = fields.String(required=True, validate=validate.Length(min=1, max=20_000))
    ongoing = choice(YesNoUnknown, required=True)
    frequency = choice(AsbFrequency, required=True)
    occurred_on = fields.Date()
    occurred_time = text(5)
    started_on = fields.Date()
    last_occurred_on = fields.Date()
    postcode = text(10)
    location_description = text(1000)
    affected = fields.List(choice(AffectedParty), required=True, validate=validate.Length(min=1))
    impact = fields.List(choice(AsbImpact), load_default=list)
    impact_details = text(5000)
    responsible_known = choice(SuspectKnowledge, required=True)
    responsible_name = text(500)
    responsible_description = text(5000)
    reported_before = choice(YesNo, required=True)
    previous_reference = text(64)
    risk_factors = fields.List(choice(RiskFactor), load_default=list)

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
            errors["happening_now"] = ["If it is happening now and anyone is in danger, call 999"]
        if data.get("asb_type") == AsbType.PERSONAL and not data.get("asb_target"):
            errors["asb_target"] = ["Select who it is aimed at"]
        if AsbBehaviour.OTHER in (data.get("behaviours") or ()) and not data.get("behaviour_other"):
            errors["behaviour_other"] = ["Describe what else is happening"]
        errors.update(_date_errors(data, today))
        if not data.get("postcode") and not data.get("location_description"):
            errors["postcode"] = ["Enter a postcode or describe where it is happening"]
        elif data.get("postcode") and not is_uk_postcode(data["postcode"]):
            errors["postcode"] = ["Enter a real postcode"]
        if data.get("responsible_known") in (SuspectKnowledge.KNOWN, SuspectKnowledge.CAN_DESCRIBE):
            if not data.get("responsible_name") and not data.get("responsible_description"):
                errors["responsible_name"] = ["Enter their names or where they live, or describe them"]
        if not data.get("full_name"):
            errors["full_name"] = ["Enter your full name"]
        if not data.get("email") and not data.get("phone"):
            errors["email"] = ["Enter an email address or a phone number"]
        if errors:
            raise ValidationError(errors)
        self.check_reporter(data, today)

    @post_load
    def mark_repeat_targeting(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        """Personal anti-social behaviour that keeps happening, or was reported before, is repeat
        victimisation: say so in the risk factors, so that it is flagged like any other risk."""
        repeated = data.get("frequency") != AsbFrequency.ONCE or data.get("reported_before") == YesNo.YES
        if data.get("asb_type") == AsbType.PERSONAL and repeated:
            factors = list(data.get("risk_factors") or [])
            if RiskFactor.REPEAT_VICTIM not in factors:
                factors.append(RiskFactor.REPEAT_VICTIM.value)
            data["risk_factors"] = factors
        return data


def _date_errors(data: Mapping[str, Any], today: date) -> dict[str, list[str]]:
    earliest = today - timedelta(days=365 * EARLIEST_YEARS)
    errors: dict[str, list[str]] = {}
    if data.get("frequency") == AsbFrequency.ONCE:
        occurred = data.get("occurred_on")
        if occurred is None:
            errors["occurred_on"] = ["Enter the date it happened"]
        elif not earliest <= occurred <= today:
            errors["occurred_on"] = ["The date it happened must be a real date, today or in the past"]
        if data.get("occurred_time") and parse_time(data["occurred_time"]) is None:
            errors["occurred_time"] = ["Enter a real time, like 14:30"]
    elif data.get("frequency") is not None:
        start, last = data.get("started_on"), data.get("last_occurred_on")
        if start is None:
            errors["started_on"] = ["Enter the date it started"]
        elif not earliest <= start <= today:
            errors["started_on"] = ["The date it started must be a real date, today or in the past"]
        if last is None:
            errors["last_occurred_on"] = ["Enter the date it last happened"]
        elif not earliest <= last <= today:
            errors["last_occurred_on"] = ["The date it last happened must be a real date, today or in the past"]
        elif start is not None and last < start:
            errors["last_occurred_on"] = ["The date it last happened must be the same as or after the date it started"]
    return errors


def _occurred(data: Mapping[str, Any]) -> dict[str, Any]:
    if data["frequency"] == AsbFrequency.ONCE:
        day: date = data["occurred_on"]
        at = parse_time(data.get("occurred_time"))
        if at is not None:
            return {"from": local_iso(day, at), "approximate": False}
        return {"from": local_iso(day, time(0, 0)), "to": local_iso(day, time(23, 59, 59)), "approximate": True}
    return {
        "from": local_iso(data["started_on"], time(0, 0)),
        "to": local_iso(data["last_occurred_on"], time(23, 59, 59)),
        "approximate": True,
    }


def reporter_role(data: Mapping[str, Any]) -> ReporterRole:
    """The victim when personal anti-social behaviour is aimed at them; otherwise a witness."""
    return ReporterRole.VICTIM if _aimed_at_reporter(data) else ReporterRole.WITNESS


def build_asb_payload(data: dict[str, Any], context: PayloadContext) -> dict[str, Any]:
    """The national platform's Submission document for an anti-social behaviour report."""
    return submission(
        context,
        service=SLUG,
        kind=ServiceKind.INCIDENT,
        reporter=reporter_payload(data, reporter_role(data)),
        summary=data["description"],
        category=f"asb-{data['asb_type']}",
        occurred=_occurred(data),
        location=place_location(data),
        flags=report_flags(data, context),
    )


ASB_JOURNEY = Journey(
    slug=SLUG,
    kind=ServiceKind.INCIDENT,
    pages=PAGES,
    schema=AsbReportSchema,
    build_payload=build_asb_payload,
    exits=(Exit(page="happening-now", when=answer_is("happening_now", YesNo.YES), to="call-999"),),
)
