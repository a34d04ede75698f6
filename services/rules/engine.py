"""Applying the rules to one submission's answers: which signals fire and why, which quality
flags and missing details there are, and what category, crime class and unit to suggest."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from services.journeys.common import age_on
from services.rules.matching import words_of
from services.rules.model import Condition, Match, Rules


@dataclass(frozen=True)
class Facts:
    """What the rules look at: the service, its kind, the checked answers and the free text."""

    service: str
    kind: str
    data: Mapping[str, Any]
    words: tuple[str, ...]  # every free-text answer the rules name, as normalised words
    today: date

    def values(self, path: str) -> list[Any]:
        """The answer at `path` as a list of values ("a.b" collects b from each item of list a)."""
        if path == "service":
            return [self.service]
        if path == "kind":
            return [self.kind]
        head, _, tail = path.partition(".")
        value = self.data.get(head)
        if tail:
            items = value if isinstance(value, list) else []
            value = [item.get(tail) for item in items if isinstance(item, Mapping)]
        if value is None:
            return []
        values = value if isinstance(value, list) else [value]
        return [item for item in values if not _blank(item)]


@dataclass(frozen=True)
class FiredSignal:
    rule: str
    flag: str
    weight: int
    reason: str


@dataclass(frozen=True)
class RulesOutcome:
    signals: tuple[FiredSignal, ...]
    quality_flags: list[dict[str, str]]
    completeness_issues: list[dict[str, str]]
    incident_category: str | None
    crime_class: str | None
    unit: str


def facts_for(rules: Rules, *, service: str, kind: str, data: Mapping[str, Any], today: date) -> Facts:
    draft = Facts(service=service, kind=kind, data=data, words=(), today=today)
    pieces = [str(value) for name in rules.text_fields for value in draft.values(name) if isinstance(value, str)]
    return Facts(service=service, kind=kind, data=data, words=words_of("\n".join(pieces)), today=today)


def evaluate(rules: Rules, facts: Facts, *, language: str, raised: Iterable[str] = ()) -> RulesOutcome:
    """Apply every rule. `raised` are flags already raised (the payload's own), which rules
    matching on `flags` see as well as the flags earlier signals raise."""
    flags = set(raised)
    signals: list[FiredSignal] = []
    for signal in rules.signals:
        if matches(signal.match, facts, flags):
            signals.append(FiredSignal(rule=signal.id, flag=signal.flag, weight=signal.weight, reason=signal.reason.en))
            flags.add(signal.flag)
    quality = [{"flag": rule.id, "reason": rule.reason.en} for rule in rules.quality if matches(rule.match, facts, flags)]
    # The question goes to the reporter, so it is kept in the language they used.
    completeness = [
        {"check": rule.id, "reason": rule.reason.en, "question": rule.question.in_language(language)}
        for rule in rules.completeness
        if matches(rule.match, facts, flags)
    ]
    classification = next((rule for rule in rules.classification if matches(rule.match, facts, flags)), None)
    allocation = next((rule for rule in rules.allocation if matches(rule.match, facts, flags)), None)
    return RulesOutcome(
        signals=tuple(signals),
        quality_flags=quality,
        completeness_issues=completeness,
        incident_category=classification.incident_category if classification else None,
        crime_class=classification.crime_class if classification else None,
        unit=allocation.unit if allocation else rules.default_unit,
    )


def matches(match: Match, facts: Facts, flags: set[str]) -> bool:
    if match.services is not None and facts.service not in match.services:
        return False
    if match.not_services is not None and facts.service in match.not_services:
        return False
    if match.flags is not None and not (match.flags & flags):
        return False
    if not all(_holds(condition, facts) for condition in match.answers):
        return False
    return match.words is None or match.words.find(facts.words) is not None


def _holds(condition: Condition, facts: Facts) -> bool:
    values = facts.values(condition.field)
    if condition.missing is not None:
        return (not values) == condition.missing
    if condition.any_of is not None:
        return any(str(value) in condition.any_of for value in values)
    if condition.none_of is not None:
        return not any(str(value) in condition.none_of for value in values)
    if condition.age_at_least is not None or condition.age_below is not None:
        ages = [age_on(value, facts.today) for value in values if isinstance(value, date)]
        if condition.age_at_least is not None:
            return any(age >= condition.age_at_least for age in ages)
        return any(age < (condition.age_below or 0) for age in ages)
    numbers = [float(value) for value in values if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)]
    if condition.at_least is not None:
        return any(number >= condition.at_least for number in numbers)
    return any(number < (condition.below or 0) for number in numbers)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value in ([], {})


def urgency_score(rules: Rules, raised: Iterable[str], signals: Iterable[FiredSignal]) -> int:
    """Each flag counts once, at the highest weight of whatever raised it: a flag raised both by
    an answer and by the free text is one concern, not two."""
    weights: dict[str, int] = {}
    for flag in raised:
        info = rules.flags.get(flag)
        weights[flag] = max(weights.get(flag, 0), info.weight if info is not None else 0)
    for signal in signals:
        weights[signal.flag] = max(weights.get(signal.flag, 0), signal.weight)
    return sum(weights.values())
