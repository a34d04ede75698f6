"""Migration 0009protect encrypts what is already stored, in place, and its downgrade decrypts it."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import downgrade, upgrade
from sqlalchemy import MetaData, Table, create_engine, select, text
from sqlalchemy.engine import make_url

from services.db import db
from services.evidence import read_evidence_bytes
from services.models import Attachment, Submission
from tests.conftest import BACKENDS, make_test_app

MIGRATIONS = str(Path(__file__).resolve().parent.parent / "migrations")
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
PAYLOAD = {"reporter": {"full_name": "Ida Premigration", "email": "ida@example.org"}, "summary": "old words"}
FILE = b"%PDF-1.7\nstored before encryption"


@pytest.fixture(params=BACKENDS)
def fresh_app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Flask]:
    """An app on an empty database of its own, so migrations can go up and down freely."""
    admin = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'migrate.db'}"
    else:
        server = make_url(os.environ["TEST_DATABASE_URL"]).set(drivername="postgresql+psycopg")
        name = f"frontcounter_migrate_{secrets.token_hex(4)}"
        admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = server.set(database=name).render_as_string(hide_password=False)
    application = make_test_app(url, EVIDENCE_DIR=str(tmp_path / "evidence"))
    try:
        yield application
    finally:
        with application.app_context():
            db.engine.dispose()
        if admin is not None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def insert_plain_rows(app: Flask) -> None:
    """Rows as revision 0005staff kept them: plain JSON and text, a plain evidence file."""
    with app.app_context(), db.engine.begin() as connection:
        tables = MetaData()
        submissions = Table("submissions", tables, autoload_with=connection)
        triage = Table("triage_items", tables, autoload_with=connection)
        attachments = Table("attachments", tables, autoload_with=connection)
        staff = Table("staff_users", tables, autoload_with=connection)
        connection.execute(submissions.insert().values(
            id=1, reference="WMP-AAAA-BBBB", service="report-a-crime", kind="crime", channel="web", language="en",
            submitted_at=NOW, payload=PAYLOAD,
        ))
        connection.execute(triage.insert().values(
            id=1, submission_id=1, status="new", vulnerability=[], flag_reasons=[], urgency=0, summary="old words",
            created_at=NOW, target_at=NOW, quality_flags=[], completeness_issues=[],
        ))
        connection.execute(attachments.insert().values(
            id=1, submission_id=1, sha256="0" * 64, filename="old-photo.pdf", content_type="application/pdf",
            size=len(FILE), storage_name="old.bin", created_at=NOW,
        ))
        connection.execute(staff.insert().values(
            id=1, email="s@example.police.uk", display_name="S", role="admin", password_hash="x",
            totp_secret="JBSWY3DPEHPK3PXP", created_at=NOW, failed_sign_ins=0,
        ))
    folder = Path(app.config["EVIDENCE_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "old.bin").write_bytes(FILE)


def raw(app: Flask, query: str) -> str:
    with app.app_context(), db.engine.connect() as connection:
        value = connection.execute(text(query)).scalar_one()
        # psycopg hands JSONB back already decoded.
        return json.dumps(value) if isinstance(value, dict) else str(value)


def test_upgrade_encrypts_existing_rows_and_files_and_downgrade_decrypts(fresh_app: Flask) -> None:
    with fresh_app.app_context():
        upgrade(directory=MIGRATIONS, revision="0005staff")
    insert_plain_rows(fresh_app)
    with fresh_app.app_context():
        upgrade(directory=MIGRATIONS, revision="0009protect")

    for query in ("SELECT payload FROM submissions", "SELECT summary FROM triage_items",
                  "SELECT filename FROM attachments", "SELECT totp_secret FROM staff_users"):
        stored = raw(fresh_app, query)
        assert stored.startswith("gAAAA"), query  # a Fernet token
        assert "Ida" not in stored and "old" not in stored and "JBSW" not in stored
    folder = Path(fresh_app.config["EVIDENCE_DIR"])
    assert (folder / "old.bin").read_bytes() != FILE
    with fresh_app.app_context():
        submission = db.session.get(Submission, 1)
        assert submission.payload == PAYLOAD and submission.triage_item.summary == "old words"
        attachment = db.session.get(Attachment, 1)
        assert attachment.filename == "old-photo.pdf"
        assert read_evidence_bytes(attachment, folder) == FILE
        db.session.rollback()
        downgrade(directory=MIGRATIONS, revision="0005staff")

    assert json.loads(raw(fresh_app, "SELECT payload FROM submissions")) == PAYLOAD
    assert raw(fresh_app, "SELECT summary FROM triage_items") == "old words"
    assert raw(fresh_app, "SELECT filename FROM attachments") == "old-photo.pdf"
    assert raw(fresh_app, "SELECT totp_secret FROM staff_users") == "JBSWY3DPEHPK3PXP"
    assert (folder / "old.bin").read_bytes() == FILE
    with fresh_app.app_context(), db.engine.connect() as connection:
        assert "disposal_records" not in set(connection.dialect.get_table_names(connection))
        assert connection.execute(select(text("1"))).scalar_one() == 1
