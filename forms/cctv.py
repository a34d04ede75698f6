"""Register your business CCTV: one WTForms class per question page, keyed by the journey's page ids."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms import Field
from wtforms.validators import ValidationError

from forms.address_summary import AddressSummaryMixin
from forms.base import QuestionPage
from forms.fields import GovCheckboxesField, GovRadioField, GovStringField, GovTextAreaField
from forms.people import YES_NO, AddressPage, FullNameMixin
from forms.validators import Email, MaxLength, Optional, PhoneNumber, Required, RequiredIf, whole_number
from services.enums import YesNo
from services.enums.cctv import BusinessType, CameraCoverage, ExportMethod

MAX_CAMERAS = 500
MAX_RETENTION_DAYS = 365


def _whole_number(field: Field, *, low: int, high: int, not_number: str, out_of_range: str) -> None:
    text = (field.data or "").strip()
    number = whole_number(text)
    if number is None:
        raise ValidationError(not_number)
    if not low <= number <= high:
        raise ValidationError(out_of_range)
    field.data = str(number)


class RevealingCheckboxesField(GovCheckboxesField):
    """Checkboxes that can reveal a follow-up question under a box (as radios can)."""

    def _choice_pairs(self) -> list[tuple[str, str]]:
        return [(str(choice[0]), str(choice[1])) for choice in (self.choices or [])]


class BusinessPage(QuestionPage):
    title = _l("About your business")
    reveals = {"business_type": {BusinessType.OTHER.value: "business_type_other"}}
    organisation_name = GovStringField(
        _l("Business name"),
        validators=[
            Required(_l("Enter the name of the business")),
            MaxLength(200, _l("Business name must be 200 characters or fewer")),
        ],
        render_kw={"autocomplete": "organization"},
    )
    business_type = GovRadioField(
        _l("What type of business is it?"),
        choices=[
            (BusinessType.RETAIL.value, _l("Shop or retail")),
            (BusinessType.HOSPITALITY.value, _l("Pub, bar, restaurant or takeaway")),
            (BusinessType.OFFICE.value, _l("Office")),
            (BusinessType.INDUSTRIAL.value, _l("Warehouse, factory or industrial site")),
            (BusinessType.PETROL_OR_GARAGE.value, _l("Petrol station or garage")),
            (BusinessType.HOTEL.value, _l("Hotel or other accommodation")),
            (BusinessType.OTHER.value, _l("Another type of business")),
        ],
        validators=[Required(_l("Select the type of business"))],
    )
    business_type_other = GovStringField(
        _l("Type of business"),
        validators=[
            RequiredIf("business_type", (BusinessType.OTHER.value,), _l("Enter the type of business")),
            MaxLength(100, _l("Type of business must be 100 characters or fewer")),
        ],
    )


class BusinessAddressPage(AddressSummaryMixin, AddressPage):
    title = _l("Where is the business?")
    address_label = _l("Business address")
    lead = _l("Give the address where the cameras are.")


class CamerasPage(QuestionPage):
    title = _l("Your cameras")
    camera_count = GovStringField(
        _l("How many cameras do you have?"),
        validators=[Required(_l("Enter how many cameras you have"))],
        render_kw={"class": "govuk-input--width-3", "inputmode": "numeric", "autocomplete": "off"},
    )
    camera_coverage = GovCheckboxesField(
        _l("What do they cover?"),
        description=_l("Select all that apply."),
        choices=[
            (CameraCoverage.INSIDE.value, _l("Inside the premises")),
            (CameraCoverage.ENTRANCE.value, _l("Entrances and exits")),
            (CameraCoverage.STREET.value, _l("The street or pavement outside")),
            (CameraCoverage.CAR_PARK.value, _l("A car park")),
        ],
        validators=[Required(_l("Select what your cameras cover"))],
    )
    records_public_areas = GovRadioField(
        _l("Do any of them record public areas?"),
        description=_l("For example, the pavement, the street or a car park anyone can use."),
        choices=YES_NO,
        validators=[Required(_l("Select yes if any of your cameras record public areas"))],
    )

    def validate_camera_count(self, field: Field) -> None:
        _whole_number(
            field, low=1, high=MAX_CAMERAS,
            not_number=gettext("Number of cameras must be a whole number, like 4"),
            out_of_range=gettext("Number of cameras must be between 1 and 500"),
        )

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        covers_street = CameraCoverage.STREET.value in (self.camera_coverage.data or [])
        if valid and covers_street and self.records_public_areas.data == YesNo.NO.value:
            self.records_public_areas.errors = [gettext("Select yes, as a camera that covers the street or pavement records a public area")]
            return False
        return valid


class RecordingsPage(QuestionPage):
    title = _l("Your recordings")
    reveals = {"export_methods": {ExportMethod.OTHER.value: "export_other"}}
    retention_days = GovStringField(
        _l("How many days are recordings kept?"),
        description=_l("The number of days before recordings are deleted or recorded over, from 1 to 365"),
        validators=[Required(_l("Enter how many days recordings are kept"))],
        render_kw={"class": "govuk-input--width-3", "inputmode": "numeric", "autocomplete": "off"},
    )
    export_methods = RevealingCheckboxesField(
        _l("How can footage be copied for us?"),
        description=_l("Select all that apply."),
        choices=[
            (ExportMethod.USB.value, _l("On a USB drive or memory stick")),
            (ExportMethod.CLOUD.value, _l("From a cloud portal or by a download link")),
            (ExportMethod.DVD.value, _l("On a DVD or CD")),
            (ExportMethod.OTHER.value, _l("Another way")),
        ],
        validators=[Required(_l("Select how footage can be copied"))],
    )
    export_other = GovStringField(
        _l("How else can footage be copied?"),
        validators=[Optional(), MaxLength(200, _l("How else footage can be copied must be 200 characters or fewer"))],
    )

    def validate_retention_days(self, field: Field) -> None:
        _whole_number(
            field, low=1, high=MAX_RETENTION_DAYS,
            not_number=gettext("Number of days must be a whole number, like 31"),
            out_of_range=gettext("Number of days must be between 1 and 365"),
        )

    def layout(self) -> list[Any]:
        rendered = super().layout()
        # The number reads better with its unit beside the box.
        rendered[0] = self.retention_days(params={"suffix": {"text": gettext("days")}})
        return rendered

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        if valid and ExportMethod.OTHER.value in (self.export_methods.data or []) and not (self.export_other.data or "").strip():
            self.export_other.errors = [gettext("Enter how else footage can be copied")]
            return False
        return valid


class FootageAccessPage(QuestionPage):
    footage_access = GovTextAreaField(
        _l("When can someone give us footage?"),
        description=_l("For example, your opening hours, or the days and times when someone who can copy footage is there."),
        validators=[
            Required(_l("Enter when someone can give us footage")),
            MaxLength(500, _l("When someone can give us footage must be 500 characters or fewer")),
        ],
        is_page_heading=True,
    )


class BusinessContactPage(FullNameMixin, QuestionPage):
    title = _l("Your contact details")
    lead = _l("We will use these to ask for footage and about this registration.")
    role_in_organisation = GovStringField(
        _l("Your role in the business (optional)"),
        description=_l("For example, owner or manager"),
        validators=[Optional(), MaxLength(200, _l("Your role must be 200 characters or fewer"))],
        render_kw={"autocomplete": "organization-title"},
    )
    phone = GovStringField(
        _l("Phone number"),
        description=_l("For international numbers include the country code"),
        validators=[Required(_l("Enter a phone number")), PhoneNumber()],
        render_kw={"autocomplete": "tel", "type": "tel", "class": "govuk-input--width-20"},
    )
    email = GovStringField(
        _l("Email address"),
        validators=[Required(_l("Enter an email address")), Email()],
        render_kw={"autocomplete": "email", "spellcheck": "false", "type": "email"},
    )


class FootageRequestsPage(QuestionPage):
    footage_requests = GovRadioField(
        _l("Can we contact you to ask for footage?"),
        description=_l(
            "If a crime happens near your business, we may ask for your recordings. "
            "You can change your mind at any time by contacting us."
        ),
        choices=YES_NO,
        validators=[Required(_l("Select yes if we can contact you to ask for footage"))],
        is_page_heading=True,
    )


PAGE_FORMS: dict[str, type[QuestionPage]] = {
    "business": BusinessPage,
    "business-address": BusinessAddressPage,
    "cameras": CamerasPage,
    "recordings": RecordingsPage,
    "footage-access": FootageAccessPage,
    "contact": BusinessContactPage,
    "footage-requests": FootageRequestsPage,
}
