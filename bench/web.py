"""What the web benchmarks share: a migrated database, Front Counter and the bare app served by
gunicorn with the same configuration file, and drafts ready to send."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from flask import session
from flask_wtf.csrf import generate_csrf
from sqlalchemy import create_engine, insert

from bench.common import ROOT
from bench.load.stack import app_environment, start_web

# gunicorn's shape for the benchmarks on two cores: the same for both apps.
WORKERS = 2
THREADS = 4
SEND_SLUG = "report-a-crime"


@dataclass(frozen=True)
class Servers:
    app: str
    bare: str
    app_pid: int
    bare_pid: int
    env: dict[str, str]


def migrate(env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@contextmanager
def servers(database_url: str, results: Path, workers: int = WORKERS, threads: int = THREADS) -> Iterator[Servers]:
    """Front Counter (production logging: JSON lines at INFO) and the bare app, side by side."""
    logs = results / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    env = {**app_environment(database_url, "http://127.0.0.1:9"), "LOG_LEVEL": "INFO"}
    migrate(env)
    with ExitStack() as stack:
        app_url, app = start_web("app", env, logs, stack, workers, threads, ready="/healthz")
        bare_env = {**env, "BARE_DATABASE_URL": database_url}
        bare_url, bare = start_web("bare", bare_env, logs, stack, workers, threads, app="bench.bare_app:create_bare_app()",
                                   ready="/question")
        yield Servers(app_url, bare_url, app.pid, bare.pid, env)


def prepare_sends(database_url: str, count: int, into: Path) -> Path:
    """`count` crime drafts with every answer given, each with a session cookie and CSRF token of its own.

    One draft is made by walking the journey through the app; the rest are copies of its
    answers under new ids, so each Send in the benchmark is a first send.
    """
    from frontcounter import create_app
    from services.crypto import Keyring, install_keyring
    from services.db import db
    from services.models import Draft
    from services.types import utcnow
    from tests.journeys import CRIME, crime_pages, walk
    from tests.pages import PageClient

    environment = app_environment(database_url, "")
    app = create_app({"APP_ENV": "test", "DATABASE_URL": database_url, "SECRET_KEY": environment["SECRET_KEY"],
                      "DATA_ENCRYPTION_KEYS": environment["DATA_ENCRYPTION_KEYS"], "TESTING": True, "LOG_LEVEL": "WARNING"})
    client = PageClient(app)
    walk(client, CRIME, crime_pages(role="victim", category="theft", property_involved="yes"))
    with app.app_context():
        template = db.session.query(Draft).one()
        answers, language = template.answers, template.language
    now = utcnow()
    lines = []
    rows = []
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    for index in range(count):
        draft_id = hashlib.sha256(f"bench-draft-{index}-{now.isoformat()}".encode()).hexdigest()[:43]
        rows.append({"id": draft_id, "service": SEND_SLUG, "language": language, "answers": answers, "created_at": now,
                     "updated_at": now, "expires_at": now + timedelta(hours=2)})
        with app.test_request_context("/"):
            session["drafts"] = {SEND_SLUG: draft_id}
            token = generate_csrf()
            cookie = serializer.dumps(dict(session))
        lines.append(f"{app.config['SESSION_COOKIE_NAME']}={cookie} {token}")
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    install_keyring(engine, Keyring(app.config["DATA_ENCRYPTION_KEYS"]))  # drafts' answers are encrypted at rest
    with engine.begin() as connection:
        connection.execute(insert(Draft), rows)
    engine.dispose()
    path = into / "sends.txt"
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path
