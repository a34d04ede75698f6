"""The public's tracking forms: finding a report, and sending a message about it."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from forms.fields import GovCharacterCountField, GovStringField
from forms.translated import TranslatedForm
from forms.validators import MaxLength, Required

MESSAGE_LIMIT = 2000
# Longest reference any force code makes (five letters, two groups of four, two hyphens),
# with room for the spaces people type.
REFERENCE_LIMIT = 40
CONTACT_LIMIT = 254

_REFERENCE_SHAPE = re.compile(r"^[A-Za-z]{2,5}[\s-]*[A-Za-z0-9]{4}[\s-]*[A-Za-z0-9]{4}$")
_EMAIL_SHAPE = re.compile(r"^[^\s@]+@[^\s@]+\.[^\s@]+$")
_PHONE_SHAPE = re.compile(r"^\+?[0-9\s()\-]{7,25}$")


class ReferenceShape:
    """A reference has the shape of one (letters, then two groups of four): said before any lookup."""

    def __call__(self, form: Any, field: Any) -> None:
        if not _REFERENCE_SHAPE.match((field.data or "").strip()):
            raise ValidationError(str(_l("Enter your reference as it was given to you, like WMP-7K3M-Q9TX")))


class EmailOrPhone:
    def __call__(self, form: Any, field: Any) -> None:
        value = (field.data or "").strip()
        if "@" in value:
            if not _EMAIL_SHAPE.match(value):
                raise ValidationError(str(_l("Enter an email address in the correct format, like name@example.com")))
        elif not _PHONE_SHAPE.match(value) or sum(char.isdigit() for char in value) < 7:
            raise ValidationError(str(_l("Enter the email address or phone number you gave us, like name@example.com or 07700 900 982")))


class FindReportForm(TranslatedForm):
    reference = GovStringField(
        _l("Reference"),
        description=_l("You were given it when you sent your report. For example, WMP-7K3M-Q9TX."),
        validators=[
            Required(_l("Enter your reference")),
            MaxLength(REFERENCE_LIMIT, _l("Reference must be 40 characters or fewer")),
            ReferenceShape(),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false", "class": "govuk-input--width-20"},
    )
    contact = GovStringField(
        _l("Email address or phone number"),
        description=_l("Use the email address or phone number you gave us in your report."),
        validators=[
            Required(_l("Enter the email address or phone number you gave us")),
            MaxLength(CONTACT_LIMIT, _l("Email address or phone number must be 254 characters or fewer")),
            EmailOrPhone(),
        ],
        render_kw={"spellcheck": "false"},
    )

    def error_list(self) -> list[dict[str, str]]:
        return [{"text": str(field.errors[0]), "href": f"#{field.id}"} for field in (self.reference, self.contact) if field.errors]


class MessageForm(TranslatedForm):
    message = GovCharacterCountField(
        _l("Your message"),
        description=_l("Do not include anything you do not want the officer or team dealing with your report to read."),
        max_length=MESSAGE_LIMIT,
        validators=[
            Required(_l("Enter your message")),
            MaxLength(MESSAGE_LIMIT, _l("Your message must be 2,000 characters or fewer")),
        ],
    )

    def error_list(self) -> list[dict[str, str]]:
        return [{"text": str(self.message.errors[0]), "href": f"#{self.message.id}"}] if self.message.errors else []
