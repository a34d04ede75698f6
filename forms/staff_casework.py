"""Forms of the staff workspace's casework: the queue's filters and each action on an item.

Choices that depend on data (services, categories, units, staff) are given by the view.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from forms.base import QuestionPage
from forms.fields import GovCharacterCountField, GovCheckboxesField, GovRadioField, GovStringField
from forms.translated import TranslatedForm
from forms.validators import MaxLength, Optional, Required, RequiredIf
from forms.widgets import Select
from services.enums import Grade, OutboxTopic, PlatformStatus, TriageStatus, VulnerabilityFlag
from services.enums import casework_limits as limits
from services.enums.casework import AuditAction, Outcome, ThriveArea, ThriveRating

GRADE_LABELS = {
    Grade.EMERGENCY.value: _l("Emergency"),
    Grade.PRIORITY.value: _l("Priority"),
    Grade.SCHEDULED.value: _l("Scheduled"),
    Grade.RESOLUTION_WITHOUT_DEPLOYMENT.value: _l("Resolution without deployment"),
}
UNGRADED_LABEL = _l("Not graded yet")
STATUS_LABELS = {
    TriageStatus.NEW.value: _l("New"),
    TriageStatus.IN_PROGRESS.value: _l("In progress"),
    TriageStatus.AWAITING_REPORTER.value: _l("Waiting for the reporter"),
    TriageStatus.CLOSED.value: _l("Closed"),
}
AREA_LABELS = {
    ThriveArea.THREAT.value: _l("Threat"),
    ThriveArea.HARM.value: _l("Harm"),
    ThriveArea.RISK.value: _l("Risk"),
    ThriveArea.INVESTIGATION.value: _l("Investigation"),
    ThriveArea.VULNERABILITY.value: _l("Vulnerability"),
    ThriveArea.ENGAGEMENT.value: _l("Engagement"),
}
RATING_LABELS = {ThriveRating.LOW.value: _l("Low"), ThriveRating.MEDIUM.value: _l("Medium"), ThriveRating.HIGH.value: _l("High")}
OUTCOME_LABELS = {
    Outcome.ADVICE_GIVEN.value: _l("Advice given"),
    Outcome.CRIME_RECORDED.value: _l("Crime recorded"),
    Outcome.REFERRED_TO_PARTNER.value: _l("Referred to a partner"),
    Outcome.NO_FURTHER_ACTION.value: _l("No further action"),
    Outcome.DUPLICATE.value: _l("Duplicate of another report"),
}
ACTION_LABELS = {
    AuditAction.VIEWED.value: _l("Viewed the item"),
    AuditAction.DOWNLOADED_ATTACHMENT.value: _l("Downloaded a file"),
    AuditAction.CLAIMED.value: _l("Claimed"),
    AuditAction.RELEASED.value: _l("Released"),
    AuditAction.ASSIGNED.value: _l("Assigned"),
    AuditAction.GRADED.value: _l("Graded"),
    AuditAction.REGRADED.value: _l("Regraded"),
    AuditAction.ALLOCATED.value: _l("Allocated to a unit"),
    AuditAction.NOTED.value: _l("Added a note"),
    AuditAction.MESSAGED.value: _l("Sent a message to the reporter"),
    AuditAction.ASKED_FOR_MORE.value: _l("Asked the reporter for more"),
    AuditAction.CLOSED.value: _l("Closed"),
    AuditAction.ESCALATED.value: _l("Escalated: past its target"),
    AuditAction.REQUEUED.value: _l("Requeued messages"),
    AuditAction.STAFF_CREATED.value: _l("Staff account created"),
    AuditAction.STAFF_DISABLED.value: _l("Staff account disabled"),
}

FLAG_LABELS = {
    VulnerabilityFlag.UNDER_18.value: _l("Under 18"),
    VulnerabilityFlag.DOMESTIC_ABUSE.value: _l("Domestic abuse"),
    VulnerabilityFlag.HATE_CRIME.value: _l("Hate crime"),
    VulnerabilityFlag.REPEAT_VICTIM.value: _l("Repeat victim"),
    VulnerabilityFlag.MENTAL_HEALTH.value: _l("Mental health"),
    VulnerabilityFlag.DISABILITY.value: _l("Disability"),
    VulnerabilityFlag.SELF_HARM_RISK.value: _l("Risk of self-harm"),
    VulnerabilityFlag.ELDERLY.value: _l("Elderly"),
    VulnerabilityFlag.LANGUAGE_BARRIER.value: _l("Language barrier"),
}
PLATFORM_STATUS_LABELS = {
    PlatformStatus.RECEIVED.value: _l("Received by the platform"),
    PlatformStatus.IN_REVIEW.value: _l("In review"),
    PlatformStatus.CRIME_RECORDED.value: _l("Crime recorded"),
    PlatformStatus.REFERRED.value: _l("Referred"),
    PlatformStatus.OFFICER_ASSIGNED.value: _l("Officer assigned"),
    PlatformStatus.CLOSED.value: _l("Closed"),
    PlatformStatus.REJECTED.value: _l("Rejected"),
}
TOPIC_LABELS = {
    OutboxTopic.PLATFORM_SUBMISSION.value: _l("To the national platform"),
    OutboxTopic.CONFIRMATION_EMAIL.value: _l("Confirmation email"),
    OutboxTopic.MESSAGE_EMAIL.value: _l("Message email"),
}
DELIVERY_LABELS = {
    "pending": _l("Waiting to be sent"),
    "sent": _l("Sent"),
    "dead": _l("Failed for good"),
    "not_configured": _l("Not configured"),
}

# The contract's Reporter fields, as the item page names them.
REPORTER_LABELS = {
    "role": _l("Role"),
    "name": _l("Name"),
    "date_of_birth": _l("Date of birth"),
    "email": _l("Email address"),
    "phone": _l("Telephone number"),
    "preferred_contact": _l("Preferred contact"),
    "address": _l("Address"),
    "needs": _l("Needs"),
}

ONLY_FLAGGED, ONLY_MINE, ONLY_ESCALATED = "flagged", "mine", "escalated"


class QueueFilterForm(TranslatedForm):
    """Sent with GET, so a filtered queue has an address that can be shared or bookmarked."""

    class Meta:
        csrf = False

    service = SelectField(_l("Service"), validators=[Optional()], widget=Select())
    category = SelectField(_l("Category"), validators=[Optional()], widget=Select())
    grade = SelectField(_l("Grade"), validators=[Optional()], widget=Select())
    status = SelectField(_l("Status"), validators=[Optional()], widget=Select())
    unit = SelectField(_l("Unit"), validators=[Optional()], widget=Select())
    only = GovCheckboxesField(
        _l("Show only"),
        choices=[
            (ONLY_FLAGGED, _l("Items with vulnerability or quality flags")),
            (ONLY_MINE, _l("Items I own")),
            (ONLY_ESCALATED, _l("Escalated items")),
        ],
    )

    def set_choices(self, **choices: list[tuple[str, Any]]) -> None:
        anything = ("", _l("Any"))
        for name, values in choices.items():
            self[name].choices = [anything, *values]

    def error_list(self) -> list[dict[str, str]]:
        return [{"text": str(field.errors[0]), "href": f"#{field.id}"} for field in self if field.errors]


class ActionForm(TranslatedForm):
    """A button that changes an item (claim, release): only its CSRF token is sent."""


class AssignPage(QuestionPage):
    title = _l("Assign this item")
    submit_label = _l("Assign")
    assignee = GovRadioField(_l("Who should own this item?"), validators=[Required(_l("Select who should own this item"))])


def _grade_fields() -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for area in ThriveArea:
        label = AREA_LABELS[area.value]
        fields[f"{area.value}_rating"] = GovRadioField(
            label,
            choices=[(rating.value, RATING_LABELS[rating.value]) for rating in ThriveRating],
            validators=[Required(_l("Select a rating for each part of the assessment"))],
            render_kw={"class": "govuk-radios--inline govuk-radios--small"},
        )
        fields[f"{area.value}_words"] = GovCharacterCountField(
            _l("Your assessment"),
            validators=[
                Required(_l("Explain your rating for each part of the assessment")),
                MaxLength(limits.ASSESSMENT_WORDS, _l("Each part of the assessment must be 2,000 characters or fewer")),
            ],
            max_length=limits.ASSESSMENT_WORDS,
            render_kw={"rows": 3},
        )
    return fields


# Made before the grade and its reason, so that errors are listed in the page's order.
_AREA_FIELDS = _grade_fields()


class GradePage(QuestionPage):
    title = _l("Grade this item")
    submit_label = _l("Save the assessment and grade")
    template = "staff/grade.html"
    grade = GovRadioField(
        _l("Grade"),
        choices=[(value, label) for value, label in GRADE_LABELS.items()],
        validators=[Required(_l("Select a grade"))],
    )
    rationale = GovCharacterCountField(
        _l("Why this grade?"),
        validators=[
            Required(_l("Explain why you chose this grade")),
            MaxLength(limits.RATIONALE, _l("The reason for the grade must be 5,000 characters or fewer")),
        ],
        max_length=limits.RATIONALE,
    )


for _name, _field in _AREA_FIELDS.items():
    setattr(GradePage, _name, _field)


class AllocatePage(QuestionPage):
    title = _l("Allocate to a unit")
    submit_label = _l("Allocate")
    unit = GovRadioField(_l("Which unit should deal with this?"), validators=[Required(_l("Select a unit"))])


class NotePage(QuestionPage):
    title = _l("Add an internal note")
    submit_label = _l("Add the note")
    text = GovCharacterCountField(
        _l("Note"),
        description=_l("Notes are for staff only. The reporter never sees them."),
        validators=[
            Required(_l("Enter the note")),
            MaxLength(limits.NOTE, _l("The note must be 5,000 characters or fewer")),
        ],
        max_length=limits.NOTE,
    )


class MessagePage(QuestionPage):
    title = _l("Send a message to the reporter")
    submit_label = _l("Send the message")
    body = GovCharacterCountField(
        _l("Message"),
        description=_l(
            "The reporter sees this when they check their report online. It is emailed to them too, "
            "unless they told us email is not safe or not wanted."
        ),
        validators=[
            Required(_l("Enter the message")),
            MaxLength(limits.MESSAGE, _l("The message must be 5,000 characters or fewer")),
        ],
        max_length=limits.MESSAGE,
    )


class AskForMorePage(MessagePage):
    title = _l("Ask the reporter for more information")
    submit_label = _l("Send the request")


class ClosePage(QuestionPage):
    title = _l("Close this item")
    submit_label = _l("Close the item")
    reveals = {
        "outcome": {
            Outcome.CRIME_RECORDED.value: "crime_number",
            Outcome.REFERRED_TO_PARTNER.value: "partner",
            Outcome.DUPLICATE.value: "duplicate_of",
        }
    }
    outcome = GovRadioField(
        _l("Outcome"),
        choices=[(value, label) for value, label in OUTCOME_LABELS.items()],
        validators=[Required(_l("Select the outcome"))],
    )
    crime_number = GovStringField(
        _l("Crime number"),
        description=_l("For example, 20/123456/25"),
        validators=[
            RequiredIf("outcome", (Outcome.CRIME_RECORDED.value,), _l("Enter the crime number")),
            MaxLength(limits.CRIME_NUMBER, _l("The crime number must be 30 characters or fewer")),
        ],
        render_kw={"class": "govuk-input--width-20", "spellcheck": "false"},
    )
    partner = GovStringField(
        _l("Partner organisation"),
        validators=[
            RequiredIf("outcome", (Outcome.REFERRED_TO_PARTNER.value,), _l("Enter the partner organisation's name")),
            MaxLength(limits.PARTNER_NAME, _l("The partner's name must be 100 characters or fewer")),
        ],
    )
    duplicate_of = GovStringField(
        _l("Reference of the other report"),
        description=_l("For example, WMP-7K3M-Q9TX"),
        validators=[
            RequiredIf("outcome", (Outcome.DUPLICATE.value,), _l("Enter the reference of the other report")),
            MaxLength(60, _l("Enter a reference like WMP-7K3M-Q9TX")),
        ],
        render_kw={"class": "govuk-input--width-20", "spellcheck": "false"},
    )
