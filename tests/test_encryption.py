"""Personal data at rest: nothing a person typed is in the database or the evidence folder
as plain text, yet the service still shows it, emails it and relays it."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import make_url

from frontcounter.config import ConfigError, load_config
from services.crypto import EncryptedText, Keyring, KeyringError, generate_key
from services.db import db
from services.models import Submission
from tests.conftest import TEST_DATA_KEY, make_test_app
from tests.fake_notify import NotifyRecord, notify_settings
from tests.journeys import CRIME, answer, crime_pages, send
from tests.outbox_helpers import outbox_states
from tests.pages import PageClient
from tests.platform_sim import Sim, drain_until, relay_app

NAME = "Zephyrine Quillfeather"
EMAIL = "zq.unique7@example.org"
PHRASE = "the marmalade heron sang at dawn"
FILENAME = "quokka receipt 91.pdf"
FILE_BYTES = b"%PDF-1.7\n" + b"UNIQUE EVIDENCE BYTES 4471 " * 40
SECRETS = (NAME, EMAIL, PHRASE, FILENAME, "UNIQUE EVIDENCE BYTES 4471")


def distinctive_pages() -> list[tuple[str, dict[str, object]]]:
    changed = {
        "your-details": {"full_name": NAME},
        "contact": {"email": EMAIL},
    }
    return [(page, {**data, **changed.get(page, {})}) for page, data in crime_pages(description=PHRASE)]


def report_with_evidence(client: PageClient) -> str:
    client.get(CRIME)
    for page_id, data in distinctive_pages():
        if page_id == "evidence":
            client.get(f"{CRIME}/evidence")
            client.post(f"{CRIME}/evidence", {"action": "upload", "evidence_file": (io.BytesIO(FILE_BYTES), FILENAME)},
                        expected=302, content_type="multipart/form-data")
            client.post(f"{CRIME}/evidence", {"action": "continue"}, content_type="multipart/form-data")
            continue
        answer(client, CRIME, page_id, data)
    check = client.get(f"{CRIME}/check-your-answers").text
    for shown in (NAME, EMAIL, PHRASE, FILENAME):
        assert shown in check, shown
    return send(client, CRIME)


def raw_database_text(database_url: str) -> str:
    """Every value of every column of every table, read as text without the app."""
    engine = create_engine(database_url)
    chunks: list[str] = []
    try:
        with engine.connect() as connection:
            for table in inspect(connection).get_table_names():
                if engine.dialect.name == "postgresql":
                    rows = connection.execute(text(f'SELECT t::text FROM "{table}" AS t'))  # noqa: S608 (table names from the database itself)
                else:
                    rows = connection.execute(text(f'SELECT * FROM "{table}"'))  # noqa: S608 (table names from the database itself)
                for row in rows:
                    chunks.extend(v.decode("latin-1") if isinstance(v, bytes) else str(v) for v in row)
            if engine.dialect.name == "sqlite":
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    return "\n".join(chunks)


def sqlite_file_bytes(database_url: str) -> bytes:
    """The database file and its WAL, read by another process.

    Opening and closing the file here would drop every POSIX lock this process's own
    SQLite connections hold on it (fcntl locks belong to the process, not the descriptor),
    and later SQLite calls in this process would fail with "disk I/O error"."""
    path = Path(str(make_url(database_url).database))
    wal = path.with_name(path.name + "-wal")
    read = "import sys; [sys.stdout.buffer.write(open(p, 'rb').read()) for p in sys.argv[1:]]"
    files = [str(path)] + ([str(wal)] if wal.exists() else [])
    return subprocess.run([sys.executable, "-c", read, *files], capture_output=True, check=True).stdout


def test_the_database_holds_no_plaintext_of_a_submitted_answer(
    app: Flask, database_url: str, sim: Sim, notify: tuple[str, NotifyRecord]
) -> None:
    reference = report_with_evidence(PageClient(app))
    relay = relay_app(database_url, sim.url, EVIDENCE_DIR=app.config["EVIDENCE_DIR"], **notify_settings(notify[0]))
    try:
        drain_until(relay, lambda: outbox_states(app) == {"sent": 1} and outbox_states(app, "email.confirmation") == {"sent": 1})
    finally:
        with relay.app_context():
            db.engine.dispose()

    # The platform got the answers and the file decrypted; Notify got the address.
    [held] = [s for s in sim.state()["submissions"] if s["force_reference"] == reference]
    sent = str(held["body"])
    assert NAME in sent and EMAIL in sent and PHRASE in sent and FILENAME in sent
    assert len(sim.state()["attachments"]) == 1  # its SHA-256 matched the plain bytes
    assert notify[1].emails[0]["email_address"] == EMAIL

    everything = raw_database_text(database_url)
    assert reference in everything  # the scan does see the tables
    for secret in SECRETS:
        assert secret not in everything, secret
    if database_url.startswith("sqlite"):
        on_disk = sqlite_file_bytes(database_url)
        assert reference.encode() in on_disk
        for secret in SECRETS:
            assert secret.encode("utf-8") not in on_disk, secret
    files = [p for p in Path(app.config["EVIDENCE_DIR"]).rglob("*") if p.is_file()]
    assert files
    for path in files:
        content = path.read_bytes()
        assert b"UNIQUE EVIDENCE BYTES" not in content and b"%PDF" not in content


def test_a_wrong_key_is_a_clear_error_never_garbage(app: Flask, database_url: str) -> None:
    reference = report_with_evidence(PageClient(app))
    stranger = make_test_app(database_url, DATA_ENCRYPTION_KEYS=generate_key())
    try:
        with stranger.app_context(), pytest.raises(KeyringError, match="DATA_ENCRYPTION_KEYS"):
            db.session.scalars(select(Submission).where(Submission.reference == reference)).one()
    finally:
        with stranger.app_context():
            db.session.rollback()
            db.engine.dispose()


def test_an_engine_without_keys_refuses_to_read_or_write() -> None:
    engine = create_engine("sqlite://")
    column_type = EncryptedText()
    with pytest.raises(KeyringError, match="no data encryption keys"):
        column_type.process_bind_param("words", engine.dialect)
    with pytest.raises(KeyringError):
        Keyring([])
    with pytest.raises(KeyringError, match="not a valid Fernet key"):
        Keyring(["not-a-key"])


def test_keys_are_required_in_production_and_checked(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="DATA_ENCRYPTION_KEYS must be set in production"):
        load_config({"SECRET_KEY": "s" * 40}, tmp_path)
    with pytest.raises(ConfigError, match="DATA_ENCRYPTION_KEYS must be Fernet keys"):
        load_config({"APP_ENV": "development", "DATA_ENCRYPTION_KEYS": f"{TEST_DATA_KEY},short"}, tmp_path)
    new = generate_key()
    config = load_config({"APP_ENV": "development", "DATA_ENCRYPTION_KEYS": f" {new} , {TEST_DATA_KEY} "}, tmp_path)
    assert config["DATA_ENCRYPTION_KEYS"] == (new, TEST_DATA_KEY)


def test_development_makes_one_key_and_keeps_it(tmp_path: Path) -> None:
    first = load_config({"APP_ENV": "development"}, tmp_path)["DATA_ENCRYPTION_KEYS"]
    assert len(first) == 1 and Keyring(first).size == 1
    assert load_config({"APP_ENV": "development"}, tmp_path)["DATA_ENCRYPTION_KEYS"] == first
    assert (tmp_path / "development-data-key").stat().st_mode & 0o077 == 0
