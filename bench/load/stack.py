"""The production shape on one machine: gunicorn web nodes, relay workers and the simulator.

A fresh database each run: on the PostgreSQL server DATABASE_URL names (a new database,
dropped afterwards), or a SQLite file in the results folder. Rate limits are switched off
(RATE_LIMITS_ENABLED=false) because all the load comes from one address.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import requests

from bench.common import BENCH_DATA_KEY, BENCH_SECRET, ROOT, postgresql_database, simulator_process
from frontcounter.config_integrations import DEVELOPMENT_PLATFORM


@dataclass(frozen=True)
class StackSize:
    web_nodes: int = 1
    web_workers: int = 4
    web_threads: int = 4
    relays: int = 2


@dataclass
class Stack:
    database_url: str
    simulator_url: str
    web_urls: list[str]
    api_key: str
    # [email, password, TOTP secret] of the staff accounts the triaging users sign in with.
    staff_accounts: list[list[str]] = field(default_factory=list)
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def alive(self) -> list[str]:
        return [name for name, process in self.processes.items() if process.poll() is None]

    def dead(self) -> list[str]:
        return [name for name, process in self.processes.items() if process.poll() is not None]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def fresh_database(server: str | None, folder: Path) -> Iterator[str]:
    """A new database for this run: on the PostgreSQL server given, else an SQLite file."""
    if not server:
        path = folder / "load.db"
        for stale in folder.glob("load.db*"):
            stale.unlink()
        yield f"sqlite:///{path}"
        return
    with postgresql_database(server, "frontcounter_load") as url:
        yield url


def app_environment(database_url: str, simulator_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "APP_ENV": "test",  # production would insist on https and Secure cookies, which plain-HTTP loopback cannot carry
        "SECRET_KEY": BENCH_SECRET,
        "DATA_ENCRYPTION_KEYS": BENCH_DATA_KEY,
        "DATABASE_URL": database_url,
        "NATIONAL_PLATFORM_URL": simulator_url,
        "RATE_LIMITS_ENABLED": "false",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": os.environ.get("LOAD_LOG_LEVEL", "WARNING"),
        "PYTHONPATH": str(ROOT),
    }


def _flask(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed: {done.stderr.strip()[-2000:]}")
    return done.stdout


# One account for each staff user locust runs (StaffTriager.fixed_count): a TOTP code works
# once, so two users signing in to one account in the same 30 seconds would refuse each other.
STAFF_ACCOUNTS = 2


def create_staff_account(env: dict[str, str], email: str) -> list[str]:
    """A call handler enrolled in two-factor, through the CLI as an operator would make one."""
    password = secrets.token_urlsafe(18)
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "staff", "create", email, "--role", "call_handler"],
                          cwd=ROOT, env=env, input=password + "\n", capture_output=True, text=True, check=False)
    found = re.search(r"otpauth://\S*[?&]secret=([A-Z2-7]+)", done.stdout)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"flask staff create failed: {done.stderr.strip()[-2000:]}")
    return [email, password, found.group(1)]


def _wait_ready(url: str, process: subprocess.Popen[bytes], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited before it was ready")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} was not ready within {seconds:.0f} s")


def _start(name: str, args: list[str], env: dict[str, str], logs: Path, stack: ExitStack) -> subprocess.Popen[bytes]:
    log: IO[bytes] = stack.enter_context((logs / f"{name}.log").open("wb"))
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    stack.callback(_stop, process)
    return process


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


SIMULATOR_ENV = {
    "SIMULATOR_CLIENT_ID": DEVELOPMENT_PLATFORM["NATIONAL_PLATFORM_CLIENT_ID"],
    "SIMULATOR_CLIENT_SECRET": DEVELOPMENT_PLATFORM["NATIONAL_PLATFORM_CLIENT_SECRET"],
    "SIMULATOR_WEBHOOK_SECRET": DEVELOPMENT_PLATFORM["NATIONAL_PLATFORM_WEBHOOK_SECRET"],
    "SIMULATOR_AUTO_STATUS_SECONDS": "0",
}


@contextmanager
def production_stack(size: StackSize, results: Path, database_server: str | None) -> Iterator[Stack]:
    """Migrate a fresh database, then start the simulator, the relay workers and the web nodes."""
    logs = results / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        database_url = stack.enter_context(fresh_database(database_server, results))
        simulator_url = stack.enter_context(simulator_process(SIMULATOR_ENV))
        env = app_environment(database_url, simulator_url)
        _flask(env, "db", "upgrade")
        key = _flask(env, "api-keys", "create", "load test", "--channel", "voice").strip().splitlines()[-1]
        staff = [create_staff_account(env, f"triage.{n}@load-test.police.uk") for n in range(1, STAFF_ACCOUNTS + 1)]
        processes: dict[str, subprocess.Popen[bytes]] = {}
        relay_env = {**env, "RELAY_POLL_SECONDS": "0.5"}
        for index in range(size.relays):
            processes[f"relay-{index + 1}"] = _start(
                f"relay-{index + 1}", [sys.executable, "-m", "flask", "--app", "wsgi", "relay", "run"], relay_env, logs, stack)
        web_urls = []
        for index in range(size.web_nodes):
            url, processes[f"web-{index + 1}"] = start_web(f"web-{index + 1}", env, logs, stack, size.web_workers, size.web_threads)
            web_urls.append(url)
        yield Stack(database_url, simulator_url, web_urls, key, staff, processes)


def start_web(name: str, env: dict[str, str], logs: Path, stack: ExitStack, workers: int, threads: int,
              app: str = "wsgi:app", ready: str = "/readyz") -> tuple[str, subprocess.Popen[bytes]]:
    """A gunicorn node with the project's configuration file, on a free port; waits until it answers."""
    port = free_port()
    web_env = {**env, "PORT": str(port), "WEB_CONCURRENCY": str(workers), "WEB_THREADS": str(threads)}
    args = [sys.executable, "-m", "gunicorn", "-c", "python:frontcounter.gunicorn_config", app]
    process = _start(name, args, web_env, logs, stack)
    url = f"http://127.0.0.1:{port}"
    _wait_ready(url + ready, process)
    return url, process
