"""What a load run must show: the SLO held, and nothing a person was given a reference for was lost."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import requests
from sqlalchemy import create_engine, select

from frontcounter.config import database_url as normalise
from services.models import Submission

MAX_FAILURE_RATIO = 0.001
MAX_P95_MS = 500.0


@dataclass(frozen=True)
class Slo:
    requests: int
    failures: int
    p95_ms: float
    p50_ms: float
    rate: float

    @property
    def failure_ratio(self) -> float:
        return self.failures / self.requests if self.requests else 1.0

    def problems(self) -> list[str]:
        found = []
        if self.requests == 0:
            found.append("no requests were made")
        if self.failure_ratio > MAX_FAILURE_RATIO:
            found.append(f"failure ratio {self.failure_ratio:.4%} is above {MAX_FAILURE_RATIO:.1%}")
        if self.p95_ms > MAX_P95_MS:
            found.append(f"95th percentile {self.p95_ms:.0f} ms is above {MAX_P95_MS:.0f} ms")
        return found


def read_slo(stats_json: Path) -> Slo:
    """The whole run's figures, as bench.load.stats_dump wrote them when locust quit."""
    total = json.loads(stats_json.read_text(encoding="utf-8"))["total"]
    return Slo(requests=total["requests"], failures=total["failures"], p95_ms=float(total["p95_ms"]),
               p50_ms=float(total["p50_ms"]), rate=float(total["rate"]))


def read_references(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding="ascii").splitlines() if line.strip()]


@dataclass
class Delivery:
    """Where the references locust was given ended up."""

    given: int
    missing_in_database: list[str] = field(default_factory=list)
    missing_at_platform: list[str] = field(default_factory=list)
    duplicates_given: list[str] = field(default_factory=list)
    duplicates_at_platform: int = 0
    stored: int = 0
    at_platform: int = 0
    seconds_to_deliver: float = 0.0

    def problems(self) -> list[str]:
        found = []
        if self.missing_in_database:
            found.append(f"{len(self.missing_in_database)} reference(s) given but not in the database: {self.missing_in_database[:5]}")
        if self.missing_at_platform:
            found.append(f"{len(self.missing_at_platform)} reference(s) not at the platform in time: {self.missing_at_platform[:5]}")
        if self.duplicates_given:
            found.append(f"the same reference was given for two submissions: {self.duplicates_given[:5]}")
        if self.duplicates_at_platform:
            found.append(f"the platform refused {self.duplicates_at_platform} duplicate submission(s)")
        if self.at_platform < self.stored:
            found.append(f"the database holds {self.stored} submissions but the platform only {self.at_platform}")
        return found


def stored_references(database_url: str) -> set[str]:
    engine = create_engine(normalise(database_url))
    try:
        with engine.connect() as connection:
            return set(connection.scalars(select(Submission.reference)))
    finally:
        engine.dispose()


def platform_references(simulator_url: str) -> tuple[Counter[str], dict[str, int]]:
    state = requests.get(f"{simulator_url}/_simulator/state", timeout=60).json()
    held = Counter(item["force_reference"] for item in state["submissions"])
    return held, dict(state["counters"])


def check_delivery(references: list[str], database_url: str, simulator_url: str, seconds: float) -> Delivery:
    """Every reference given is stored, and reaches the platform (once) within `seconds`."""
    given = set(references)
    delivery = Delivery(given=len(given))
    delivery.duplicates_given = [ref for ref, count in Counter(references).items() if count > 1]
    in_database = stored_references(database_url)
    delivery.missing_in_database = sorted(given - in_database)
    delivery.stored = len(in_database)
    started = time.monotonic()
    deadline = started + seconds
    while True:
        held, counters = platform_references(simulator_url)
        missing = given - set(held)
        if (not missing and len(held) >= len(in_database)) or time.monotonic() >= deadline:
            break
        time.sleep(1.0)
    delivery.seconds_to_deliver = time.monotonic() - started
    delivery.missing_at_platform = sorted(missing)
    delivery.at_platform = len(held)
    delivery.duplicates_at_platform = counters.get("duplicate_reference", 0) + sum(1 for n in held.values() if n > 1)
    return delivery
