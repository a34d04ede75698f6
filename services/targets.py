"""Where an open item stands against its triage target, in the words the workspace shows.

The targets themselves (per grade, and for untriaged items) come from the force's rules
file (services/rules/targets.py); this module only names the states for the queue.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from services.rules import Rules, TargetState, target_for, target_state

__all__ = ["Deadline", "deadline", "target_for"]


class Deadline(StrEnum):
    """Where an open item stands against its target."""

    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


_FROM_STATE = {TargetState.ON_TIME: Deadline.ON_TIME, TargetState.NEAR: Deadline.DUE_SOON, TargetState.PAST: Deadline.OVERDUE}


def deadline(target_at: datetime, grade: str | None, vulnerable: bool, now: datetime, rules: Rules) -> Deadline:
    return _FROM_STATE[target_state(target_at, grade, vulnerable, now, rules)]
