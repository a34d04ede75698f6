"""Retention with a frozen clock: what is due is anonymised or deleted, nothing else is,
the figures survive, files go, and every disposal is recorded."""

from __future__ import annotations

import io
import os
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from frontcounter.config import ConfigError, load_config
from services.casework_models import Assessment, AuditEvent, CaseNote, ReporterMessage
from services.db import db
from services.evidence import add_evidence
from services.models import (
    Attachment,
    DeliveryAttempt,
    DisposalRecord,
    Draft,
    OutboxMessage,
    PlatformEvent,
    StaffSession,
    StaffUser,
    Submission,
    TriageItem,
)
from services.references import new_reference
from services.retention import dispose_orphan_files, run_retention
from services.retention_policy import DEFAULT_CLOSED_DAYS, RetentionPolicy
from tests.outbox_helpers import contract_payload

NOW = datetime(2034, 3, 1, 12, 0, tzinfo=UTC)
YEAR = timedelta(days=365)
PDF = b"%PDF-1.7\nretention evidence"


def folder(app: Flask) -> Path:
    return Path(app.config["EVIDENCE_DIR"])


def make_item(
    app: Flask, name: str, *, service: str = "report-a-crime", closed: timedelta | None, platform: str = "sent",
    submitted: timedelta = 10 * YEAR,
) -> str:
    """A submission `submitted` before NOW, closed `closed` before NOW (None: still open),
    with a file, a message, a note, an assessment, a platform message and an audit event."""
    reference = new_reference("WMP")
    with app.app_context():
        staff = db.session.scalars(select(StaffUser)).first()
        if staff is None:
            staff = StaffUser(email="h@example.police.uk", display_name="H", role="call_handler", password_hash="x")
            db.session.add(staff)
        payload = contract_payload(reference, email=f"{name}@example.org", service=service, category="theft")
        submission = Submission(reference=reference, service=service, kind="crime", channel="web", language="en",
                                submitted_at=NOW - submitted, payload=payload)
        item = TriageItem(submission=submission, summary=f"{name} summary", created_at=NOW - submitted,
                          target_at=NOW - submitted, grade="scheduled", outcome="advice_given" if closed else None,
                          closed_at=NOW - closed if closed else None, category="theft",
                          flag_reasons=[{"flag": "elderly", "reason": "said so"}])
        db.session.add_all([submission, item, OutboxMessage(
            submission=submission, topic="platform.submission", status=platform, created_at=NOW - submitted,
            sent_at=NOW - submitted if platform == "sent" else None,
        )])
        db.session.flush()
        db.session.add_all([
            Assessment(triage_item_id=item.id, assessor_id=staff.id, grade="scheduled", rationale=f"{name} rationale",
                       ratings={"threat": {"rating": "low", "words": f"{name} threat"}}, created_at=NOW - submitted),
            CaseNote(triage_item_id=item.id, author_id=staff.id, text=f"{name} note"),
            ReporterMessage(submission_id=submission.id, direction="to_reporter", author_id=staff.id, body=f"{name} message"),
            PlatformEvent(event_id=f"evt-{name}", submission_id=submission.id, status="received",
                          occurred_at=NOW - submitted, message_to_reporter=f"{name} platform"),
            AuditEvent(action="graded", actor_id=staff.id, triage_item_id=item.id, detail={"grade": "scheduled"}),
        ])
        db.session.commit()
        add_evidence(f"draft-{name}", f"{name}.pdf", io.BytesIO(PDF), folder(app))
        attachment = db.session.scalars(select(Attachment).where(Attachment.draft_id == f"draft-{name}")).one()
        attachment.submission_id = submission.id
        db.session.commit()
    return reference


def state(app: Flask, reference: str) -> dict[str, Any]:
    with app.app_context():
        submission = db.session.scalars(select(Submission).where(Submission.reference == reference)).one()
        item = submission.triage_item
        found = {
            "payload": submission.payload,
            "anonymised": submission.anonymised_at is not None,
            "summary": item.summary,
            "reasons": [entry["reason"] for entry in item.flag_reasons],
            "rationale": db.session.scalars(select(Assessment.rationale).where(Assessment.triage_item_id == item.id)).one(),
            "words": db.session.scalars(select(Assessment.ratings).where(Assessment.triage_item_id == item.id)).one(),
            "note": db.session.scalars(select(CaseNote.text).where(CaseNote.triage_item_id == item.id)).one(),
            "message": db.session.scalars(select(ReporterMessage.body).where(ReporterMessage.submission_id == submission.id)).one(),
            "platform": db.session.scalars(
                select(PlatformEvent.message_to_reporter).where(PlatformEvent.submission_id == submission.id)
            ).one(),
            "files": [a.storage_name for a in submission.attachments],
            "audit": db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.triage_item_id == item.id)),
            "grade": item.grade, "outcome": item.outcome, "closed_at": item.closed_at,
        }
        db.session.rollback()
        return found


def figures(app: Flask) -> list[tuple[str, str, str | None, str | None, int]]:
    """Counts by service, day, grade and outcome: what the dashboards show."""
    with app.app_context():
        rows = db.session.execute(
            select(Submission.service, func.date(Submission.submitted_at), TriageItem.grade, TriageItem.outcome, func.count())
            .join(TriageItem).group_by(Submission.service, func.date(Submission.submitted_at), TriageItem.grade, TriageItem.outcome)
            .order_by(Submission.service, func.date(Submission.submitted_at))
        ).all()
        return [(r[0], str(r[1]), r[2], r[3], r[4]) for r in rows]


def make_the_set(app: Flask) -> dict[str, str]:
    return {
        "crime_old": make_item(app, "crimeold", closed=8 * YEAR),
        "crime_recent": make_item(app, "crimerecent", closed=1 * YEAR),
        "foi_old": make_item(app, "foiold", service="request-information-foi", closed=3 * YEAR),
        "foi_recent": make_item(app, "foirecent", service="request-information-foi", closed=1 * YEAR),
        "open_old": make_item(app, "openold", closed=None),
        "pending_old": make_item(app, "pendingold", closed=8 * YEAR, platform="pending"),
        "dead_old": make_item(app, "deadold", closed=8 * YEAR, platform="dead"),
    }


def test_items_past_their_period_are_anonymised_and_nothing_else(app: Flask) -> None:
    items = make_the_set(app)
    before = {key: state(app, reference) for key, reference in items.items()}
    stats = figures(app)
    with app.app_context():
        report = run_retention(RetentionPolicy(), evidence_folder=folder(app), now=NOW, batch_size=1)
    # Evidence goes 30 days after closing: the old items' files too, before they are anonymised.
    assert report.counts["closed_items"] == 2 and report.counts["closed_attachments"] == 4

    for key in ("crime_old", "foi_old"):
        after = state(app, items[key])
        assert after["anonymised"] and after["payload"]["anonymised"] is True
        assert "reporter" not in after["payload"] and "answers" not in after["payload"] and "summary" not in after["payload"]
        assert after["payload"]["service"] == before[key]["payload"]["service"]
        assert (after["summary"], after["rationale"], after["note"], after["message"], after["platform"]) == ("", "", "", "", None)
        assert after["reasons"] == [""] and after["words"] == {"threat": {"rating": "low", "words": ""}}
        assert after["files"] == [] and not (folder(app) / before[key]["files"][0]).exists()
        assert (after["grade"], after["outcome"], after["closed_at"], after["audit"]) == (
            before[key]["grade"], before[key]["outcome"], before[key]["closed_at"], 1,
        )
    for key in ("crime_recent", "foi_recent"):  # kept, but their evidence went 30 days after closing
        after = state(app, items[key])
        assert {**after, "files": before[key]["files"]} == before[key]
        assert after["files"] == [] and not (folder(app) / before[key]["files"][0]).exists()
    for key in ("open_old", "pending_old", "dead_old"):  # open or not relayed: untouched, files too
        assert state(app, items[key]) == before[key]
        assert (folder(app) / before[key]["files"][0]).exists()

    assert figures(app) == stats
    with app.app_context():
        records = db.session.scalars(select(DisposalRecord).order_by(DisposalRecord.id)).all()
        anonymised = [r for r in records if r.kind == "submission"]
        assert {r.rule for r in anonymised} == {"closed_items:report-a-crime", "closed_items:request-information-foi"}
        assert sorted(ref for r in anonymised for ref in r.references) == sorted([items["crime_old"], items["foi_old"]])
        assert all(r.action == "anonymised" and r.run_id == report.run_id and r.disposed_at == NOW for r in anonymised)
        files = [r for r in records if r.kind == "attachment"]
        assert sorted(ref for r in files for ref in r.references) == sorted(
            items[key] for key in ("crime_old", "foi_old", "crime_recent", "foi_recent")
        )
        count = len(records)
        again = run_retention(RetentionPolicy(), evidence_folder=folder(app), now=NOW)
        assert sum(again.counts.values()) == 0
        assert db.session.scalar(select(func.count(DisposalRecord.id))) == count


def test_a_dry_run_counts_and_changes_nothing(app: Flask) -> None:
    items = make_the_set(app)
    before = {key: state(app, reference) for key, reference in items.items()}
    result = app.test_cli_runner().invoke(args=["retention", "run", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "dry run: nothing changed" in result.output
    # The command uses the real clock; with the frozen one, two items and four files are due.
    with app.app_context():
        report = run_retention(RetentionPolicy(), evidence_folder=folder(app), now=NOW, dry_run=True)
        assert report.counts["closed_items"] == 2 and report.counts["closed_attachments"] == 4
        assert db.session.scalar(select(func.count(DisposalRecord.id))) == 0
    assert {key: state(app, reference) for key, reference in items.items()} == before
    assert all((folder(app) / b["files"][0]).exists() for b in before.values())


def test_periods_come_from_the_policy(app: Flask) -> None:
    reference = make_item(app, "short", closed=timedelta(days=40))
    policy = RetentionPolicy(closed_days={**DEFAULT_CLOSED_DAYS, "report-a-crime": 30})
    with app.app_context():
        run_retention(policy, evidence_folder=folder(app), now=NOW)
    assert state(app, reference)["anonymised"]


def test_expired_drafts_and_their_files_go_live_ones_stay(app: Flask) -> None:
    with app.app_context():
        db.session.add_all([
            Draft(id="old", service="report-a-crime", answers={"p": {"raw": {}, "data": None}}, expires_at=NOW - timedelta(hours=1)),
            Draft(id="live", service="report-a-crime", answers={}, expires_at=NOW + timedelta(minutes=30)),
        ])
        db.session.commit()
        old_file = add_evidence("old", "a.pdf", io.BytesIO(PDF), folder(app))
        live_file = add_evidence("live", "b.pdf", io.BytesIO(PDF), folder(app))
        names = {row.id: row.storage_name for row in db.session.scalars(select(Attachment))}
        run_retention(RetentionPolicy(), evidence_folder=folder(app), now=NOW)
        assert [d.id for d in db.session.scalars(select(Draft))] == ["live"]
        assert [a.id for a in db.session.scalars(select(Attachment))] == [live_file.id]
        assert not (folder(app) / names[old_file.id]).exists() and (folder(app) / names[live_file.id]).exists()
        [record] = db.session.scalars(select(DisposalRecord)).all()
        assert (record.rule, record.kind, record.count, record.references) == ("expired_drafts", "draft", 1, [])


def test_outbox_history_and_ended_staff_sessions_go_after_their_periods(app: Flask) -> None:
    reference = make_item(app, "outbox", closed=None, submitted=timedelta(days=200))
    with app.app_context():
        message = db.session.scalars(select(OutboxMessage)).one()
        message.body = {"template": "confirmation"}
        db.session.add(DeliveryAttempt(outbox_message_id=message.id, attempt=1, worker="w", started_at=NOW - timedelta(days=200),
                                       duration_ms=5, outcome="sent"))
        staff = db.session.scalars(select(StaffUser)).one()
        db.session.add_all([
            StaffSession(id="ended", user_id=staff.id, created_at=NOW - timedelta(days=40), last_seen_at=NOW - timedelta(days=40),
                         expires_at=NOW - timedelta(days=39)),
            StaffSession(id="recent", user_id=staff.id, created_at=NOW - timedelta(days=2), last_seen_at=NOW - timedelta(days=2),
                         expires_at=NOW - timedelta(days=1)),
        ])
        db.session.commit()
        report = run_retention(RetentionPolicy(), evidence_folder=folder(app), now=NOW)
        assert report.counts["outbox_bodies"] == 1 and report.counts["delivery_attempts"] == 1
        assert db.session.scalars(select(OutboxMessage.body)).one() is None
        assert db.session.scalar(select(func.count(DeliveryAttempt.id))) == 0
        assert [s.id for s in db.session.scalars(select(StaffSession))] == ["recent"]
    assert state(app, reference)["payload"]["reporter"]["email"] == "outbox@example.org"


def test_two_runs_at_once_dispose_of_each_item_once(app: Flask) -> None:
    references = [make_item(app, f"par{n}", closed=8 * YEAR) for n in range(6)]
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with app.app_context():
                run_retention(RetentionPolicy(), evidence_folder=folder(app), now=NOW, batch_size=1)
        except BaseException as error:  # reported below, in the test's own thread
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    with app.app_context():
        disposed = [ref for r in db.session.scalars(select(DisposalRecord).where(DisposalRecord.kind == "submission"))
                    for ref in r.references]
    assert sorted(disposed) == sorted(references)
    assert all(state(app, reference)["anonymised"] for reference in references)


def test_retention_periods_are_configured_and_checked(tmp_path: Path) -> None:
    config = load_config({"APP_ENV": "development", "RETENTION_CLOSED_DAYS": "report-a-crime=3650, request-information-foi=400",
                          "RETENTION_ATTACHMENT_DAYS": "0"}, tmp_path)
    policy = config["RETENTION_POLICY"]
    assert policy.closed_days_for("report-a-crime") == 3650 and policy.closed_days_for("request-information-foi") == 400
    assert policy.closed_days_for("report-a-vehicle") == DEFAULT_CLOSED_DAYS["report-a-vehicle"]
    assert policy.attachment_days == 0 and policy.outbox_days == 90
    with pytest.raises(ConfigError) as error:
        load_config({"APP_ENV": "development", "RETENTION_CLOSED_DAYS": "report-a-cat=1,report-a-crime=soon",
                     "RETENTION_OUTBOX_DAYS": "-1"}, tmp_path)
    message = str(error.value)
    assert "unknown service 'report-a-cat'" in message and "report-a-crime must be a whole number" in message
    assert "RETENTION_OUTBOX_DAYS must be a whole number" in message


def test_old_files_no_row_names_are_removed(app: Flask, tmp_path: Path) -> None:
    evidence = tmp_path / "evidence"
    with app.app_context():
        add_evidence("draft-kept", "kept.pdf", io.BytesIO(PDF), evidence)
        [kept] = list(evidence.iterdir())
        (evidence / "lost.bin").write_bytes(b"left by a crash")
        (evidence / ".upload.bin.part").write_bytes(b"half a write")
        (evidence / "new.bin").write_bytes(b"an upload just written")
        long_ago = (NOW - timedelta(days=2)).timestamp()
        for name in (kept.name, "lost.bin", ".upload.bin.part"):
            os.utime(evidence / name, (long_ago, long_ago))
        just_now = (NOW - timedelta(hours=1)).timestamp()  # the clock is frozen: file times follow it
        os.utime(evidence / "new.bin", (just_now, just_now))
        policy = RetentionPolicy()
        dry = run_retention(policy, evidence_folder=evidence, now=NOW, dry_run=True, rules=(dispose_orphan_files,))
        assert dry.counts == {"orphan_files": 2} and len(list(evidence.iterdir())) == 4
        report = run_retention(policy, evidence_folder=evidence, now=NOW, rules=(dispose_orphan_files,))
        assert report.counts == {"orphan_files": 2}
        assert sorted(path.name for path in evidence.iterdir()) == sorted([kept.name, "new.bin"])
        [record] = db.session.scalars(select(DisposalRecord)).all()
        assert (record.rule, record.kind, record.count) == ("orphan_files", "evidence_file", 2)
