"""What retention disposed of: one row per rule per batch, kept as the record of disposal."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.db import db
from services.types import JSONDocument, UTCDateTime, utcnow


class DisposalRecord(db.Model):
    """A batch of records that a retention run deleted or anonymised. Holds no personal
    data: references are the force's own (`WMP-7K3M-Q9TX`), never anything typed."""

    __tablename__ = "disposal_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[str] = mapped_column(String(36), index=True)
    rule: Mapped[str] = mapped_column(String(64))
    # What was disposed of: submission, attachment, draft, outbox_body, delivery_attempt, staff_session.
    kind: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(16))
    count: Mapped[int] = mapped_column(Integer)
    # Submission references, where the records belong to submissions.
    references: Mapped[list[str]] = mapped_column(JSONDocument, default=list)
    disposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
