"""The base of every question page: how it is laid out, cleaned, summarised and linked to errors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import Field

from forms.fields import GovCheckboxesField, GovDateField, GovRadioField
from forms.translated import TranslatedForm

NOT_ANSWERED = _l("Not given")


@dataclass(frozen=True)
class SummaryRow:
    question_id: str
    question: str
    answer: str
    field_id: str
    # A different action than "Change" (removing an uploaded file, say), as (text, href).
    action: tuple[str, str] | None = None


class QuestionPage(TranslatedForm):
    """One GOV.UK question page. Subclasses declare fields and, where useful:

    - `title`: the page heading when the page asks more than one thing;
    - `reveals`: {radio field: {choice value: field revealed under that choice}};
    - `template`: a page-specific template, for patterns such as add-another.
    """

    title: ClassVar[Any] = None
    lead: ClassVar[Any] = None
    template: ClassVar[str] = "public/question.html"
    reveals: ClassVar[dict[str, dict[str, str]]] = {}
    submit_label: ClassVar[Any] = _l("Continue")

    def __init__(self, *args: Any, prior: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Answers from earlier pages, for rules that span pages (set by the journey view).
        self.prior: dict[str, Any] = prior or {}

    def input_fields(self) -> list[Field]:
        return [field for field in self if field.type not in ("CSRFTokenField", "SubmitField")]

    def heading_field(self) -> Field | None:
        fields = self.input_fields()
        if len(fields) == 1 and getattr(fields[0], "is_page_heading", False):
            return fields[0]
        return None

    def page_title(self) -> str:
        lone = self.heading_field()
        if lone is not None:
            return str(lone.label.text)
        return str(self.title)

    def _revealed_names(self) -> set[str]:
        return {name for choices in self.reveals.values() for name in choices.values()}

    def layout(self) -> list[Markup]:
        """Each field rendered by its GOV.UK widget, revealed fields nested under their choice."""
        revealed = self._revealed_names()
        rendered = []
        for field in self.input_fields():
            if field.name in revealed:
                continue
            conditionals = self.reveals.get(field.name)
            if conditionals:
                items = [
                    {"conditional": {"html": self[conditionals[value]]()}} if value in conditionals else {}
                    for value, _label in field._choice_pairs()
                ]
                rendered.append(field(params={"items": items}))
            else:
                rendered.append(field())
        return rendered

    def error_list(self) -> list[dict[str, str]]:
        errors = []
        for field in self.input_fields():
            if field.errors:
                anchor = field.anchor if isinstance(field, GovDateField) else field.id
                errors.append({"text": str(field.errors[0]), "href": f"#{anchor}"})
        return errors

    def cleaned(self) -> dict[str, Any]:
        """JSON-ready answers for the draft; blanks are left out so they read as "not given"."""
        data: dict[str, Any] = {}
        for field in self.input_fields():
            value = _jsonable(field.chosen() if isinstance(field, GovCheckboxesField) else field.data)
            if value not in (None, "", [], {}):
                data[field.name] = value
        return data

    def summary(self, page_id: str) -> list[SummaryRow]:
        """What check-your-answers shows and what the national platform records, per question."""
        revealed = self._revealed_names()
        rows = []
        for field in self.input_fields():
            if field.name in revealed and not field.data:
                continue
            rows.append(
                SummaryRow(
                    question_id=f"{page_id}.{field.name}",
                    question=str(field.label.text),
                    answer=display_answer(field),
                    field_id=field.anchor if isinstance(field, GovDateField) else field.id,
                )
            )
        return rows


def display_answer(field: Field) -> str:
    if isinstance(field, GovRadioField):
        return field.choice_label() or str(NOT_ANSWERED)
    if isinstance(field, GovCheckboxesField):
        return ", ".join(field.choice_labels()) or str(NOT_ANSWERED)
    if isinstance(field, GovDateField):
        return format_date(field.data, format="long") if field.data else str(NOT_ANSWERED)
    if hasattr(field, "summary_text"):
        return field.summary_text() or str(NOT_ANSWERED)
    if field.data in (None, ""):
        return str(NOT_ANSWERED)
    return str(field.data)


def _jsonable(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items() if key != "csrf_token"}
    return value
