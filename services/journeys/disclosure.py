"""What the disclosure schemes (Clare's Law, Sarah's Law) share: contacting the person
safely, the person asked about, and the payload they both send.

Contact is the part that can put someone at risk. The person chooses every way we may use;
the schema refuses contact details for a way they did not choose (so no email, confirmation
or otherwise, can reach an inbox they did not say was safe), and the payload carries their
choice to the platform as `flags.safe_to_contact` and `reporter.preferred_contact`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from marshmallow import fields, validate

from services.enums import ContactMethod, ReporterRole, ServiceKind, YesNo
from services.enums.disclosure import SafeContactMethod
from services.journeys import Page, PayloadContext
from services.journeys.common import ReporterFields, choice, reporter_payload, text
from services.journeys.payloads import submission, vulnerability_only

SAFE_METHODS = tuple(method.value for method in SafeContactMethod if method is not SafeContactMethod.NONE)
PHONE_METHODS = (SafeContactMethod.PHONE_CALL.value, SafeContactMethod.TEXT_MESSAGE.value)
_PLATFORM_CONTACT = {
    SafeContactMethod.PHONE_CALL.value: ContactMethod.PHONE.value,
    SafeContactMethod.TEXT_MESSAGE.value: ContactMethod.PHONE.value,
    SafeContactMethod.EMAIL.value: ContactMethod.EMAIL.value,
    SafeContactMethod.LETTER.value: ContactMethod.POST.value,
}
ADDRESS_FIELDS = ("address_line_1", "address_line_2", "address_town", "address_postcode")
MAX_AGE = 120

Errors = dict[str, list[str]]


def safe_methods(data: Mapping[str, Any]) -> list[str]:
    """The ways the person said are safe, without "none"."""
    return [method for method in data.get("safe_contact_methods") or () if method in SAFE_METHODS]


def _chose(*methods: str) -> Any:
    return lambda data: any(method in safe_methods(data) for method in methods)


SAFE_CONTACT_PAGES = (
    Page("safe-contact"),
    Page("safe-phone", applies=_chose(*PHONE_METHODS)),
    Page("safe-calls", applies=_chose(SafeContactMethod.PHONE_CALL.value)),
    Page("safe-email", applies=_chose(SafeContactMethod.EMAIL.value)),
    Page("safe-address", applies=_chose(SafeContactMethod.LETTER.value)),
    Page("best-contact", applies=lambda data: len(safe_methods(data)) > 1),
)


class DisclosureFields(ReporterFields):
    """The person asking, how to reach them safely, and the person they are asking about."""

    safe_contact_methods = fields.List(
        choice(SafeContactMethod), required=True, validate=validate.Length(min=1, max=len(SafeContactMethod))
    )
    safe_call_times = text(200)
    voicemail_safe = choice(YesNo)
    best_contact_method = fields.String(validate=validate.OneOf(SAFE_METHODS))
    subject_name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    subject_other_names = text(500)
    subject_date_of_birth = fields.Date()
    subject_age = fields.Integer(strict=False)
    subject_address = text(500)

    def __init__(self, *, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._today = today

    def today(self) -> date:
        return self._today or date.today()

    def check_requester(self, data: Mapping[str, Any], errors: Errors) -> None:
        if not data.get("full_name"):
            errors["full_name"] = ["Enter your full name"]
        if data.get("date_of_birth") is None:
            errors["date_of_birth"] = ["Enter your date of birth"]

    def check_safe_contact(self, data: Mapping[str, Any], errors: Errors) -> None:
        chosen = list(data.get("safe_contact_methods") or [])
        safe = safe_methods(data)
        if len(set(chosen)) != len(chosen):
            errors["safe_contact_methods"] = ["Select each way only once"]
        elif SafeContactMethod.NONE.value in chosen and safe:
            errors["safe_contact_methods"] = ["Select how we can contact you safely, or that you will contact us, but not both"]
        needs_phone = any(method in safe for method in PHONE_METHODS)
        _needed(data, errors, "phone", needs_phone, "Enter a phone number that is safe for us to use")
        calls = SafeContactMethod.PHONE_CALL.value in safe
        _needed(data, errors, "voicemail_safe", calls, "Select yes if it is safe for us to leave a voicemail")
        _needed(data, errors, "safe_call_times", calls, None)
        _needed(data, errors, "email", SafeContactMethod.EMAIL.value in safe, "Enter an email address that is safe for us to use")
        letters = SafeContactMethod.LETTER.value in safe
        for name in ADDRESS_FIELDS:
            _needed(data, errors, name, letters, None if name == "address_line_2" else "Enter the address that is safe for letters")
        best = data.get("best_contact_method")
        if len(safe) > 1 and best not in safe:
            errors["best_contact_method"] = ["Select the best way to contact you, from the ways you said are safe"]
        elif len(safe) <= 1 and best:
            errors["best_contact_method"] = ["Give the best way to contact you only when more than one way is safe"]

    def check_subject(self, data: Mapping[str, Any], errors: Errors, *, minimum_age: int) -> None:
        today = self.today()
        born = data.get("subject_date_of_birth")
        if born is not None and (born > today or born < today - timedelta(days=365 * MAX_AGE)):
            errors["subject_date_of_birth"] = ["Their date of birth must be a real date in the past"]
        age = data.get("subject_age")
        if age is not None and not minimum_age <= age <= MAX_AGE:
            errors["subject_age"] = [f"Their approximate age must be between {minimum_age} and {MAX_AGE}"]


def _needed(data: Mapping[str, Any], errors: Errors, name: str, wanted: bool, message: str | None) -> None:
    """A contact detail must be given for a way that was chosen, and only for such a way."""
    given = bool(data.get(name))
    if wanted and not given and message:
        errors[name] = [message]
    elif given and not wanted:
        errors[name] = ["Give this only for a way of contacting you that you said is safe"]


def preferred_contact(data: Mapping[str, Any]) -> str:
    safe = safe_methods(data)
    if not safe:
        return ContactMethod.NONE.value
    return _PLATFORM_CONTACT[data.get("best_contact_method") or safe[0]]


def disclosure_payload(
    data: dict[str, Any],
    context: PayloadContext,
    *,
    service: str,
    category: str,
    summary: str,
) -> dict[str, Any]:
    """The national platform's Submission for a disclosure request, made with the person's
    own words as its summary and their safe-contact choices as its flags."""
    reporter = reporter_payload({**data, "preferred_contact": preferred_contact(data)}, ReporterRole.REQUESTER)
    return submission(
        context,
        service=service,
        kind=ServiceKind.INFORMATION_REQUEST,
        reporter=reporter,
        summary=summary,
        category=category,
        flags={**vulnerability_only(data, context), "safe_to_contact": bool(safe_methods(data))},
    )

