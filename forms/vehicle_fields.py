"""Fields both branches of reporting a vehicle share, and the validators for the numbers that
identify a vehicle: its registration mark and its VIN.

The journey's schema (services/journeys/vehicle.py) applies the same rules to every channel;
the forms layer may not import it, so the patterns are repeated there, and a test proves
both accept and reject the same marks.
"""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from forms.base import QuestionPage
from forms.fields import GovStringField, GovTextAreaField
from forms.validators import MaxLength, Optional, Required, TimeOfDay, UkPostcode
from services.enums import YesNoUnknown

NONE_OF_THESE = "none"
TIME_HINT = _l("Use the 24-hour clock, for example 14:30. Leave it blank if you do not know.")
# As for a crime: a date further back than this is a typing mistake.
EARLIEST_YEARS = 100
YES_NO_UNKNOWN = [
    (YesNoUnknown.YES.value, _l("Yes")),
    (YesNoUnknown.NO.value, _l("No")),
    (YesNoUnknown.UNKNOWN.value, _l("I do not know")),
]

# Every format the DVLA has issued, each split where the mark is printed with a space.
REGISTRATION_FORMATS = (
    re.compile(r"^([A-Z]{2}[0-9]{2})([A-Z]{3})$"),  # current, since 2001: AB12 CDE
    re.compile(r"^([A-Z][0-9]{1,3})([A-Z]{3})$"),  # prefix, 1983 to 2001: A123 BCD
    re.compile(r"^([A-Z]{3})([0-9]{1,3}[A-Z])$"),  # suffix, 1963 to 1983: ABC 123D
    re.compile(r"^([A-Z]{1,3})([0-9]{1,4})$"),  # dateless, and Northern Ireland: ABC 1234
    re.compile(r"^([0-9]{1,4})([A-Z]{1,3})$"),  # dateless, numbers first: 1234 AB
)
# 17 characters; I, O and Q are never used, so they cannot be mistaken for 1 and 0.
VIN_PATTERN = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")

REGISTRATION_MESSAGE = _l("Enter a registration number in the correct format, like AB12 CDE")
VIN_LENGTH_MESSAGE = _l("Vehicle identification number (VIN) must be 17 characters")
VIN_CHARACTERS_MESSAGE = _l(
    "Vehicle identification number (VIN) must only include letters and numbers, and not the letters I, O or Q"
)


def normalise_registration(value: str) -> str | None:
    """The mark in capitals with its one space where the plate has it, or None if it is not a UK mark."""
    compact = re.sub(r"\s+", "", value.upper())
    for pattern in REGISTRATION_FORMATS:
        match = pattern.match(compact)
        if match:
            return f"{match.group(1)} {match.group(2)}"
    return None


class UkRegistration:
    """A UK registration mark, in any format the DVLA has issued; stored as printed (AB12 CDE)."""

    def __init__(self, message: Any = REGISTRATION_MESSAGE) -> None:
        self.message = message

    def __call__(self, form: Any, field: Any) -> None:
        normalised = normalise_registration(field.data or "")
        if normalised is None:
            raise ValidationError(str(self.message))
        field.data = normalised


class Vin:
    """A 17-character vehicle identification number; stored in capitals without spaces."""

    def __call__(self, form: Any, field: Any) -> None:
        compact = re.sub(r"\s+", "", (field.data or "").upper())
        if len(compact) != 17:
            raise ValidationError(str(VIN_LENGTH_MESSAGE))
        if not VIN_PATTERN.match(compact):
            raise ValidationError(str(VIN_CHARACTERS_MESSAGE))
        field.data = compact


def text_field(label: Any, *, too_long: Any, required: Any = None, hint: Any = None, limit: int = 100) -> GovStringField:
    """A short text answer: required when given the message to show if it is blank."""
    first = Required(required) if required is not None else Optional()
    return GovStringField(label, description=hint, validators=[first, MaxLength(limit, too_long)])


def time_field(label: Any) -> GovStringField:
    return GovStringField(
        label,
        description=TIME_HINT,
        validators=[Optional(), TimeOfDay()],
        render_kw={"class": "govuk-input--width-5", "inputmode": "numeric"},
    )


def vin_field(hint: Any) -> GovStringField:
    return GovStringField(
        _l("Vehicle identification number (VIN) (optional)"),
        description=hint,
        validators=[Optional(), Vin()],
        render_kw={"spellcheck": "false", "autocomplete": "off", "autocapitalize": "characters"},
    )


class PlacePage(QuestionPage):
    """Where something is: a postcode, a description, or both; subclasses add `location_description`."""

    lead = _l("Give the postcode if you know it, or describe the place, or both.")
    missing_message: Any = None
    postcode = GovStringField(
        _l("Postcode (optional)"),
        validators=[Optional(), UkPostcode()],
        render_kw={"class": "govuk-input--width-10"},
    )

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        described = (self["location_description"].data or "").strip()
        if valid and not (self.postcode.data or "").strip() and not described:
            self.postcode.errors = [str(self.missing_message)]
            return False
        return valid


def place_field(hint: Any) -> GovTextAreaField:
    return GovTextAreaField(
        _l("Describe the place (optional)"),
        description=hint,
        validators=[Optional(), MaxLength(1000, _l("Description of the place must be 1,000 characters or fewer"))],
    )
