"""Report a vehicle: the question pages asked only about a stolen vehicle."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from forms.base import QuestionPage
from forms.choices import ChoicePage, Revealed
from forms.common_pages import PlacePage, place_field, time_field
from forms.fields import GovDateField, GovRadioField, GovStringField, GovTextAreaField
from forms.people import YES_NO
from forms.validators import DateChecks, MaxLength, Required
from forms.vehicle_fields import EARLIEST_YEARS, YES_NO_UNKNOWN, text_field, vin_field
from services.enums import YesNo, YesNoUnknown
from services.enums.vehicle import KeysStatus, RegisteredKeeper


class StolenVehiclePage(QuestionPage):
    title = _l("About the stolen vehicle")
    make = text_field(
        _l("Make"),
        required=_l("Enter the make of the vehicle"),
        too_long=_l("Make must be 100 characters or fewer"),
        hint=_l("For example, Ford"),
    )
    model = text_field(
        _l("Model"),
        required=_l("Enter the model of the vehicle"),
        too_long=_l("Model must be 100 characters or fewer"),
        hint=_l("For example, Focus"),
    )
    colour = text_field(
        _l("Colour"),
        required=_l("Enter the colour of the vehicle"),
        too_long=_l("Colour must be 100 characters or fewer"),
        hint=_l("For example, dark blue"),
    )
    vin = vin_field(_l("It is 17 letters and numbers long, and is on the vehicle log book (V5C)."))


class LastSeenPage(QuestionPage):
    title = _l("When was the vehicle last seen?")
    lead = _l("Tell us when you, or someone else, last saw it where it was left.")
    last_seen_on = GovDateField(
        _l("Date it was last seen"),
        description=_l("For example, 27 3 2026"),
        validators=[DateChecks(required=_l("Enter the date the vehicle was last seen"), name=_l("The date it was last seen"),
                               earliest_years=EARLIEST_YEARS)],
    )
    last_seen_time = time_field(_l("Time it was last seen (optional)"))


class FoundMissingPage(QuestionPage):
    title = _l("When did you find the vehicle was missing?")
    found_missing_on = GovDateField(
        _l("Date you found it was missing"),
        description=_l("For example, 28 3 2026"),
        validators=[DateChecks(required=_l("Enter the date you found the vehicle was missing"),
                               name=_l("The date you found it was missing"), earliest_years=EARLIEST_YEARS)],
    )
    found_missing_time = time_field(_l("Time you found it was missing (optional)"))

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        seen: Any = self.prior.get("last_seen_on")
        if not valid or not seen:
            return valid
        seen_on = date.fromisoformat(seen)
        if self.found_missing_on.data < seen_on:
            self.found_missing_on.errors = [
                str(_l("The date you found it was missing must be the same as or after the date it was last seen"))
            ]
            return False
        seen_at, found_at = self.prior.get("last_seen_time"), self.found_missing_time.data
        if self.found_missing_on.data == seen_on and seen_at and found_at and found_at < seen_at:
            self.found_missing_time.errors = [str(_l("The time you found it was missing must be after the time it was last seen"))]
            return False
        return valid


class WhereStolenPage(PlacePage):
    title = _l("Where was the vehicle taken from?")
    missing_message = _l("Enter a postcode or describe where the vehicle was taken from")
    location_description = place_field(_l("For example, outside your home, on your driveway, or the name of a car park"))


class KeysPage(ChoicePage):
    choice_hints = {
        "keys": {
            KeysStatus.TAKEN.value: _l("For example, in a burglary or from a bag"),
            KeysStatus.KEYLESS.value: _l(
                "Thieves can use equipment to copy the signal from a key kept inside a home. This is called relay theft."
            ),
        }
    }
    keys = GovRadioField(
        _l("Were the keys taken?"),
        choices=[
            (KeysStatus.TAKEN.value, _l("Yes, the keys were taken")),
            (KeysStatus.KEYLESS.value, _l("No, but the vehicle has keyless entry or a keyless start")),
            (KeysStatus.KEPT.value, _l("No, I still have all the keys")),
            (KeysStatus.UNKNOWN.value, _l("I do not know")),
        ],
        validators=[Required(_l("Select if the keys were taken"))],
        is_page_heading=True,
    )


class KeeperInsurancePage(ChoicePage):
    title = _l("Registered keeper and insurance")
    reveals = {
        "registered_keeper": {RegisteredKeeper.SOMEONE_ELSE.value: "keeper_name"},
        "insured": {YesNoUnknown.YES.value: "insurer"},
    }
    choice_hints = {
        "registered_keeper": {
            RegisteredKeeper.SOMEONE_ELSE.value: _l("For example, a family member, your employer, or a leasing or hire company")
        }
    }
    registered_keeper = GovRadioField(
        _l("Are you the registered keeper?"),
        description=_l("The registered keeper is the person or company named on the vehicle log book (V5C)."),
        choices=[(RegisteredKeeper.YOU.value, _l("Yes")), (RegisteredKeeper.SOMEONE_ELSE.value, _l("No, someone else is"))],
        validators=[Required(_l("Select yes if you are the registered keeper"))],
    )
    keeper_name = GovStringField(
        _l("Name of the registered keeper (optional)"),
        validators=[Revealed("registered_keeper", RegisteredKeeper.SOMEONE_ELSE.value),
                    MaxLength(200, _l("Name of the registered keeper must be 200 characters or fewer"))],
        render_kw={"autocomplete": "off"},
    )
    insured = GovRadioField(
        _l("Is the vehicle insured?"),
        choices=YES_NO_UNKNOWN,
        validators=[Required(_l("Select yes if the vehicle is insured"))],
    )
    insurer = GovStringField(
        _l("Name of the insurance company (optional)"),
        validators=[Revealed("insured", YesNoUnknown.YES.value),
                    MaxLength(200, _l("Name of the insurance company must be 200 characters or fewer"))],
    )


class TrackerPage(ChoicePage):
    reveals = {"tracker": {YesNoUnknown.YES.value: "tracker_company"}}
    tracker = GovRadioField(
        _l("Does the vehicle have a tracking device?"),
        description=_l(
            "If the tracking company can see where the vehicle is, tell them it has been stolen. "
            "Do not try to get the vehicle back yourself."
        ),
        choices=YES_NO_UNKNOWN,
        validators=[Required(_l("Select yes if the vehicle has a tracking device"))],
        is_page_heading=True,
    )
    tracker_company = GovStringField(
        _l("Name of the tracking company (optional)"),
        validators=[Revealed("tracker", YesNoUnknown.YES.value),
                    MaxLength(200, _l("Name of the tracking company must be 200 characters or fewer"))],
    )


class ContentsPage(ChoicePage):
    reveals = {"valuables_inside": {YesNo.YES.value: "valuables_description"}}
    valuables_inside = GovRadioField(
        _l("Was anything of value inside the vehicle?"),
        choices=YES_NO,
        validators=[Required(_l("Select yes if anything of value was inside the vehicle"))],
        is_page_heading=True,
    )
    valuables_description = GovTextAreaField(
        _l("What was inside?"),
        description=_l("For example, tools, a child seat, a laptop or a Blue Badge"),
        validators=[Revealed("valuables_inside", YesNo.YES.value, _l("Describe what was inside the vehicle")),
                    MaxLength(2000, _l("What was inside must be 2,000 characters or fewer"))],
    )
