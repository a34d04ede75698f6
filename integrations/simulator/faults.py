"""Faults a test switches on while the simulator runs, and the per-request decision they lead to."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field, replace
from typing import Any

_RATES = ("error_rate", "timeout_rate", "drop_rate")
_MAX_SCRIPTED = 100_000


@dataclass
class Faults:
    error_rate: float = 0.0
    error_status: int = 500
    statuses: list[int] = field(default_factory=list)
    retry_after: int = 1
    latency_ms: float = 0.0
    timeout_rate: float = 0.0
    drop_rate: float = 0.0
    hang_seconds: float = 10.0
    outage_until: float = 0.0  # time.monotonic() at which an outage ends
    token_failure: bool = False
    seed: int | None = None

    def to_json(self, now: float) -> dict[str, Any]:
        return {
            "error_rate": self.error_rate,
            "error_status": self.error_status,
            "statuses": list(self.statuses),
            "retry_after": self.retry_after,
            "latency_ms": self.latency_ms,
            "timeout_rate": self.timeout_rate,
            "drop_rate": self.drop_rate,
            "hang_seconds": self.hang_seconds,
            "outage_seconds": round(max(0.0, self.outage_until - now), 3),
            "token_failure": self.token_failure,
            "seed": self.seed,
        }

    def outage_retry_after(self, now: float) -> int | None:
        """Seconds left of an outage (at least 1, so clients never spin), or None when there is none."""
        remaining = self.outage_until - now
        return max(1, math.ceil(remaining)) if remaining > 0 else None


@dataclass(frozen=True)
class Decision:
    """What the next POST /v1/submissions suffers: nothing, an error answer, a hang, or a lost response."""

    kind: str  # "none" | "status" | "timeout" | "drop"
    status: int = 0


NO_FAULT = Decision("none")


def _number(name: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name} must be a number")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g}")
    return float(value)


def _integer(name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an integer")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}")
    return value


def updated(faults: Faults, changes: Any, now: float) -> Faults:
    """A copy of `faults` with the admin API's changes applied; ValueError names the first bad field."""
    if not isinstance(changes, dict):
        raise ValueError("the body must be a JSON object")
    values: dict[str, Any] = {}
    for name, value in changes.items():
        if name in _RATES:
            values[name] = _number(name, value, 0, 1)
        elif name == "error_status":
            values[name] = _integer(name, value, 400, 599)
        elif name == "statuses":
            if not isinstance(value, list) or len(value) > _MAX_SCRIPTED:
                raise ValueError(f"statuses must be a list of at most {_MAX_SCRIPTED} status codes")
            values[name] = [_integer("statuses[]", item, 400, 599) for item in value]
        elif name == "retry_after":
            values[name] = _integer(name, value, 0, 86_400)
        elif name == "latency_ms":
            values[name] = _number(name, value, 0, 600_000)
        elif name == "hang_seconds":
            values[name] = _number(name, value, 0, 600)
        elif name == "outage_seconds":
            values["outage_until"] = now + _number(name, value, 0, 86_400)
        elif name == "token_failure":
            if not isinstance(value, bool):
                raise ValueError("token_failure must be true or false")
            values[name] = value
        elif name == "seed":
            values[name] = None if value is None else _integer(name, value, -(2**63), 2**63 - 1)
        else:
            raise ValueError(f"unknown fault {name!r}")
    return replace(faults, **values)


def decide(faults: Faults, rng: random.Random) -> Decision:
    """Pick this submission's fault; the caller holds the state lock, as `statuses` is consumed here.

    One roll is split across the rates, so error, timeout and drop shares add up exactly as set.
    """
    if faults.statuses:
        return Decision("status", faults.statuses.pop(0))
    if not (faults.error_rate or faults.timeout_rate or faults.drop_rate):
        return NO_FAULT
    roll = rng.random()
    if roll < faults.error_rate:
        return Decision("status", faults.error_status)
    if roll < faults.error_rate + faults.timeout_rate:
        return Decision("timeout", 503)
    if roll < faults.error_rate + faults.timeout_rate + faults.drop_rate:
        return Decision("drop")
    return NO_FAULT
