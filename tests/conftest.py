"""Fixtures: a real database per backend, migrated the way production is.

Every test that uses `app` runs on SQLite, and again on PostgreSQL when
TEST_DATABASE_URL names a server: each run creates its own fresh database there and
drops it afterwards, so a run never depends on what an earlier one left behind.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, delete, text
from sqlalchemy.engine import make_url

from frontcounter import create_app
from frontcounter.config_limits import LIMITS
from services.db import db
from services.models import (
    ApiKey,
    ApiRequest,
    Assessment,
    Attachment,
    AuditEvent,
    CaseNote,
    DeliveryAttempt,
    DisposalRecord,
    Draft,
    OutboxMessage,
    PlatformEvent,
    RecoveryCode,
    RelayPause,
    ReporterMessage,
    StaffSession,
    StaffUser,
    Submission,
    TriageItem,
)
from services.rules.store import TriageRuleSet
from tests.fake_notify import NotifyRecord, create_fake_notify
from tests.pages import PageClient
from tests.servers import serve

if TYPE_CHECKING:
    from tests.platform_sim import Sim

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])
TEST_SECRET = "test-secret-key-that-is-long-enough-for-production-checks"
# Rate limits stay on in tests, far above anything a test sends (the hostile-input corpus
# sends about 12,000 requests), so every request still passes through them. Tests of the
# limits themselves make apps with small ones.
GENEROUS_LIMITS = {name: "1000000 per hour" for name in LIMITS}
# A fixed data encryption key for every test app (made once with `flask keys generate`).
TEST_DATA_KEY = "oV5tw0vG1-8p3lbcqkQh0mRQH2N4PDJtZdlgH9JgQ7k="


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'frontcounter.db'}"
        return
    server = make_url(os.environ["TEST_DATABASE_URL"]).set(drivername="postgresql+psycopg")
    name = f"frontcounter_test_{os.getpid()}_{secrets.token_hex(4)}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def make_test_app(database_url: str, **overrides: object) -> Flask:
    config: dict[str, object] = {
        "APP_ENV": "test",
        "DATABASE_URL": database_url,
        "SECRET_KEY": TEST_SECRET,
        "DATA_ENCRYPTION_KEYS": TEST_DATA_KEY,
        "TESTING": True,
        # Evidence files of a test run stay out of the project folder.
        "EVIDENCE_DIR": tempfile.mkdtemp(prefix="frontcounter-evidence-"),
        **GENEROUS_LIMITS,
        # Counters of one test app never meet another's, even in a shared Redis.
        "RATE_LIMIT_KEY_PREFIX": f"frontcounter-test-{secrets.token_hex(6)}",
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture(scope="session")
def app(database_url: str) -> Iterator[Flask]:
    application = make_test_app(database_url)
    with application.app_context():
        upgrade(directory=str(Path(__file__).resolve().parent.parent / "migrations"))
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_tables(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "app" not in request.fixturenames:
        return
    application: Flask = request.getfixturevalue("app")
    with application.app_context():
        db.session.rollback()
        for model in (
            DisposalRecord, AuditEvent, Assessment, CaseNote, ReporterMessage, ApiRequest, ApiKey, DeliveryAttempt, PlatformEvent,
            Attachment, RelayPause, TriageItem, OutboxMessage, Draft, Submission, StaffSession, RecoveryCode, StaffUser,
            TriageRuleSet,
        ):
            db.session.execute(delete(model))
        db.session.commit()


@pytest.fixture()
def client(app: Flask) -> PageClient:
    return PageClient(app)


@pytest.fixture()
def welsh_client(app: Flask) -> PageClient:
    return PageClient(app, language="cy")


@pytest.fixture()
def sim() -> Iterator[Sim]:
    """The national platform simulator, served over HTTP for one test."""
    from tests.platform_sim import running_simulator  # it builds its apps with make_test_app, below

    with running_simulator() as simulator:
        yield simulator


@pytest.fixture()
def notify() -> Iterator[tuple[str, NotifyRecord]]:
    """A fake GOV.UK Notify over HTTP for one test: its URL, and what it was sent."""
    fake, record = create_fake_notify()
    with serve(fake) as url:
        yield url, record
