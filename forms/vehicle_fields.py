"""Fields both branches of reporting a vehicle share, and the validator for the VIN that
identifies a vehicle (its registration mark is checked by `forms.registration`).

The journey's schema (services/journeys/vehicle.py) applies the same rules to every channel;
the forms layer may not import it, so the VIN pattern is repeated there.
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

# 17 characters; I, O and Q are never used, so they cannot be mistaken for 1 and 0.
VIN_PATTERN = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")

VIN_LENGTH_MESSAGE = _l("Vehicle identification number (VIN) must be 17 characters")
VIN_CHARACTERS_MESSAGE = _l(
    "Vehicle identification number (VIN) must only include letters and numbers, and not the letters I, O or Q"
)


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
