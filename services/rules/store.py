"""Publishing the rules to every process, on every machine, through the database.

`publish_rules` stores a checked rules document as a new version. Each process keeps a
RulesCache: whenever rules are needed it reads the id of the newest version (one indexed
row) and compiles that version once, the first time it sees it. So after `flask rules
reload` returns, every web process and worker uses the new rules from its next
submission, with no restart and no shared file system. Until a version is published, the
file each process validated at start-up is used.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from services.db import db
from services.rules.loading import RulesError, load_rules_text
from services.rules.model import Rules
from services.rules.schema import Vocabulary
from services.types import UTCDateTime

log = logging.getLogger(__name__)


class TriageRuleSet(db.Model):
    """One published version of the rules file, kept whole: the newest is in force."""

    __tablename__ = "triage_rule_sets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    # The file's name (never its path on a machine), to say where the version came from.
    source: Mapped[str] = mapped_column(String(200))
    document: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)


@dataclass(frozen=True)
class PublishedVersion:
    id: int
    sha256: str
    source: str
    published_at: datetime


def published_version() -> PublishedVersion | None:
    row = db.session.execute(
        select(TriageRuleSet.id, TriageRuleSet.sha256, TriageRuleSet.source, TriageRuleSet.published_at)
        .order_by(TriageRuleSet.id.desc())
        .limit(1)
    ).first()
    return PublishedVersion(*row) if row is not None else None


def publish_rules(
    raw: bytes, *, source: str, vocabulary: Vocabulary | None, now: datetime
) -> tuple[PublishedVersion, bool]:
    """Check the document and publish it as the newest version, in its own transaction.

    Publishing what is already in force changes nothing and returns False. Raises RulesError
    (and stores nothing) when the document is not valid.
    """
    load_rules_text(raw, source=source, vocabulary=vocabulary)
    digest = hashlib.sha256(raw).hexdigest()
    try:
        current = published_version()
        if current is not None and current.sha256 == digest:
            db.session.rollback()
            return current, False
        row = TriageRuleSet(sha256=digest, source=source[:200], document=raw.decode("utf-8"), published_at=now)
        db.session.add(row)
        db.session.commit()
        return PublishedVersion(row.id, row.sha256, row.source, row.published_at), True
    except BaseException:
        db.session.rollback()
        raise


class RulesCache:
    """A process's view of the rules in force: the newest published version, compiled once."""

    def __init__(self, fallback: Rules, vocabulary: Vocabulary | None) -> None:
        self._fallback = fallback
        self._vocabulary = vocabulary
        self._lock = threading.Lock()
        # (id, sha256) of the version compiled, and of one that could not be.
        self._version: tuple[int, str] | None = None
        self._rules: Rules | None = None
        self._refused: tuple[int, str] | None = None

    def current(self, session: Session) -> Rules:
        row = session.execute(
            select(TriageRuleSet.id, TriageRuleSet.sha256).order_by(TriageRuleSet.id.desc()).limit(1)
        ).first()
        if row is None:
            with self._lock:
                # Nothing published (any more): the file checked at start-up is in use.
                self._version, self._rules = None, None
            return self._fallback
        newest = (row[0], row[1])
        with self._lock:
            if newest == self._version and self._rules is not None:
                return self._rules
            if newest == self._refused:
                return self._rules or self._fallback
            document = session.scalar(select(TriageRuleSet.document).where(TriageRuleSet.id == newest[0]))
            try:
                rules = load_rules_text(document or "", source=f"published version {newest[0]}", vocabulary=self._vocabulary)
            except RulesError as error:
                # Published by a newer release this process does not understand yet: keep
                # the rules in use rather than stop taking reports.
                log.error("triage rules version %s cannot be used here, keeping the rules in use: %s",
                          newest[0], "; ".join(error.problems))
                self._refused = newest
                return self._rules or self._fallback
            self._version, self._rules = newest, rules
            log.info("triage rules version %s in use", newest[0])
            return rules
