"""Run locust headless in its own process for a benchmark, and read back what it measured.

Locust patches the process it runs in with gevent, so the benchmarks never import it:
they start it with a fixed number of always-busy users for a fixed time, then read the
figures it writes as it quits (bench.load.stats_dump).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from bench.common import ROOT

BENCH_LOCUSTFILE = ROOT / "bench" / "load" / "bench_locustfile.py"


@dataclass(frozen=True)
class Measured:
    name: str
    requests: int
    failures: int
    rate: float
    p50_ms: float
    p95_ms: float


def read_stats(stats_json: Path) -> dict[str, Measured]:
    """The figures bench.load.stats_dump wrote, by request name; the whole run under "Aggregated"."""
    document = json.loads(stats_json.read_text(encoding="utf-8"))

    def measured(entry: dict[str, Any], name: str) -> Measured:
        return Measured(name, entry["requests"], entry["failures"], entry["rate"], entry["p50_ms"], entry["p95_ms"])

    rows = {entry["name"]: measured(entry, entry["name"]) for entry in document["entries"]}
    rows["Aggregated"] = measured(document["total"], "Aggregated")
    return rows


def locust(user_class: str, host: str, users: int, seconds: float, results: Path, **env: str) -> dict[str, Measured]:
    """Run `users` busy users of `user_class` against `host` for `seconds`; the stats by request name."""
    results.mkdir(parents=True, exist_ok=True)
    prefix = results / f"{user_class}-{int(time.time() * 1000)}"
    command = [
        sys.executable, "-m", "locust", "-f", str(BENCH_LOCUSTFILE), "--headless", "--host", host,
        "-u", str(users), "-r", str(users), "--run-time", f"{int(seconds)}s", "--csv", str(prefix),
        "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0", "--stop-timeout", "5", user_class,
    ]
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "LOAD_THINK_MIN": "0", "LOAD_THINK_MAX": "0",
                "LOAD_STATS_FILE": f"{prefix}.json", **env}
    with (results / f"{user_class}.log").open("ab") as log:
        subprocess.run(command, cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT, timeout=seconds + 60, check=True)
    stats = read_stats(Path(f"{prefix}.json"))
    failed = stats["Aggregated"].failures
    if failed:
        raise SystemExit(f"{user_class}: {failed} of {stats['Aggregated'].requests} requests failed (see {prefix}_failures.csv)")
    return stats


class PeakMemory(threading.Thread):
    """The largest resident set of any one child (a gunicorn worker) of the given processes, sampled."""

    def __init__(self, pids: list[int], every: float = 0.25) -> None:
        super().__init__(name="peak-memory", daemon=True)
        self.pids, self.every = pids, every
        self.peak_bytes = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(self.every):
            for pid in self.pids:
                try:
                    for child in psutil.Process(pid).children():
                        self.peak_bytes = max(self.peak_bytes, child.memory_info().rss)
                except psutil.NoSuchProcess:
                    continue

    def stop(self) -> float:
        self.stopping.set()
        self.join(timeout=5)
        return self.peak_bytes / (1024 * 1024)
