"""Drafts: answers in progress, stored server-side and keyed by an unguessable id."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete

from services.db import db
from services.models import Draft
from services.types import utcnow


@dataclass(frozen=True)
class PageAnswer:
    raw: dict[str, list[str]]
    data: dict[str, Any] | None  # None while the page has not passed validation


def find_live_draft(draft_id: str | None, service: str, now: datetime | None = None) -> Draft | None:
    if not draft_id:
        return None
    draft = db.session.get(Draft, draft_id)
    if draft is None or draft.service != service:
        return None
    if draft.expires_at <= (now or utcnow()):
        return None
    return draft


@dataclass(frozen=True)
class DraftSnapshot:
    """A live draft as plain values, read in a transaction that has already ended."""

    id: str
    service: str
    answers: dict[str, Any]
    submission_id: int | None


def read_live_draft(draft_id: str | None, service: str, now: datetime | None = None) -> DraftSnapshot | None:
    """The live draft as it is now; the read's transaction is over when this returns.

    On SQLite every transaction takes the database's write lock (services/db.py), so a
    request that read its draft and then drew a page, or re-validated every page before a
    Send, held that lock the whole time and every other request waited. Ending the read
    here lets the others write while this one works; a write that follows takes a
    transaction of its own (and sending locks the draft again before it trusts it).
    """
    draft = find_live_draft(draft_id, service, now)
    snapshot = None if draft is None else DraftSnapshot(draft.id, draft.service, dict(draft.answers or {}), draft.submission_id)
    db.session.rollback()
    return snapshot


def page_answers(draft: Draft | DraftSnapshot | None) -> dict[str, PageAnswer]:
    if draft is None:
        return {}
    return {
        page_id: PageAnswer(raw=entry.get("raw", {}), data=entry.get("data"))
        for page_id, entry in (draft.answers or {}).items()
    }


def completed_data(draft: Draft | DraftSnapshot | None) -> dict[str, dict[str, Any]]:
    return {page_id: answer.data for page_id, answer in page_answers(draft).items() if answer.data is not None}


def save_page(
    draft_id: str | None,
    *,
    service: str,
    page_id: str,
    raw: dict[str, list[str]],
    data: dict[str, Any] | None,
    language: str,
    idle_timeout: timedelta,
    now: datetime | None = None,
) -> str:
    """Store one page's answers, starting a draft if there is none. Returns the draft id.

    A page that failed validation is stored too (data=None), so what the person typed is
    there when they come back; it only counts as answered once it validates.
    """
    now = now or utcnow()
    draft = find_live_draft(draft_id, service, now)
    if draft is None or draft.submission_id is not None:
        draft = Draft(
            id=secrets.token_urlsafe(32),
            service=service,
            answers={},
            created_at=now,
        )
        db.session.add(draft)
    answers = dict(draft.answers or {})
    answers[page_id] = {"raw": raw, "data": data}
    draft.answers = answers
    draft.language = language
    draft.updated_at = now
    draft.expires_at = now + idle_timeout
    saved_id = draft.id  # read before the commit expires it, saving a query on every page
    db.session.commit()
    return saved_id


def keep_alive(draft_id: str | None, service: str, idle_timeout: timedelta) -> datetime | None:
    """Push a live draft's expiry back, for the timeout warning's "stay on this page"."""
    now = utcnow()
    draft = find_live_draft(draft_id, service, now)
    if draft is None:
        db.session.rollback()
        return None
    expires_at = draft.expires_at = now + idle_timeout
    db.session.commit()
    return expires_at


def purge_expired_drafts(now: datetime | None = None) -> int:
    """Delete expired drafts. A sent draft holds no answers, only the link that makes
    sending twice give the same reference, and that link is not needed once it expires."""
    now = now or utcnow()
    result = db.session.execute(delete(Draft).where(Draft.expires_at <= now))
    db.session.commit()
    return int(result.rowcount or 0)
