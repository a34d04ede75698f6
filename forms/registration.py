"""UK vehicle registration numbers, for any service that asks for one.

Every format still on the road is accepted, typed with or without spaces, in any case:

- current (since 2001): two letters, two digits, three letters, like AB12 CDE;
- prefix (1983 to 2001): a letter, one to three digits, three letters, like A123 BCD;
- suffix (1963 to 1983): three letters, one to three digits, a letter, like ABC 123D;
- dateless (before 1963, and Northern Ireland's): one to three letters and one to four
  digits either way round, like ABC 123, 1234 AB or ABZ 1234.

A valid number is rewritten with the DVLA's spacing, so "ab12cde" is stored as "AB12 CDE".
The same rule is applied again, on the server, by `services.journeys.vehicles`; keep them in step.
"""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

# Each format splits where the DVLA puts the space.
_FORMATS = (
    re.compile(r"^([A-Z]{2}[0-9]{2})([A-Z]{3})$"),
    re.compile(r"^([A-Z][0-9]{1,3})([A-Z]{3})$"),
    re.compile(r"^([A-Z]{3})([0-9]{1,3}[A-Z])$"),
    re.compile(r"^([A-Z]{1,3})([0-9]{1,4})$"),
    re.compile(r"^([0-9]{1,4})([A-Z]{1,3})$"),
)
# What people type between the characters of a number plate.
_SEPARATORS = re.compile(r"[\s\-.]+")

REGISTRATION_MESSAGE = _l("Enter a real registration number, like AB12 CDE")


def compact_registration(value: str) -> str:
    """Upper case, without the spaces, dashes and dots people type."""
    return _SEPARATORS.sub("", value).upper()


def normalise_registration(value: str) -> str | None:
    """The number with the DVLA's spacing, or None if it is not a UK registration number."""
    compact = compact_registration(value)
    for pattern in _FORMATS:
        match = pattern.match(compact)
        if match:
            return f"{match.group(1)} {match.group(2)}"
    return None


class UkRegistration:
    """Accept a UK registration number in any format and store it normalised."""

    def __init__(self, message: Any = REGISTRATION_MESSAGE) -> None:
        self.message = message

    def __call__(self, form: Any, field: Any) -> None:
        normalised = normalise_registration(field.data or "")
        if normalised is None:
            raise ValidationError(str(self.message))
        field.data = normalised
