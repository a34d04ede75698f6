"""Helpers the benchmarks share: processes on free ports, a scratch database, timing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
BENCH_SECRET = "benchmark-secret-key-long-enough-for-any-environment"  # noqa: S105  # nosec B105
# A data encryption key for benchmark databases only (they are made and dropped by each run).
BENCH_DATA_KEY = "c2_kc7Ea2Xk0dO4sVqz6W3wJmUaUu0m0s2n5gYk7yZ4="


@contextmanager
def scratch_database() -> Iterator[str]:
    """A fresh database: PostgreSQL when BENCH_DATABASE_URL names a server, else a SQLite file."""
    server = os.environ.get("BENCH_DATABASE_URL")
    if not server:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.db"
        return
    with postgresql_database(server, "frontcounter_bench") as url:
        yield url


@contextmanager
def postgresql_database(server: str, prefix: str) -> Iterator[str]:
    """A database of this run's own on the PostgreSQL server given, dropped afterwards."""
    base = make_url(server).set(drivername="postgresql+psycopg")
    name = f"{prefix}_{os.getpid()}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def simulator_process(env: dict[str, str] | None = None) -> Iterator[str]:
    """The national platform simulator in its own process, on a free port; yields its URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "integrations.simulator", "--port", "0"],
        cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.search(r"http://[0-9.]+:[0-9]+", line)
        if match is None:
            raise RuntimeError(f"the simulator did not start: {line!r}")
        yield match.group(0)
    finally:
        process.terminate()
        process.wait(timeout=10)


def print_figure(name: str, value: float, target: str, unit: str = "") -> None:
    print(f"{name:<58} {value:>9.2f}{unit:<4} target {target}", flush=True)
