"""Relay workers as real processes: killed mid-send, stopped gracefully, and four side by side."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from services.db import db
from services.models import DeliveryAttempt, OutboxMessage, Submission
from tests.conftest import TEST_DATA_KEY, TEST_SECRET
from tests.outbox_helpers import insert_submissions, message_for, outbox_states
from tests.platform_sim import FAST_RELAY, Sim

ROOT = Path(__file__).resolve().parent.parent


# Where each worker's standard error goes: a file, not a pipe, because a pipe nobody reads
# until the end fills up (a worker logs a JSON line per attempt) and blocks the worker.
_STDERR: dict[int, Path] = {}


def stderr_of(process: subprocess.Popen[str]) -> str:
    return _STDERR[process.pid].read_text()


@pytest.fixture()
def start_worker(database_url: str, sim: Sim, tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []

    def start(**settings: str) -> subprocess.Popen[str]:
        env = {
            **os.environ, **FAST_RELAY, "APP_ENV": "test", "SECRET_KEY": TEST_SECRET, "DATABASE_URL": database_url,
            "DATA_ENCRYPTION_KEYS": TEST_DATA_KEY, "NATIONAL_PLATFORM_URL": sim.url, **settings,
        }
        log = tmp_path / f"worker-{len(started)}.log"
        with log.open("w") as stderr:
            process = subprocess.Popen(
                [sys.executable, "-m", "flask", "--app", "wsgi", "relay", "run"],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr, text=True,
            )
        _STDERR[process.pid] = log
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        _STDERR.pop(process.pid, None)


def wait_for(condition: Callable[[], bool], seconds: float, what: str, *workers: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        for worker in workers:
            if worker.poll() is not None:
                raise AssertionError(f"a worker exited while waiting for {what}: {stderr_of(worker)}")
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}: " + " | ".join(stderr_of(worker)[-1500:] for worker in workers))


def stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    stderr = stderr_of(process)
    assert process.returncode == 0, stderr
    return stderr


def test_a_worker_killed_after_claiming_is_replaced_after_its_lease(
    app: Flask, sim: Sim, start_worker: Callable[..., subprocess.Popen[str]]
) -> None:
    [reference] = insert_submissions(app, 1)
    key = message_for(app, reference).idempotency_key
    sim.faults(latency_ms=5000)  # hold the first worker's calls long enough to kill it mid-send
    lease = {"RELAY_LEASE_SECONDS": "3", "RELAY_BATCH_SIZE": "1", "RELAY_CONCURRENCY": "1"}
    first = start_worker(**lease)
    wait_for(lambda: message_for(app, reference).lease_owner is not None, 30, "the first worker to claim", first)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    claimed = message_for(app, reference)
    assert claimed.status == "pending" and claimed.attempts == 1

    sim.clear_faults()
    second = start_worker(**lease)
    wait_for(lambda: message_for(app, reference).status == "sent", 30, "the second worker to deliver", second)
    stop(second)

    delivered = message_for(app, reference)
    assert delivered.attempts == 2
    with app.app_context():
        attempts = db.session.scalars(select(DeliveryAttempt).where(DeliveryAttempt.outbox_message_id == delivered.id)).all()
        # Only the second worker recorded anything; it claimed only once the lease ran out.
        assert [a.outcome for a in attempts] == ["sent"] and attempts[0].attempt == 2
        assert (attempts[0].started_at - claimed.lease_expires_at).total_seconds() >= 0
    wait_for(lambda: all(p["idempotency_key"] == key for p in sim.posts()), 6, "the first worker's held call to finish")
    assert {p["idempotency_key"] for p in sim.posts()} == {key}
    assert sim.summary()["distinct_references"] == 1 and sim.counters()["created"] == 1


def test_sigterm_lets_the_send_in_flight_finish_and_be_recorded(
    app: Flask, sim: Sim, start_worker: Callable[..., subprocess.Popen[str]]
) -> None:
    [reference] = insert_submissions(app, 1)
    sim.faults(latency_ms=1000)
    worker = start_worker(NATIONAL_PLATFORM_READ_TIMEOUT="5", RELAY_LEASE_SECONDS="120")
    wait_for(lambda: message_for(app, reference).lease_owner is not None, 30, "the worker to claim", worker)
    stderr = stop(worker)
    assert "stopped: 1 sent" in stderr
    # Log records are JSON lines carrying the worker's run id, as its start-up line names it.
    run_id = re.search(r" run ([0-9a-f]{16}) delivering", stderr).group(1)  # type: ignore[union-attr]
    records = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    [attempt] = [r for r in records if r["logger"] == "frontcounter.relay" and r["message"].startswith("relay attempt")]
    assert attempt["run_id"] == run_id and attempt["level"] == "INFO" and "request_id" not in attempt
    message = message_for(app, reference)
    assert message.status == "sent" and message.lease_owner is None


def test_four_workers_deliver_a_thousand_submissions_exactly_once(
    app: Flask, sim: Sim, start_worker: Callable[..., subprocess.Popen[str]]
) -> None:
    references = set(insert_submissions(app, 1000))
    sim.faults(error_rate=0.05, error_status=503, retry_after=0, seed=4)
    settings = {"RELAY_BATCH_SIZE": "25", "RELAY_CONCURRENCY": "4", "NATIONAL_PLATFORM_READ_TIMEOUT": "5",
                "RELAY_LEASE_SECONDS": "120", "RELAY_MAX_ATTEMPTS": "50", "RELAY_OUTAGE_CAP_SECONDS": "0.2"}
    workers = [start_worker(**settings) for _ in range(4)]
    wait_for(lambda: outbox_states(app) == {"sent": 1000}, 240, "every submission to be delivered", *workers)
    summaries = [stop(worker) for worker in workers]

    state = sim.state()
    held = {s["force_reference"]: s for s in state["submissions"]}
    assert set(held) == references
    counters = state["counters"]
    assert counters["created"] == 1000
    assert counters["key_mismatch"] == 0 and counters["duplicate_reference"] == 0
    assert counters["faults_injected"] > 0  # the run did meet failures and retried through them
    with app.app_context():
        keys = dict(db.session.execute(
            select(Submission.reference, OutboxMessage.idempotency_key).join(OutboxMessage).where(OutboxMessage.topic == "platform.submission")
        ).all())
        platform_ids = dict(db.session.execute(select(Submission.reference, Submission.platform_id)).all())
        workers_used = db.session.scalar(select(func.count(func.distinct(DeliveryAttempt.worker))))
    assert all(held[ref]["idempotency_key"] == keys[ref] for ref in references)
    assert all(held[ref]["platform_id"] == platform_ids[ref] for ref in references)
    assert workers_used == 4, summaries
