"""Question pages and fields that several reporting services ask alike: where something happened,
at what time, what happened in the person's own words, hostility and risk.

Each service keeps its own wording: the page or field is built here with that service's label,
hint and messages, so only the layout, choices and rules are shared.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from forms.base import QuestionPage
from forms.fields import GovCharacterCountField, GovCheckboxesField, GovStringField, GovTextAreaField
from forms.validators import MaxLength, Optional, Required, TimeOfDay, UkPostcode
from services.enums import HostilityMotivation, RiskFactor

# The exclusive "No, none of these" choice of a checkbox question.
NONE_OF_THESE = "none"
TIME_HINT = _l("Use the 24-hour clock, for example 14:30. Leave it blank if you do not know.")
# The longest account of what happened, in characters.
ACCOUNT_LIMIT = 20_000


def time_field(label: Any) -> GovStringField:
    """An optional time of day, typed on the 24-hour clock."""
    return GovStringField(
        label,
        description=TIME_HINT,
        validators=[Optional(), TimeOfDay()],
        render_kw={"class": "govuk-input--width-5", "inputmode": "numeric"},
    )


class PlacePage(QuestionPage):
    """Where something is: a postcode, a description, or both.

    Subclasses set `title` and `missing_message` (shown when neither is given) and declare
    `location_description = place_field(hint)`.
    """

    lead = _l("Give the postcode if you know it, or describe the place, or both.")
    missing_message: Any = None
    postcode = GovStringField(
        _l("Postcode (optional)"),
        validators=[Optional(), UkPostcode()],
        render_kw={"class": "govuk-input--width-10"},
    )

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        described = (self["location_description"].data or "").strip()
        if valid and not (self.postcode.data or "").strip() and not described:
            self.postcode.errors = [str(self.missing_message)]
            return False
        return valid


def place_field(hint: Any) -> GovTextAreaField:
    """The description of the place on a `PlacePage`."""
    return GovTextAreaField(
        _l("Describe the place (optional)"),
        description=hint,
        validators=[Optional(), MaxLength(1000, _l("Description of the place must be 1,000 characters or fewer"))],
    )


def account_field(label: Any, *, hint: Any, required: Any, too_long: Any) -> GovCharacterCountField:
    """What happened, in the person's own words: the page's only, required question."""
    return GovCharacterCountField(
        label,
        description=hint,
        validators=[Required(required), MaxLength(ACCOUNT_LIMIT, too_long)],
        max_length=ACCOUNT_LIMIT,
        is_page_heading=True,
    )


def hostility_field(label: Any, *, required: Any, exclusive_message: Any) -> GovCheckboxesField:
    """Whether hostility towards a protected characteristic was behind it, or none of these."""
    return GovCheckboxesField(
        label,
        description=_l("Select all that apply."),
        choices=[
            (HostilityMotivation.RACE.value, _l("Race or ethnicity")),
            (HostilityMotivation.RELIGION.value, _l("Religion or belief")),
            (HostilityMotivation.SEXUAL_ORIENTATION.value, _l("Sexual orientation")),
            (HostilityMotivation.DISABILITY.value, _l("Disability")),
            (HostilityMotivation.TRANSGENDER.value, _l("Transgender identity")),
            (NONE_OF_THESE, _l("No, none of these")),
        ],
        validators=[Required(required)],
        is_page_heading=True,
        exclusive_choice=NONE_OF_THESE,
        exclusive_message=exclusive_message,
    )


def risk_field(label: Any) -> GovCheckboxesField:
    """What makes the person more at risk, so the right support is offered, or none of these."""
    return GovCheckboxesField(
        label,
        description=_l("This helps us give the right support. Select all that apply."),
        choices=[
            (RiskFactor.UNDER_18.value, _l("They are under 18")),
            (RiskFactor.DISABILITY.value, _l("They have a disability")),
            (RiskFactor.MENTAL_HEALTH.value, _l("They have a mental health condition")),
            (RiskFactor.REPEAT_VICTIM.value, _l("They have been targeted before")),
            (RiskFactor.DOMESTIC_ABUSE.value, _l("It involves a partner, former partner or family member (domestic abuse)")),
            (NONE_OF_THESE, _l("No, none of these")),
        ],
        validators=[Required(_l("Select anything that makes them more at risk, or select no"))],
        is_page_heading=True,
        exclusive_choice=NONE_OF_THESE,
        exclusive_message=_l("Select what makes them more at risk, or select no, but not both"),
    )
