"""Locust's final figures as JSON (LOAD_STATS_FILE), written as locust quits.

The CSV files are written every few seconds, so their last write can miss the final
seconds of a run; this is written once, from the stats locust holds at the very end.
"""

from __future__ import annotations

import json
import os
from typing import Any

from locust import events
from locust.env import Environment
from locust.stats import StatsEntry


def _entry(entry: StatsEntry) -> dict[str, Any]:
    return {
        "method": entry.method, "name": entry.name, "requests": entry.num_requests, "failures": entry.num_failures,
        "rate": entry.total_rps, "p50_ms": entry.get_response_time_percentile(0.5) or 0.0,
        "p95_ms": entry.get_response_time_percentile(0.95) or 0.0,
    }


@events.quitting.add_listener
def write_stats(environment: Environment, **_kwargs: Any) -> None:
    path = os.environ.get("LOAD_STATS_FILE")
    if not path or environment.stats is None:
        return
    entries = [_entry(entry) for entry in environment.stats.entries.values()]
    document = {"total": _entry(environment.stats.total), "entries": entries}
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=1)
