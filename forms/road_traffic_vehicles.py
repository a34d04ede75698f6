"""Report a road traffic incident: the vehicles involved (add another) and which one was the person's."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms import FieldList, Form, FormField

from forms.base import QuestionPage
from forms.fields import GovCheckboxesField, GovRadioField
from forms.registration import UkRegistration, compact_registration
from forms.road_traffic_fields import StyledStringField, StyledTextAreaField
from forms.validators import MaxLength, Optional, whole_number
from services.enums.road_traffic import NO_OWN_VEHICLE, REGISTRATION_UNKNOWN, Involvement

MAX_VEHICLES = 10
TEMPLATE_DIR = "public/report-a-road-traffic-incident"
DESCRIBING_FIELDS = ("make", "model", "colour", "details")
UNKNOWN_NEEDS_DETAILS = _l(
    "Enter the make, model, colour or other details of the vehicle, as you do not know its registration number"
)


class VehicleForm(Form):
    registration = StyledStringField(
        _l("Registration number"),
        description=_l("For example, AB12 CDE"),
        validators=[Optional(), UkRegistration()],
        classes="govuk-input--width-10 govuk-input--extra-letter-spacing",
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    registration_unknown = GovCheckboxesField(
        _l("Registration number not known"),
        choices=[(REGISTRATION_UNKNOWN, _l("I do not know the registration number"))],
    )
    make = StyledStringField(
        _l("Make (optional)"),
        description=_l("For example, Ford"),
        validators=[Optional(), MaxLength(50, _l("Make must be 50 characters or fewer"))],
        classes="govuk-!-width-one-half",
        render_kw={"autocomplete": "off"},
    )
    model = StyledStringField(
        _l("Model (optional)"),
        description=_l("For example, Focus"),
        validators=[Optional(), MaxLength(50, _l("Model must be 50 characters or fewer"))],
        classes="govuk-!-width-one-half",
        render_kw={"autocomplete": "off"},
    )
    colour = StyledStringField(
        _l("Colour (optional)"),
        validators=[Optional(), MaxLength(30, _l("Colour must be 30 characters or fewer"))],
        classes="govuk-!-width-one-half",
        render_kw={"autocomplete": "off"},
    )
    details = StyledTextAreaField(
        _l("Anything else about this vehicle (optional)"),
        description=_l(
            "For example, part of the registration number, a company name on the side, damage, "
            "or a registration number from outside the UK"
        ),
        validators=[Optional(), MaxLength(500, _l("Other details about the vehicle must be 500 characters or fewer"))],
        rows=3,
    )

    def validate(self, extra_validators: Any = None) -> bool:
        """The rules between the fields: a registration number or "not known", and then something to go on."""
        valid = super().validate(extra_validators)
        unknown = REGISTRATION_UNKNOWN in (self.registration_unknown.data or [])
        typed = (self.registration.data or "").strip()
        if self.registration.errors:
            return False
        if typed and unknown:
            self.registration.errors = [str(_l("Enter the registration number, or select that you do not know it, but not both"))]
            return False
        if not typed and not unknown:
            self.registration.errors = [str(_l("Enter the registration number, or select that you do not know it"))]
            return False
        if unknown and not any((self[name].data or "").strip() for name in DESCRIBING_FIELDS) and not self.make.errors:
            self.make.errors = [str(UNKNOWN_NEEDS_DETAILS)]
            return False
        return valid

    def cleaned(self) -> dict[str, Any]:
        vehicle: dict[str, Any] = {}
        if (self.registration.data or "").strip():
            vehicle["registration"] = self.registration.data.strip()
        if REGISTRATION_UNKNOWN in (self.registration_unknown.data or []):
            vehicle["registration_unknown"] = True
        for name in DESCRIBING_FIELDS:
            value = (self[name].data or "").strip()
            if value:
                vehicle[name] = value
        return vehicle


def describe_vehicle(vehicle: dict[str, Any]) -> str:
    """One line for a vehicle: registration, make and model, colour, other details."""
    registration = vehicle.get("registration") or gettext("Registration number not known")
    make_model = " ".join(vehicle[name] for name in ("make", "model") if vehicle.get(name))
    parts = [registration, make_model, vehicle.get("colour") or "", vehicle.get("details") or ""]
    return ", ".join(part for part in parts if part)


def vehicle_key(number: int, vehicle: dict[str, Any]) -> str:
    """As `services.journeys.vehicles.vehicle_key`: the position and the registration, so a
    changed list makes an old answer stop matching instead of pointing at another vehicle."""
    registration = vehicle.get("registration")
    return f"{number}-{compact_registration(registration) if registration else REGISTRATION_UNKNOWN}"


class VehicleListField(FieldList):
    def summary_text(self) -> str:
        return "\n".join(
            gettext("Vehicle %(number)s: %(vehicle)s", number=number, vehicle=describe_vehicle(entry.form.cleaned()))
            for number, entry in enumerate(self.entries, start=1)
        )


class VehiclesPage(QuestionPage):
    title = _l("Vehicles involved")
    template = f"{TEMPLATE_DIR}/vehicles.html"
    vehicles = VehicleListField(
        FormField(VehicleForm),
        label=_l("Vehicles involved"),
        min_entries=1,
        max_entries=MAX_VEHICLES,
    )

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        seen: set[str] = set()
        for entry in self.vehicles.entries:
            registration = entry.form.registration
            if registration.errors or not registration.data:
                continue
            compact = compact_registration(registration.data)
            if compact in seen:
                registration.errors = [str(_l("You have already entered this registration number for another vehicle"))]
                valid = False
            seen.add(compact)
        return valid

    def apply_action(self, action: str) -> bool:
        """Add or remove a vehicle without validating (the add-another pattern, no JavaScript needed)."""
        if action == "add":
            if len(self.vehicles.entries) < MAX_VEHICLES:
                self.vehicles.append_entry()
            return True
        if action.startswith("remove-"):
            index = action.removeprefix("remove-")
            if (number := whole_number(index)) is not None and number < len(self.vehicles.entries) and len(self.vehicles.entries) > 1:
                kept = [entry.data for i, entry in enumerate(self.vehicles.entries) if i != number]
                while self.vehicles.entries:
                    self.vehicles.pop_entry()
                for data in kept:
                    self.vehicles.append_entry(data)
            return True
        return False

    def raw_after_action(self) -> dict[str, list[str]]:
        raw: dict[str, list[str]] = {}
        for i, entry in enumerate(self.vehicles.entries):
            for name in ("registration", *DESCRIBING_FIELDS):
                raw[f"vehicles-{i}-{name}"] = [entry.form[name].data or ""]
            if entry.form.registration_unknown.data:
                raw[f"vehicles-{i}-registration_unknown"] = list(entry.form.registration_unknown.data)
        return raw

    def error_list(self) -> list[dict[str, str]]:
        errors = []
        for entry in self.vehicles.entries:
            for field in entry.form:
                if field.errors:
                    errors.append({"text": str(field.errors[0]), "href": f"#{field.id}"})
        return errors

    def cleaned(self) -> dict[str, Any]:
        return {"vehicles": [entry.form.cleaned() for entry in self.vehicles.entries]}


# The question, the message when nothing is chosen, per way of being involved.
_OWN_VEHICLE_WORDS: dict[str, tuple[Any, Any]] = {
    Involvement.DRIVER.value: (_l("Which vehicle were you driving?"), _l("Select the vehicle you were driving")),
    Involvement.PASSENGER.value: (_l("Which vehicle were you in?"), _l("Select the vehicle you were in")),
    Involvement.KEEPER.value: (_l("Which vehicle is yours?"), _l("Select your vehicle")),
    Involvement.ORGANISATION.value: (
        _l("Which vehicle belongs to your organisation?"),
        _l("Select your organisation’s vehicle, or select none of these"),
    ),
}


class YourVehiclePage(QuestionPage):
    """Which of the vehicles just listed was the person's; the choices are built from that list."""

    own_vehicle = GovRadioField(
        _l("Which vehicle were you driving?"),
        description=_l("If it is not in the list, go back and add it."),
        choices=[],
        is_page_heading=True,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        involvement = str(self.prior.get("involvement") or Involvement.DRIVER.value)
        question, self._message = _OWN_VEHICLE_WORDS.get(involvement, _OWN_VEHICLE_WORDS[Involvement.DRIVER.value])
        self.own_vehicle.label.text = str(question)
        choices: list[tuple[str, str]] = [
            (
                vehicle_key(number, vehicle),
                gettext("Vehicle %(number)s: %(vehicle)s", number=number, vehicle=describe_vehicle(vehicle)),
            )
            for number, vehicle in enumerate(self.prior.get("vehicles") or [], start=1)
        ]
        if involvement == Involvement.ORGANISATION.value:
            choices.append((NO_OWN_VEHICLE, gettext("None of these vehicles")))
        self.own_vehicle.choices = choices

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        if not self.own_vehicle.data:
            self.own_vehicle.errors = [str(self._message)]
            return False
        return valid
