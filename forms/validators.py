"""Validators that answer in the GOV.UK style ("Enter…", "Select…"), in the page's language."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms.validators import StopValidation, ValidationError

_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
_EMAIL = re.compile(r"^[^\s@]+@[^\s@]+\.[^\s@]+$")
_TIME = re.compile(r"^([01]?[0-9]|2[0-3])[:.]([0-5][0-9])$")
_TEXT_PUNCTUATION = re.compile(r"[\s\-()]")

# Larger than any number a question allows; longer numbers are not worth converting.
BEYOND_ANY_RANGE = 10**18


def whole_number(text: str) -> int | None:
    """`text` as a whole number if it is only decimal digits, else None.

    Not `str.isdigit()`: that is true for "²" and "①" too, which `int()` refuses. A number
    of more than 18 digits comes back as BEYOND_ANY_RANGE, so `int()` never meets the
    thousands of digits it refuses either.
    """
    if not text.isdecimal():
        return None
    significant = text.lstrip("0")
    return int(significant or "0") if len(significant) <= 18 else BEYOND_ANY_RANGE


class Required:
    """Stops validation with a specific message when nothing was given."""

    field_flags = {"required": True}

    def __init__(self, message: Any) -> None:
        self.message = message

    def __call__(self, form: Any, field: Any) -> None:
        data = field.data
        if data is None or (isinstance(data, str) and not data.strip()) or data == []:
            field.errors[:] = []
            raise StopValidation(str(self.message))


class RequiredIf(Required):
    """Required only when another field on the page has one of the given values."""

    field_flags: dict[str, bool] = {}

    def __init__(self, other: str, values: tuple[str, ...], message: Any) -> None:
        super().__init__(message)
        self.other = other
        self.values = values

    def __call__(self, form: Any, field: Any) -> None:
        if form[self.other].data in self.values:
            super().__call__(form, field)
        elif not field.data:
            field.errors[:] = []
            raise StopValidation()


class Optional:
    """Skips the remaining validators when the field is blank."""

    field_flags = {"optional": True}

    def __call__(self, form: Any, field: Any) -> None:
        if field.data in (None, "", []) or (isinstance(field.data, str) and not field.data.strip()):
            field.errors[:] = []
            raise StopValidation()


class MaxLength:
    def __init__(self, maximum: int, message: Any) -> None:
        self.maximum = maximum
        self.message = message

    def __call__(self, form: Any, field: Any) -> None:
        if field.data and len(field.data) > self.maximum:
            raise ValidationError(str(self.message))


POSTCODE_MESSAGE = _l("Enter a real postcode, like B4 6NQ")
EMAIL_MESSAGE = _l("Enter an email address in the correct format, like name@example.com")
PHONE_MESSAGE = _l("Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192")
TIME_MESSAGE = _l("Enter a real time, like 14:30 or 09:05")


class UkPostcode:
    def __init__(self, message: Any = POSTCODE_MESSAGE) -> None:
        self.message = message

    def __call__(self, form: Any, field: Any) -> None:
        compact = re.sub(r"\s+", "", (field.data or "").upper())
        if not _POSTCODE.match(compact[:-3] + " " + compact[-3:] if len(compact) > 3 else compact):
            raise ValidationError(str(self.message))


class Email:
    def __init__(self, message: Any = EMAIL_MESSAGE) -> None:
        self.message = message

    def __call__(self, form: Any, field: Any) -> None:
        value = (field.data or "").strip()
        if len(value) > 254 or not _EMAIL.match(value):
            raise ValidationError(str(self.message))


class PhoneNumber:
    def __init__(self, message: Any = PHONE_MESSAGE) -> None:
        self.message = message

    def __call__(self, form: Any, field: Any) -> None:
        value = (field.data or "").strip()
        compact = _TEXT_PUNCTUATION.sub("", value)
        body = compact[1:] if compact.startswith("+") else compact
        if not body.isdigit() or not 7 <= len(body) <= 15:
            raise ValidationError(str(self.message))


class TimeOfDay:
    def __init__(self, message: Any = TIME_MESSAGE) -> None:
        self.message = message

    def __call__(self, form: Any, field: Any) -> None:
        match = _TIME.match((field.data or "").strip())
        if not match:
            raise ValidationError(str(self.message))
        field.data = f"{int(match.group(1)):02d}:{match.group(2)}"


class DateChecks:
    """Every GOV.UK date-input error, naming the date in words the page supplies."""

    def __init__(
        self,
        *,
        required: Any,
        name: Any,
        past_only: bool = True,
        earliest_years: int = 130,
    ) -> None:
        self.required = required
        self.name = name
        self.past_only = past_only
        self.earliest_years = earliest_years

    def __call__(self, form: Any, field: Any) -> None:
        problem = field.problem
        name = str(self.name)
        if problem == "missing" or (problem is None and field.data is None):
            raise StopValidation(str(self.required))
        if problem and problem.startswith("missing_"):
            first = problem[len("missing_"):].split("_")[0]
            messages = {
                "day": gettext("%(name)s must include a day", name=name),
                "month": gettext("%(name)s must include a month", name=name),
                "year": gettext("%(name)s must include a year", name=name),
            }
            raise StopValidation(messages[first])
        if problem == "invalid":
            raise StopValidation(gettext("%(name)s must be a real date", name=name))
        today = date.today()
        if self.past_only and field.data > today:
            raise StopValidation(gettext("%(name)s must be today or in the past", name=name))
        if field.data < today - timedelta(days=365 * self.earliest_years):
            raise StopValidation(gettext("%(name)s must be a real date", name=name))
