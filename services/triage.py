"""Placing a new submission on the triage queue: the force's rules decide its flags and why,
its urgency, its target time, and the category, crime class and unit to suggest."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from services.db import db
from services.models import Submission, TriageItem
from services.rules import Rules, evaluate, facts_for, target_for, urgency_score
from services.vulnerability import RaisedFlag

# The flags the payload itself carries (services.vulnerability) are not rules of the file:
# their reasons are recorded under this rule id.
PAYLOAD_FLAG_RULE = "payload_flag"


def add_triage_item(
    submission: Submission,
    data: Mapping[str, Any],
    flags: list[RaisedFlag],
    rules: Rules,
    now: datetime,
) -> TriageItem:
    """Create the queue entry for a submission (inside the caller's transaction).

    `data` is the submission's checked answers; `flags` the vulnerability flags its payload
    carries to the national platform. The rules add their own flags, each with the rule
    that raised it and why (English; staff see Welsh by looking the rule id up in the rules).
    """
    payload: dict[str, Any] = submission.payload
    raised = [raised.flag.value for raised in flags]
    facts = facts_for(rules, service=submission.service, kind=submission.kind, data=data, today=now.date())
    outcome = evaluate(rules, facts, language=submission.language, raised=raised)
    reasons: list[dict[str, str]] = []
    for signal in outcome.signals:
        reasons.append({"flag": signal.flag, "rule": signal.rule, "reason": signal.reason})
    explained = {reason["flag"] for reason in reasons}
    for flag in flags:
        if flag.flag.value not in explained:
            reasons.append({"flag": flag.flag.value, "rule": PAYLOAD_FLAG_RULE, "reason": flag.reason})
    vulnerability = list(dict.fromkeys([*raised, *(signal.flag for signal in outcome.signals)]))
    item = TriageItem(
        submission=submission,
        vulnerability=vulnerability,
        flag_reasons=reasons,
        urgency=urgency_score(rules, raised, outcome.signals),
        summary=str(payload.get("summary", ""))[:500],
        category=_category(payload),
        created_at=now,
        target_at=now + target_for(None, bool(vulnerability), rules),
        suggested_unit=outcome.unit,
        unit=outcome.unit,
        suggested_incident_category=outcome.incident_category,
        suggested_crime_class=outcome.crime_class,
        quality_flags=outcome.quality_flags,
        completeness_issues=outcome.completeness_issues,
    )
    db.session.add(item)
    return item


def _category(payload: dict[str, Any]) -> str | None:
    category = payload.get("category")
    return category[:32] if isinstance(category, str) else None
