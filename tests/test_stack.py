"""`flask stack`, which `make run` runs: web, relay and simulator started together and wired up."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
from flask import Flask

from frontcounter.devstack import stack_environment
from tests.conftest import TEST_DATA_KEY, TEST_SECRET
from tests.journeys import CRIME, crime_pages
from tests.outbox_helpers import outbox_states

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[str], seconds: float = 40) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1]
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not come up")


def report_over_http(base: str) -> str:
    session = requests.Session()

    def token(url: str) -> str:
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', session.get(url, timeout=5).text)
        assert match, url
        return match.group(1)

    session.get(f"{base}{CRIME}", timeout=5)
    for page, data in crime_pages():
        url = f"{base}{CRIME}/{page}"
        assert session.post(url, data={**data, "csrf_token": token(url)}, allow_redirects=False, timeout=5).status_code == 302
    url = f"{base}{CRIME}/check-your-answers"
    confirmation = session.post(url, data={"csrf_token": token(url)}, timeout=10)
    match = re.search(r"\bWMP-[0-9A-Z]{4}-[0-9A-Z]{4}\b", confirmation.text)
    assert match, "no reference on the confirmation page"
    return match.group(0)


def test_the_stack_serves_relays_to_the_simulator_and_hears_back(app: Flask, database_url: str) -> None:
    port, simulator_port = free_port(), free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("NATIONAL_PLATFORM_", "SIMULATOR_"))}
    env.update(APP_ENV="development", SECRET_KEY=TEST_SECRET, DATA_ENCRYPTION_KEYS=TEST_DATA_KEY, DATABASE_URL=database_url, RELAY_POLL_SECONDS="0.1",
               SIMULATOR_AUTO_STATUS_SECONDS="0.5", ESCALATE_EVERY_SECONDS="5")
    stack = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "stack", "--port", str(port), "--simulator-port", str(simulator_port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/healthz", stack)
        reference = report_over_http(base)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and outbox_states(app) != {"sent": 1}:
            time.sleep(0.2)
        assert outbox_states(app) == {"sent": 1}
        held = requests.get(f"http://127.0.0.1:{simulator_port}/_simulator/state", timeout=5).json()["submissions"]
        assert [s["force_reference"] for s in held] == [reference]
        # The simulator moves it on and tells us, signed, through the webhook.
        from sqlalchemy import select

        from services.db import db
        from services.models import Submission

        deadline = time.monotonic() + 20
        status = None
        while time.monotonic() < deadline and status != "in_review":
            with app.app_context():
                status = db.session.scalar(select(Submission.platform_status).where(Submission.reference == reference))
                db.session.rollback()
            time.sleep(0.2)
        assert status == "in_review"
        # The stack's escalation job marks the item once it is past its triage target.
        from datetime import timedelta

        from services.models import TriageItem
        from services.types import utcnow

        with app.app_context():
            item = db.session.scalar(select(TriageItem).join(Submission).where(Submission.reference == reference))
            item.target_at = utcnow() - timedelta(minutes=1)
            db.session.commit()
        deadline = time.monotonic() + 20
        escalated = None
        while time.monotonic() < deadline and escalated is None:
            with app.app_context():
                escalated = db.session.scalar(
                    select(TriageItem.escalated_at).join(Submission).where(Submission.reference == reference)
                )
                db.session.rollback()
            time.sleep(0.5)
        assert escalated is not None
    finally:
        stack.send_signal(signal.SIGTERM)
        output = stack.communicate(timeout=30)
    assert stack.returncode == 0, output[1]
    for port_used in (port, simulator_port):
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port_used)) != 0, "a process outlived the stack"


def test_a_real_platform_url_replaces_the_simulator() -> None:
    config = {"APP_ENV": "development", "NATIONAL_PLATFORM_CLIENT_ID": "id", "NATIONAL_PLATFORM_CLIENT_SECRET": "secret",
              "NATIONAL_PLATFORM_WEBHOOK_SECRET": "hook"}
    with_simulator = stack_environment(config, 5000, 8900)
    assert with_simulator["NATIONAL_PLATFORM_URL"] == "http://127.0.0.1:8900"
    assert with_simulator["SIMULATOR_CALLBACK_URL"] == "http://127.0.0.1:5000/national-platform/events"
    assert with_simulator["SIMULATOR_CLIENT_SECRET"] == "secret"
    without = stack_environment(config, 5000, None)
    assert "SIMULATOR_CLIENT_ID" not in without
