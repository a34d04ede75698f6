"""Ask about a partner's history of abuse (Clare's Law): one WTForms class per question page.

The words are for someone who may be frightened or living with the person they ask about:
plain, without blame, and never suggesting they need proof.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from forms.base import QuestionPage
from forms.disclosure import SAFE_CONTACT_FORMS, DisclosureSubjectPage, OptionalDate
from forms.fields import GovCharacterCountField, GovDateField, GovRadioField, GovStringField, GovTextAreaField
from forms.people import YES_NO, SupportNeedsPage, VictimDetailsPage
from forms.validators import DateChecks, MaxLength, Required
from services.enums import YesNoUnknown
from services.enums.disclosure import AskingFor, RelationshipLength, RelationshipStatus

MAX_REASON = 5000

YES_NO_UNKNOWN = [
    (YesNoUnknown.YES.value, _l("Yes")),
    (YesNoUnknown.NO.value, _l("No")),
    (YesNoUnknown.UNKNOWN.value, _l("I do not know")),
]
LENGTHS = [
    (RelationshipLength.UNDER_6_MONTHS.value, _l("Less than 6 months")),
    (RelationshipLength.SIX_MONTHS_TO_2_YEARS.value, _l("6 months to 2 years")),
    (RelationshipLength.TWO_TO_5_YEARS.value, _l("2 to 5 years")),
    (RelationshipLength.OVER_5_YEARS.value, _l("More than 5 years")),
]


class ImmediateDangerPage(QuestionPage):
    immediate_danger = GovRadioField(
        _l("Is anyone in immediate danger right now?"),
        description=_l("For example, if someone is being hurt or threatened now, or you think they are about to be."),
        choices=YES_NO,
        validators=[Required(_l("Select yes if anyone is in immediate danger right now"))],
        is_page_heading=True,
    )


class AskingForPage(QuestionPage):
    asking_for = GovRadioField(
        _l("Who are you asking for?"),
        choices=[
            (AskingFor.SELF.value, _l("Myself: I want to know about my partner or ex-partner")),
            (AskingFor.SOMEONE_ELSE.value, _l("Someone else: I am worried about the partner or ex-partner of someone I know")),
        ],
        validators=[Required(_l("Select who you are asking for"))],
        is_page_heading=True,
    )


class PersonAtRiskPage(QuestionPage):
    title = _l("The person you are worried about")
    lead = _l(
        "If we find something, we may share it with them rather than with you, because it is about their safety. "
        "We will not tell their partner that you asked."
    )
    at_risk_name = GovStringField(
        _l("Full name of the person you are worried about"),
        validators=[
            Required(_l("Enter the full name of the person you are worried about")),
            MaxLength(200, _l("Their name must be 200 characters or fewer")),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    at_risk_relationship = GovStringField(
        _l("How do you know them?"),
        description=_l("For example, I am their sister, their friend or their support worker"),
        validators=[
            Required(_l("Enter how you know them")),
            MaxLength(200, _l("How you know them must be 200 characters or fewer")),
        ],
    )
    at_risk_aware = GovRadioField(
        _l("Do they know you are asking about their partner?"),
        choices=YES_NO_UNKNOWN,
        validators=[Required(_l("Select yes if they know you are asking about their partner"))],
    )


class PartnerDetailsPage(DisclosureSubjectPage):
    title = _l("The partner or ex-partner you are asking about")
    lead = _l("Give their name and at least one other detail, so that we check the right person. Leave out anything you do not know.")
    age_minimum = 16
    age_range_message = _l("Partner's approximate age must be between 16 and 120")
    needs_identifier = True
    identifier_fields = ("subject_date_of_birth", "subject_age", "subject_address", "subject_description")
    identifier_message = _l("Enter the partner's date of birth, approximate age, address or what they look like")

    subject_name = GovStringField(
        _l("Partner's full name"),
        validators=[
            Required(_l("Enter the partner's full name")),
            MaxLength(200, _l("Partner's full name must be 200 characters or fewer")),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    subject_other_names = GovStringField(
        _l("Any other names the partner uses or has used (optional)"),
        description=_l("For example, a nickname, a previous surname or a name they use online"),
        validators=[MaxLength(500, _l("Other names must be 500 characters or fewer"))],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    subject_date_of_birth = GovDateField(
        _l("Partner's date of birth (optional)"),
        description=_l("For example, 27 3 1985"),
        validators=[
            OptionalDate(),
            DateChecks(required=_l("Enter the partner's date of birth"), name=_l("Partner's date of birth"), earliest_years=120),
        ],
    )
    subject_age = GovStringField(
        _l("Partner's approximate age (optional)"),
        description=_l("If you do not know their date of birth"),
        render_kw={"params": {"classes": "govuk-input--width-3"}, "inputmode": "numeric", "spellcheck": "false"},
    )
    subject_address = GovTextAreaField(
        _l("Partner's address, if you know it (optional)"),
        description=_l("Or the area where they live"),
        validators=[MaxLength(500, _l("Partner's address must be 500 characters or fewer"))],
        render_kw={"rows": 3, "autocomplete": "off"},
    )
    subject_description = GovTextAreaField(
        _l("What does the partner look like? (optional)"),
        description=_l("For example, their height, build, hair, and any tattoos or scars"),
        validators=[MaxLength(1000, _l("What the partner looks like must be 1,000 characters or fewer"))],
        render_kw={"rows": 3},
    )


class OwnRelationshipPage(QuestionPage):
    title = _l("Your relationship")
    relationship_status = GovRadioField(
        _l("Are you still together?"),
        choices=[
            (RelationshipStatus.CURRENT.value, _l("Yes, we are still together")),
            (RelationshipStatus.ENDED.value, _l("No, we have separated")),
        ],
        validators=[Required(_l("Select yes if you are still together"))],
    )
    relationship_length = GovRadioField(
        _l("How long have you been together, or how long were you together?"),
        choices=LENGTHS,
        validators=[Required(_l("Select how long you have been together"))],
    )
    living_together = GovRadioField(
        _l("Do you live together?"),
        choices=YES_NO,
        validators=[Required(_l("Select yes if you live together"))],
    )
    children_together = GovRadioField(
        _l("Do you have any children together?"),
        choices=YES_NO,
        validators=[Required(_l("Select yes if you have any children together"))],
    )


class TheirRelationshipPage(QuestionPage):
    title = _l("Their relationship")
    lead = _l("Tell us what you know. You can answer that you do not know.")
    relationship_status = GovRadioField(
        _l("Are they still together?"),
        choices=[
            (RelationshipStatus.CURRENT.value, _l("Yes, they are still together")),
            (RelationshipStatus.ENDED.value, _l("No, they have separated")),
        ],
        validators=[Required(_l("Select yes if they are still together"))],
    )
    relationship_length = GovRadioField(
        _l("How long have they been together, or how long were they together?"),
        choices=[*LENGTHS, (RelationshipLength.UNKNOWN.value, _l("I do not know"))],
        validators=[Required(_l("Select how long they have been together"))],
    )
    living_together = GovRadioField(
        _l("Do they live together?"),
        choices=YES_NO_UNKNOWN,
        validators=[Required(_l("Select yes if they live together"))],
    )
    children_together = GovRadioField(
        _l("Do they have any children together?"),
        choices=YES_NO_UNKNOWN,
        validators=[Required(_l("Select yes if they have any children together"))],
    )


class ReasonPage(QuestionPage):
    reason = GovCharacterCountField(
        _l("Why are you asking?"),
        description=_l(
            "Tell us what has made you worried. For example, something they have said or done, how they behave "
            "towards you or the person you are worried about, or something you have heard about their past. "
            "You do not need to have proof."
        ),
        validators=[
            Required(_l("Enter why you are asking")),
            MaxLength(MAX_REASON, _l("Why you are asking must be 5,000 characters or fewer")),
        ],
        max_length=MAX_REASON,
        is_page_heading=True,
    )


PAGE_FORMS: dict[str, type[QuestionPage]] = {
    "immediate-danger": ImmediateDangerPage,
    "asking-for": AskingForPage,
    "person-at-risk": PersonAtRiskPage,
    "partner-details": PartnerDetailsPage,
    "relationship": OwnRelationshipPage,
    "their-relationship": TheirRelationshipPage,
    "reason": ReasonPage,
    "your-details": VictimDetailsPage,
    **SAFE_CONTACT_FORMS,
    "support-needs": SupportNeedsPage,
}
