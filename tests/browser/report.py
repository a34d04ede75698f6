"""What the browser suite checked, gathered across tests and printed at the end."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pytest


@dataclass
class BrowserReport:
    page_states: Counter[str] = field(default_factory=Counter)  # language -> page states checked
    violations: int = 0
    journeys: list[str] = field(default_factory=list)
    used: bool = False

    def page_checked(self, language: str, violations: int) -> None:
        self.used = True
        self.page_states[language] += 1
        self.violations += violations

    def journey_completed(self, name: str) -> None:
        self.used = True
        self.journeys.append(name)

    def lines(self) -> list[str]:
        states = ", ".join(f"{language}: {count}" for language, count in sorted(self.page_states.items())) or "none"
        return [
            f"page states checked with axe (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa) per language: {states}",
            f"axe violations: {self.violations}",
            f"journeys completed: {len(self.journeys)}" + (f" ({'; '.join(self.journeys)})" if self.journeys else ""),
        ]


REPORT_KEY = pytest.StashKey[BrowserReport]()
