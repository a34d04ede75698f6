"""From an API caller's flat answers to what the web journey would have stored.

The web journey stores each page's answers separately and uses only the pages that apply;
the API receives every answer at once. Here each answer is put on the page whose form asks
it, answers to pages that do not apply are refused, and the question-and-answer record the
platform keeps is built from the same labels and choices the web pages show.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import format_date
from wtforms import Field, FieldList, FileField

from forms.base import NOT_ANSWERED, QuestionPage
from forms.fields import GovCheckboxesField, GovDateField, GovRadioField
from frontcounter.catalogue import WebService


class AnswerProblems(Exception):
    """Field-level problems, keyed by JSON pointer into the request body."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("answers do not fit the service")
        self.problems = problems


def page_forms(service: WebService) -> dict[str, QuestionPage]:
    """One unbound form per page (no request data, no CSRF), to read fields and labels from."""
    return {page_id: form_class(formdata=None, meta={"csrf": False}) for page_id, form_class in service.pages.items()}


def question_fields(form: QuestionPage) -> list[Field]:
    """The questions a caller answers in JSON: file uploads are for the web pages only."""
    return [field for field in form.input_fields() if not isinstance(field, FileField)]


def split_into_pages(
    service: WebService, answers: dict[str, Any], forms: dict[str, QuestionPage] | None = None
) -> dict[str, dict[str, Any]]:
    """Put each answer on its page; refuse names no page asks and answers to pages that do not apply.

    Some questions are asked on one of several pages depending on earlier answers (a
    victim's name on "your details", a witness's on "your name"): such an answer goes on
    whichever of its pages applies, once the other answers have said which that is.
    """
    forms = forms or page_forms(service)
    owners: dict[str, list[str]] = {}
    for page_id, form in forms.items():
        for field in question_fields(form):
            owners.setdefault(field.name, []).append(page_id)
    problems = {f"/answers/{name}": "This service does not ask this question" for name in answers if name not in owners}
    if problems:
        raise AnswerProblems(problems)
    given = {name: value for name, value in answers.items() if value not in (None, "", [], {})}
    pages: dict[str, dict[str, Any]] = {}
    shared = {}
    for name, value in given.items():
        if len(owners[name]) == 1:
            pages.setdefault(owners[name][0], {})[name] = value
        else:
            shared[name] = value
    applicable = service.journey.applicable_pages(pages)
    for name, value in shared.items():
        page_id = next((p for p in owners[name] if p in applicable), owners[name][0])
        pages.setdefault(page_id, {})[name] = value
    applicable = service.journey.applicable_pages(pages)
    problems = {
        f"/answers/{name}": "This question does not apply, given your other answers"
        for page_id, page in pages.items()
        if page_id not in applicable
        for name in page
    }
    if problems:
        raise AnswerProblems(problems)
    return pages


def answer_rows(
    service: WebService, pages: dict[str, dict[str, Any]], forms: dict[str, QuestionPage] | None = None
) -> list[dict[str, str]]:
    """The question-and-answer record, in journey order, as check answers would show it."""
    forms = forms or page_forms(service)
    rows = []
    for page_id in service.journey.applicable_pages(pages):
        given = pages.get(page_id, {})
        for field in question_fields(forms[page_id]):
            if field.name not in given and field.name in forms[page_id]._revealed_names():
                continue
            question = str(field.label.text)
            rows.append({"question_id": f"{page_id}.{field.name}", "question": question, "answer": _display(field, given.get(field.name))})
    return rows


def _display(field: Field, value: Any) -> str:
    if value in (None, "", []):
        return str(NOT_ANSWERED)
    if isinstance(field, (GovRadioField, GovCheckboxesField)):
        labels = {str(choice_value): str(label) for choice_value, label in field.choices}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    if isinstance(field, GovDateField):
        try:
            return str(format_date(date.fromisoformat(str(value)), format="long"))
        except ValueError:
            return str(value)
    if isinstance(field, FieldList) and isinstance(value, list):
        return "; ".join(", ".join(str(v) for v in item.values() if v not in (None, "")) if isinstance(item, dict) else str(item)
                         for item in value)
    return str(value)
