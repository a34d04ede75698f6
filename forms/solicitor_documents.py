"""Ask for documents as a solicitor: one WTForms class per question page."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms.validators import StopValidation, ValidationError

from forms.base import QuestionPage
from forms.disclosure import OptionalDate, RevealedBy, RevealingCheckboxesField, RevealingPage
from forms.fields import GovDateField, GovRadioField, GovStringField, GovTextAreaField
from forms.people import AddressPage, ContactPage, FullNameMixin
from forms.validators import DateChecks, Email, MaxLength, PhoneNumber, Required
from services.enums.solicitor import AuthorityType, CaseType, DocumentType

# The SRA gives every firm and solicitor an SRA ID: a whole number, at present up to 6 digits.
_SRA_NUMBER = re.compile(r"^[0-9]{1,6}$")
_SRA_PREFIX = re.compile(r"^SRA(\s*(ID|NO|NUMBER))?[\s:.#-]*", re.IGNORECASE)
# Force references and crime numbers differ between forces; all are letters, digits and separators.
_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/ -]*$")
NEEDED_WITHIN_YEARS = 2


class SraNumber:
    """An SRA ID: digits only, 1 to 6 of them, not zero.

    People often type it as printed on letterheads ("SRA No. 612345", "612 345"), so a leading
    "SRA", "SRA ID" or "SRA number" and any spaces are removed first; the digits are what is kept.
    """

    def __call__(self, form: Any, field: Any) -> None:
        text = _SRA_PREFIX.sub("", (field.data or "").strip()).replace(" ", "")
        if not (text.isascii() and text.isdigit()):
            raise ValidationError(str(_l("SRA number must be a number, like 612345")))
        if not _SRA_NUMBER.match(text):
            raise ValidationError(str(_l("SRA number must be 6 digits or fewer")))
        if int(text) == 0:
            raise ValidationError(str(_l("Enter a real SRA number, like 612345")))
        field.data = str(int(text))


class PoliceReference:
    """Optional; when given, tidied to single spaces and checked for characters a reference can hold."""

    def __call__(self, form: Any, field: Any) -> None:
        text = " ".join((field.data or "").split())
        if not text:
            return
        if len(text) > 32:
            raise ValidationError(str(_l("Reference must be 32 characters or fewer")))
        if not _REFERENCE.match(text):
            raise ValidationError(str(_l("Reference must only include letters, numbers, spaces, hyphens and slashes")))
        field.data = text


class NotBeforeToday:
    """A date the documents are needed by: not past, and close enough to be a real deadline."""

    def __call__(self, form: Any, field: Any) -> None:
        today = date.today()
        if field.data < today:
            raise StopValidation(str(_l("The date you need them by must be today or in the future")))
        if field.data > today + timedelta(days=365 * NEEDED_WITHIN_YEARS):
            raise StopValidation(str(_l("The date you need them by must be within the next 2 years")))


class FirmDetailsPage(FullNameMixin, QuestionPage):
    title = _l("You and your firm")
    role_in_organisation = GovStringField(
        _l("Your role (optional)"),
        description=_l("For example, solicitor, partner or paralegal"),
        validators=[MaxLength(200, _l("Your role must be 200 characters or fewer"))],
        render_kw={"autocomplete": "organization-title"},
    )
    organisation_name = GovStringField(
        _l("Name of your firm"),
        validators=[
            Required(_l("Enter the name of your firm")),
            MaxLength(200, _l("Name of your firm must be 200 characters or fewer")),
        ],
        render_kw={"autocomplete": "organization"},
    )
    sra_number = GovStringField(
        _l("Your firm's SRA number"),
        description=_l("The number the Solicitors Regulation Authority gave your firm. It is up to 6 digits, for example 612345."),
        validators=[Required(_l("Enter your firm's SRA number")), SraNumber()],
        render_kw={"params": {"classes": "govuk-input--width-10"}, "inputmode": "numeric", "spellcheck": "false"},
    )


class OfficeAddressPage(AddressPage):
    title = _l("What is your office address?")


class WorkContactPage(ContactPage):
    title = _l("Your work contact details")
    lead = _l("We will use these only about this request.")
    email = GovStringField(
        _l("Work email address"),
        description=_l("We may send documents to this address. Give a secure address if you have one, such as a CJSM address."),
        validators=[Required(_l("Enter your work email address")), Email()],
        render_kw={"autocomplete": "email", "spellcheck": "false", "type": "email"},
    )
    phone = GovStringField(
        _l("Work phone number"),
        description=_l("For international numbers include the country code"),
        validators=[Required(_l("Enter your work phone number")), PhoneNumber()],
        render_kw={"autocomplete": "tel", "type": "tel", "params": {"classes": "govuk-input--width-20"}},
    )


class ClientPage(QuestionPage):
    title = _l("Your client")
    lead = _l("If you act for a family at an inquest, give the details of the person who died.")
    client_name = GovStringField(
        _l("Client's full name"),
        validators=[
            Required(_l("Enter your client's full name")),
            MaxLength(200, _l("Client's full name must be 200 characters or fewer")),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    client_date_of_birth = GovDateField(
        _l("Client's date of birth"),
        description=_l("For example, 27 3 1985"),
        validators=[DateChecks(required=_l("Enter your client's date of birth"), name=_l("Client's date of birth"))],
    )


class CasePage(RevealingPage):
    title = _l("About the case")
    reveals = {"case_type": {CaseType.OTHER.value: "case_type_other"}}
    case_type = GovRadioField(
        _l("What type of case is it?"),
        choices=[
            (CaseType.CRIMINAL_DEFENCE.value, _l("Criminal defence")),
            (CaseType.CIVIL_CLAIM.value, _l("Civil claim")),
            (CaseType.FAMILY.value, _l("Family")),
            (CaseType.INQUEST.value, _l("Inquest")),
            (CaseType.OTHER.value, _l("Other")),
        ],
        validators=[Required(_l("Select the type of case"))],
    )
    case_type_other = GovStringField(
        _l("Type of case"),
        validators=[
            RevealedBy("case_type", (CaseType.OTHER.value,), _l("Enter the type of case")),
            MaxLength(200, _l("Type of case must be 200 characters or fewer")),
        ],
    )
    police_reference = GovStringField(
        _l("Our reference or crime number (optional)"),
        description=_l("If you know it. For example, a crime number, an incident number or a custody record number."),
        validators=[PoliceReference()],
        render_kw={"params": {"classes": "govuk-input--width-20"}, "spellcheck": "false"},
    )


class DocumentsPage(RevealingPage):
    title = _l("The documents you want")
    reveals = {"documents_requested": {DocumentType.OTHER.value: "documents_other"}}
    documents_requested = RevealingCheckboxesField(
        _l("Which documents do you want?"),
        description=_l("Select all that apply."),
        choices=[
            (DocumentType.CUSTODY_RECORD.value, _l("Custody record")),
            (DocumentType.INTERVIEW_RECORDING.value, _l("Interview recording")),
            (DocumentType.STATEMENTS.value, _l("Statements")),
            (DocumentType.CRIME_REPORT.value, _l("Crime report")),
            (DocumentType.INCIDENT_LOG.value, _l("Incident log")),
            (DocumentType.BODY_WORN_VIDEO.value, _l("Body-worn video")),
            (DocumentType.OTHER.value, _l("Other")),
        ],
        validators=[Required(_l("Select the documents you want"))],
    )
    documents_other = GovTextAreaField(
        _l("Describe the other documents"),
        validators=[
            RevealedBy("documents_requested", (DocumentType.OTHER.value,), _l("Describe the other documents you want")),
            MaxLength(1000, _l("Description of the other documents must be 1,000 characters or fewer")),
        ],
        render_kw={"rows": 3},
    )
    documents_details = GovTextAreaField(
        _l("Anything that will help us find them (optional)"),
        description=_l(
            "For example, the date, time and place of the arrest or incident, the custody suite, "
            "or the name of the officer in the case"
        ),
        validators=[MaxLength(2000, _l("What will help us find them must be 2,000 characters or fewer"))],
    )


class AuthorityPage(RevealingPage):
    title = _l("Your authority")
    reveals = {"authority": {AuthorityType.COURT_ORDER.value: "court_order_details"}}
    authority = GovRadioField(
        _l("What authority do you have to ask for these documents?"),
        description=_l("We will ask you for a copy before we release anything."),
        choices=[
            (AuthorityType.CLIENT_AUTHORITY.value, _l("A signed authority from my client")),
            (AuthorityType.COURT_ORDER.value, _l("A court order")),
        ],
        validators=[Required(_l("Select the authority you have"))],
    )
    court_order_details = GovTextAreaField(
        _l("Which court order?"),
        description=_l("Give the court, the date of the order and the case number"),
        validators=[
            RevealedBy("authority", (AuthorityType.COURT_ORDER.value,), _l("Enter which court order you have")),
            MaxLength(500, _l("Details of the court order must be 500 characters or fewer")),
        ],
        render_kw={"rows": 3},
    )


class DateNeededPage(QuestionPage):
    title = _l("When you need the documents")
    lead = _l("We will try to meet your date, but some documents take longer to prepare.")
    needed_by = GovDateField(
        _l("Date you need them by (optional)"),
        description=_l("For example, 27 3 2027"),
        validators=[
            OptionalDate(),
            DateChecks(required=_l("Enter the date you need them by"), name=_l("The date you need them by"), past_only=False),
            NotBeforeToday(),
        ],
    )
    needed_by_reason = GovTextAreaField(
        _l("Why do you need them by then? (optional)"),
        description=_l("For example, the date of a court hearing"),
        validators=[MaxLength(500, _l("Why you need them by then must be 500 characters or fewer"))],
        render_kw={"rows": 3},
    )


PAGE_FORMS: dict[str, type[QuestionPage]] = {
    "firm-details": FirmDetailsPage,
    "office-address": OfficeAddressPage,
    "contact": WorkContactPage,
    "client": ClientPage,
    "case": CasePage,
    "documents": DocumentsPage,
    "authority": AuthorityPage,
    "date-needed": DateNeededPage,
}
