"""Rotating the data encryption key: data written under key A, keys switched to [B, A],
`flask keys rotate`, then B alone reads everything, evidence files included."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from services.casework_models import Assessment, CaseNote, ReporterMessage
from services.crypto import KeyringError, generate_key
from services.db import db
from services.evidence import add_evidence, read_evidence_bytes
from services.models import Attachment, Draft, PlatformEvent, StaffUser, Submission, TriageItem
from tests.outbox_helpers import insert_submissions

KEY_B = generate_key()
CONTENT = b"%PDF-1.7\nrotation evidence"
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def write_everything(app: Flask) -> str:
    """One value in every encrypted column, and one evidence file, under the app's key (A)."""
    [reference] = insert_submissions(app, 1, email="rotate.me@example.com")
    with app.app_context():
        submission = db.session.scalars(select(Submission).where(Submission.reference == reference)).one()
        item = submission.triage_item or TriageItem(submission=submission, target_at=NOW, summary="")
        item.summary = "summary words"
        staff = StaffUser(email="handler@example.police.uk", display_name="Handler", role="call_handler",
                          password_hash="x", totp_secret="JBSWY3DPEHPK3PXP")
        db.session.add_all([item, staff])
        db.session.flush()
        db.session.add_all([
            Assessment(triage_item_id=item.id, assessor_id=staff.id, grade="scheduled", rationale="rationale words",
                       ratings={"threat": {"rating": "low", "words": "threat words"}}),
            CaseNote(triage_item_id=item.id, author_id=staff.id, text="note words"),
            ReporterMessage(submission_id=submission.id, direction="to_reporter", author_id=staff.id, body="message words"),
            PlatformEvent(event_id="evt-rotate", submission_id=submission.id, status="received", occurred_at=NOW,
                          message_to_reporter="platform words"),
            Draft(id="draft-rotate", service="report-a-crime", answers={"p": {"raw": {}, "data": {"x": "draft words"}}},
                  expires_at=NOW),
        ])
        db.session.commit()
        add_evidence("draft-rotate", "rotation.pdf", io.BytesIO(CONTENT), Path(app.config["EVIDENCE_DIR"]))
    return reference


def read_everything(app: Flask, reference: str) -> dict[str, object]:
    with app.app_context():
        submission = db.session.scalars(select(Submission).where(Submission.reference == reference)).one()
        attachment = db.session.scalars(select(Attachment)).one()
        found = {
            "email": submission.payload["reporter"]["email"],
            "summary": submission.triage_item.summary,
            "rationale": db.session.scalars(select(Assessment.rationale)).one(),
            "ratings": db.session.scalars(select(Assessment.ratings)).one(),
            "note": db.session.scalars(select(CaseNote.text)).one(),
            "message": db.session.scalars(select(ReporterMessage.body)).one(),
            "platform": db.session.scalars(select(PlatformEvent.message_to_reporter)).one(),
            "totp": db.session.scalars(select(StaffUser.totp_secret)).one(),
            "draft": db.session.get(Draft, "draft-rotate").answers,
            "filename": attachment.filename,
            "file": read_evidence_bytes(attachment, Path(app.config["EVIDENCE_DIR"])),
        }
        db.session.rollback()
        return found


EXPECTED = {
    "email": "rotate.me@example.com", "summary": "summary words", "rationale": "rationale words",
    "ratings": {"threat": {"rating": "low", "words": "threat words"}}, "note": "note words",
    "message": "message words", "platform": "platform words", "totp": "JBSWY3DPEHPK3PXP",
    "draft": {"p": {"raw": {}, "data": {"x": "draft words"}}}, "filename": "rotation.pdf", "file": CONTENT,
}


def test_rotate_then_the_new_key_alone_reads_everything(app: Flask, database_url: str, tmp_path: Path) -> None:
    from tests.conftest import TEST_DATA_KEY, make_test_app

    folder = str(tmp_path / "evidence")  # an evidence folder of its own, so the counts are this test's
    only_a = make_test_app(database_url, DATA_ENCRYPTION_KEYS=TEST_DATA_KEY, EVIDENCE_DIR=folder)
    both = make_test_app(database_url, DATA_ENCRYPTION_KEYS=f"{KEY_B},{TEST_DATA_KEY}", EVIDENCE_DIR=folder)
    only_b = make_test_app(database_url, DATA_ENCRYPTION_KEYS=KEY_B, EVIDENCE_DIR=folder)
    reference = write_everything(only_a)
    try:
        assert read_everything(both, reference) == EXPECTED  # old data, new key first: still readable
        with pytest.raises(KeyringError):
            read_everything(only_b, reference)

        result = both.test_cli_runner().invoke(args=["keys", "rotate", "--batch-size", "1"])
        assert result.exit_code == 0, result.output
        assert "submissions.payload: 1 re-encrypted, 0 already under the newest key" in result.output
        assert "case_notes.text: 1 re-encrypted" in result.output and "staff_users.totp_secret: 1 re-encrypted" in result.output
        assert "evidence files: 1 re-encrypted" in result.output
        assert "rotate.me" not in result.output

        assert read_everything(only_b, reference) == EXPECTED
        with pytest.raises(KeyringError):
            read_everything(only_a, reference)  # key A alone no longer opens anything

        again = both.test_cli_runner().invoke(args=["keys", "rotate"])
        assert "submissions.payload: 0 re-encrypted, 1 already under the newest key" in again.output
        assert "evidence files: 0 re-encrypted, 1 already" in again.output
    finally:
        for made in (only_a, both, only_b):
            with made.app_context():
                db.engine.dispose()


def test_generate_prints_a_usable_key(app: Flask) -> None:
    from services.crypto import Keyring

    result = app.test_cli_runner().invoke(args=["keys", "generate"])
    assert result.exit_code == 0
    assert Keyring([result.output.strip()]).size == 1
