"""The national platform simulator as a real HTTP server, and relays pointed at it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import requests
from flask import Flask

from frontcounter.config_integrations import DEVELOPMENT_PLATFORM
from frontcounter.relay_cli import build_relay
from integrations.relay import Relay, RelaySummary
from integrations.simulator import SimulatorSettings, create_simulator
from tests.conftest import make_test_app
from tests.servers import serve

# Short timeouts and backoffs, so that minutes of production behaviour take a second.
FAST_RELAY = {
    "NATIONAL_PLATFORM_CONNECT_TIMEOUT": "0.5",
    "NATIONAL_PLATFORM_READ_TIMEOUT": "0.5",
    "RELAY_BACKOFF_BASE_SECONDS": "0.05",
    "RELAY_BACKOFF_CAP_SECONDS": "0.2",
    "RELAY_OUTAGE_CAP_SECONDS": "0.3",
    "RELAY_MAX_ATTEMPTS": "4",
    "RELAY_LEASE_SECONDS": "30",
    "RELAY_POLL_SECONDS": "0.05",
}


def simulator_settings(**changes: Any) -> SimulatorSettings:
    values: dict[str, Any] = {
        "client_id": DEVELOPMENT_PLATFORM["NATIONAL_PLATFORM_CLIENT_ID"],
        "client_secret": DEVELOPMENT_PLATFORM["NATIONAL_PLATFORM_CLIENT_SECRET"],
        "webhook_secret": DEVELOPMENT_PLATFORM["NATIONAL_PLATFORM_WEBHOOK_SECRET"],
    }
    values.update(changes)
    return SimulatorSettings(**values)


class Sim:
    """The simulator's admin API."""

    def __init__(self, url: str) -> None:
        self.url = url

    def faults(self, **faults: Any) -> None:
        requests.put(f"{self.url}/_simulator/faults", json=faults, timeout=5).raise_for_status()

    def clear_faults(self) -> None:
        requests.delete(f"{self.url}/_simulator/faults", timeout=5).raise_for_status()

    def expire_tokens(self) -> None:
        requests.post(f"{self.url}/_simulator/expire-tokens", timeout=5).raise_for_status()

    def state(self) -> dict[str, Any]:
        return dict(requests.get(f"{self.url}/_simulator/state", timeout=10).json())

    def summary(self) -> dict[str, Any]:
        return dict(requests.get(f"{self.url}/_simulator/state", params={"summary": "1"}, timeout=10).json())

    def counters(self) -> dict[str, int]:
        return dict(self.summary()["counters"])

    def set_status(self, platform_id: str, **body: Any) -> dict[str, Any]:
        response = requests.post(f"{self.url}/_simulator/submissions/{platform_id}/status", json=body, timeout=15)
        response.raise_for_status()
        return dict(response.json())

    def events(self) -> list[dict[str, Any]]:
        return list(requests.get(f"{self.url}/_simulator/events", timeout=5).json()["events"])

    def posts(self, key: str | None = None) -> list[dict[str, Any]]:
        """Submission POSTs (with this Idempotency-Key), in order; faulted ones included."""
        return [
            r for r in self.state()["requests"]
            if r["method"] == "POST" and r["path"] == "/v1/submissions" and (key is None or r["idempotency_key"] == key)
        ]


@contextmanager
def running_simulator(**changes: Any) -> Iterator[Sim]:
    with serve(create_simulator(simulator_settings(**changes))) as url:
        yield Sim(url)


def relay_app(database_url: str, platform_url: str, **overrides: str) -> Flask:
    return make_test_app(database_url, NATIONAL_PLATFORM_URL=platform_url, **{**FAST_RELAY, **overrides})


@contextmanager
def relay_for(app: Flask, worker: str = "test-worker") -> Iterator[Relay]:
    relay = build_relay(app, worker=worker)
    try:
        yield relay
    finally:
        relay.close()


def drain_until(app: Flask, done: Callable[[], bool], *, seconds: float = 20.0, worker: str = "test-worker") -> RelaySummary:
    """Drain again and again (retries fall due, pauses end) until `done()` or time runs out."""
    total = RelaySummary()
    deadline = time.monotonic() + seconds
    with app.app_context(), relay_for(app, worker) as relay:
        while time.monotonic() < deadline:
            total.add(relay.drain().counts)
            if done():
                return total
            time.sleep(0.05)
    raise AssertionError(f"not done within {seconds} s; so far {total.describe()}")
