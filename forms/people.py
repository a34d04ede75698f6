"""Pages about the person: who they are and how to reach them. Shared by every service."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from forms.base import QuestionPage
from forms.fields import GovDateField, GovRadioField, GovStringField, GovTextAreaField
from forms.validators import (
    DateChecks,
    Email,
    MaxLength,
    Optional,
    PhoneNumber,
    Required,
    RequiredIf,
    UkPostcode,
)
from services.enums import ContactMethod, YesNo

YES_NO = [(YesNo.YES.value, _l("Yes")), (YesNo.NO.value, _l("No"))]


class FullNameMixin:
    full_name = GovStringField(
        _l("Full name"),
        validators=[Required(_l("Enter your full name")), MaxLength(200, _l("Full name must be 200 characters or fewer"))],
        render_kw={"autocomplete": "name", "spellcheck": "false"},
    )


class VictimDetailsPage(FullNameMixin, QuestionPage):
    title = _l("Your details")
    date_of_birth = GovDateField(
        _l("Date of birth"),
        description=_l("For example, 27 3 1985"),
        validators=[DateChecks(required=_l("Enter your date of birth"), name=_l("Date of birth"))],
        autocomplete_prefix="bday",
    )


class NamePage(FullNameMixin, QuestionPage):
    title = _l("Your name")
    lead = _l("We need your name in case an officer wants to talk to you about what you saw or were told.")


class OrganisationPage(FullNameMixin, QuestionPage):
    title = _l("Your organisation")
    organisation_name = GovStringField(
        _l("Name of the organisation"),
        validators=[
            Required(_l("Enter the name of the organisation")),
            MaxLength(200, _l("Name of the organisation must be 200 characters or fewer")),
        ],
        render_kw={"autocomplete": "organization"},
    )
    role_in_organisation = GovStringField(
        _l("Your role in the organisation (optional)"),
        validators=[Optional(), MaxLength(200, _l("Your role must be 200 characters or fewer"))],
        render_kw={"autocomplete": "organization-title"},
    )


class AddressPage(QuestionPage):
    title = _l("What is your address?")
    address_line_1 = GovStringField(
        _l("Address line 1"),
        validators=[
            Required(_l("Enter address line 1, typically the building and street")),
            MaxLength(200, _l("Address line 1 must be 200 characters or fewer")),
        ],
        render_kw={"autocomplete": "address-line1"},
    )
    address_line_2 = GovStringField(
        _l("Address line 2 (optional)"),
        validators=[Optional(), MaxLength(200, _l("Address line 2 must be 200 characters or fewer"))],
        render_kw={"autocomplete": "address-line2"},
    )
    address_town = GovStringField(
        _l("Town or city"),
        validators=[
            Required(_l("Enter town or city")),
            MaxLength(100, _l("Town or city must be 100 characters or fewer")),
        ],
        render_kw={"autocomplete": "address-level2", "class": "govuk-!-width-two-thirds"},
    )
    address_postcode = GovStringField(
        _l("Postcode"),
        validators=[Required(_l("Enter postcode")), UkPostcode()],
        render_kw={"autocomplete": "postal-code", "class": "govuk-input--width-10"},
    )


class ContactPage(QuestionPage):
    title = _l("How can we contact you?")
    lead = _l("Give an email address, a phone number, or both. We use them only about this report.")
    email = GovStringField(
        _l("Email address (optional)"),
        validators=[Optional(), Email()],
        render_kw={"autocomplete": "email", "spellcheck": "false", "type": "email"},
    )
    phone = GovStringField(
        _l("Phone number (optional)"),
        description=_l("For international numbers include the country code"),
        validators=[Optional(), PhoneNumber()],
        render_kw={"autocomplete": "tel", "type": "tel", "class": "govuk-input--width-20"},
    )

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        if valid and not (self.email.data or "").strip() and not (self.phone.data or "").strip():
            self.email.errors = [str(_l("Enter an email address or a phone number"))]
            return False
        return valid


class ContactPreferencePage(QuestionPage):
    title = _l("Contacting you")
    preferred_contact = GovRadioField(
        _l("How would you prefer us to contact you?"),
        choices=[
            (ContactMethod.EMAIL.value, _l("Email")),
            (ContactMethod.PHONE.value, _l("Phone")),
            (ContactMethod.POST.value, _l("Post")),
        ],
        validators=[Required(_l("Select how you would prefer us to contact you"))],
    )
    safe_to_contact = GovRadioField(
        _l("Is it safe for us to contact you by these means?"),
        description=_l(
            "For example, if someone you live with reads your messages or answers your phone. "
            "If you say no, we will not send you emails or leave messages."
        ),
        choices=YES_NO,
        validators=[Required(_l("Select yes if it is safe for us to contact you"))],
    )


    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        chosen = self.preferred_contact.data
        if chosen == ContactMethod.EMAIL.value and not self.prior.get("email"):
            self.preferred_contact.errors = [str(_l("You have not given an email address. Choose another way, or go back and add one"))]
            return False
        if chosen == ContactMethod.PHONE.value and not self.prior.get("phone"):
            self.preferred_contact.errors = [str(_l("You have not given a phone number. Choose another way, or go back and add one"))]
            return False
        return valid


class SupportNeedsPage(QuestionPage):
    title = _l("Support you need from us")
    reveals = {"interpreter_needed": {YesNo.YES.value: "interpreter_language"}}
    interpreter_needed = GovRadioField(
        _l("Do you need an interpreter?"),
        choices=YES_NO,
        validators=[Required(_l("Select yes if you need an interpreter"))],
    )
    interpreter_language = GovStringField(
        _l("Which language?"),
        validators=[
            RequiredIf("interpreter_needed", (YesNo.YES.value,), _l("Enter the language you need an interpreter for")),
            MaxLength(64, _l("Language must be 64 characters or fewer")),
        ],
    )
    communication_needs = GovTextAreaField(
        _l("Do you have any other communication needs? (optional)"),
        description=_l("For example, British Sign Language, large print, text relay, or someone to help you"),
        validators=[Optional(), MaxLength(1000, _l("Communication needs must be 1,000 characters or fewer"))],
    )
