"""Each benchmark of `make bench` runs, scaled down, and prints its figures.

This checks the benchmarks work (a change to the app once broke their set-up unnoticed),
not how fast anything is: the figures are compared with their targets only by a person
reading `make bench` (docs/performance.md). Each run is seconds long, on SQLite.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIGURE = re.compile(r"^(?P<name>.+?)\s+(?P<value>-?[0-9]+\.[0-9]+)\s+target (?P<target>.+)$")


def run_benchmark(module: str, *args: str) -> dict[str, float]:
    env = {key: value for key, value in os.environ.items() if key != "BENCH_DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT), "LOG_LEVEL": "WARNING"},
        capture_output=True, text=True, timeout=240, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-4000:]
    found = {}
    for line in done.stdout.splitlines():
        match = FIGURE.match(line)
        if match:
            found[match.group("name").strip()] = float(match.group("value"))
    return found


@pytest.mark.parametrize(
    ("module", "args", "ratio"),
    [
        ("bench.page_render", ["--seconds", "2", "--users", "4"], "form page GET / bare page GET"),
        ("bench.send", ["--seconds", "2", "--users", "4", "--drafts", "60"], "Send / bare validated insert, SQLite"),
        ("bench.journeys", ["--seconds", "12", "--users", "4"], "journeys / what the bare rates allow"),
        ("bench.relay_throughput", ["--backlog", "200"], "relay throughput / simulator accept rate"),
    ],
)
def test_each_benchmark_runs_and_prints_its_ratio(module: str, args: list[str], ratio: str) -> None:
    figures = run_benchmark(module, *args)
    assert ratio in figures, figures
    # Both sides of the ratio were measured: work was done against the app and the baseline.
    assert figures[ratio] > 0, figures
    assert all(value >= 0 for value in figures.values()), figures


def test_the_profiler_measures_each_hot_path() -> None:
    for what in ("page", "send", "journey", "bare"):
        env = {key: value for key, value in os.environ.items() if key != "BENCH_DATABASE_URL"}
        done = subprocess.run(
            [sys.executable, "-m", "bench.profile", what, "--count", "3", "--plain"], cwd=ROOT,
            env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=120, check=False,
        )
        assert done.returncode == 0, done.stderr[-4000:]
        assert re.search(r"ms each \(no profiler\)", done.stdout), done.stdout
