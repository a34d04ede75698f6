"""Apply for a firearm or shotgun certificate: the pages, the routing, the address-history rule,
the schema every channel is checked with, and the payload for the national platform."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.enums import ReporterRole, ServiceKind, YesNo
from services.enums.firearms import (
    ApplicationType,
    CertificateType,
    FirearmReason,
    HistoryProblem,
    MedicalCondition,
    StorageType,
)
from services.journeys import Exit, Journey, Page, PayloadContext, answer_is
from services.journeys.common import (
    ReporterFields,
    age_on,
    choice,
    is_phone_number,
    is_uk_postcode,
    normalise_postcode,
    reporter_payload,
    text,
)
from services.journeys.payloads import submission, vulnerability_only

SLUG = "apply-for-a-firearm-or-shotgun-certificate"
HISTORY_YEARS = 5
# People move: a gap of up to a month between leaving one address and moving in to the next
# is allowed (out on 1 March and in on 1 April is 31 days, and fine).
ALLOWED_GAP = timedelta(days=31)
ADULT_AGE = 18
WANTS_FIREARM = (CertificateType.FIREARM, CertificateType.BOTH)
WANTS_SHOTGUN = (CertificateType.SHOTGUN, CertificateType.BOTH)


def five_years_before(today: date) -> date:
    """The same day five years earlier (28 February for 29 February)."""
    try:
        return today.replace(year=today.year - HISTORY_YEARS)
    except ValueError:
        return today.replace(year=today.year - HISTORY_YEARS, day=28)


@dataclass(frozen=True)
class HistoryFinding:
    """The first thing wrong with an address history.

    `index` is the previous address concerned (None means the current address): for a gap,
    the one moved out of when the gap starts; when the history is too short, the one that
    reaches furthest back. `start` and `end` are the period nobody has accounted for.
    """

    problem: HistoryProblem
    index: int | None = None
    start: date | None = None
    end: date | None = None


def check_address_history(
    current_moved_in: date, previous: Sequence[tuple[date, date]], today: date
) -> HistoryFinding | None:
    """Whether the current address and the (moved in, moved out) periods of the previous ones
    account for the last five years, with no gap longer than ALLOWED_GAP.

    Overlaps are fine (people keep one home while moving to the next) and the order the
    addresses are given in does not matter.
    """
    if current_moved_in > today:
        return HistoryFinding(HistoryProblem.FUTURE_DATE)
    for index, (moved_in, moved_out) in enumerate(previous):
        if moved_in > today or moved_out > today:
            return HistoryFinding(HistoryProblem.FUTURE_DATE, index)
        if moved_out <= moved_in:
            return HistoryFinding(HistoryProblem.MOVED_OUT_BEFORE_IN, index)
    start = five_years_before(today)
    # Walk back from today: `reached` is the earliest day accounted for without a long gap.
    reached, reached_by = current_moved_in, None
    unused = set(range(len(previous)))
    while reached > start:
        bridging = [i for i in unused if previous[i][0] < reached and reached - previous[i][1] <= ALLOWED_GAP]
        if not bridging:
            break
        furthest = min(bridging, key=lambda i: previous[i][0])
        reached, reached_by = previous[furthest][0], furthest
        unused -= set(bridging)
    if reached <= start:
        return None
    before = [i for i in unused if start <= previous[i][1] < reached]
    if before:
        latest = max(before, key=lambda i: previous[i][1])
        return HistoryFinding(HistoryProblem.GAP, latest, previous[latest][1], reached)
    return HistoryFinding(HistoryProblem.TOO_SHORT, reached_by, start, reached)


def _moved_in_recently(data: Mapping[str, Any]) -> bool:
    moved_in = data.get("moved_in")
    return isinstance(moved_in, str) and date.fromisoformat(moved_in) > five_years_before(date.today())


def _reason_given(*reasons: FirearmReason) -> Any:
    return lambda data: any(item.get("reason") in reasons for item in data.get("firearms") or ())


PAGES = (
    Page("certificate-type"),
    Page("application-type"),
    Page("personal-details"),
    Page("home-address"),
    Page("previous-addresses", applies=_moved_in_recently),
    Page("gp-consent"),
    Page("gp-details"),
    Page("medical-conditions"),
    Page("medical-details", applies=lambda d: bool(d.get("medical_conditions"))),
    Page("convictions"),
    Page("first-referee"),
    Page("second-referee"),
    Page("firearms", applies=answer_is("certificate_type", *WANTS_FIREARM)),
    Page("target-club", applies=_reason_given(FirearmReason.TARGET_SHOOTING)),
    Page("shooting-land", applies=_reason_given(FirearmReason.DEER_STALKING, FirearmReason.PEST_CONTROL)),
    Page("other-reasons", applies=_reason_given(FirearmReason.COLLECTING, FirearmReason.OTHER)),
    Page("shotgun-use", applies=answer_is("certificate_type", *WANTS_SHOTGUN)),
    Page("storage-address"),
    Page("storage"),
    Page("contact"),
    Page("contact-preference"),
)


def _required_text(max_length: int) -> fields.String:
    return fields.String(required=True, validate=validate.Length(min=1, max=max_length))


class PreviousAddress(Schema):
    line_1 = _required_text(200)
    line_2 = text(200)
    town = _required_text(100)
    postcode = text(10)
    moved_in = fields.Date(required=True)
    moved_out = fields.Date(required=True)


class Referee(Schema):
    name = _required_text(200)
    occupation = _required_text(100)
    address_line_1 = _required_text(200)
    address_line_2 = text(200)
    town = _required_text(100)
    postcode = _required_text(10)
    phone = _required_text(30)
    email = fields.Email(required=True, validate=validate.Length(max=254))
    years_known = fields.Integer(required=True, validate=validate.Range(min=2, max=99))
    confirmed = fields.Boolean(required=True, validate=validate.Equal(True))


class Firearm(Schema):
    description = _required_text(200)
    calibre = _required_text(50)
    reason = choice(FirearmReason, required=True)


class FirearmsApplicationSchema(ReporterFields):
    """The whole application, as the web journey and the intake API both submit it."""

    certificate_type = choice(CertificateType, required=True)
    application_type = choice(ApplicationType, required=True)
    current_certificate_number = text(50)
    previous_names = text(500)
    date_of_birth = fields.Date(required=True)
    place_of_birth = _required_text(100)
    nationality = _required_text(100)
    moved_in = fields.Date(required=True)
    previous_addresses = fields.List(fields.Nested(PreviousAddress), validate=validate.Length(max=20), load_default=list)
    gp_consent = choice(YesNo, required=True)
    gp_practice_name = _required_text(200)
    gp_address_line_1 = _required_text(200)
    gp_address_line_2 = text(200)
    gp_town = _required_text(100)
    gp_postcode = _required_text(10)
    gp_phone = _required_text(30)
    medical_conditions = fields.List(choice(MedicalCondition), load_default=list)
    medical_details = text(5000)
    convicted = choice(YesNo, required=True)
    conviction_details = text(5000)
    first_referee = fields.Nested(Referee, required=True)
    second_referee = fields.Nested(Referee, required=True)
    firearms = fields.List(fields.Nested(Firearm), validate=validate.Length(max=20), load_default=list)
    target_club = text(200)
    shooting_land = text(5000)
    other_reasons = text(5000)
    shotgun_use = text(2000)
    stored_at_home = choice(YesNo, required=True)
    storage_address = text(500)
    storage_type = choice(StorageType, required=True)
    storage_description = _required_text(2000)

    def __init__(self, *, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._today = today

    @validates_schema
    def check_application(self, data: dict[str, Any], **_: Any) -> None:
        today = self._today or date.today()
        errors: dict[str, list[str]] = {}
        wants_firearm = data.get("certificate_type") in WANTS_FIREARM
        if data.get("application_type") == ApplicationType.RENEWAL and not data.get("current_certificate_number"):
            errors["current_certificate_number"] = ["Enter your current certificate number"]
        born = data.get("date_of_birth")
        if wants_firearm and data.get("application_type") == ApplicationType.GRANT and born and age_on(born, today) < ADULT_AGE:
            errors["date_of_birth"] = ["You must be 18 or over to apply for a new firearm certificate"]
        for name in ("full_name", "address_line_1", "address_town", "address_postcode"):
            if not data.get(name):
                errors[name] = ["This is required"]
        if data.get("moved_in"):
            periods = [(item["moved_in"], item["moved_out"]) for item in data.get("previous_addresses", [])]
            finding = check_address_history(data["moved_in"], periods, today)
            if finding is not None:
                errors["previous_addresses"] = [f"The addresses do not account for the last 5 years: {finding.problem}"]
        for item in data.get("previous_addresses", []):
            if item.get("postcode") and not is_uk_postcode(item["postcode"]):
                errors["previous_addresses"] = ["Enter a real postcode"]
        if data.get("gp_consent") != YesNo.YES:
            errors["gp_consent"] = ["We cannot consider an application without permission to contact the doctor"]
        if not is_uk_postcode(data.get("gp_postcode", "")):
            errors["gp_postcode"] = ["Enter a real postcode"]
        if not is_phone_number(data.get("gp_phone", "")):
            errors["gp_phone"] = ["Enter a phone number"]
        if data.get("medical_conditions") and not data.get("medical_details"):
            errors["medical_details"] = ["Enter details of your conditions"]
        if data.get("convicted") == YesNo.YES and not data.get("conviction_details"):
            errors["conviction_details"] = ["Enter details of your convictions or cautions"]
        errors.update(_referee_errors(data))
        errors.update(_reason_errors(data))
        if data.get("stored_at_home") == YesNo.NO and not data.get("storage_address"):
            errors["storage_address"] = ["Enter the address where they will be kept"]
        if not data.get("email") and not data.get("phone"):
            errors["email"] = ["Enter an email address or a phone number"]
        if errors:
            raise ValidationError(errors)
        self.check_reporter(data, today)


def _referee_errors(data: Mapping[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for key in ("first_referee", "second_referee"):
        referee = data.get(key) or {}
        if referee and not (is_uk_postcode(referee.get("postcode", "")) and is_phone_number(referee.get("phone", ""))):
            errors[key] = ["Enter a real postcode and phone number for the referee"]
    first, second = data.get("first_referee") or {}, data.get("second_referee") or {}
    if first and second and " ".join(first["name"].casefold().split()) == " ".join(second["name"].casefold().split()):
        errors["second_referee"] = ["The second referee must be a different person from the first"]
    return errors


def _reason_errors(data: Mapping[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    reasons = {item["reason"] for item in data.get("firearms", [])}
    if data.get("certificate_type") in WANTS_FIREARM and not data.get("firearms"):
        errors["firearms"] = ["Add at least one firearm"]
    if FirearmReason.TARGET_SHOOTING in reasons and not data.get("target_club"):
        errors["target_club"] = ["Enter the name of your club"]
    if reasons & {FirearmReason.DEER_STALKING, FirearmReason.PEST_CONTROL} and not data.get("shooting_land"):
        errors["shooting_land"] = ["Enter where you have permission to shoot"]
    if reasons & {FirearmReason.COLLECTING, FirearmReason.OTHER} and not data.get("other_reasons"):
        errors["other_reasons"] = ["Enter why you need these firearms"]
    if data.get("certificate_type") in WANTS_SHOTGUN and not data.get("shotgun_use"):
        errors["shotgun_use"] = ["Enter how you will use your shotguns"]
    return errors


# The platform's summary is for the force's licensing team, in English whatever the person used.
_CERTIFICATES = {
    CertificateType.FIREARM: "a firearm certificate",
    CertificateType.SHOTGUN: "a shotgun certificate",
    CertificateType.BOTH: "a firearm certificate and a shotgun certificate, to expire together (coterminous)",
}
_REASONS = {
    FirearmReason.TARGET_SHOOTING: "target shooting",
    FirearmReason.DEER_STALKING: "deer stalking",
    FirearmReason.PEST_CONTROL: "pest or vermin control",
    FirearmReason.COLLECTING: "collecting",
    FirearmReason.OTHER: "another reason",
}


def application_summary(data: Mapping[str, Any]) -> str:
    """What the application is for and why: grant or renewal, which certificates, the reasons."""
    kind = "Grant" if data["application_type"] == ApplicationType.GRANT else "Renewal"
    lines = [f"{kind} of {_CERTIFICATES[CertificateType(data['certificate_type'])]}."]
    if data.get("current_certificate_number"):
        lines.append(f"Current certificate number: {data['current_certificate_number']}.")
    if data.get("firearms"):
        lines.append("Firearms and the reason for each:")
        lines.extend(
            f"- {item['description']}, {item['calibre']}: {_REASONS[FirearmReason(item['reason'])]}" for item in data["firearms"]
        )
    if data.get("target_club"):
        lines.append(f"Target shooting club: {data['target_club']}.")
    if data.get("shooting_land"):
        lines.append(f"Land with permission to shoot: {data['shooting_land']}")
    if data.get("other_reasons"):
        lines.append(f"Other reasons: {data['other_reasons']}")
    if data.get("shotgun_use"):
        lines.append(f"Shotgun use: {data['shotgun_use']}")
    return "\n".join(lines)[:20_000]


def _location(data: Mapping[str, Any]) -> dict[str, Any]:
    """Where the guns will be kept: where the force will visit and inspect the storage."""
    if data["stored_at_home"] == YesNo.YES:
        return {
            "postcode": normalise_postcode(data["address_postcode"]),
            "description": "The applicant's home address, where the guns and ammunition will be kept",
        }
    return {"description": f"Guns and ammunition to be kept at: {data['storage_address']}"[:1000]}


def build_firearms_payload(data: dict[str, Any], context: PayloadContext) -> dict[str, Any]:
    """The national platform's Submission document for a certificate application."""
    return submission(
        context,
        service=SLUG,
        kind=ServiceKind.APPLICATION,
        reporter=reporter_payload(data, ReporterRole.APPLICANT),
        summary=application_summary(data),
        category=f"firearms_{data['certificate_type']}_{data['application_type']}",
        location=_location(data),
        flags=vulnerability_only(data, context),
    )


FIREARMS_JOURNEY = Journey(
    slug=SLUG,
    kind=ServiceKind.APPLICATION,
    pages=PAGES,
    schema=FirearmsApplicationSchema,
    build_payload=build_firearms_payload,
    exits=(Exit(page="gp-consent", when=answer_is("gp_consent", YesNo.NO), to="doctor-permission-needed"),),
)
