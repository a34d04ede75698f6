"""Triage targets: how soon an item must be dealt with, by grade, and when it is due soon.

One function, `target_for`, says how long an item has; the force's rules file will be its
source in time, so callers go through it rather than reading the settings themselves.
The settings come from the app's configuration (environment variables), passed in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from services.enums import Grade


class Deadline(StrEnum):
    """Where an open item stands against its target."""

    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class TriageTargets:
    emergency: timedelta = timedelta(minutes=15)
    priority: timedelta = timedelta(hours=1)
    scheduled: timedelta = timedelta(hours=24)
    resolution_without_deployment: timedelta = timedelta(hours=72)
    untriaged: timedelta = timedelta(hours=24)
    untriaged_vulnerable: timedelta = timedelta(hours=4)
    # An item is "due soon" once the time left is within the larger of these two.
    warning_fraction: float = 0.25
    warning_minimum: timedelta = timedelta(minutes=30)


def targets_from_config(config: Mapping[str, Any]) -> TriageTargets:
    """The targets from configuration keys (minutes); any key not set keeps its default."""
    defaults = TriageTargets()

    def minutes(name: str, default: timedelta) -> timedelta:
        value = config.get(name)
        return default if value is None else timedelta(minutes=float(value))

    return TriageTargets(
        emergency=minutes("TRIAGE_TARGET_EMERGENCY_MINUTES", defaults.emergency),
        priority=minutes("TRIAGE_TARGET_PRIORITY_MINUTES", defaults.priority),
        scheduled=minutes("TRIAGE_TARGET_SCHEDULED_MINUTES", defaults.scheduled),
        resolution_without_deployment=minutes("TRIAGE_TARGET_RWD_MINUTES", defaults.resolution_without_deployment),
        untriaged=minutes("TRIAGE_TARGET_UNTRIAGED_MINUTES", defaults.untriaged),
        untriaged_vulnerable=minutes("TRIAGE_TARGET_UNTRIAGED_VULNERABLE_MINUTES", defaults.untriaged_vulnerable),
        warning_fraction=float(config.get("TRIAGE_WARNING_PERCENT", defaults.warning_fraction * 100)) / 100,
        warning_minimum=minutes("TRIAGE_WARNING_MINIMUM_MINUTES", defaults.warning_minimum),
    )


def target_for(grade: str | None, vulnerable: bool, targets: TriageTargets) -> timedelta:
    """How long an item has: from its grading for a graded item, from its arrival otherwise."""
    if grade is None:
        return targets.untriaged_vulnerable if vulnerable else targets.untriaged
    return {
        Grade.EMERGENCY.value: targets.emergency,
        Grade.PRIORITY.value: targets.priority,
        Grade.SCHEDULED.value: targets.scheduled,
        Grade.RESOLUTION_WITHOUT_DEPLOYMENT.value: targets.resolution_without_deployment,
    }[grade]


def warning_window(grade: str | None, vulnerable: bool, targets: TriageTargets) -> timedelta:
    """How long before its target an item counts as due soon."""
    share = target_for(grade, vulnerable, targets) * targets.warning_fraction
    return max(share, targets.warning_minimum)


def deadline(target_at: datetime, grade: str | None, vulnerable: bool, now: datetime, targets: TriageTargets) -> Deadline:
    if now >= target_at:
        return Deadline.OVERDUE
    if target_at - now <= warning_window(grade, vulnerable, targets):
        return Deadline.DUE_SOON
    return Deadline.ON_TIME
