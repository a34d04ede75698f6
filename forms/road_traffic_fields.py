"""Field variants the road traffic incident pages need: radios with a hint per choice, and
inputs that carry GOV.UK classes or rows as component parameters.

Classes are passed as the component's `classes` rather than as a `class` attribute, which
the GOV.UK macros would print as a second `class` attribute that browsers ignore.
"""

from __future__ import annotations

from typing import Any

from forms.fields import GovRadioField, GovStringField, GovTextAreaField


def _merged(own: dict[str, Any], kwargs: dict[str, Any]) -> dict[str, Any]:
    given = dict(kwargs.pop("params", {}))
    return {**own, **given}


class HintedRadioField(GovRadioField):
    """Radios whose choices may each carry a hint, as the GOV.UK radios component allows."""

    def __init__(self, *args: Any, hints: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hints = hints or {}

    def __call__(self, **kwargs: Any) -> Any:
        params = dict(kwargs.pop("params", {}))
        given = params.get("items") or [{} for _ in self._choice_pairs()]
        params["items"] = [
            {**item, "hint": {"text": str(self.hints[value])}} if value in self.hints else item
            for (value, _label), item in zip(self._choice_pairs(), given, strict=True)
        ]
        return super().__call__(params=params, **kwargs)


class StyledStringField(GovStringField):
    def __init__(self, *args: Any, classes: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.classes = classes

    def __call__(self, **kwargs: Any) -> Any:
        return super().__call__(params=_merged({"classes": self.classes}, kwargs), **kwargs)


class StyledTextAreaField(GovTextAreaField):
    def __init__(self, *args: Any, rows: int = 5, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows

    def __call__(self, **kwargs: Any) -> Any:
        return super().__call__(params=_merged({"rows": self.rows}, kwargs), **kwargs)
