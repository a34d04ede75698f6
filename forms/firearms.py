"""Apply for a firearm or shotgun certificate: one WTForms class per question page.

The questions follow the Home Office's form 201, simplified for an online first stage.
The repeating groups are in forms/firearms_lists.py and the referees in
forms/firearms_referees.py.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms import Field
from wtforms.fields.core import UnboundField
from wtforms.validators import ValidationError

from forms.address_summary import AddressSummaryMixin
from forms.base import QuestionPage
from forms.fields import GovCheckboxesField, GovDateField, GovRadioField, GovStringField, GovTextAreaField
from forms.firearms_lists import FirearmsPage, HistoryRule, PreviousAddressesPage
from forms.firearms_referees import FirstRefereePage, SecondRefereePage
from forms.people import YES_NO, AddressPage, ContactPage, ContactPreferencePage, FullNameMixin
from forms.validators import DateChecks, MaxLength, Optional, PhoneNumber, Required, RequiredIf, UkPostcode
from services.enums import YesNo
from services.enums.firearms import ApplicationType, CertificateType, MedicalCondition, StorageType

NONE_OF_THESE = "none"
ADULT_AGE = 18
_CERTIFICATE_NUMBER = re.compile(r"^[A-Za-z0-9 /,.\-]+$")
_OFF = {"autocomplete": "off"}


class CertificateTypePage(QuestionPage):
    certificate_type = GovRadioField(
        _l("Which certificate are you applying for?"),
        description=_l(
            "A firearm certificate covers rifles, pistols and other firearms that are not shotguns. "
            "If you apply for both, they will run to the same expiry date."
        ),
        choices=[
            (CertificateType.FIREARM.value, _l("A firearm certificate")),
            (CertificateType.SHOTGUN.value, _l("A shotgun certificate")),
            (CertificateType.BOTH.value, _l("Both a firearm and a shotgun certificate")),
        ],
        validators=[Required(_l("Select which certificate you are applying for"))],
        is_page_heading=True,
    )


class ApplicationTypePage(QuestionPage):
    title = _l("New certificate or renewal")
    reveals = {"application_type": {ApplicationType.RENEWAL.value: "current_certificate_number"}}
    application_type = GovRadioField(
        _l("Are you applying for a new certificate or renewing one you have now?"),
        description=_l("If your certificate has already expired, apply for a new one."),
        choices=[
            (ApplicationType.GRANT.value, _l("A new certificate (a grant)")),
            (ApplicationType.RENEWAL.value, _l("Renewing my certificate (a renewal)")),
        ],
        validators=[Required(_l("Select if you are applying for a new certificate or a renewal"))],
    )
    current_certificate_number = GovStringField(
        _l("Current certificate number"),
        description=_l("It is on your certificate. If you have a firearm and a shotgun certificate, give both numbers."),
        validators=[
            RequiredIf("application_type", (ApplicationType.RENEWAL.value,), _l("Enter your current certificate number")),
            MaxLength(50, _l("Certificate number must be 50 characters or fewer")),
        ],
        render_kw={**_OFF, "spellcheck": "false"},
    )

    def validate_current_certificate_number(self, field: Field) -> None:
        if field.data and not _CERTIFICATE_NUMBER.match(field.data.strip()):
            raise ValidationError(gettext("Certificate number must only include letters, numbers, spaces, hyphens and slashes"))


def _age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class PersonalDetailsPage(FullNameMixin, QuestionPage):
    title = _l("Your personal details")
    lead = _l(
        "You must be 18 or over to apply for a new firearm certificate online. There is no minimum age "
        "for a shotgun certificate, but you cannot buy or hire a shotgun or ammunition until you are 18, "
        "and under 15s must be supervised by someone aged 21 or over when using one."
    )
    previous_names = GovTextAreaField(
        _l("Any other names you have used (optional)"),
        description=_l("For example, a name before marriage or a name you changed by deed poll"),
        validators=[Optional(), MaxLength(500, _l("Other names must be 500 characters or fewer"))],
        render_kw={"autocomplete": "off", "rows": 2},
    )
    date_of_birth = GovDateField(
        _l("Date of birth"),
        description=_l("For example, 27 3 1985"),
        validators=[DateChecks(required=_l("Enter your date of birth"), name=_l("Date of birth"))],
        autocomplete_prefix="bday",
    )
    place_of_birth = GovStringField(
        _l("Place of birth"),
        description=_l("Town or city, and the country if it was outside the UK"),
        validators=[Required(_l("Enter your place of birth")), MaxLength(100, _l("Place of birth must be 100 characters or fewer"))],
        render_kw=_OFF,
    )
    nationality = GovStringField(
        _l("Nationality"),
        description=_l("If you have more than one, give them all"),
        validators=[Required(_l("Enter your nationality")), MaxLength(100, _l("Nationality must be 100 characters or fewer"))],
        render_kw=_OFF,
    )

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        wants_firearm = self.prior.get("certificate_type") in (CertificateType.FIREARM, CertificateType.BOTH)
        is_grant = self.prior.get("application_type") == ApplicationType.GRANT
        if valid and wants_firearm and is_grant and _age_on(self.date_of_birth.data, date.today()) < ADULT_AGE:
            self.date_of_birth.errors = [gettext("You must be 18 or over to apply for a new firearm certificate")]
            return False
        return valid


class HomeAddressPage(AddressSummaryMixin, AddressPage):
    title = _l("Your home address")
    address_label = _l("Home address")
    lead = _l("If you have lived here for less than 5 years, we will ask about your previous addresses next.")
    moved_in = GovDateField(
        _l("When did you move to this address?"),
        description=_l("For example, 27 3 2019"),
        validators=[DateChecks(required=_l("Enter the date you moved to this address"), name=_l("The date you moved to this address"))],
    )


class GpConsentPage(QuestionPage):
    gp_consent = GovRadioField(
        _l("Do you give permission for us to contact your doctor?"),
        description=_l(
            "We will ask your GP, or another doctor registered with the General Medical Council, about your "
            "medical history. Your doctor may charge you a fee. We cannot consider your application without "
            "your permission."
        ),
        choices=YES_NO,
        validators=[Required(_l("Select yes if you give permission for us to contact your doctor"))],
        is_page_heading=True,
    )


class GpDetailsPage(AddressSummaryMixin, QuestionPage):
    title = _l("Your GP practice")
    address_label = _l("Practice address")
    address_fields = ("gp_address_line_1", "gp_address_line_2", "gp_town", "gp_postcode")
    lead = _l("Give the GP practice you are registered with now.")
    gp_practice_name = GovStringField(
        _l("Name of the practice"),
        validators=[
            Required(_l("Enter the name of your GP practice")),
            MaxLength(200, _l("Name of the practice must be 200 characters or fewer")),
        ],
        render_kw=_OFF,
    )
    gp_address_line_1 = GovStringField(
        _l("Address line 1"),
        validators=[
            Required(_l("Enter address line 1, typically the building and street")),
            MaxLength(200, _l("Address line 1 must be 200 characters or fewer")),
        ],
        render_kw=_OFF,
    )
    gp_address_line_2 = GovStringField(
        _l("Address line 2 (optional)"),
        validators=[Optional(), MaxLength(200, _l("Address line 2 must be 200 characters or fewer"))],
        render_kw=_OFF,
    )
    gp_town = GovStringField(
        _l("Town or city"),
        validators=[Required(_l("Enter town or city")), MaxLength(100, _l("Town or city must be 100 characters or fewer"))],
        render_kw={**_OFF, "class": "govuk-!-width-two-thirds"},
    )
    gp_postcode = GovStringField(
        _l("Postcode"),
        validators=[Required(_l("Enter postcode")), UkPostcode()],
        render_kw={**_OFF, "class": "govuk-input--width-10"},
    )
    gp_phone = GovStringField(
        _l("Practice phone number"),
        validators=[Required(_l("Enter the practice phone number")), PhoneNumber()],
        render_kw={**_OFF, "type": "tel", "class": "govuk-input--width-20"},
    )


class MedicalConditionsPage(QuestionPage):
    medical_conditions = GovCheckboxesField(
        _l("Have you ever been diagnosed with or treated for any of these?"),
        description=_l(
            "Tell us even if it was in the past or is under control. Having a condition does not mean "
            "you will be refused. Select all that apply."
        ),
        choices=[
            (MedicalCondition.ACUTE_STRESS.value, _l("An acute stress reaction, or a reaction to trauma, including post-traumatic stress disorder (PTSD)")),  # noqa: E501
            (MedicalCondition.SELF_HARM.value, _l("Suicidal thoughts, self-harm or harm to others")),
            (MedicalCondition.DEPRESSION_OR_ANXIETY.value, _l("Depression or anxiety")),
            (MedicalCondition.DEMENTIA.value, _l("Dementia")),
            (MedicalCondition.MANIA_BIPOLAR_OR_PSYCHOSIS.value, _l("Mania, bipolar disorder or a psychotic illness")),
            (MedicalCondition.PERSONALITY_DISORDER.value, _l("A personality disorder")),
            (MedicalCondition.NEUROLOGICAL.value, _l("A neurological condition, for example multiple sclerosis, Parkinson’s disease or epilepsy")),  # noqa: E501
            (MedicalCondition.NEURODEVELOPMENTAL.value, _l("A neurodevelopmental condition, for example autism or ADHD")),
            (MedicalCondition.ALCOHOL_OR_DRUGS.value, _l("Alcohol or drug misuse")),
            (MedicalCondition.OTHER.value, _l("Any other mental or physical condition that could affect your safe use of a gun")),
            (NONE_OF_THESE, _l("No, none of these")),
        ],
        validators=[Required(_l("Select the conditions you have been diagnosed with or treated for, or select no"))],
        is_page_heading=True,
        exclusive_choice=NONE_OF_THESE,
        exclusive_message=_l("Select the conditions, or select no, but not both"),
    )


class MedicalDetailsPage(QuestionPage):
    medical_details = GovTextAreaField(
        _l("Tell us about your conditions"),
        description=_l("Include when you were diagnosed, any treatment you have had, and how the condition affects you now."),
        validators=[
            Required(_l("Enter details of your conditions")),
            MaxLength(5000, _l("Details of your conditions must be 5,000 characters or fewer")),
        ],
        is_page_heading=True,
    )


class ConvictionsPage(QuestionPage):
    title = _l("Convictions and cautions")
    reveals = {"convicted": {YesNo.YES.value: "conviction_details"}}
    convicted = GovRadioField(
        _l("Have you ever been convicted of an offence, or been given a caution, warning, reprimand or bind-over?"),
        description=_l(
            "Include spent convictions, motoring offences such as speeding, and anything in another country. "
            "Do not include parking offences or fixed penalty notices."
        ),
        choices=YES_NO,
        validators=[Required(_l("Select yes if you have ever been convicted, cautioned, warned, reprimanded or bound over"))],
    )
    conviction_details = GovTextAreaField(
        _l("Give details of each one"),
        description=_l("Include the date, the offence, the court or police force, and the sentence or outcome"),
        validators=[
            RequiredIf("convicted", (YesNo.YES.value,), _l("Enter details of your convictions or cautions")),
            MaxLength(5000, _l("Details of convictions must be 5,000 characters or fewer")),
        ],
    )


def _long_answer(label: Any, hint: Any, required: Any, too_long: Any, maximum: int = 5000) -> GovTextAreaField:
    return GovTextAreaField(
        label, description=hint, validators=[Required(required), MaxLength(maximum, too_long)], is_page_heading=True
    )


class TargetClubPage(QuestionPage):
    target_club = GovStringField(
        _l("What is the name of your target shooting club?"),
        description=_l("Give its full name and the town it is in"),
        validators=[Required(_l("Enter the name of your club")), MaxLength(200, _l("Name of your club must be 200 characters or fewer"))],
        render_kw=_OFF,
        is_page_heading=True,
    )


class ShootingLandPage(QuestionPage):
    shooting_land = _long_answer(
        _l("Where do you have permission to shoot?"),
        _l("Give the name and address of each piece of land or estate, who gave you permission, and what you will shoot there."),
        _l("Enter where you have permission to shoot"),
        _l("Where you have permission to shoot must be 5,000 characters or fewer"),
    )


class OtherReasonsPage(QuestionPage):
    other_reasons = _long_answer(
        _l("Tell us more about why you need these firearms"),
        _l("For collecting, say what you collect and whether you will fire them. For another reason, explain what it is."),
        _l("Enter why you need these firearms"),
        _l("Why you need these firearms must be 5,000 characters or fewer"),
    )


class ShotgunUsePage(QuestionPage):
    shotgun_use = _long_answer(
        _l("How will you use your shotguns?"),
        _l("For example, clay pigeon shooting, game shooting or pest control. Say where you will shoot."),
        _l("Enter how you will use your shotguns"),
        _l("How you will use your shotguns must be 2,000 characters or fewer"),
        maximum=2000,
    )


class StorageAddressPage(QuestionPage):
    title = _l("Where you will keep your guns")
    reveals = {"stored_at_home": {YesNo.NO.value: "storage_address"}}
    stored_at_home = GovRadioField(
        _l("Will you keep your guns and ammunition at your home address?"),
        choices=YES_NO,
        validators=[Required(_l("Select yes if you will keep them at your home address"))],
    )
    storage_address = GovTextAreaField(
        _l("Address where they will be kept"),
        description=_l("Include the postcode"),
        validators=[
            RequiredIf("stored_at_home", (YesNo.NO.value,), _l("Enter the address where they will be kept")),
            MaxLength(500, _l("Address where they will be kept must be 500 characters or fewer")),
        ],
        render_kw={"autocomplete": "off", "rows": 3},
    )


class StoragePage(QuestionPage):
    title = _l("How you will store your guns")
    lead = _l("Guns and ammunition must be locked away so that nobody else can get to them.")
    storage_type = GovRadioField(
        _l("What will you keep them in?"),
        choices=[
            (StorageType.CABINET_BS7558.value, _l("A gun cabinet that meets British Standard BS 7558")),
            (StorageType.CABINET_OTHER.value, _l("Another gun cabinet or safe")),
            (StorageType.GUN_ROOM.value, _l("A gun room or strongroom")),
            (StorageType.OTHER.value, _l("Something else")),
        ],
        validators=[Required(_l("Select what you will keep them in"))],
    )
    storage_description = GovTextAreaField(
        _l("Describe how they will be stored"),
        description=_l(
            "For example, which room they will be in, how the cabinet is fixed to the wall or floor, where you "
            "keep the keys, how you store ammunition, and any alarm."
        ),
        validators=[
            Required(_l("Describe how your guns will be stored")),
            MaxLength(2000, _l("How they will be stored must be 2,000 characters or fewer")),
        ],
    )


class ApplicantContactPage(ContactPage):
    title = _l("How can we contact you about your application?")
    lead = _l(
        "Give an email address, a phone number, or both. We use them only about your application, "
        "for example to arrange a visit to your home."
    )


def _as_heading(field: UnboundField) -> UnboundField:
    """The same question, as the page's heading (it is the only question left on the page)."""
    return UnboundField(field.field_class, *field.args, **{**field.kwargs, "is_page_heading": True})


class ApplicantContactPreferencePage(ContactPreferencePage):
    # Whether it is safe to contact someone is a question for reports of crime, not applications.
    safe_to_contact = None
    preferred_contact = _as_heading(ContactPreferencePage.preferred_contact)


PAGE_FORMS: dict[str, type[QuestionPage]] = {
    "certificate-type": CertificateTypePage,
    "application-type": ApplicationTypePage,
    "personal-details": PersonalDetailsPage,
    "home-address": HomeAddressPage,
    "previous-addresses": PreviousAddressesPage,
    "gp-consent": GpConsentPage,
    "gp-details": GpDetailsPage,
    "medical-conditions": MedicalConditionsPage,
    "medical-details": MedicalDetailsPage,
    "convictions": ConvictionsPage,
    "first-referee": FirstRefereePage,
    "second-referee": SecondRefereePage,
    "firearms": FirearmsPage,
    "target-club": TargetClubPage,
    "shooting-land": ShootingLandPage,
    "other-reasons": OtherReasonsPage,
    "shotgun-use": ShotgunUsePage,
    "storage-address": StorageAddressPage,
    "storage": StoragePage,
    "contact": ApplicantContactPage,
    "contact-preference": ApplicantContactPreferencePage,
}


def page_forms(history_rule: HistoryRule) -> dict[str, type[QuestionPage]]:
    """The pages, with the journey's address-history rule bound to the previous-addresses page.

    Forms may import only enums, and the rule must be the one the journey checks the whole
    application with, so the catalogue passes it in.
    """
    bound = type("PreviousAddressesPage", (PreviousAddressesPage,), {"history_rule": staticmethod(history_rule)})
    return {**PAGE_FORMS, "previous-addresses": bound}
