"""The force's triage rules once loaded and checked: plain immutable values, compiled for matching."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from services.rules.matching import WordList


@dataclass(frozen=True)
class Words:
    """Staff-facing words in both languages (the file must give both)."""

    en: str
    cy: str

    def in_language(self, language: str) -> str:
        return self.cy if language == "cy" else self.en


@dataclass(frozen=True)
class Condition:
    """One test of an answer; exactly one of the operators is set."""

    field: str
    any_of: frozenset[str] | None = None
    none_of: frozenset[str] | None = None
    missing: bool | None = None
    at_least: float | None = None
    below: float | None = None
    age_at_least: int | None = None
    age_below: int | None = None


@dataclass(frozen=True)
class Match:
    """When a rule applies: every part given must hold (an empty match always holds)."""

    services: frozenset[str] | None = None
    not_services: frozenset[str] | None = None
    answers: tuple[Condition, ...] = ()
    flags: frozenset[str] | None = None
    words: WordList | None = field(default=None, compare=False)


@dataclass(frozen=True)
class FlagInfo:
    weight: int
    label: Words


@dataclass(frozen=True)
class Signal:
    id: str
    flag: str
    weight: int
    reason: Words
    match: Match


@dataclass(frozen=True)
class QualityCheck:
    id: str
    reason: Words
    match: Match


@dataclass(frozen=True)
class Classification:
    id: str
    incident_category: str
    crime_class: str | None
    match: Match


@dataclass(frozen=True)
class Allocation:
    id: str
    unit: str
    match: Match


@dataclass(frozen=True)
class CompletenessCheck:
    id: str
    reason: Words
    question: Words
    match: Match


@dataclass(frozen=True)
class Target:
    """How long an item may wait, and how long before that it is shown as near its target."""

    target: timedelta
    warn_before: timedelta


@dataclass(frozen=True)
class Rules:
    sha256: str
    text_fields: tuple[str, ...]
    flags: dict[str, FlagInfo]
    units: dict[str, Words]
    default_unit: str
    signals: tuple[Signal, ...]
    quality: tuple[QualityCheck, ...]
    classification: tuple[Classification, ...]
    allocation: tuple[Allocation, ...]
    completeness: tuple[CompletenessCheck, ...]
    # Keyed by a Grade value, "untriaged" and "untriaged_vulnerable".
    targets: dict[str, Target]

    def rule_reason(self, rule_id: str) -> Words | None:
        """The words of a signal, quality flag or completeness check, for a UI in either language."""
        for rule in (*self.signals, *self.quality, *self.completeness):
            if rule.id == rule_id:
                return rule.reason
        return None

    def unit_label(self, unit: str, language: str = "en") -> str:
        label = self.units.get(unit)
        return label.in_language(language) if label is not None else unit

    def flag_label(self, flag: str, language: str = "en") -> str:
        info = self.flags.get(flag)
        return info.label.in_language(language) if info is not None else flag
