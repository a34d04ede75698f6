"""Placing a new submission on the triage queue: urgency, flags and the target time."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from services.db import db
from services.models import Submission, TriageItem
from services.vulnerability import RaisedFlag

# Until a contact handler grades it, an item must be looked at within these times.
UNTRIAGED_TARGET = timedelta(hours=24)
UNTRIAGED_TARGET_VULNERABLE = timedelta(hours=4)

# Weight of each flag in the urgency score; the queue sorts on the score first.
FLAG_WEIGHTS: dict[str, int] = {
    "domestic_abuse": 50,
    "self_harm_risk": 50,
    "under_18": 40,
    "hate_crime": 30,
    "mental_health": 25,
    "disability": 20,
    "elderly": 20,
    "repeat_victim": 15,
    "language_barrier": 5,
}


def urgency_score(flags: list[RaisedFlag]) -> int:
    return sum(FLAG_WEIGHTS.get(raised.flag.value, 10) for raised in flags)


def add_triage_item(submission: Submission, flags: list[RaisedFlag], now: datetime) -> TriageItem:
    """Create the queue entry for a submission (inside the caller's transaction)."""
    target = UNTRIAGED_TARGET_VULNERABLE if flags else UNTRIAGED_TARGET
    payload: dict[str, Any] = submission.payload
    item = TriageItem(
        submission=submission,
        vulnerability=[raised.flag.value for raised in flags],
        flag_reasons=[{"flag": raised.flag.value, "reason": raised.reason} for raised in flags],
        urgency=urgency_score(flags),
        summary=str(payload.get("summary", ""))[:500],
        category=_category(payload),
        created_at=now,
        target_at=now + target,
    )
    db.session.add(item)
    return item


def _category(payload: dict[str, Any]) -> str | None:
    category = payload.get("category")
    return category[:32] if isinstance(category, str) else None
