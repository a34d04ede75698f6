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

from forms.fields import GovStringField
from forms.validators import MaxLength, Optional, Required
from services.enums import YesNoUnknown

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


def vin_field(hint: Any) -> GovStringField:
    return GovStringField(
        _l("Vehicle identification number (VIN) (optional)"),
        description=hint,
        validators=[Optional(), Vin()],
        render_kw={"spellcheck": "false", "autocomplete": "off", "autocapitalize": "characters"},
    )
