"""Report a road traffic incident: one WTForms class per question page, keyed by the journey's page ids."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from forms.base import QuestionPage, SummaryRow
from forms.evidence import EvidencePage
from forms.fields import (
    GovCharacterCountField,
    GovCheckboxesField,
    GovDateField,
    GovRadioField,
    GovStringField,
    GovTextAreaField,
)
from forms.people import (
    YES_NO,
    AddressPage,
    ContactPage,
    ContactPreferencePage,
    NamePage,
    OrganisationPage,
    SupportNeedsPage,
    VictimDetailsPage,
)
from forms.road_traffic_fields import HintedRadioField, StyledStringField, StyledTextAreaField
from forms.road_traffic_vehicles import TEMPLATE_DIR, VehiclesPage, YourVehiclePage
from forms.validators import DateChecks, MaxLength, Optional, Required, TimeOfDay, UkPostcode
from services.enums.road_traffic import DetailsExchanged, FootageSource, IncidentType, InjurySeverity, Involvement

UK_TIME = ZoneInfo("Europe/London")


def uk_now() -> datetime:
    """The time now where the incident happened (a separate function so tests can fix the clock)."""
    return datetime.now(UK_TIME)


class RoadTrafficPage(QuestionPage):
    """A question page that may also show inset text, a warning and paragraphs under its heading
    (only on pages whose heading is a title, not a lone question)."""

    template = f"{TEMPLATE_DIR}/question.html"
    # Set per instance where it depends on earlier answers (see WhenPage).
    inset: Any = None
    warning: Any = None
    paragraphs: tuple[Any, ...] = ()


class HappeningNowPage(QuestionPage):
    happening_now = GovRadioField(
        _l("Is anyone hurt and in need of an ambulance, is a vehicle blocking the road, or is it happening now?"),
        description=_l(
            "For example, a collision has just happened and someone is hurt, a vehicle or debris is blocking the road, "
            "or someone who may be drunk or on drugs is driving now."
        ),
        choices=YES_NO,
        validators=[Required(_l("Select yes if anyone needs an ambulance, a vehicle is blocking the road, or it is happening now"))],
        is_page_heading=True,
    )


class IncidentTypePage(QuestionPage):
    incident_type = HintedRadioField(
        _l("What are you reporting?"),
        choices=[
            (IncidentType.COLLISION.value, _l("A collision")),
            (IncidentType.DANGEROUS_DRIVING.value, _l("Dangerous or careless driving, where there was no collision")),
            (IncidentType.FAIL_TO_STOP.value, _l("A collision where a driver did not stop")),
        ],
        hints={
            IncidentType.COLLISION.value: _l("Vehicles hitting each other, or a vehicle hitting a person, an animal or property"),
            IncidentType.DANGEROUS_DRIVING.value: _l("For example, something you saw or recorded on a dashcam"),
            IncidentType.FAIL_TO_STOP.value: _l("Or they stopped but would not give their name, address or insurance details"),
        },
        validators=[Required(_l("Select what you are reporting"))],
        is_page_heading=True,
    )


class InvolvementPage(QuestionPage):
    involvement = HintedRadioField(
        _l("How were you involved?"),
        choices=[
            (Involvement.DRIVER.value, _l("I was driving or riding a vehicle involved")),
            (Involvement.PASSENGER.value, _l("I was a passenger in a vehicle involved")),
            (Involvement.KEEPER.value, _l("My vehicle was hit while nobody was in it")),
            (Involvement.RIDER.value, _l("I was on a bicycle, e-scooter or horse")),
            (Involvement.PEDESTRIAN.value, _l("I was on foot")),
            (Involvement.WITNESS.value, _l("I saw it happen but was not involved (a witness)")),
            (Involvement.ORGANISATION.value, _l("I am reporting for a business or organisation")),
        ],
        hints={
            Involvement.DRIVER.value: _l("For example, a car, van, lorry, bus, motorbike or moped"),
            Involvement.KEEPER.value: _l("For example, while it was parked"),
            Involvement.PEDESTRIAN.value: _l("Including in a wheelchair or on a mobility scooter"),
            Involvement.ORGANISATION.value: _l("For example, about a vehicle in your fleet or damage to your property"),
        },
        validators=[Required(_l("Select how you were involved"))],
        is_page_heading=True,
    )


NIP_INSET = _l(
    "If there was no collision, the driver can usually only be prosecuted if the police warn the vehicle’s "
    "registered keeper within 14 days. Please report dangerous or careless driving within 7 days, so there is "
    "time to look at the evidence and trace the keeper."
)


class WhenPage(RoadTrafficPage):
    title = _l("When did the incident happen?")
    occurred_on = GovDateField(
        _l("Date it happened"),
        description=_l("For example, 27 3 2026"),
        validators=[DateChecks(required=_l("Enter the date it happened"), name=_l("The date it happened"), earliest_years=100)],
    )
    occurred_time = StyledStringField(
        _l("Time it happened (optional)"),
        description=_l("Use the 24-hour clock, for example 14:30. Leave it blank if you do not know."),
        validators=[Optional(), TimeOfDay()],
        classes="govuk-input--width-5",
        render_kw={"inputmode": "numeric"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The 14-day notice matters only where nothing was hit; say so before the date is given.
        if self.prior.get("incident_type") == IncidentType.DANGEROUS_DRIVING.value:
            self.inset = NIP_INSET

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        if valid and self.occurred_time.data:
            now = uk_now()
            if self.occurred_on.data == now.date() and self.occurred_time.data > now.strftime("%H:%M"):
                self.occurred_time.errors = [str(_l("The time it happened must be in the past"))]
                return False
        return valid


class ReportingLatePage(RoadTrafficPage):
    """Shown, with no question, when dangerous driving is reported more than 7 days after it happened."""

    title = _l("You are reporting this more than 7 days after it happened")
    warning = _l("We may not be able to prosecute the driver for this.")
    paragraphs = (
        _l(
            "Where there was no collision, the police must usually warn the vehicle’s registered keeper within 14 days "
            "that the driver may be prosecuted. This warning is called a notice of intended prosecution. When a report "
            "reaches us late, there may not be time to look at the evidence, trace the keeper and send the notice."
        ),
        _l(
            "You can still report it. We will record what happened, and it helps us if the same driver or vehicle "
            "is reported again, or to decide where to patrol."
        ),
    )


class WherePage(RoadTrafficPage):
    title = _l("Where did the incident happen?")
    location_road = GovStringField(
        _l("Road name"),
        description=_l("For example, Bristol Road, or the M6 between junctions 6 and 7"),
        validators=[Required(_l("Enter the name of the road")), MaxLength(150, _l("Road name must be 150 characters or fewer"))],
    )
    location_town = StyledStringField(
        _l("Nearest town or city"),
        validators=[
            Required(_l("Enter the nearest town or city")),
            MaxLength(100, _l("Nearest town or city must be 100 characters or fewer")),
        ],
        classes="govuk-!-width-two-thirds",
    )
    postcode = StyledStringField(
        _l("Postcode of the place (optional)"),
        validators=[Optional(), UkPostcode()],
        classes="govuk-input--width-10",
    )
    location_description = GovTextAreaField(
        _l("Describe the exact place (optional)"),
        description=_l("For example, at the junction with Pershore Road, outside number 12, or in a shop’s car park"),
        validators=[Optional(), MaxLength(700, _l("Description of the place must be 700 characters or fewer"))],
    )


class InjuriesPage(QuestionPage):
    injury_severity = HintedRadioField(
        _l("Was anyone hurt?"),
        choices=[
            (InjurySeverity.NONE.value, _l("No, nobody was hurt")),
            (InjurySeverity.MINOR.value, _l("Yes, minor injuries")),
            (InjurySeverity.HOSPITAL.value, _l("Yes, someone was treated in hospital")),
            (InjurySeverity.SERIOUS.value, _l("Yes, someone was seriously hurt")),
        ],
        hints={
            InjurySeverity.MINOR.value: _l("For example, cuts, bruises or whiplash, not treated in hospital"),
            InjurySeverity.HOSPITAL.value: _l("For example, seen at A&E and then allowed home"),
            InjurySeverity.SERIOUS.value: _l("For example, broken bones, or kept in hospital"),
        },
        validators=[Required(_l("Select whether anyone was hurt"))],
        is_page_heading=True,
    )


class InjuryDetailsPage(QuestionPage):
    injury_details = GovTextAreaField(
        _l("Tell us about the injuries"),
        description=_l(
            "Include who was hurt (for example, you, a passenger or another driver), their injuries, "
            "and any treatment they had."
        ),
        validators=[
            Required(_l("Describe the injuries")),
            MaxLength(5000, _l("Description of the injuries must be 5,000 characters or fewer")),
        ],
        is_page_heading=True,
    )


class DetailsExchangedPage(RoadTrafficPage):
    title = _l("Exchanging details")
    lead = _l(
        "After a collision, each driver must stop and give their name and address, the vehicle owner’s name and "
        "address, and the vehicle’s registration number to anyone who has reason to ask for them."
    )
    inset = _l(
        "If you were driving and did not give your details to everyone who needed them, the law says you must "
        "also report the collision in person, at a police station or to a police officer, as soon as you can and "
        "within 24 hours."
    )
    reveals = {"details_exchanged": {DetailsExchanged.YES.value: "other_insurance"}}
    details_exchanged = GovRadioField(
        _l("Were details exchanged at the scene?"),
        choices=[
            (DetailsExchanged.YES.value, _l("Yes")),
            (DetailsExchanged.NO.value, _l("No")),
            (DetailsExchanged.REFUSED.value, _l("No, a driver would not give their details or drove off")),
            (DetailsExchanged.UNKNOWN.value, _l("I do not know")),
        ],
        validators=[Required(_l("Select whether details were exchanged at the scene"))],
    )
    other_insurance = StyledTextAreaField(
        _l("The other driver’s insurance details (optional)"),
        description=_l("For example, the name of their insurance company and their policy number"),
        validators=[Optional(), MaxLength(500, _l("Insurance details must be 500 characters or fewer"))],
        rows=3,
    )

    def cleaned(self) -> dict[str, Any]:
        # Insurance details typed under "Yes" and then left behind by another choice are not kept.
        data = super().cleaned()
        if data.get("details_exchanged") != DetailsExchanged.YES.value:
            data.pop("other_insurance", None)
        return data

    def summary(self, page_id: str) -> list[SummaryRow]:
        rows = super().summary(page_id)
        if self.details_exchanged.data != DetailsExchanged.YES.value:
            rows = [row for row in rows if row.question_id != f"{page_id}.other_insurance"]
        return rows


class FootagePage(QuestionPage):
    has_footage = GovRadioField(
        _l("Do you have any footage of what happened?"),
        description=_l("For example, from a dashcam, a helmet or bike camera, a mobile phone, or a doorbell or CCTV camera"),
        choices=YES_NO,
        validators=[Required(_l("Select yes if you have any footage of what happened"))],
        is_page_heading=True,
    )


class FootageDetailsPage(RoadTrafficPage):
    title = _l("About your footage")
    inset = _l(
        "Keep the original footage exactly as it was recorded. Do not edit, cut or add anything to it, and do not "
        "post it online, as this could stop it being used as evidence. We will contact you and tell you how to send "
        "it to us."
    )
    footage_source = GovCheckboxesField(
        _l("What recorded it?"),
        description=_l("Select all that apply."),
        choices=[
            (FootageSource.DASHCAM.value, _l("A dashcam")),
            (FootageSource.HELMET_CAMERA.value, _l("A helmet or bike camera")),
            (FootageSource.PHONE.value, _l("A mobile phone")),
            (FootageSource.CCTV.value, _l("A doorbell or CCTV camera")),
            (FootageSource.OTHER.value, _l("Something else")),
        ],
        validators=[Required(_l("Select what recorded the footage"))],
    )
    footage_description = GovTextAreaField(
        _l("What does the footage show?"),
        description=_l("For example, the collision itself, the other vehicle’s registration number, or the driving leading up to it"),
        validators=[
            Required(_l("Describe what the footage shows")),
            MaxLength(2000, _l("Description of the footage must be 2,000 characters or fewer")),
        ],
    )
    footage_length = StyledStringField(
        _l("How long is the footage?"),
        description=_l("For example, 40 seconds or 3 minutes"),
        validators=[
            Required(_l("Enter how long the footage is")),
            MaxLength(50, _l("How long the footage is must be 50 characters or fewer")),
        ],
        classes="govuk-input--width-20",
    )


class AccountPage(QuestionPage):
    account = GovCharacterCountField(
        _l("Describe what happened, in your own words"),
        description=_l(
            "Include which way each vehicle was going, what each driver did, the road, weather and light, "
            "and anything that was said."
        ),
        validators=[
            Required(_l("Describe what happened")),
            MaxLength(20_000, _l("What happened must be 20,000 characters or fewer")),
        ],
        max_length=20_000,
        is_page_heading=True,
    )


PAGE_FORMS: dict[str, type[QuestionPage]] = {
    "evidence": EvidencePage,
    "happening-now": HappeningNowPage,
    "incident-type": IncidentTypePage,
    "involvement": InvolvementPage,
    "when": WhenPage,
    "reporting-late": ReportingLatePage,
    "where": WherePage,
    "vehicles": VehiclesPage,
    "your-vehicle": YourVehiclePage,
    "injuries": InjuriesPage,
    "injury-details": InjuryDetailsPage,
    "details-exchanged": DetailsExchangedPage,
    "footage": FootagePage,
    "footage-details": FootageDetailsPage,
    "account": AccountPage,
    "your-details": VictimDetailsPage,
    "your-name": NamePage,
    "organisation-details": OrganisationPage,
    "address": AddressPage,
    "contact": ContactPage,
    "contact-preference": ContactPreferencePage,
    "support-needs": SupportNeedsPage,
}
