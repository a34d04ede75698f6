"""What the information-request journeys share: routing helpers, the period rules and the
frame of their national platform payload (kind information_request, reporter role requester)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from marshmallow import fields

from services.enums import ReporterRole, ServiceKind, YesNo
from services.journeys import PayloadContext
from services.journeys.common import ReporterFields, choice, reporter_payload
from services.journeys.payloads import submission, vulnerability_only

# The contract's limit for a summary.
MAX_SUMMARY = 20_000


def answered(field: str, *values: str) -> Callable[[Mapping[str, Any]], bool]:
    """A page's `applies`: the earlier answer to `field` is one of `values`."""
    return lambda data: data.get(field) in values


class RequestSchema(ReporterFields):
    """A request's reporter fields and optional period; `today` is fixed for one submission."""

    period_known = choice(YesNo)
    period_from = fields.Date()
    period_to = fields.Date()

    def __init__(self, *, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._today = today

    def context_today(self) -> date:
        return self._today or date.today()

    def period_errors(self, data: Mapping[str, Any], today: date, *, required: bool) -> dict[str, list[str]]:
        """The period's rules: asked (when `required`), both dates when yes, in order, not in the future."""
        if data.get("period_known") is None:
            return {"period_known": ["Select yes if your request is about a particular period"]} if required else {}
        if data["period_known"] != YesNo.YES:
            return {}
        start, end = data.get("period_from"), data.get("period_to")
        if start is None or end is None:
            return {"period_from": ["Enter the start and end dates"]}
        if end > today or start > today:
            return {"period_to": ["The period must not be in the future"]}
        if start > end:
            return {"period_to": ["The end date must be the same as or after the start date"]}
        return {}


def period_text(data: Mapping[str, Any]) -> str | None:
    """The period in words for staff ("1 April 2024 to 31 March 2025"), or None when not given."""
    if data.get("period_known") != YesNo.YES or not data.get("period_from") or not data.get("period_to"):
        return None
    return f"{_long_date(data['period_from'])} to {_long_date(data['period_to'])}"


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def clip(text: str, limit: int = MAX_SUMMARY) -> str:
    """Keep within a contract limit without cutting a word in half where it can be helped."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit - 200 else cut) + "…"


def request_payload(
    data: dict[str, Any],
    context: PayloadContext,
    *,
    service: str,
    summary: str,
    category: str,
    reporter_extra: Mapping[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The national platform's Submission for an information request."""
    reporter = reporter_payload(data, ReporterRole.REQUESTER)
    reporter.update(reporter_extra or {})
    flags = vulnerability_only(data, context)
    if data.get("safe_to_contact"):
        flags["safe_to_contact"] = data["safe_to_contact"] != YesNo.NO
    payload = submission(
        context,
        service=service,
        kind=ServiceKind.INFORMATION_REQUEST,
        reporter=reporter,
        summary=clip(summary),
        category=category,
        flags=flags,
    )
    payload.update(extra)
    return payload
