"""How long personal data is kept, per service and per kind of record.

Periods are in days and come from configuration (see docs/data-protection.md); these are
the defaults. A closed item's personal data is kept for its service's period after it
was closed, then anonymised: the row stays, with the figures the dashboards count.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

_YEAR = 365

# Days after an item is closed until its personal data is anonymised.
DEFAULT_CLOSED_DAYS: dict[str, int] = {
    # Crime reports: the force's records of crime are kept longer (on its own systems);
    # this copy of what the person typed goes after seven years.
    "report-a-crime": 7 * _YEAR,
    "report-anti-social-behaviour": 3 * _YEAR,
    "report-a-road-traffic-incident": 6 * _YEAR,
    "report-a-vehicle": 2 * _YEAR,
    "apply-for-a-firearm-or-shotgun-certificate": 6 * _YEAR,
    "register-business-cctv": 6 * _YEAR,
    "request-information-foi": 2 * _YEAR,
    "request-your-personal-information": 2 * _YEAR,
    "request-a-collision-report": 2 * _YEAR,
    "clares-law-right-to-ask": 6 * _YEAR,
    "sarahs-law-disclosure-request": 6 * _YEAR,
    "solicitor-request-for-documents": 6 * _YEAR,
}
# For a service with no period of its own (one added later, say): the longest above.
FALLBACK_CLOSED_DAYS = 7 * _YEAR


@dataclass(frozen=True)
class RetentionPolicy:
    """Every retention period, in days."""

    closed_days: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_CLOSED_DAYS))
    # Evidence files and their rows, after the item closes (the platform holds its copy).
    attachment_days: int = 30
    # Expired drafts and their files: after the draft's idle timeout has passed.
    draft_days: int = 0
    # Bodies of sent, dead or unsendable outbox messages, and the delivery attempts' log.
    outbox_days: int = 90
    # Staff session rows after they ended (expired or revoked).
    staff_session_days: int = 30

    def closed_days_for(self, service: str) -> int:
        return int(self.closed_days.get(service, FALLBACK_CLOSED_DAYS))


def parse_closed_days(raw: str, problems: list[str]) -> dict[str, int]:
    """`slug=days,slug=days` over the defaults; unknown services and bad numbers are problems."""
    periods = dict(DEFAULT_CLOSED_DAYS)
    for part in (p.strip() for p in raw.split(",")):
        if not part:
            continue
        service, _, days = part.partition("=")
        service = service.strip()
        if service not in DEFAULT_CLOSED_DAYS:
            problems.append(f"RETENTION_CLOSED_DAYS names an unknown service {service!r}")
            continue
        if not days.strip().isdigit() or int(days) < 1:
            problems.append(f"RETENTION_CLOSED_DAYS for {service} must be a whole number of days, at least 1")
            continue
        periods[service] = int(days)
    return periods
