"""Complete crime journeys a second on two cores, load generator included, and memory per worker.

On PostgreSQL (BENCH_DATABASE_URL; SQLite otherwise, and the figure says so). The bare
app's GET and POST rates, measured before and after the journeys and averaged; from those, how many journeys a second the bare app would
allow for the same number of GETs and POSTs as one crime journey:
1 / (GETs / GET rate + POSTs / POST rate). Then locust's crime reporters (the load test's
user, no think time) complete journeys against Front Counter; while they do, the resident
memory of every gunicorn worker is sampled.

    python -m bench.journeys [--seconds 30] [--users 16]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from statistics import mean

from bench.common import print_figure, scratch_database
from bench.load.runner import Measured, PeakMemory, locust
from bench.web import THREADS, WORKERS, servers


@contextmanager
def database() -> Iterator[tuple[str, str]]:
    if os.environ.get("BENCH_DATABASE_URL"):
        with scratch_database() as url:
            yield url, "PostgreSQL"
    else:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/journeys.db", "SQLite"


def pages_per_journey(stats: dict[str, Measured]) -> tuple[float, float, int]:
    journeys = stats["crime GET confirmation"].requests
    gets = sum(m.requests for name, m in stats.items() if name.startswith("crime GET") or name == "crime start")
    posts = sum(m.requests for name, m in stats.items() if name.startswith("crime POST"))
    return gets / journeys, posts / journeys, journeys


def main(argv: list[str] | None = None, results: Path | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--users", type=int, default=16)
    args = parser.parse_args(argv)
    results = results or Path(tempfile.mkdtemp(prefix="bench-journeys-"))
    with database() as (database_url, backend), servers(database_url, results) as web:
        # The bare rates before and after the journeys, averaged: the machine's other load drifts.
        bare_gets, bare_posts = [], []
        bare_gets.append(locust("BareGet", web.bare, args.users, args.seconds / 4, results)["Aggregated"].rate)
        bare_posts.append(locust("BarePost", web.bare, args.users, args.seconds / 4, results)["bare POST insert"].rate)
        memory = PeakMemory([web.app_pid])
        memory.start()
        references = results / "journey-references.txt"
        stats = locust("CrimeReporter", web.app, args.users, args.seconds, results, LOAD_REFERENCES_FILE=str(references))
        peak_mb = memory.stop()
        bare_gets.append(locust("BareGet", web.bare, args.users, args.seconds / 4, results)["Aggregated"].rate)
        bare_posts.append(locust("BarePost", web.bare, args.users, args.seconds / 4, results)["bare POST insert"].rate)
        bare_get, bare_post = mean(bare_gets), mean(bare_posts)
    gets, posts, journeys = pages_per_journey(stats)
    rate = stats["crime GET confirmation"].rate
    allowed = 1 / (gets / bare_get + posts / bare_post)
    p95 = stats["Aggregated"].p95_ms
    print(f"# crime journeys on {backend}: gunicorn {WORKERS} workers x {THREADS} threads, {args.users} locust users, "
          f"{args.seconds:.0f} s; {journeys} journeys of {gets:.1f} GETs and {posts:.1f} POSTs on average")
    print_figure("bare GET rate (per s)", bare_get, "-")
    print_figure("bare POST (validated insert) rate (per s)", bare_post, "-")
    print_figure("journeys the bare rates allow (per s)", allowed, "-")
    print_figure(f"complete crime journeys, {backend} (per s)", rate, ">= 12")
    print_figure("journeys / what the bare rates allow", rate / allowed, ">= 0.7")
    print_figure("95th percentile page time (ms)", p95, "< 250")
    print_figure("peak memory per web worker (MB)", peak_mb, "<= 120")
    return {"journeys": rate, "ratio": rate / allowed, "p95": p95, "memory": peak_mb}


if __name__ == "__main__":
    main()
