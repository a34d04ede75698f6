"""Firearm and shotgun certificate: the two referees, one page each.

Each referee's answers are one nested form, so the draft and the journey hold one
`first_referee` and one `second_referee` rather than eighteen flat fields.
"""

from __future__ import annotations

from typing import Any, ClassVar

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import Field, Form, FormField
from wtforms.validators import ValidationError

from forms.address_summary import display_postcode
from forms.base import QuestionPage, SummaryRow
from forms.fields import GovCheckboxesField, GovStringField
from forms.validators import Email, MaxLength, Optional, PhoneNumber, Required, UkPostcode, whole_number

CONFIRMED = "confirmed"
MIN_YEARS_KNOWN = 2  # the Firearms Rules 1998: a referee must have known the applicant for 2 years
_OFF = {"autocomplete": "off"}


class RefereeForm(Form):
    name = GovStringField(
        _l("Full name"),
        validators=[
            Required(_l("Enter your referee’s full name")),
            MaxLength(200, _l("Your referee’s name must be 200 characters or fewer")),
        ],
        render_kw={**_OFF, "spellcheck": "false"},
    )
    occupation = GovStringField(
        _l("Occupation"),
        validators=[
            Required(_l("Enter your referee’s occupation")),
            MaxLength(100, _l("Your referee’s occupation must be 100 characters or fewer")),
        ],
        render_kw=_OFF,
    )
    address_line_1 = GovStringField(
        _l("Address line 1"),
        validators=[
            Required(_l("Enter address line 1, typically the building and street")),
            MaxLength(200, _l("Address line 1 must be 200 characters or fewer")),
        ],
        render_kw=_OFF,
    )
    address_line_2 = GovStringField(
        _l("Address line 2 (optional)"),
        validators=[Optional(), MaxLength(200, _l("Address line 2 must be 200 characters or fewer"))],
        render_kw=_OFF,
    )
    town = GovStringField(
        _l("Town or city"),
        validators=[Required(_l("Enter town or city")), MaxLength(100, _l("Town or city must be 100 characters or fewer"))],
        render_kw={**_OFF, "class": "govuk-!-width-two-thirds"},
    )
    postcode = GovStringField(
        _l("Postcode"),
        validators=[Required(_l("Enter postcode")), UkPostcode()],
        render_kw={**_OFF, "class": "govuk-input--width-10"},
    )
    phone = GovStringField(
        _l("Phone number"),
        validators=[Required(_l("Enter your referee’s phone number")), PhoneNumber()],
        render_kw={**_OFF, "type": "tel", "class": "govuk-input--width-20"},
    )
    email = GovStringField(
        _l("Email address"),
        validators=[Required(_l("Enter your referee’s email address")), Email()],
        render_kw={**_OFF, "type": "email", "spellcheck": "false"},
    )
    years_known = GovStringField(
        _l("How many years have they known you?"),
        description=_l("They must have known you personally for at least 2 years"),
        validators=[Required(_l("Enter how many years they have known you"))],
        render_kw={**_OFF, "class": "govuk-input--width-3", "inputmode": "numeric"},
    )
    confirmed = GovCheckboxesField(
        _l("Can this person be your referee?"),
        description=_l(
            "Your referee must live in Great Britain. They must not be a member of your family, a serving "
            "police officer or member of police staff, a registered firearms dealer, or a Police and Crime "
            "Commissioner or a member of their staff."
        ),
        choices=[(CONFIRMED, _l("I confirm this person can be my referee"))],
        validators=[Required(_l("Confirm that this person can be your referee"))],
    )

    def validate_years_known(self, field: Field) -> None:
        text = (field.data or "").strip()
        years = whole_number(text)
        if years is None:
            raise ValidationError(gettext("Years they have known you must be a whole number, like 5"))
        if years < MIN_YEARS_KNOWN:
            raise ValidationError(gettext("Your referee must have known you for at least 2 years"))
        if years > 99:
            raise ValidationError(gettext("Years they have known you must be 99 or fewer"))
        field.data = str(years)


class RefereeField(FormField):
    def summary_text(self) -> str:
        form = self.form
        parts = [form.address_line_1.data, form.address_line_2.data, form.town.data, display_postcode(form.postcode.data or "")]
        lines = [
            form.name.data,
            form.occupation.data,
            ", ".join(part.strip() for part in parts if part and part.strip()),
            form.phone.data,
            form.email.data,
            gettext("Has known you for %(years)s years", years=form.years_known.data),
        ]
        return "\n".join(line.strip() for line in lines if line)


class RefereePage(QuestionPage):
    lead = _l(
        "Your referees must have known you personally for at least 2 years. We will contact them, so "
        "check they are happy to act for you."
    )
    referee_name: ClassVar[str]

    def referee(self) -> RefereeField:
        return self[self.referee_name]

    def layout(self) -> list[Markup]:
        rendered = []
        for subfield in self.referee():
            if subfield.short_name == "years_known":
                rendered.append(subfield(params={"suffix": {"text": gettext("years")}}))
            else:
                rendered.append(subfield())
        return rendered

    def error_list(self) -> list[dict[str, str]]:
        return [
            {"text": str(subfield.errors[0]), "href": f"#{subfield.id}"}
            for subfield in self.referee()
            if subfield.errors
        ]

    def cleaned(self) -> dict[str, Any]:
        answers: dict[str, Any] = {}
        for subfield in self.referee():
            if subfield.short_name == "confirmed":
                answers["confirmed"] = CONFIRMED in (subfield.data or [])
            elif isinstance(subfield.data, str) and subfield.data.strip():
                answers[subfield.short_name] = subfield.data.strip()
        answers["years_known"] = int(answers["years_known"])
        return {self.referee_name: answers}

    def summary(self, page_id: str) -> list[SummaryRow]:
        referee = self.referee()
        return [SummaryRow(f"{page_id}.{referee.name}", str(referee.label.text), referee.summary_text(), f"{referee.name}-name")]


class FirstRefereePage(RefereePage):
    title = _l("Your first referee")
    referee_name = "first_referee"
    first_referee = RefereeField(RefereeForm, label=_l("First referee"))


def _same_person(first: dict[str, Any], second: Form) -> bool:
    def plain(value: Any) -> str:
        return " ".join(str(value or "").casefold().split())

    same_name = plain(first.get("name")) == plain(second.name.data)
    same_email = bool(first.get("email")) and plain(first.get("email")) == plain(second.email.data)
    return same_name or same_email


class SecondRefereePage(RefereePage):
    title = _l("Your second referee")
    referee_name = "second_referee"
    second_referee = RefereeField(RefereeForm, label=_l("Second referee"))

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        first = self.prior.get("first_referee")
        if valid and isinstance(first, dict) and _same_person(first, self.second_referee.form):
            self.second_referee.form.name.errors = [gettext("Your second referee must be a different person from your first")]
            return False
        return valid

