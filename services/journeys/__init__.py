"""Declarative journeys: the pages of a service, the conditions between them, its payload schema.

A journey knows page ids and the cleaned data each page produced; it knows nothing of
forms or HTML. The web layer pairs each page id with a WTForms class of the same id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from marshmallow import Schema

from services.enums import ServiceKind

# Cleaned data per page id: {"category": {"category": "theft"}, ...}
PageData = Mapping[str, Mapping[str, Any]]
Condition = Callable[[Mapping[str, Any]], bool]


def always(_: Mapping[str, Any]) -> bool:
    return True


def answer_is(field: str, *values: str) -> Condition:
    """A condition: the answer to `field` is one of `values`."""
    return lambda data: data.get(field) in values


@dataclass(frozen=True)
class Page:
    id: str
    applies: Condition = always


@dataclass(frozen=True)
class Exit:
    """Leave the journey without storing anything, e.g. "call 999 now"."""

    page: str
    when: Condition
    to: str


@dataclass(frozen=True)
class PayloadContext:
    force_code: str
    reference: str
    language: str
    channel: str
    submitted_at: datetime
    answers: list[dict[str, str]]


@dataclass(frozen=True)
class Journey:
    slug: str
    kind: ServiceKind
    pages: tuple[Page, ...]
    schema: type[Schema]
    build_payload: Callable[[dict[str, Any], PayloadContext], dict[str, Any]]
    exits: tuple[Exit, ...] = field(default_factory=tuple)

    def page_ids(self) -> list[str]:
        return [page.id for page in self.pages]

    def has_page(self, page_id: str) -> bool:
        return any(page.id == page_id for page in self.pages)

    def merged(self, data: PageData, upto: str | None = None) -> dict[str, Any]:
        """Everything answered on applicable pages (before `upto`, when given), flattened.

        Field names are unique across a journey, so pages merge without clashes.
        Pages that no longer apply are left out, though the draft keeps them, so an answer
        is not lost if the person changes their mind back.
        """
        merged: dict[str, Any] = {}
        for page in self.pages:
            if page.id == upto:
                break
            if page.applies(merged) and page.id in data:
                merged.update(data[page.id])
        return merged

    def applicable_pages(self, data: PageData) -> list[str]:
        merged: dict[str, Any] = {}
        applicable = []
        for page in self.pages:
            if page.applies(merged):
                applicable.append(page.id)
                merged.update(data.get(page.id, {}))
        return applicable

    def first_unanswered(self, data: PageData, completed: Iterable[str]) -> str | None:
        """The first page the person must still answer; None when the journey is complete."""
        done = set(completed)
        for page_id in self.applicable_pages(data):
            if page_id not in done:
                return page_id
        return None

    def next_after(self, page_id: str, data: PageData) -> str | None:
        pages = self.applicable_pages(data)
        if page_id in pages:
            index = pages.index(page_id)
            return pages[index + 1] if index + 1 < len(pages) else None
        return self.first_unanswered(data, ())

    def previous_before(self, page_id: str, data: PageData) -> str | None:
        pages = self.applicable_pages(data)
        if page_id in pages:
            index = pages.index(page_id)
            return pages[index - 1] if index > 0 else None
        return None

    def exit_for(self, page_id: str, page_data: Mapping[str, Any]) -> str | None:
        for rule in self.exits:
            if rule.page == page_id and rule.when(page_data):
                return rule.to
        return None
