"""GOV.UK widgets from govuk-frontend-wtf, mended where they fall short for a bilingual service.

- The visually hidden "Error:" prefix is translated (the library hard-codes English).
- A radio or checkbox group without a hint does not point aria-describedby at an empty hint.
- A lone question on a page is its heading (label or legend as the page's h1).
- Dates post three named parts and never raise on a missing one.
- The character count's messages are translated.
- Classes given in render_kw reach the component (not a second, ignored class attribute).
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovDateInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovTextArea,
    GovTextInput,
)

ERROR_PREFIX = _l("Error")


def _as_page_heading(params: dict[str, Any], field: Any, legend: bool) -> None:
    if not getattr(field, "is_page_heading", False):
        return
    if legend:
        params["fieldset"]["legend"].update({"isPageHeading": True, "classes": "govuk-fieldset__legend--l"})
    else:
        params["label"].update({"isPageHeading": True, "classes": "govuk-label--l"})


def _translate_error(params: dict[str, Any]) -> None:
    if "errorMessage" in params:
        params["errorMessage"]["visuallyHiddenText"] = str(ERROR_PREFIX)


class _GovParams:
    """The mending every widget shares; `legend` says whether the question is a fieldset legend."""

    legend = False

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        params: dict[str, Any] = super().map_gov_params(field, **kwargs)  # type: ignore[misc]
        if self.legend and not field.description:
            params["hint"] = None
        _translate_error(params)
        _as_page_heading(params, field, legend=self.legend)
        # A `class` in render_kw would be a second class attribute, which browsers ignore: add it to the component's own.
        extra = (params.get("attributes") or {}).pop("class", None)
        if extra:
            params["classes"] = f"{params.get('classes') or ''} {extra}".strip()
        return params


class FileInput(_GovParams, GovFileInput):
    """GOV.UK file upload, with the translated error prefix."""


class TextInput(_GovParams, GovTextInput):
    pass


class TextArea(_GovParams, GovTextArea):
    pass


class CharacterCount(_GovParams, GovCharacterCount):
    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        params = super().map_gov_params(field, **kwargs)
        params.setdefault("maxlength", getattr(field, "max_length", None))
        params.update(
            {
                "textareaDescriptionText": str(_l("You can enter up to %{count} characters")),
                "charactersUnderLimitText": {
                    "one": str(_l("You have %{count} character remaining")),
                    "other": str(_l("You have %{count} characters remaining")),
                },
                "charactersAtLimitText": str(_l("You have 0 characters remaining")),
                "charactersOverLimitText": {
                    "one": str(_l("You have %{count} character too many")),
                    "other": str(_l("You have %{count} characters too many")),
                },
            }
        )
        return params


class Radios(_GovParams, GovRadioInput):
    legend = True


class Checkboxes(_GovParams, GovCheckboxesInput):
    legend = True

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        params = super().map_gov_params(field, **kwargs)
        exclusive = getattr(field, "exclusive_choice", None)
        if exclusive:
            for item in params["items"]:
                if item["value"] == exclusive:
                    item["behaviour"] = "exclusive"
            divider_at = next((i for i, item in enumerate(params["items"]) if item["value"] == exclusive), None)
            if divider_at:
                params["items"].insert(divider_at, {"divider": str(_l("or"))})
        return params


class DateInput(_GovParams, GovDateInput):
    """Day, month and year as `<name>-day`, `<name>-month`, `<name>-year`, labelled in the page's language."""

    legend = True

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        params = super().map_gov_params(field, **kwargs)
        params.get("attributes", {}).pop("required", None)  # belongs on inputs, not on the wrapper
        day, month, year = field.parts()
        bad = field.error_parts() if field.errors else set()
        labels = {"day": _l("Day"), "month": _l("Month"), "year": _l("Year")}
        values = {"day": day, "month": month, "year": year}
        autocomplete = getattr(field, "autocomplete_prefix", None)
        items = []
        for part in ("day", "month", "year"):
            width = "govuk-input--width-4" if part == "year" else "govuk-input--width-2"
            item: dict[str, Any] = {
                "label": str(labels[part]),
                "id": f"{field.id}-{part}",
                "name": f"{field.name}-{part}",
                "classes": width + (" govuk-input--error" if part in bad else ""),
                "value": values[part],
            }
            if autocomplete:
                item["autocomplete"] = f"{autocomplete}-{part}"
            items.append(item)
        params["items"] = items
        return params


class Select(_GovParams, GovSelect):
    """GOV.UK select, with the translated error prefix."""
