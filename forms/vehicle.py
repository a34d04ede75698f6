"""Report a stolen or an abandoned vehicle: one WTForms class per question page, keyed by page id."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from forms.base import QuestionPage
from forms.choices import ChoicePage, Revealed
from forms.common_pages import NONE_OF_THESE, PlacePage, place_field
from forms.fields import (
    GovCharacterCountField,
    GovCheckboxesField,
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
    SupportNeedsPage,
    VictimDetailsPage,
)
from forms.registration import REGISTRATION_FORMAT_MESSAGE, UkRegistration
from forms.validators import MaxLength, Optional, Required
from forms.vehicle_fields import YES_NO_UNKNOWN, text_field, vin_field
from forms.vehicle_stolen import (
    ContentsPage,
    FoundMissingPage,
    KeeperInsurancePage,
    KeysPage,
    LastSeenPage,
    StolenVehiclePage,
    TrackerPage,
    WhereStolenPage,
)
from services.enums import YesNo
from services.enums.vehicle import (
    AbandonedConcern,
    TimeThere,
    VehicleCondition,
    VehicleReport,
    VehicleType,
)


class HappeningNowPage(QuestionPage):
    happening_now = GovRadioField(
        _l("Is the vehicle being stolen right now, or is anyone in immediate danger?"),
        description=_l("For example, you can see someone taking it, or an abandoned vehicle is on fire or blocking a motorway."),
        choices=YES_NO,
        validators=[Required(_l("Select yes if the vehicle is being stolen right now or anyone is in immediate danger"))],
        is_page_heading=True,
    )


class ReportTypePage(ChoicePage):
    choice_hints = {
        "report_type": {
            VehicleReport.STOLEN.value: _l("A vehicle you own, keep or use has been taken without your permission"),
            VehicleReport.ABANDONED.value: _l(
                "A vehicle that seems to have been left, for example it has not moved for weeks, or it is damaged or burnt out"
            ),
        }
    }
    report_type = GovRadioField(
        _l("What do you want to report?"),
        choices=[
            (VehicleReport.STOLEN.value, _l("A stolen vehicle")),
            (VehicleReport.ABANDONED.value, _l("An abandoned vehicle")),
        ],
        validators=[Required(_l("Select what you want to report"))],
        is_page_heading=True,
    )


class AbandonedConcernPage(ChoicePage):
    choice_hints = {
        "abandoned_concerns": {
            AbandonedConcern.DANGER.value: _l(
                "For example, it is blocking a road, a junction, a driveway or a dropped kerb, or it is parked somewhere dangerous"
            ),
            AbandonedConcern.SUSPICIOUS.value: _l(
                "For example, it has been broken into, its number plates are missing or look false, or it was left after a crash"
            ),
        }
    }
    abandoned_concerns = GovCheckboxesField(
        _l("Is the vehicle causing a danger or an obstruction, or could it be linked to a crime?"),
        description=_l(
            "Councils deal with most abandoned vehicles. We deal with the ones that are dangerous, in the way, "
            "or may be stolen or linked to a crime. Select all that apply."
        ),
        choices=[
            (AbandonedConcern.DANGER.value, _l("It is causing a danger or an obstruction")),
            (AbandonedConcern.SUSPICIOUS.value, _l("It may be stolen or linked to a crime")),
            (NONE_OF_THESE, _l("No, neither of these")),
        ],
        validators=[Required(_l("Select if the vehicle is causing a danger or an obstruction, or could be linked to a crime, or select no"))],  # noqa: E501
        is_page_heading=True,
        exclusive_choice=NONE_OF_THESE,
        exclusive_message=_l("Select what is true about the vehicle, or select no, but not both"),
    )


class VehicleTypePage(ChoicePage):
    reveals = {"vehicle_type": {VehicleType.OTHER.value: "vehicle_type_other"}}
    vehicle_type = GovRadioField(
        _l("What type of vehicle is it?"),
        description=_l("To report a stolen bicycle or e-scooter, use Report a crime instead."),
        choices=[
            (VehicleType.CAR.value, _l("Car")),
            (VehicleType.VAN.value, _l("Van")),
            (VehicleType.MOTORCYCLE.value, _l("Motorbike, moped or scooter")),
            (VehicleType.LORRY.value, _l("Lorry, bus or coach")),
            (VehicleType.MOTORHOME.value, _l("Motorhome or campervan")),
            (VehicleType.CARAVAN.value, _l("Caravan or trailer")),
            (VehicleType.QUAD_BIKE.value, _l("Quad bike")),
            (VehicleType.OTHER.value, _l("Something else")),
        ],
        validators=[Required(_l("Select the type of vehicle"))],
        is_page_heading=True,
    )
    vehicle_type_other = GovStringField(
        _l("What type of vehicle?"),
        validators=[
            Revealed("vehicle_type", VehicleType.OTHER.value, _l("Enter the type of vehicle")),
            MaxLength(100, _l("Type of vehicle must be 100 characters or fewer")),
        ],
    )


class RegistrationPage(ChoicePage):
    reveals = {
        "registration_known": {YesNo.YES.value: "registration", YesNo.NO.value: "registration_unknown_reason"}
    }
    registration_known = GovRadioField(
        _l("Do you know the vehicle’s registration number?"),
        description=_l(
            "It is on the number plates. For your own vehicle, it is also on the vehicle log book (V5C) "
            "and your insurance documents."
        ),
        choices=YES_NO,
        validators=[Required(_l("Select yes if you know the registration number"))],
        is_page_heading=True,
    )
    registration = GovStringField(
        _l("Registration number"),
        description=_l("For example, AB12 CDE"),
        validators=[
            Revealed("registration_known", YesNo.YES.value, _l("Enter the registration number")),
            UkRegistration(REGISTRATION_FORMAT_MESSAGE, spaces_only=True),
        ],
        render_kw={
            "class": "govuk-input--width-10 govuk-input--extra-letter-spacing",
            "spellcheck": "false",
            "autocomplete": "off",
            "autocapitalize": "characters",
        },
    )
    registration_unknown_reason = GovTextAreaField(
        _l("Why do you not know it?"),
        description=_l("For example, the number plates have been removed, or you cannot see them"),
        validators=[
            Revealed("registration_known", YesNo.NO.value, _l("Tell us why you do not know the registration number")),
            MaxLength(500, _l("Why you do not know it must be 500 characters or fewer")),
        ],
    )


class AbandonedVehiclePage(QuestionPage):
    title = _l("About the abandoned vehicle")
    lead = _l("Tell us what you can see. If you do not know the make or model, leave them blank.")
    make = text_field(_l("Make (optional)"), too_long=_l("Make must be 100 characters or fewer"), hint=_l("For example, Ford"))
    model = text_field(_l("Model (optional)"), too_long=_l("Model must be 100 characters or fewer"), hint=_l("For example, Focus"))
    colour = text_field(
        _l("Colour"),
        required=_l("Enter the colour of the vehicle"),
        too_long=_l("Colour must be 100 characters or fewer"),
        hint=_l("For example, dark blue"),
    )
    vin = vin_field(_l("It is 17 letters and numbers long. You can often see it through the bottom of the windscreen."))


class AbandonedWherePage(PlacePage):
    title = _l("Where is the vehicle?")
    missing_message = _l("Enter a postcode or describe where the vehicle is")
    location_description = place_field(_l("For example, the street and the house it is outside, or a landmark"))


class HowLongPage(QuestionPage):
    time_there = GovRadioField(
        _l("How long has the vehicle been there?"),
        choices=[
            (TimeThere.LESS_THAN_A_WEEK.value, _l("Less than a week")),
            (TimeThere.ONE_TO_FOUR_WEEKS.value, _l("1 to 4 weeks")),
            (TimeThere.ONE_TO_THREE_MONTHS.value, _l("1 to 3 months")),
            (TimeThere.MORE_THAN_THREE_MONTHS.value, _l("More than 3 months")),
            (TimeThere.UNKNOWN.value, _l("I do not know")),
        ],
        validators=[Required(_l("Select how long the vehicle has been there"))],
        is_page_heading=True,
    )


class TaxedPage(QuestionPage):
    taxed = GovRadioField(
        _l("Is the vehicle taxed?"),
        description=_l("You can check on GOV.UK with the registration number, at www.gov.uk/check-vehicle-tax"),
        choices=YES_NO_UNKNOWN,
        validators=[Required(_l("Select yes if the vehicle is taxed"))],
        is_page_heading=True,
    )


class ConditionPage(QuestionPage):
    condition = GovCheckboxesField(
        _l("What condition is the vehicle in?"),
        description=_l("Select all that apply."),
        choices=[
            (VehicleCondition.BURNT_OUT.value, _l("Burnt out")),
            (VehicleCondition.DAMAGED.value, _l("Damaged or broken into, for example smashed windows")),
            (VehicleCondition.PLATES_MISSING.value, _l("Number plates missing")),
            (VehicleCondition.WHEELS.value, _l("Flat tyres, or wheels missing")),
            (VehicleCondition.DANGEROUS.value, _l("Dangerous, for example leaking fuel, broken glass or sharp edges")),
            (NONE_OF_THESE, _l("No, none of these")),
        ],
        validators=[Required(_l("Select what condition the vehicle is in, or select no"))],
        is_page_heading=True,
        exclusive_choice=NONE_OF_THESE,
        exclusive_message=_l("Select what condition the vehicle is in, or select no, but not both"),
    )


class DescriptionPage(QuestionPage):
    description = GovCharacterCountField(
        _l("Tell us anything else that could help (optional)"),
        description=_l(
            "For example, anyone you saw nearby, doorbell or security cameras that may have recorded it, "
            "or what a tracking company has told you."
        ),
        validators=[Optional(), MaxLength(20_000, _l("What you tell us must be 20,000 characters or fewer"))],
        max_length=20_000,
        is_page_heading=True,
    )


PAGE_FORMS: dict[str, type[QuestionPage]] = {
    "happening-now": HappeningNowPage,
    "report-type": ReportTypePage,
    "abandoned-concern": AbandonedConcernPage,
    "vehicle-type": VehicleTypePage,
    "registration": RegistrationPage,
    "stolen-vehicle": StolenVehiclePage,
    "abandoned-vehicle": AbandonedVehiclePage,
    "last-seen": LastSeenPage,
    "found-missing": FoundMissingPage,
    "where-stolen": WhereStolenPage,
    "keys": KeysPage,
    "keeper-insurance": KeeperInsurancePage,
    "tracker": TrackerPage,
    "contents": ContentsPage,
    "abandoned-where": AbandonedWherePage,
    "how-long": HowLongPage,
    "taxed": TaxedPage,
    "condition": ConditionPage,
    "description": DescriptionPage,
    "your-details": VictimDetailsPage,
    "your-name": NamePage,
    "address": AddressPage,
    "contact": ContactPage,
    "contact-preference": ContactPreferencePage,
    "support-needs": SupportNeedsPage,
}
