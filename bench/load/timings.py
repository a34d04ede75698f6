"""Sizes and durations of the load shapes, from the environment (no locust import here:
the harness reads them too, and importing locust monkey-patches the process with gevent).

LOAD_USERS is the baseline number of users. The spike goes from the baseline to ten
times as many within LOAD_RAMP_SECONDS (30), holds for LOAD_HOLD_SECONDS (120), then
falls back to the baseline; LOAD_BASELINE_SECONDS (60) before and after.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Timings:
    users: int
    baseline: float
    ramp: float
    hold: float
    soak: float

    @classmethod
    def from_env(cls) -> Timings:
        read = os.environ.get
        return cls(
            users=max(1, int(read("LOAD_USERS", "10"))),
            baseline=float(read("LOAD_BASELINE_SECONDS", "60")),
            ramp=float(read("LOAD_RAMP_SECONDS", "30")),
            hold=float(read("LOAD_HOLD_SECONDS", "120")),
            soak=float(read("LOAD_SOAK_SECONDS", "3600")),
        )


SPIKE_FACTOR = 10


def spike_stage(t: Timings, elapsed: float) -> tuple[int, float] | None:
    """(users, spawn rate) at `elapsed` seconds into the spike, or None once it is over."""
    peak = t.users * SPIKE_FACTOR
    surge_rate = (peak - t.users) / max(t.ramp, 1.0)
    if elapsed < t.baseline:
        return t.users, float(t.users)
    if elapsed < t.baseline + t.ramp + t.hold:
        return peak, surge_rate
    if elapsed < 2 * t.baseline + t.ramp + t.hold:
        return t.users, surge_rate  # stopping users is immediate; the rate only paces starting them
    return None


def surge_end(t: Timings) -> float:
    """Seconds from the start until the surge is over (the users are back to the baseline)."""
    return t.baseline + t.ramp + t.hold
