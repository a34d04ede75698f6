"""GOV.UK widgets from govuk-frontend-wtf, mended where they fall short for a bilingual service.

- The visually hidden "Error:" prefix is translated (the library hard-codes English).
- A radio or checkbox group without a hint does not point aria-describedby at an empty hint.
- A lone question on a page is its heading (label or legend as the page's h1).
- Dates post three named parts and never raise on a missing one.
- The character count's messages are translated.
- Classes given in render_kw reach the component (not a second, ignored class attribute).
"""

from __future__ import annotations

import json
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
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
from markupsafe import Markup

ERROR_PREFIX = _l("Error")


_MEMO_MARK = "_fc_memo"
# Shared with the layout fragments (frontcounter/templating.py): one bounded cache per app.
CACHE_LIMIT = 2048


def _ours(text: Any) -> bool:
    """Text written in our code (a lazy translation), never something a person typed."""
    return text is None or isinstance(text, LazyString)


def _blank(params: dict[str, Any]) -> bool:
    """No value typed: the input and, for a date, each of its parts are empty."""
    return not params.get("value") and not any(item.get("value") for item in params.get("items") or [])


class _Remembered:
    """A question drawn once for each set of parameters, then reused.

    Drawing fields through GOV.UK's macros was most of a question page's CPU, and an
    unanswered question is drawn the same way for everyone. Only fields whose every word is
    ours (lazy translations declared in the code: no names, vehicles or staff from the
    data), which show no error or revealed question, and which hold nothing typed (a
    choice's value is ours) are remembered, so nobody's answers are kept. The key is the
    whole set of parameters, so any change draws the field anew.
    """

    values_are_ours = False

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        reveals = any("conditional" in item for item in (kwargs.get("params") or {}).get("items", []))
        params: dict[str, Any] = super().map_gov_params(field, **kwargs)  # type: ignore[misc]
        if (
            not field.errors and not reveals and _ours(field.label.text) and _ours(field.description or None)
            and all(_ours(choice[1]) for choice in (getattr(field, "choices", None) or []))
        ):
            params[_MEMO_MARK] = True
        return params

    def render(self, params: dict[str, Any]) -> Markup:
        cache = getattr(current_app.jinja_env, "fragment_cache", None)
        remember = params.pop(_MEMO_MARK, False) and (self.values_are_ours or _blank(params))
        if not remember or cache is None or current_app.jinja_env.auto_reload:
            return super().render(params)  # type: ignore[misc, no-any-return]
        key = ("field", self.template, json.dumps(params, sort_keys=True, default=str))  # type: ignore[attr-defined]
        try:
            return cache[key]  # type: ignore[no-any-return]
        except KeyError:
            rendered: Markup = super().render(params)  # type: ignore[misc]
            if len(cache) < CACHE_LIMIT:
                cache[key] = rendered
            return rendered


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


class _GovParams(_Remembered):
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
    values_are_ours = True


class Checkboxes(_GovParams, GovCheckboxesInput):
    legend = True
    values_are_ours = True

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

    values_are_ours = True
