"""Items on the triage queue made straight in the database, for casework tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask

from services.db import db
from services.enums import OutboxTopic
from services.models import OutboxMessage, Submission, TriageItem
from services.references import new_reference
from tests.outbox_helpers import contract_payload

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def make_item(
    app: Flask,
    *,
    grade: str | None = None,
    urgency: int = 0,
    target_in: timedelta = timedelta(hours=24),
    age: timedelta = timedelta(hours=1),
    service: str = "report-a-crime",
    category: str | None = "theft",
    status: str = "new",
    unit: str | None = None,
    owner_id: int | None = None,
    vulnerability: list[str] | None = None,
    quality_flags: list[dict[str, str]] | None = None,
    email: str | None = None,
    now: datetime = NOW,
    **payload_changes: Any,
) -> int:
    """A submission and its triage item; returns the item's id."""
    with app.app_context():
        reference = new_reference("WMP")
        submission = Submission(
            reference=reference, service=service, kind="crime", channel="web", language="en", submitted_at=now - age,
            payload=contract_payload(reference, email=email, service=service, **payload_changes),
        )
        db.session.add(submission)
        db.session.add(OutboxMessage(submission=submission, topic=OutboxTopic.PLATFORM_SUBMISSION.value))
        flags = vulnerability if vulnerability is not None else (["mental_health"] if urgency else [])
        item = TriageItem(
            submission=submission, status=status, grade=grade, urgency=urgency, vulnerability=flags,
            flag_reasons=[{"flag": flag, "reason": "Said so in the answers"} for flag in flags],
            quality_flags=quality_flags or [], summary="", created_at=now - age, target_at=now + target_in,
            category=category, unit=unit, owner_id=owner_id,
        )
        db.session.add(item)
        db.session.commit()
        return item.id


def reference_of(app: Flask, item_id: int) -> str:
    with app.app_context():
        item = db.session.get(TriageItem, item_id)
        assert item is not None
        return item.submission.reference


def add_attachment(app: Flask, item_id: int, *, filename: str = "photo.png", content: bytes = b"\x89PNG\r\n\x1a\nfake") -> int:
    """An evidence file on the item's submission, with its bytes in the evidence folder."""
    import hashlib
    import secrets
    from pathlib import Path

    from services.crypto import session_keyring
    from services.models import Attachment

    with app.app_context():
        item = db.session.get(TriageItem, item_id)
        assert item is not None
        storage_name = f"{secrets.token_hex(16)}.bin"
        folder = Path(app.config["EVIDENCE_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        # Stored as the service stores evidence: encrypted with the app's data key.
        (folder / storage_name).write_bytes(session_keyring().encrypt(content))
        attachment = Attachment(
            submission_id=item.submission_id, sha256=hashlib.sha256(content).hexdigest(), filename=filename,
            content_type="image/png", size=len(content), storage_name=storage_name,
        )
        db.session.add(attachment)
        db.session.commit()
        return attachment.id
