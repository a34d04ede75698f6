"""Pieces the request-information services share: revealing checkboxes, optional dates,
ages, and the "contacting you safely" pages used by the disclosure schemes.

The safe-contact pages exist because the people asking under Clare's Law and Sarah's Law
may live with, or be watched by, the person they are asking about. They choose every way
we may use; we ask only for the details those ways need, and nothing else.
"""

from __future__ import annotations

from typing import Any, ClassVar

from flask_babel import lazy_gettext as _l
from wtforms import Field
from wtforms.validators import StopValidation, ValidationError

from forms.base import QuestionPage, SummaryRow
from forms.fields import GovCheckboxesField, GovRadioField, GovStringField
from forms.people import YES_NO, AddressPage
from forms.validators import Email, MaxLength, PhoneNumber, Required, whole_number
from services.enums.disclosure import SafeContactMethod

MAX_AGE = 120

SAFE_METHOD_LABELS = {
    SafeContactMethod.PHONE_CALL.value: _l("Phone call"),
    SafeContactMethod.TEXT_MESSAGE.value: _l("Text message"),
    SafeContactMethod.EMAIL.value: _l("Email"),
    SafeContactMethod.LETTER.value: _l("Letter"),
}
PHONE_METHODS = (SafeContactMethod.PHONE_CALL.value, SafeContactMethod.TEXT_MESSAGE.value)
# Input widths go through the GOV.UK macro's `classes` (render_kw "params"): a plain "class"
# attribute would replace the macro's own `govuk-input` class rather than add to it.


class RevealingCheckboxesField(GovCheckboxesField):
    """Checkboxes that can reveal a field under a choice (like radios), and that keep a
    "none of these" answer: here "none" is an answer the journey acts on, not a blank."""

    def _choice_pairs(self) -> list[tuple[str, str]]:
        return [(str(choice[0]), str(choice[1])) for choice in (self.choices or [])]

    def chosen(self) -> list[str]:
        return list(self.data or [])


class RevealedBy:
    """Required when a radio or checkbox on the page has one of `values`; otherwise the
    field is hidden, so whatever it holds is neither checked nor kept (see RevealingPage)."""

    def __init__(self, other: str, values: tuple[str, ...], message: Any) -> None:
        self.other = other
        self.values = values
        self.message = message

    def __call__(self, form: Any, field: Field) -> None:
        if not revealed(form[self.other].data, self.values):
            field.errors[:] = []
            raise StopValidation()
        if field.data is None or not str(field.data).strip():
            field.errors[:] = []
            raise StopValidation(str(self.message))


def revealed(answer: Any, values: tuple[str, ...]) -> bool:
    if isinstance(answer, list):
        return any(value in answer for value in values)
    return answer in values


class OptionalDate:
    """Skips the date checks when no part of an optional date was typed.

    `forms.validators.Optional` cannot be used: a half-typed date also has no data, and
    that must reach DateChecks to be told which part is missing.
    """

    field_flags = {"optional": True}

    def __call__(self, form: Any, field: Any) -> None:
        if field.data is None and field.problem in (None, "missing"):
            field.errors[:] = []
            raise StopValidation()


def check_whole_number(field: Field, *, minimum: int, maximum: int, not_number: Any, out_of_range: Any) -> None:
    """An age typed as digits ("about 40" is not accepted: the hint asks for a number)."""
    text = (field.data or "").strip()
    number = whole_number(text)
    if number is None:
        raise ValidationError(str(not_number))
    if not minimum <= number <= maximum:
        raise ValidationError(str(out_of_range))
    field.data = str(number)


class RevealingPage(QuestionPage):
    """A page whose revealed fields are kept only while the choice that reveals them is made.

    Without this, text typed under "Other" and then unticked would still be sent.
    """

    def _hidden(self) -> set[str]:
        hidden = set()
        for trigger, choices in self.reveals.items():
            answer = self[trigger].data
            for value, name in choices.items():
                if not revealed(answer, (value,)):
                    hidden.add(name)
        return hidden

    def cleaned(self) -> dict[str, Any]:
        hidden = self._hidden()
        return {name: value for name, value in super().cleaned().items() if name not in hidden}

    def summary(self, page_id: str) -> list[SummaryRow]:
        hidden = {f"{page_id}.{name}" for name in self._hidden()}
        return [row for row in super().summary(page_id) if row.question_id not in hidden]


class SafeContactPage(QuestionPage):
    safe_contact_methods = RevealingCheckboxesField(
        _l("How can we contact you safely?"),
        description=_l(
            "Only choose ways where nobody else could see your messages, hear our calls or open your post. "
            "Select all that are safe."
        ),
        choices=[
            *SAFE_METHOD_LABELS.items(),
            (SafeContactMethod.NONE.value, _l("None of these are safe. I will contact you")),
        ],
        validators=[Required(_l("Select how we can contact you safely, or select that you will contact us"))],
        is_page_heading=True,
        exclusive_choice=SafeContactMethod.NONE.value,
        exclusive_message=_l("Select how we can contact you safely, or select that you will contact us, but not both"),
    )


class SafePhonePage(QuestionPage):
    phone = GovStringField(
        _l("What phone number is safe for us to use?"),
        description=_l("For international numbers include the country code"),
        validators=[Required(_l("Enter a phone number that is safe for us to use")), PhoneNumber()],
        render_kw={"autocomplete": "tel", "type": "tel", "params": {"classes": "govuk-input--width-20"}},
        is_page_heading=True,
    )


class SafeCallsPage(QuestionPage):
    title = _l("Calling you safely")
    safe_call_times = GovStringField(
        _l("When is it safe for us to call you? (optional)"),
        description=_l("For example, weekdays between 10am and 2pm"),
        validators=[MaxLength(200, _l("When it is safe to call you must be 200 characters or fewer"))],
    )
    voicemail_safe = GovRadioField(
        _l("Is it safe for us to leave a voicemail?"),
        description=_l("If you say no, we will not leave a message. We will try calling again at a safe time."),
        choices=YES_NO,
        validators=[Required(_l("Select yes if it is safe for us to leave a voicemail"))],
    )


class SafeEmailPage(QuestionPage):
    email = GovStringField(
        _l("What email address is safe for us to use?"),
        description=_l("Only give an email address that nobody else can read."),
        validators=[Required(_l("Enter an email address that is safe for us to use")), Email()],
        render_kw={"autocomplete": "email", "spellcheck": "false", "type": "email"},
        is_page_heading=True,
    )


class SafeAddressPage(AddressPage):
    title = _l("What address is safe for us to send letters to?")
    lead = _l("Only give an address where nobody else will open your post.")


class BestContactPage(QuestionPage):
    """Asked only when more than one way is safe; the choices are the ways the person chose."""

    best_contact_method = GovRadioField(
        _l("What is the best way to contact you?"),
        choices=list(SAFE_METHOD_LABELS.items()),
        validators=[Required(_l("Select the best way to contact you"))],
        is_page_heading=True,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        safe = self.prior.get("safe_contact_methods") or []
        self.best_contact_method.choices = [(value, label) for value, label in SAFE_METHOD_LABELS.items() if value in safe]


SAFE_CONTACT_FORMS: dict[str, type[QuestionPage]] = {
    "safe-contact": SafeContactPage,
    "safe-phone": SafePhonePage,
    "safe-calls": SafeCallsPage,
    "safe-email": SafeEmailPage,
    "safe-address": SafeAddressPage,
    "best-contact": BestContactPage,
}


class DisclosureSubjectPage(QuestionPage):
    """Checks shared by the pages about the person someone is asking about."""

    age_minimum: ClassVar[int] = 16
    age_range_message: ClassVar[Any] = None
    # Clare's Law asks for one detail besides the name, so the police can be sure who it is.
    needs_identifier: ClassVar[bool] = False
    identifier_fields: ClassVar[tuple[str, ...]] = ("subject_date_of_birth", "subject_age", "subject_address")
    identifier_message: ClassVar[Any] = None

    def validate_subject_age(self, field: Field) -> None:
        if (field.data or "").strip():
            check_whole_number(
                field,
                minimum=self.age_minimum,
                maximum=MAX_AGE,
                not_number=_l("Their approximate age must be a number, like 35"),
                out_of_range=self.age_range_message,
            )

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        if not self.needs_identifier:
            return valid
        # Checked even when other answers are wrong, so every problem is shown at once; a
        # detail already in error (a half-typed date) has its own message instead.
        fields = [self[name] for name in self.identifier_fields]
        if not any(_has_answer(field.data) or field.errors for field in fields):
            fields[0].errors = [str(self.identifier_message)]
            return False
        return valid


def _has_answer(value: Any) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))

