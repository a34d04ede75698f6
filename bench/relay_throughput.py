"""Relay throughput against the simulator's own accept rate, measured in the same run.

Baseline: clients that post valid submissions straight to the simulator, with the same
number of concurrent senders the relay uses (workers × threads), and nothing else to do.
Relay: a backlog of submissions in the database, drained by relay worker processes
(`flask relay drain`), timed from start until every message is recorded as sent.

    python -m bench.relay_throughput [--backlog 10000] [--workers 2] [--threads 4]

BENCH_DATABASE_URL=postgresql://… runs the relay on PostgreSQL instead of SQLite.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests

from bench.common import BENCH_DATA_KEY, BENCH_SECRET, ROOT, print_figure, scratch_database, simulator_process
from frontcounter.config_integrations import DEVELOPMENT_PLATFORM

CREDENTIALS = (DEVELOPMENT_PLATFORM["NATIONAL_PLATFORM_CLIENT_ID"], DEVELOPMENT_PLATFORM["NATIONAL_PLATFORM_CLIENT_SECRET"])
SIMULATOR_ENV = {
    "SIMULATOR_CLIENT_ID": CREDENTIALS[0],
    "SIMULATOR_CLIENT_SECRET": CREDENTIALS[1],
    "SIMULATOR_WEBHOOK_SECRET": DEVELOPMENT_PLATFORM["NATIONAL_PLATFORM_WEBHOOK_SECRET"],
}


def submission_body(reference: str) -> dict[str, Any]:
    return {
        "schema_version": "1.0", "force_code": "WMP", "force_reference": reference, "service": "report-a-crime",
        "kind": "crime", "submitted_at": "2026-11-25T10:00:00Z", "language": "en", "channel": "web",
        "reporter": {"role": "victim", "name": "Bench Person", "email": "bench@example.com"},
        "summary": "My bike was taken from the rack outside the library.",
        "answers": [{"question_id": "description", "question": "What happened?", "answer": "My bike was taken."}],
        "flags": {"vulnerability": [], "safe_to_contact": True},
    }


def baseline_rate(url: str, count: int, senders: int) -> float:
    """Submissions a second the simulator accepts from plain clients, with the same concurrency."""
    token = requests.post(f"{url}/oauth/token", data={"grant_type": "client_credentials"}, auth=CREDENTIALS, timeout=10).json()
    headers = {"Authorization": f"Bearer {token['access_token']}", "Content-Type": "application/json"}
    bodies = [json.dumps(submission_body(f"WMP-BASE{index:06d}")) for index in range(count)]

    def send(chunk: list[str]) -> None:
        with requests.Session() as session:
            for body in chunk:
                keyed = {**headers, "Idempotency-Key": str(uuid.uuid4())}
                response = session.post(f"{url}/v1/submissions", data=body, headers=keyed, timeout=30)
                response.raise_for_status()

    chunks = [bodies[i::senders] for i in range(senders)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=senders) as pool:
        list(pool.map(send, chunks))
    return count / (time.perf_counter() - started)


def load_backlog(database_url: str, count: int) -> None:
    """Migrate a fresh database and add `count` submissions, each with its outbox message."""
    env = {**os.environ, "APP_ENV": "test", "SECRET_KEY": BENCH_SECRET, "DATA_ENCRYPTION_KEYS": BENCH_DATA_KEY,
           "DATABASE_URL": database_url}
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    from sqlalchemy import create_engine, insert

    from frontcounter.config import database_url as normalise
    from services.crypto import Keyring, install_keyring
    from services.models import OutboxMessage, Submission

    engine = create_engine(normalise(database_url))
    install_keyring(engine, Keyring([BENCH_DATA_KEY]))  # payloads are stored encrypted, as the app stores them
    with engine.begin() as connection:
        rows = [{"id": n + 1, "reference": f"WMP-B{n:07d}", "service": "report-a-crime", "kind": "crime", "channel": "web",
                 "language": "en", "payload": submission_body(f"WMP-B{n:07d}")} for n in range(count)]
        connection.execute(insert(Submission), rows)
        connection.execute(insert(OutboxMessage), [
            {"submission_id": n + 1, "topic": "platform.submission", "idempotency_key": str(uuid.uuid4())} for n in range(count)
        ])
    engine.dispose()


def drain_rate(database_url: str, url: str, count: int, workers: int, threads: int) -> float:
    env = {
        **os.environ, "APP_ENV": "test", "SECRET_KEY": BENCH_SECRET, "DATA_ENCRYPTION_KEYS": BENCH_DATA_KEY,
        "DATABASE_URL": database_url, "NATIONAL_PLATFORM_URL": url,
        "RELAY_CONCURRENCY": str(threads), "RELAY_BATCH_SIZE": str(threads * 10), "RELAY_LEASE_SECONDS": "600",
    }
    started = time.perf_counter()
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "relay", "drain"]
    processes = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True) for _ in range(workers)]
    outputs = [process.communicate()[0].strip() for process in processes]
    elapsed = time.perf_counter() - started
    sent = sum(int(output.split(": ")[1].split(" sent")[0]) for output in outputs)
    if sent != count:
        raise SystemExit(f"the relay sent {sent} of {count}: {outputs}")
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backlog", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    senders = args.workers * args.threads
    with scratch_database() as database_url:
        load_backlog(database_url, args.backlog)
        with simulator_process(SIMULATOR_ENV) as url:
            baseline = baseline_rate(url, min(args.backlog, 3000), senders)
        with simulator_process(SIMULATOR_ENV) as url:
            relay = drain_rate(database_url, url, args.backlog, args.workers, args.threads)
    backend = "PostgreSQL" if database_url.startswith("postgresql") else "SQLite"
    print(f"# relay: {args.backlog} submissions, {args.workers} workers x {args.threads} threads, {backend}")
    print_figure("simulator accept rate, plain clients (baseline, per s)", baseline, "-")
    print_figure("relay drain rate (per s)", relay, "-")
    print_figure("relay throughput / simulator accept rate", relay / baseline, ">= 0.8")


if __name__ == "__main__":
    main()
