"""Fields the GOV.UK patterns need and WTForms does not ship."""

from __future__ import annotations

from datetime import date
from typing import Any

from wtforms import Field, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.utils import unset_value
from wtforms.validators import ValidationError

from forms.widgets import CharacterCount, Checkboxes, DateInput, Radios, TextArea, TextInput


class GovStringField(StringField):
    widget = TextInput()

    def __init__(self, *args: Any, is_page_heading: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_page_heading = is_page_heading


class GovTextAreaField(TextAreaField):
    widget = TextArea()

    def __init__(self, *args: Any, is_page_heading: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_page_heading = is_page_heading


class GovCharacterCountField(TextAreaField):
    widget = CharacterCount()

    def __init__(self, *args: Any, max_length: int, is_page_heading: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_length = max_length
        self.is_page_heading = is_page_heading


class GovRadioField(RadioField):
    """Radios whose invalid choice reads "Select…" rather than WTForms' "Not a valid choice"."""

    widget = Radios()

    def __init__(self, *args: Any, is_page_heading: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("validate_choice", False)
        super().__init__(*args, **kwargs)
        self.is_page_heading = is_page_heading

    def pre_validate(self, form: Any) -> None:
        # Only the values matter here: translating every label (lazy strings) was a hot spot.
        if self.data is not None and self.data not in {str(choice[0]) for choice in (self.choices or [])}:
            self.data = None

    def _choice_pairs(self) -> list[tuple[str, str]]:
        return [(str(choice[0]), str(choice[1])) for choice in (self.choices or [])]

    def choice_label(self) -> str:
        """The chosen option's label; only that one is translated."""
        chosen = str(self.data)
        return next((str(choice[1]) for choice in (self.choices or []) if str(choice[0]) == chosen), "")


class GovCheckboxesField(SelectMultipleField):
    widget = Checkboxes()

    def __init__(
        self,
        *args: Any,
        is_page_heading: bool = False,
        exclusive_choice: str | None = None,
        exclusive_message: Any = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("validate_choice", False)
        super().__init__(*args, **kwargs)
        self.is_page_heading = is_page_heading
        # A "none of these" box that cannot be ticked with the others.
        self.exclusive_choice = exclusive_choice
        self.exclusive_message = exclusive_message

    def pre_validate(self, form: Any) -> None:
        allowed = {str(choice[0]) for choice in (self.choices or [])}
        self.data = [value for value in (self.data or []) if value in allowed]
        if self.exclusive_choice in self.data and len(self.data) > 1:
            raise ValidationError(str(self.exclusive_message))

    def chosen(self) -> list[str]:
        """What was ticked, without the "none of these" box."""
        return [value for value in (self.data or []) if value != self.exclusive_choice]

    def choice_labels(self) -> list[str]:
        labels = {str(choice[0]): choice[1] for choice in (self.choices or [])}
        return [str(labels[value]) for value in (self.data or []) if value in labels]


class GovDateField(Field):
    """A date posted as three inputs; keeps what was typed, and says which part is wrong.

    `data` is a date when the parts make a real one, otherwise None; `parts()` always
    returns what the person typed so the page can show it back to them.
    """

    widget = DateInput()

    def __init__(
        self,
        *args: Any,
        is_page_heading: bool = False,
        autocomplete_prefix: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.is_page_heading = is_page_heading
        self.autocomplete_prefix = autocomplete_prefix
        self._typed: tuple[str, str, str] = ("", "", "")
        self.problem: str | None = None

    def process(self, formdata: Any, data: Any = unset_value, extra_filters: Any = None) -> None:
        self.process_errors = []
        if data is unset_value:
            data = self.default() if callable(self.default) else self.default
        self.object_data = data
        self.data = data if isinstance(data, date) else None
        if isinstance(self.data, date):
            self._typed = (str(self.data.day), str(self.data.month), str(self.data.year))
        if formdata is None:
            return
        names = [f"{self.name}-{part}" for part in ("day", "month", "year")]
        if not any(name in formdata for name in names):
            return
        day, month, year = (str(formdata.get(name, "")).strip() for name in names)
        self._typed = (day, month, year)
        self.raw_data = [day, month, year]
        self.data = None
        self.problem = None
        if not (day or month or year):
            self.problem = "missing"
            return
        missing = [part for part, value in zip(("day", "month", "year"), self._typed, strict=True) if not value]
        if missing:
            self.problem = "missing_" + "_".join(missing)
            return
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            self.problem = "invalid"
            return
        try:
            self.data = date(int(year), int(month), int(day))
        except ValueError:
            self.problem = "invalid"

    def parts(self) -> tuple[str, str, str]:
        return self._typed

    def error_parts(self) -> set[str]:
        if self.problem and self.problem.startswith("missing_"):
            return set(self.problem[len("missing_"):].split("_"))
        return {"day", "month", "year"}

    @property
    def anchor(self) -> str:
        """Where an error summary link should take focus: the first part that is wrong."""
        for part in ("day", "month", "year"):
            if part in self.error_parts():
                return f"{self.id}-{part}"
        return f"{self.id}-day"

    def _value(self) -> str:
        return ""
