"""Radios and checkboxes whose choices carry their own hints or reveal a follow-up question.

QuestionPage reveals follow-up fields only under radios; reporting services also need a
"Something else" checkbox that reveals a description, and choices that explain themselves
(the GOV.UK radios and checkboxes "hint on an item" pattern).
"""

from __future__ import annotations

from typing import Any, ClassVar

from markupsafe import Markup
from wtforms import Field
from wtforms.validators import StopValidation

from forms.base import QuestionPage
from forms.validators import Required


def _choice_values(field: Field) -> list[str]:
    return [str(choice[0]) for choice in (field.choices or [])]


class ChoicePage(QuestionPage):
    """A question page whose radios or checkboxes may have a hint on each choice.

    - `choice_hints`: {field: {choice value: hint}};
    - `reveals` (as on QuestionPage) also works under checkboxes.
    """

    choice_hints: ClassVar[dict[str, dict[str, Any]]] = {}

    def heading_field(self) -> Field | None:
        """A lone question is the page's heading even when a follow-up is revealed under it."""
        revealed = self._revealed_names()
        fields = [field for field in self.input_fields() if field.name not in revealed]
        if len(fields) == 1 and getattr(fields[0], "is_page_heading", False):
            return fields[0]
        return None

    def layout(self) -> list[Markup]:
        revealed = self._revealed_names()
        rendered = []
        for field in self.input_fields():
            if field.name in revealed:
                continue
            conditionals = self.reveals.get(field.name, {})
            hints = self.choice_hints.get(field.name, {})
            if not (conditionals or hints):
                rendered.append(field())
                continue
            items: list[dict[str, Any]] = []
            for value in _choice_values(field):
                item: dict[str, Any] = {}
                if value in hints:
                    item["hint"] = {"text": str(hints[value])}
                if value in conditionals:
                    item["conditional"] = {"html": self[conditionals[value]]()}
                items.append(item)
            rendered.append(field(params={"items": items}))
        return rendered


class Revealed(Required):
    """For a field revealed under one choice of another field on the page (radio or checkbox).

    When that choice is not made, the field was not asked: whatever was typed into it is
    dropped rather than stored. When it is made, the field is required if a `message` is
    given, otherwise optional.
    """

    field_flags: dict[str, bool] = {}

    def __init__(self, other: str, value: str, message: Any = None) -> None:
        super().__init__(message)
        self.other = other
        self.value = value

    def __call__(self, form: Any, field: Any) -> None:
        chosen = form[self.other].data
        asked = self.value in chosen if isinstance(chosen, list) else chosen == self.value
        blank = field.data is None or (isinstance(field.data, str) and not field.data.strip())
        if asked and not blank:
            return
        if asked and self.message is not None:
            super().__call__(form, field)
        if not asked:
            field.data = ""
        field.errors[:] = []
        raise StopValidation()
