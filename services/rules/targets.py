"""Triage targets from the rules file: how long an item may wait, by grade (or, until it is
graded, by whether it is vulnerable), and when it counts as near its target."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from services.enums import Grade
from services.rules.model import Rules, Target


class TargetState(StrEnum):
    ON_TIME = "on_time"
    NEAR = "near"
    PAST = "past"


def _target(grade: Grade | str | None, vulnerable: bool, rules: Rules) -> Target:
    if grade is None:
        return rules.targets["untriaged_vulnerable" if vulnerable else "untriaged"]
    return rules.targets[Grade(grade).value]


def target_for(grade: Grade | str | None, vulnerable: bool, rules: Rules) -> timedelta:
    """How long after it was made (ungraded) or graded an item may wait. A grade's target does
    not depend on vulnerability: grading has already weighed it."""
    return _target(grade, vulnerable, rules).target


def warning_window(grade: Grade | str | None, vulnerable: bool, rules: Rules) -> timedelta:
    """How long before its target an item is shown as near it."""
    return _target(grade, vulnerable, rules).warn_before


def target_state(
    target_at: datetime, grade: Grade | str | None, vulnerable: bool, now: datetime, rules: Rules
) -> TargetState:
    if now >= target_at:
        return TargetState.PAST
    if now >= target_at - warning_window(grade, vulnerable, rules):
        return TargetState.NEAR
    return TargetState.ON_TIME
