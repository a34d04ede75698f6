"""UK vehicle registration numbers, for any service that asks for one.

Every format still on the road is accepted, typed with or without spaces, in any case:

- current (since 2001): two letters, two digits, three letters, like AB12 CDE;
- prefix (1983 to 2001): a letter, one to three digits, three letters, like A123 BCD;
- suffix (1963 to 1983): three letters, one to three digits, a letter, like ABC 123D;
- dateless (before 1963, and Northern Ireland's): one to three letters and one to four
  digits either way round, like ABC 123, 1234 AB or ABZ 1234.

A valid number is rewritten with the DVLA's spacing, so "ab12cde" is stored as "AB12 CDE".
The road traffic incident also accepts the dashes and dots people type ("AB-12-CDE");
reporting a stolen or abandoned vehicle accepts spaces only (`spaces_only=True`).

The same rule is applied again, on the server, by `services.journeys.vehicles` (the forms layer
may not import it); keep them in step: tests/test_road_traffic_rules.py and tests/test_vehicle.py
prove both layers accept and refuse the same numbers.
"""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

# Each format splits where the DVLA puts the space.
_FORMATS = (
    re.compile(r"^([A-Z]{2}[0-9]{2})([A-Z]{3})$"),  # current, since 2001: AB12 CDE
    re.compile(r"^([A-Z][0-9]{1,3})([A-Z]{3})$"),  # prefix, 1983 to 2001: A123 BCD
    re.compile(r"^([A-Z]{3})([0-9]{1,3}[A-Z])$"),  # suffix, 1963 to 1983: ABC 123D
    re.compile(r"^([A-Z]{1,3})([0-9]{1,4})$"),  # dateless, and Northern Ireland: ABC 1234
    re.compile(r"^([0-9]{1,4})([A-Z]{1,3})$"),  # dateless, numbers first: 1234 AB
)
# What people type between the characters of a number plate.
_SEPARATORS = re.compile(r"[\s\-.]+")
_SPACES = re.compile(r"\s+")

# The road traffic incident's message.
REGISTRATION_MESSAGE = _l("Enter a real registration number, like AB12 CDE")
# Reporting a stolen or abandoned vehicle's message.
REGISTRATION_FORMAT_MESSAGE = _l("Enter a registration number in the correct format, like AB12 CDE")


def compact_registration(value: str, *, spaces_only: bool = False) -> str:
    """Upper case, without the spaces (and, unless `spaces_only`, the dashes and dots) people type."""
    return (_SPACES if spaces_only else _SEPARATORS).sub("", value).upper()


def normalise_registration(value: str, *, spaces_only: bool = False) -> str | None:
    """The number with the DVLA's spacing, or None if it is not a UK registration number."""
    compact = compact_registration(value, spaces_only=spaces_only)
    for pattern in _FORMATS:
        match = pattern.match(compact)
        if match:
            return f"{match.group(1)} {match.group(2)}"
    return None


class UkRegistration:
    """Accept a UK registration number in any format and store it normalised (AB12 CDE)."""

    def __init__(self, message: Any = REGISTRATION_MESSAGE, *, spaces_only: bool = False) -> None:
        self.message = message
        self.spaces_only = spaces_only

    def __call__(self, form: Any, field: Any) -> None:
        normalised = normalise_registration(field.data or "", spaces_only=self.spaces_only)
        if normalised is None:
            raise ValidationError(str(self.message))
        field.data = normalised
