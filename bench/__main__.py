"""`python -m bench` (make bench): every benchmark, each figure a ratio against a baseline measured
in the same run, printed one a line with its target. Set BENCH_DATABASE_URL for PostgreSQL."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from bench import journeys, page_render, relay_throughput, send
from bench.common import ROOT


def main() -> None:
    results = ROOT / "bench" / "results" / datetime.now(UTC).strftime("bench-%Y%m%d-%H%M%S")
    print(f"# database: {'PostgreSQL (BENCH_DATABASE_URL)' if os.environ.get('BENCH_DATABASE_URL') else 'SQLite'}; "
          f"{os.cpu_count()} cores; locust runs on the same cores; raw reports in {results}", flush=True)
    page_render.main([], results / "page")
    send.main([], results / "send")
    journeys.main([], results / "journeys")
    # The relay workers' per-message log lines would drown the figures.
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    relay_throughput.main()


if __name__ == "__main__":
    main()
