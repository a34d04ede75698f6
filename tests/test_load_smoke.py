"""The load harness in smoke mode: a scaled-down spike on the production shape, in under a minute.

gunicorn with several workers, two relay workers and the simulator on SQLite; locust's
users complete real journeys. The run must hold the SLO gate (failures at most 0.1 %,
95th percentile at most 500 ms) and lose nothing: every reference given is stored and
reaches the platform once. With TEST_DATABASE_URL, the scale-out run does the same on
PostgreSQL with two web nodes (each request to either) and three relay workers.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_harness(tmp_path: Path, *args: str, timeout: float, **env: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bench.load", "--smoke", "--results", str(tmp_path / "results"), *args],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **env}, capture_output=True, text=True, timeout=timeout, check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    return done.stdout


def figures(output: str) -> dict[str, int]:
    given = re.search(r"references given\s+(\d+)", output)
    stored = re.search(r"stored / at the platform (\d+) / (\d+); missing (\d+) / (\d+); duplicates at the platform (\d+)", output)
    failures = re.search(r"failures\s+(\d+)", output)
    assert given and stored and failures, output
    return {
        "given": int(given.group(1)), "stored": int(stored.group(1)), "at_platform": int(stored.group(2)),
        "missing": int(stored.group(3)) + int(stored.group(4)), "duplicates": int(stored.group(5)), "failures": int(failures.group(1)),
    }


def test_the_smoke_spike_holds_the_slo_and_loses_nothing(tmp_path: Path) -> None:
    output = run_harness(tmp_path, timeout=90)
    assert "PASS: the SLO held and nothing was lost" in output
    found = figures(output)
    assert found["given"] >= 20, output  # real journeys were completed, not a vacuous pass
    assert found["given"] == found["stored"] == found["at_platform"], output
    assert found["missing"] == 0 and found["duplicates"] == 0
    assert (tmp_path / "results" / "locust.html").stat().st_size > 0
    assert (tmp_path / "results" / "locust_stats.csv").read_text().count("Aggregated") == 1


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="the scale-out run needs TEST_DATABASE_URL (PostgreSQL)")
def test_two_web_nodes_and_three_relays_on_postgresql_lose_nothing_and_duplicate_nothing(tmp_path: Path) -> None:
    output = run_harness(
        tmp_path, "--database-url", os.environ["TEST_DATABASE_URL"], "--web-nodes", "2", "--web-workers", "2", "--relays", "3",
        timeout=120, LOAD_LOG_LEVEL="INFO",
    )
    assert "PASS: the SLO held and nothing was lost" in output
    found = figures(output)
    assert found["given"] >= 20, output
    assert found["given"] == found["stored"] == found["at_platform"], output
    assert found["missing"] == 0 and found["duplicates"] == 0
    # Each request went to either node, so both served steps of the same journeys.
    for node in ("web-1", "web-2"):
        served = (tmp_path / "results" / "logs" / f"{node}.log").read_text().count('"logger": "frontcounter.access"')
        assert served > 100, f"{node} served {served} requests"
