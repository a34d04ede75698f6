"""The national platform's Submission document: the envelope every service's payload shares,
and the pieces several services fill it with alike."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.enums import ServiceKind, YesNo
from services.journeys import PayloadContext
from services.journeys.common import normalise_postcode
from services.vulnerability import vulnerability_flags

SCHEMA_VERSION = "1.0"


def submission(
    context: PayloadContext,
    *,
    service: str,
    kind: ServiceKind,
    reporter: dict[str, Any],
    summary: str,
    category: str,
    flags: dict[str, Any],
    **located: Any,
) -> dict[str, Any]:
    """The Submission document. `located` holds what the service records of when and where
    (`occurred`, `location`), placed between the category and the answers."""
    return {
        "schema_version": SCHEMA_VERSION,
        "force_code": context.force_code,
        "force_reference": context.reference,
        "service": service,
        "kind": kind.value,
        "submitted_at": context.submitted_at.isoformat(),
        "language": context.language,
        "channel": context.channel,
        "reporter": reporter,
        "summary": summary,
        "category": category,
        **located,
        "answers": context.answers,
        "flags": flags,
    }


def vulnerability_only(data: Mapping[str, Any], context: PayloadContext) -> dict[str, Any]:
    """The flags of an application: its vulnerability flags only."""
    return {"vulnerability": vulnerability_flags(data, context.submitted_at.date())}


def report_flags(data: Mapping[str, Any], context: PayloadContext) -> dict[str, Any]:
    """The flags of a report: its vulnerability flags, and whether it is safe to contact the person
    (it is unless they said no)."""
    return {
        "vulnerability": vulnerability_flags(data, context.submitted_at.date()),
        "safe_to_contact": data.get("safe_to_contact") != YesNo.NO,
    }


def place_location(data: Mapping[str, Any]) -> dict[str, Any]:
    """The Location of a place given as a postcode, a description, or both (the forms' `PlacePage`)."""
    location: dict[str, Any] = {}
    if data.get("postcode"):
        location["postcode"] = normalise_postcode(data["postcode"])
    if data.get("location_description"):
        location["description"] = data["location_description"]
    return location
