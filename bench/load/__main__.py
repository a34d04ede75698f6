"""`python -m bench.load`: start the production shape, run locust headless, check nothing was lost.

Exits non-zero when the SLO gate fails (failure ratio above 0.1 %, or a 95th percentile
above 500 ms) or when any reference locust was given is missing from the database or has
not reached the platform within 60 seconds of the surge ending. Locust's CSV and HTML
reports, the references it was given, and every process's log go to the results folder.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.common import ROOT
from bench.load.checks import Delivery, Slo, check_delivery, read_references, read_slo
from bench.load.stack import StackSize, production_stack
from bench.load.timings import Timings, surge_end

DELIVERY_SECONDS = 60.0

# The smoke run for `make test`: the same spike, scaled down to under a minute.
SMOKE = {
    "LOAD_USERS": "2", "LOAD_BASELINE_SECONDS": "6", "LOAD_RAMP_SECONDS": "6", "LOAD_HOLD_SECONDS": "12",
    "LOAD_THINK_MIN": "0.1", "LOAD_THINK_MAX": "0.4",
}


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=["steady", "spike", "soak"], default="spike")
    parser.add_argument("--smoke", action="store_true", help="a scaled-down spike (under a minute) on SQLite unless --database-url")
    parser.add_argument("--users", type=int, help="baseline users (default: LOAD_USERS or 10)")
    parser.add_argument("--web-nodes", type=int, default=1, help="gunicorn instances, each on its own port (default 1)")
    parser.add_argument("--web-workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "4")), help="workers per node")
    parser.add_argument("--web-threads", type=int, default=int(os.environ.get("WEB_THREADS", "4")), help="threads per worker")
    parser.add_argument("--relays", type=int, default=2, help="relay worker processes (default 2)")
    parser.add_argument("--database-url", default=None, help="a PostgreSQL server to create the run's database on "
                        "(default: DATABASE_URL, else SQLite; --smoke ignores DATABASE_URL)")
    parser.add_argument("--results", type=Path, default=None, help="folder for reports (default bench/results/load-<time>)")
    return parser.parse_args(argv)


def shape_environment(args: argparse.Namespace) -> dict[str, str]:
    env = {"LOAD_SHAPE": args.shape}
    if args.smoke:
        env.update(SMOKE)
    if args.users:
        env["LOAD_USERS"] = str(args.users)
    return env


def run_locust(env: dict[str, str], host: str, results: Path, seconds: float) -> int:
    command = [
        sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "load" / "locustfile.py"), "--headless",
        "--host", host, "--csv", str(results / "locust"), "--html", str(results / "locust.html"),
        "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0", "--stop-timeout", "10",
    ]
    with (results / "logs" / "locust.log").open("wb") as log:
        done = subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=seconds, check=False)
    return done.returncode


def print_summary(slo: Slo, surge: Delivery | None, final: Delivery, references: list[str], results: Path) -> None:
    print(f"# load run: {results}")
    print(f"requests                 {slo.requests}  ({slo.rate:.1f} a second)")
    print(f"failures                 {slo.failures}  ({slo.failure_ratio:.3%}; gate <= 0.1%)")
    print(f"response time p50 / p95  {slo.p50_ms:.0f} ms / {slo.p95_ms:.0f} ms  (gate p95 <= 500 ms)")
    print(f"references given         {len(references)}  (journeys completed and API submissions accepted)")
    if surge is not None:
        print(f"given by the surge's end {surge.given}; at the platform {surge.given - len(surge.missing_at_platform)} "
              f"within {surge.seconds_to_deliver:.0f} s of it (limit {DELIVERY_SECONDS:.0f} s)")
    print(f"stored / at the platform {final.stored} / {final.at_platform}; missing {len(final.missing_in_database)} / "
          f"{len(final.missing_at_platform)}; duplicates at the platform {final.duplicates_at_platform}")
    print(f"reports                  {results / 'locust.html'}, {results / 'locust_stats.csv'}")


class SurgeCheck(threading.Thread):
    """At the surge's end, note what was given so far; then wait up to 60 s for it all to arrive."""

    def __init__(self, at: float, references: Path, database_url: str, simulator_url: str) -> None:
        super().__init__(name="surge-check", daemon=True)
        self.at, self.references, self.database_url, self.simulator_url = at, references, database_url, simulator_url
        self.result: Delivery | None = None

    def run(self) -> None:
        time.sleep(max(0.0, self.at - time.monotonic()))
        given = read_references(self.references)
        self.result = check_delivery(given, self.database_url, self.simulator_url, DELIVERY_SECONDS)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    results = (args.results or ROOT / "bench" / "results" / f"load-{args.shape}{'-smoke' if args.smoke else ''}-{stamp}").resolve()
    results.mkdir(parents=True, exist_ok=True)
    references_file = results / "references.txt"
    references_file.write_text("")
    server = args.database_url if args.database_url is not None else (None if args.smoke else os.environ.get("DATABASE_URL"))
    shape_env = shape_environment(args)
    os.environ.update(shape_env)
    timings = Timings.from_env()
    size = StackSize(web_nodes=args.web_nodes, web_workers=args.web_workers, web_threads=args.web_threads, relays=args.relays)
    total = {"spike": 2 * timings.baseline + timings.ramp + timings.hold, "steady": 4 * timings.baseline, "soak": timings.soak}[args.shape]

    with production_stack(size, results, server) as stack:
        env = {**os.environ, **shape_env, "LOAD_REFERENCES_FILE": str(references_file), "LOAD_API_KEY": stack.api_key,
               "LOAD_STAFF_ACCOUNTS": json.dumps(stack.staff_accounts),
               "LOAD_WEB_HOSTS": ",".join(stack.web_urls), "PYTHONPATH": str(ROOT),
               "LOAD_STATS_FILE": str(results / "locust.json")}
        started = time.monotonic()
        surge = None
        if args.shape == "spike":
            surge = SurgeCheck(started + surge_end(timings), references_file, stack.database_url, stack.simulator_url)
            surge.start()
        code = run_locust(env, stack.web_urls[0], results, total + 120)
        if surge is not None:
            surge.join(timeout=DELIVERY_SECONDS + 30)
        references = read_references(references_file)
        final = check_delivery(references, stack.database_url, stack.simulator_url, DELIVERY_SECONDS)
        crashed = stack.dead()
    slo = read_slo(results / "locust.json")
    surge_result = surge.result if surge is not None else None
    print_summary(slo, surge_result, final, references, results)
    problems = slo.problems() + final.problems() + (surge_result.problems() if surge_result else [])
    if surge is not None and surge_result is None:
        problems.append("the check at the surge's end did not finish")
    if code != 0:
        problems.append(f"locust exited with {code} (see logs/locust.log)")
    if crashed:
        problems.append(f"processes stopped during the run: {', '.join(crashed)} (see logs/)")
    if not references:
        problems.append("no journey was completed")
    for problem in problems:
        print(f"FAIL: {problem}")
    print("PASS: the SLO held and nothing was lost" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
