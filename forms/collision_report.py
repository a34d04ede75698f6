"""Get a copy of a road traffic collision report: one WTForms class per question page."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from forms.base import QuestionPage
from forms.fields import GovCheckboxesField, GovDateField, GovRadioField, GovStringField, GovTextAreaField
from forms.people import AddressPage, FullNameMixin, OrganisationPage
from forms.request_pages import HidesUnchosenReveals, RequestContactPage
from forms.validators import DateChecks, MaxLength, Optional, Required, RequiredIf, UkPostcode
from services.enums.information_requests import CollisionDocument, CollisionRequester

# Forces write references in many ways (20/123456/26, WMP-1234-03112026, 1234 3/11): accept any
# run of letters, digits, spaces, slashes, hyphens and dots that has a digit in it.
_REFERENCE_CHARACTERS = re.compile(r"^[A-Za-z0-9 /.\-]+$")
# A registration, once spaces and hyphens are gone: UK plates are 2 to 7 characters, and
# foreign ones a little longer; letters and digits only.
_REGISTRATION = re.compile(r"^[A-Z0-9]{2,10}$")
_SEPARATORS = re.compile(r"[,;\n]+")


def split_registrations(text: str) -> list[str]:
    """Each registration typed, in capitals with single spaces, in the order given."""
    return [" ".join(part.upper().split()) for part in _SEPARATORS.split(text) if part.strip()]


class PoliceReference:
    def __call__(self, form: Any, field: Any) -> None:
        value = (field.data or "").strip()
        if not _REFERENCE_CHARACTERS.match(value):
            raise ValidationError(str(_l("Police reference number must only include letters, numbers, spaces, hyphens and slashes")))
        if not any(character.isdigit() for character in value):
            raise ValidationError(str(_l("Police reference number must include a number. Leave it blank if you do not know it")))
        field.data = " ".join(value.split())


class Registrations:
    def __call__(self, form: Any, field: Any) -> None:
        registrations = split_registrations(field.data or "")
        if not registrations or not all(_REGISTRATION.match(re.sub(r"[ \-]", "", reg)) for reg in registrations):
            raise ValidationError(
                str(_l("Enter registration numbers using letters and numbers only, separated by commas, like AB12 CDE, XY65 ZZZ"))
            )
        field.data = ", ".join(registrations)


class RequesterTypePage(HidesUnchosenReveals):
    title = _l("Your connection to the collision")
    reveals = {"requester_type": {CollisionRequester.OTHER.value: "requester_reason"}}
    requester_type = GovRadioField(
        _l("What is your connection to the collision?"),
        choices=[
            (CollisionRequester.DRIVER.value, _l("I was driving or riding a vehicle involved")),
            (CollisionRequester.PASSENGER.value, _l("I was a passenger in a vehicle involved")),
            (CollisionRequester.PEDESTRIAN.value, _l("I was a pedestrian involved")),
            (CollisionRequester.INSURER.value, _l("I work for an insurance company")),
            (CollisionRequester.SOLICITOR.value, _l("I am a solicitor or work for a law firm")),
            (CollisionRequester.OTHER.value, _l("Something else")),
        ],
        validators=[Required(_l("Select your connection to the collision"))],
    )
    requester_reason = GovTextAreaField(
        _l("Tell us your connection to the collision and why you need the report"),
        description=_l("For example, you own a vehicle that was involved but were not driving it"),
        validators=[
            RequiredIf(
                "requester_type",
                (CollisionRequester.OTHER.value,),
                _l("Enter your connection to the collision and why you need the report"),
            ),
            MaxLength(1000, _l("Your connection and reason must be 1,000 characters or fewer")),
        ],
    )


class ActingForPage(OrganisationPage):
    title = _l("Your organisation and client")
    role_in_organisation = None  # the shared page's role question is not needed here
    organisation_reference = GovStringField(
        _l("Your reference"),
        description=_l("For example, your claim or case number. We will quote it when we reply."),
        validators=[Required(_l("Enter your reference")), MaxLength(50, _l("Your reference must be 50 characters or fewer"))],
        render_kw={"autocomplete": "off", "spellcheck": "false", "class": "govuk-input--width-20"},
    )
    acting_for = GovStringField(
        _l("Who do you act for?"),
        description=_l("The name of your client or policyholder"),
        validators=[Required(_l("Enter who you act for")), MaxLength(200, _l("Who you act for must be 200 characters or fewer"))],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )


class CollisionNamePage(FullNameMixin, QuestionPage):
    title = _l("Your name")
    lead = _l("We use your name to check your connection to the collision before we release anything.")


class CollisionDatePage(QuestionPage):
    collision_date = GovDateField(
        _l("When did the collision happen?"),
        description=_l("For example, 3 11 2026"),
        validators=[
            DateChecks(required=_l("Enter the date of the collision"), name=_l("The date of the collision"), earliest_years=100)
        ],
        is_page_heading=True,
    )


class CollisionLocationPage(QuestionPage):
    title = _l("Where did the collision happen?")
    collision_location = GovTextAreaField(
        _l("Describe where it happened"),
        description=_l("For example, the road, the town, and the nearest junction or landmark"),
        validators=[
            Required(_l("Describe where the collision happened")),
            MaxLength(1000, _l("Where the collision happened must be 1,000 characters or fewer")),
        ],
    )
    collision_postcode = GovStringField(
        _l("Postcode (optional)"),
        validators=[Optional(), UkPostcode()],
        render_kw={"autocomplete": "off", "class": "govuk-input--width-10"},
    )


class FindReportPage(QuestionPage):
    title = _l("Help us find the report")
    lead = _l("Give these if you know them. They help us find the right report sooner.")
    police_reference = GovStringField(
        _l("Police reference number (optional)"),
        description=_l("It may be on a letter or form from us, or an officer may have given it to you at the scene"),
        validators=[
            Optional(),
            MaxLength(30, _l("Police reference number must be 30 characters or fewer")),
            PoliceReference(),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false", "class": "govuk-input--width-20"},
    )
    vehicle_registrations = GovStringField(
        _l("Registration numbers of the vehicles involved (optional)"),
        description=_l("Separate them with commas, for example AB12 CDE, XY65 ZZZ"),
        validators=[
            Optional(),
            MaxLength(200, _l("Registration numbers must be 200 characters or fewer")),
            Registrations(),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )


class DocumentsPage(QuestionPage):
    documents_wanted = GovCheckboxesField(
        _l("What do you need?"),
        description=_l("Select all that apply. We charge for most of these, and will tell you the fee before we do anything."),
        choices=[
            (CollisionDocument.FULL_REPORT.value, _l("The full collision report")),
            (
                CollisionDocument.ABSTRACT.value,
                _l("An abstract: the basic details of the collision, the people and vehicles involved, and their insurers"),
            ),
            (CollisionDocument.WITNESS_STATEMENTS.value, _l("Witness statements")),
            (CollisionDocument.PHOTOGRAPHS.value, _l("Photographs")),
            (CollisionDocument.SKETCH_PLAN.value, _l("A sketch plan of the scene")),
        ],
        validators=[Required(_l("Select what you need"))],
        is_page_heading=True,
    )

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        chosen = set(self.documents_wanted.data or [])
        if valid and {CollisionDocument.FULL_REPORT.value, CollisionDocument.ABSTRACT.value} <= chosen:
            # The full report already holds everything an abstract does.
            self.documents_wanted.errors = [str(_l("Select the full report or an abstract, not both"))]
            return False
        return valid


PAGE_FORMS: dict[str, type[QuestionPage]] = {
    "connection": RequesterTypePage,
    "organisation": ActingForPage,
    "your-name": CollisionNamePage,
    "collision-date": CollisionDatePage,
    "collision-location": CollisionLocationPage,
    "find-report": FindReportPage,
    "documents": DocumentsPage,
    "address": AddressPage,
    "contact": RequestContactPage,
}
