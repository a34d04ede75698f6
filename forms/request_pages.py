"""Question pages and checks the information-request services share: a period, a reply address."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from forms.base import QuestionPage, SummaryRow
from forms.fields import GovDateField, GovRadioField
from forms.people import YES_NO, ContactPage
from forms.validators import DateChecks, Required


class HidesUnchosenReveals(QuestionPage):
    """A page whose revealed follow-up answers count only while their choice is selected.

    Someone may type into "Which photo ID?", then pick "Passport": the typed words stay in
    the draft (so they come back if the person changes their mind again), but they are
    not an answer, so they are neither stored as one nor shown on check answers.
    """

    def _unchosen(self) -> set[str]:
        hidden = set()
        for radio, choices in self.reveals.items():
            for value, follow_up in choices.items():
                if self[radio].data != value:
                    hidden.add(follow_up)
        return hidden

    def cleaned(self) -> dict[str, Any]:
        unchosen = self._unchosen()
        return {name: value for name, value in super().cleaned().items() if name not in unchosen}

    def summary(self, page_id: str) -> list[SummaryRow]:
        unchosen = {f"{page_id}.{name}" for name in self._unchosen()}
        return [row for row in super().summary(page_id) if row.question_id not in unchosen]


class PeriodPage(QuestionPage):
    period_known = GovRadioField(
        _l("Is your request about a particular period?"),
        description=_l("Giving a period helps us find the information sooner."),
        choices=YES_NO,
        validators=[Required(_l("Select yes if your request is about a particular period"))],
        is_page_heading=True,
    )


class PeriodDatesPage(QuestionPage):
    title = _l("What period is your request about?")
    lead = _l("Give the first and last dates you want information from. Neither can be in the future.")
    period_from = GovDateField(
        _l("Start date"),
        description=_l("For example, 1 4 2024"),
        validators=[DateChecks(required=_l("Enter the start date"), name=_l("The start date"), earliest_years=100)],
    )
    period_to = GovDateField(
        _l("End date"),
        description=_l("For example, 31 3 2025"),
        validators=[DateChecks(required=_l("Enter the end date"), name=_l("The end date"), earliest_years=100)],
    )

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        if valid and self.period_from.data > self.period_to.data:
            self.period_to.errors = [str(_l("The end date must be the same as or after the start date"))]
            return False
        return valid


class RequestContactPage(ContactPage):
    """The shared contact page, worded for a request rather than a report."""

    lead = _l("Give an email address, a phone number, or both. We use them only about this request.")
