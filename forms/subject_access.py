"""Ask for your personal information (a subject access request): one WTForms class per page."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from forms.base import QuestionPage, SummaryRow
from forms.fields import (
    GovCharacterCountField,
    GovCheckboxesField,
    GovDateField,
    GovRadioField,
    GovStringField,
    GovTextAreaField,
)
from forms.people import AddressPage, ContactPreferencePage, FullNameMixin
from forms.request_pages import HidesUnchosenReveals, PeriodDatesPage, PeriodPage, RequestContactPage
from forms.validators import DateChecks, MaxLength, Optional, Required, RequiredIf, UkPostcode
from services.enums.information_requests import (
    AddressProof,
    Authority,
    PersonalInformationType,
    PhotoId,
    RequestingFor,
)

# Parental responsibility ends at 18: after that a parent needs the person's permission.
ADULT_AGE = 18
NOT_THEIRS = {"autocomplete": "off", "spellcheck": "false"}
ADDRESS_PARTS = ("subject_address_line_1", "subject_address_line_2", "subject_address_town", "subject_address_postcode")


def _previous_names(label: Any, **render_kw: str) -> GovStringField:
    return GovStringField(
        label,
        description=_l("For example, a name before marriage. Separate names with a comma."),
        validators=[Optional(), MaxLength(500, _l("Previous names must be 500 characters or fewer"))],
        render_kw={"spellcheck": "false", **render_kw},
    )


class WhoForPage(QuestionPage):
    requesting_for = GovRadioField(
        _l("Whose information are you asking for?"),
        choices=[
            (RequestingFor.MYSELF.value, _l("My own information")),
            (RequestingFor.SOMEONE_ELSE.value, _l("Someone else’s information")),
        ],
        validators=[Required(_l("Select whose information you are asking for"))],
        is_page_heading=True,
    )


class AuthorityPage(QuestionPage):
    authority = GovRadioField(
        _l("What gives you the right to ask for their information?"),
        description=_l("You will need to send us proof of this, such as their signed permission, a birth certificate or a court order."),
        choices=[
            (Authority.WRITTEN_PERMISSION.value, _l("They have given me written permission")),
            (Authority.PARENT.value, _l("I am their parent or guardian, and they are under 18")),
            (Authority.LEGAL_REPRESENTATIVE.value, _l("I am their legal representative, for example their solicitor or attorney")),
        ],
        validators=[Required(_l("Select what gives you the right to ask for their information"))],
        is_page_heading=True,
    )


class YourDetailsPage(FullNameMixin, QuestionPage):
    title = _l("Your details")
    previous_names = _previous_names(_l("Previous names (optional)"))
    date_of_birth = GovDateField(
        _l("Date of birth"),
        description=_l("For example, 27 3 1985"),
        validators=[DateChecks(required=_l("Enter your date of birth"), name=_l("Date of birth"))],
        autocomplete_prefix="bday",
    )


class TheirDetailsPage(QuestionPage):
    title = _l("About the person whose information you want")
    subject_full_name = GovStringField(
        _l("Their full name"),
        validators=[
            Required(_l("Enter their full name")),
            MaxLength(200, _l("Their full name must be 200 characters or fewer")),
        ],
        render_kw=NOT_THEIRS,
    )
    subject_previous_names = _previous_names(_l("Their previous names (optional)"), autocomplete="off")
    subject_date_of_birth = GovDateField(
        _l("Their date of birth"),
        description=_l("For example, 27 3 2012"),
        validators=[DateChecks(required=_l("Enter their date of birth"), name=_l("Their date of birth"))],
    )

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        born = self.subject_date_of_birth.data
        if valid and self.prior.get("authority") == Authority.PARENT.value and _age(born, date.today()) >= ADULT_AGE:
            self.subject_date_of_birth.errors = [
                str(_l("Their date of birth must be less than 18 years ago if you are asking as their parent or guardian"))
            ]
            return False
        return valid


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class InformationTypesPage(QuestionPage):
    information_types = GovCheckboxesField(
        _l("What information do you want?"),
        description=_l("Select all that apply."),
        choices=[
            (PersonalInformationType.CRIME_REPORTS.value, _l("Crime reports, as a victim, witness or suspect")),
            (PersonalInformationType.CUSTODY_RECORDS.value, _l("Custody records")),
            (PersonalInformationType.CALLS.value, _l("Records or recordings of 999 or 101 calls")),
            (PersonalInformationType.BODY_WORN_VIDEO.value, _l("Body-worn video")),
            (PersonalInformationType.OTHER.value, _l("Other information")),
        ],
        validators=[Required(_l("Select the information you want"))],
        is_page_heading=True,
    )


class InformationDetailsPage(QuestionPage):
    information_details = GovCharacterCountField(
        _l("Tell us about the information you want"),
        description=_l(
            "Include anything that helps us find it: dates, places, reference numbers and what happened. "
            "For body-worn video or a call, give the date, time and place."
        ),
        validators=[
            Required(_l("Enter details of the information you want")),
            MaxLength(5000, _l("Details of the information you want must be 5,000 characters or fewer")),
        ],
        max_length=5000,
        is_page_heading=True,
    )


class OwnAddressPage(AddressPage):
    title = _l("Your address")
    previous_addresses = GovTextAreaField(
        _l("Previous addresses (optional)"),
        description=_l(
            "If you lived at other addresses during the time your request covers, give each one "
            "with its postcode. This helps us find every record."
        ),
        validators=[Optional(), MaxLength(2000, _l("Previous addresses must be 2,000 characters or fewer"))],
    )


class TheirAddressPage(QuestionPage):
    title = _l("Their address")
    subject_address_line_1 = GovStringField(
        _l("Address line 1"),
        validators=[
            Required(_l("Enter address line 1, typically the building and street")),
            MaxLength(200, _l("Address line 1 must be 200 characters or fewer")),
        ],
        render_kw={"autocomplete": "off"},
    )
    subject_address_line_2 = GovStringField(
        _l("Address line 2 (optional)"),
        validators=[Optional(), MaxLength(200, _l("Address line 2 must be 200 characters or fewer"))],
        render_kw={"autocomplete": "off"},
    )
    subject_address_town = GovStringField(
        _l("Town or city"),
        validators=[Required(_l("Enter town or city")), MaxLength(100, _l("Town or city must be 100 characters or fewer"))],
        render_kw={"autocomplete": "off", "class": "govuk-!-width-two-thirds"},
    )
    subject_address_postcode = GovStringField(
        _l("Postcode"),
        validators=[Required(_l("Enter postcode")), UkPostcode()],
        render_kw={"autocomplete": "off", "class": "govuk-input--width-10"},
    )
    subject_previous_addresses = GovTextAreaField(
        _l("Their previous addresses (optional)"),
        description=_l(
            "If they lived at other addresses during the time your request covers, give each one "
            "with its postcode. This helps us find every record."
        ),
        validators=[Optional(), MaxLength(2000, _l("Previous addresses must be 2,000 characters or fewer"))],
    )

    def summary(self, page_id: str) -> list[SummaryRow]:
        """Their address as one answer, so check answers does not show two "Address line 1" rows
        when the person also gives their own address."""
        lines = [self[name].data for name in ADDRESS_PARTS if self[name].data]
        address = SummaryRow(
            question_id=f"{page_id}.subject_address",
            question=str(self.title),
            answer="\n".join(str(line) for line in lines),
            field_id=self.subject_address_line_1.id,
        )
        return [address, *(row for row in super().summary(page_id) if row.question_id.endswith("_previous_addresses"))]


class IdentityPage(HidesUnchosenReveals):
    title = _l("Proof of identity")
    reveals = {
        "photo_id": {PhotoId.OTHER.value: "photo_id_other", PhotoId.NONE.value: "photo_id_instead"},
        "address_proof": {AddressProof.OTHER.value: "address_proof_other"},
    }
    photo_id = GovRadioField(
        _l("Which photo ID will you send?"),
        description=_l("It must show the name of the person the information is about."),
        choices=[
            (PhotoId.PASSPORT.value, _l("Passport")),
            (PhotoId.DRIVING_LICENCE.value, _l("Photocard driving licence")),
            (PhotoId.OTHER.value, _l("Another photo ID, such as a national identity card or a PASS card")),
            (PhotoId.NONE.value, _l("I cannot send photo ID")),
        ],
        validators=[Required(_l("Select which photo ID you will send"))],
    )
    photo_id_other = GovStringField(
        _l("Which photo ID?"),
        validators=[
            RequiredIf("photo_id", (PhotoId.OTHER.value,), _l("Enter which photo ID you will send")),
            MaxLength(200, _l("The name of the photo ID must be 200 characters or fewer")),
        ],
    )
    photo_id_instead = GovStringField(
        _l("What can you send instead?"),
        description=_l("For example, a birth certificate or a letter from a social worker"),
        validators=[
            RequiredIf("photo_id", (PhotoId.NONE.value,), _l("Enter what you can send instead of photo ID")),
            MaxLength(200, _l("What you can send instead must be 200 characters or fewer")),
        ],
    )
    address_proof = GovRadioField(
        _l("Which proof of address will you send?"),
        description=_l("It must show the same name and the current address."),
        choices=[
            (AddressProof.UTILITY_BILL.value, _l("A utility bill from the last 3 months")),
            (AddressProof.BANK_STATEMENT.value, _l("A bank or building society statement from the last 3 months")),
            (AddressProof.COUNCIL_TAX.value, _l("A council tax bill for this year")),
            (AddressProof.BENEFITS_LETTER.value, _l("A letter about benefits or a pension from the last 12 months")),
            (AddressProof.OTHER.value, _l("Something else")),
        ],
        validators=[Required(_l("Select which proof of address you will send"))],
    )
    address_proof_other = GovStringField(
        _l("What will you send?"),
        validators=[
            RequiredIf("address_proof", (AddressProof.OTHER.value,), _l("Enter what you will send as proof of address")),
            MaxLength(200, _l("Proof of address must be 200 characters or fewer")),
        ],
    )

    @property
    def lead(self) -> Any:  # type: ignore[override]
        # Whose documents, and what else to send, depends on who the request is for.
        if self.prior.get("requesting_for") == RequestingFor.SOMEONE_ELSE.value:
            return _l(
                "We must check who the information is about before we release it. Send a copy of one "
                "photo ID and one proof of address for the person the information is about, and proof "
                "that you can act for them. We will tell you how to send them when you have sent this request."
            )
        return _l(
            "We must check who you are before we release your information, so that we never give it to "
            "the wrong person. Send a copy of one photo ID and one proof of address. We will tell you how "
            "to send them when you have sent this request."
        )


class RequesterDetailsPage(FullNameMixin, QuestionPage):
    title = _l("About you")
    lead = _l("Tell us who you are, so that we can check you can act for them.")
    organisation_name = GovStringField(
        _l("Organisation or firm (optional)"),
        description=_l("If you are asking as part of your job, for example as a solicitor"),
        validators=[Optional(), MaxLength(200, _l("Organisation or firm must be 200 characters or fewer"))],
        render_kw={"autocomplete": "organization"},
    )


PAGE_FORMS: dict[str, type[QuestionPage]] = {
    "who-for": WhoForPage,
    "authority": AuthorityPage,
    "your-details": YourDetailsPage,
    "their-details": TheirDetailsPage,
    "information-types": InformationTypesPage,
    "information-details": InformationDetailsPage,
    "period": PeriodPage,
    "period-dates": PeriodDatesPage,
    "address": OwnAddressPage,
    "their-address": TheirAddressPage,
    "identity": IdentityPage,
    "about-you": RequesterDetailsPage,
    "your-address": AddressPage,
    "contact": RequestContactPage,
    "contact-preference": ContactPreferencePage,
}
