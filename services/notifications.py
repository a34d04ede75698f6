"""Whether a confirmation email may be sent, decided from what the person told us.

An email can be read by whoever else uses the person's inbox. Where they said it is not
safe to contact them, asked not to be contacted, or domestic abuse is indicated, we send
nothing at all: the reference on the confirmation page is their record.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.enums import ContactMethod, VulnerabilityFlag


def confirmation_email_allowed(payload: Mapping[str, Any]) -> bool:
    reporter = payload.get("reporter") or {}
    flags = payload.get("flags") or {}
    if not reporter.get("email"):
        return False
    if flags.get("safe_to_contact") is False:
        return False
    if reporter.get("preferred_contact") == ContactMethod.NONE.value:
        return False
    return VulnerabilityFlag.DOMESTIC_ABUSE.value not in (flags.get("vulnerability") or ())
