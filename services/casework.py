"""What a contact handler does with an item they own: grade it, allocate it, note it, close it.

Each function is one use case in one transaction, with its audit record in the same one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from services.audit import record_audit
from services.casework_common import Actor, InvalidChoice, check_text, load_open_item, require_owner, transaction
from services.casework_models import Assessment, CaseNote
from services.db import db
from services.enums import Grade, TriageStatus
from services.enums import casework_limits as limits
from services.enums.casework import AuditAction, Outcome, ThriveArea, ThriveRating
from services.models import Submission
from services.references import normalise_reference
from services.rules import Rules, target_for
from services.types import utcnow

# A crime number as forces write them: letters, digits, slashes and hyphens, with at least
# four digits (for example 20/123456/25, CRI-2026-004512 or 4300123456).
_CRIME_NUMBER = re.compile(r"^[A-Z0-9][A-Z0-9/-]{3,29}$")


@dataclass(frozen=True)
class Rating:
    rating: str
    words: str


def grade_item(
    item_id: int,
    actor: Actor,
    *,
    ratings: Mapping[str, Rating],
    grade: str,
    rationale: str,
    rules: Rules,
    now: datetime | None = None,
) -> Assessment:
    """Record a THRIVE assessment and its grade. A second one is a regrade: a whole new
    assessment, never an edit of the first. The item's target runs afresh from now."""
    now = now or utcnow()
    checked = _checked_ratings(ratings)
    if grade not in {g.value for g in Grade}:
        raise InvalidChoice("grade", "required")
    reason = check_text("rationale", rationale, limits.RATIONALE)
    with transaction():
        item = load_open_item(item_id)
        require_owner(item, actor)
        previous = item.grade
        assessment = Assessment(
            triage_item_id=item.id, assessor_id=actor.id, created_at=now, ratings=checked,
            grade=grade, rationale=reason, is_regrade=previous is not None,
        )
        db.session.add(assessment)
        item.grade = grade
        item.first_graded_at = item.first_graded_at or now
        item.target_at = now + target_for(grade, bool(item.vulnerability), rules)
        item.escalated_at = None
        if item.status == TriageStatus.NEW.value:
            item.status = TriageStatus.IN_PROGRESS.value
        db.session.flush()
        record_audit(
            AuditAction.REGRADED if previous else AuditAction.GRADED, actor_id=actor.id, triage_item_id=item.id,
            detail={"grade": grade, "previous_grade": previous, "assessment_id": assessment.id}, now=now,
        )
    return assessment


def _checked_ratings(ratings: Mapping[str, Rating]) -> dict[str, dict[str, str]]:
    checked: dict[str, dict[str, str]] = {}
    for area in ThriveArea:
        given = ratings.get(area.value)
        if given is None or given.rating not in {r.value for r in ThriveRating}:
            raise InvalidChoice(f"{area.value}_rating", "required")
        words = check_text(f"{area.value}_words", given.words, limits.ASSESSMENT_WORDS)
        checked[area.value] = {"rating": given.rating, "words": words}
    return checked


def allocate_item(item_id: int, actor: Actor, unit: str, rules: Rules, now: datetime | None = None) -> None:
    now = now or utcnow()
    if unit not in rules.units:
        raise InvalidChoice("unit", "unknown")
    with transaction():
        item = load_open_item(item_id)
        require_owner(item, actor)
        previous = item.unit
        item.unit = unit
        record_audit(
            AuditAction.ALLOCATED, actor_id=actor.id, triage_item_id=item.id, detail={"unit": unit, "previous": previous}, now=now
        )


def add_note(item_id: int, actor: Actor, text: str, now: datetime | None = None) -> CaseNote:
    """An internal note. Anyone working the queue may add one, owner or not."""
    now = now or utcnow()
    body = check_text("text", text, limits.NOTE)
    with transaction():
        item = load_open_item(item_id)
        note = CaseNote(triage_item_id=item.id, author_id=actor.id, created_at=now, text=body)
        db.session.add(note)
        db.session.flush()
        record_audit(AuditAction.NOTED, actor_id=actor.id, triage_item_id=item.id, detail={"note_id": note.id}, now=now)
    return note


def close_item(item_id: int, actor: Actor, outcome: str, detail: str = "", now: datetime | None = None) -> None:
    """Close with a reason. Some reasons need their particular: a crime number, a partner's
    name, or the reference of the report this one duplicates."""
    now = now or utcnow()
    if outcome not in {o.value for o in Outcome}:
        raise InvalidChoice("outcome", "required")
    with transaction():
        item = load_open_item(item_id)
        require_owner(item, actor)
        particular = _outcome_detail(outcome, detail, item.submission_id)
        item.status = TriageStatus.CLOSED.value
        item.closed_at = now
        item.outcome = outcome
        item.outcome_detail = particular
        item.owner_id = None
        record_audit(AuditAction.CLOSED, actor_id=actor.id, triage_item_id=item.id, detail={"outcome": outcome}, now=now)


def _outcome_detail(outcome: str, detail: str, submission_id: int) -> str | None:
    text = detail.strip()
    if outcome == Outcome.CRIME_RECORDED.value:
        number = re.sub(r"\s+", "", text.upper())
        if not number:
            raise InvalidChoice("crime_number", "required")
        if not _CRIME_NUMBER.match(number) or sum(c.isdigit() for c in number) < 4:
            raise InvalidChoice("crime_number", "format")
        return number
    if outcome == Outcome.REFERRED_TO_PARTNER.value:
        return check_text("partner", text, limits.PARTNER_NAME)
    if outcome == Outcome.DUPLICATE.value:
        if not text:
            raise InvalidChoice("duplicate_of", "required")
        reference = normalise_reference(text[:60])
        found = db.session.scalar(select(Submission.id).where(Submission.reference == reference))
        if found is None:
            raise InvalidChoice("duplicate_of", "unknown")
        if found == submission_id:
            raise InvalidChoice("duplicate_of", "itself")
        return reference
    return None
