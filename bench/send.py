"""The final Send against a bare validated insert, on SQLite and (BENCH_DATABASE_URL) PostgreSQL.

Send is one POST on check answers: CSRF, the draft, every page's validation again, the
marshmallow schema, the submission with its outbox and triage rows in one transaction.
The bare app's POST checks CSRF, validates two fields and inserts one row. Each Send is
for a draft of its own, made beforehand, so every one is a first send.

    python -m bench.send [--seconds 15] [--users 16] [--drafts 4000]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from bench.common import print_figure, scratch_database
from bench.load.runner import locust
from bench.web import prepare_sends, servers


def measure(database_url: str, results: Path, seconds: float, users: int, drafts: int) -> tuple[float, float]:
    with servers(database_url, results) as web:
        sends = prepare_sends(database_url, drafts, results)
        bare = locust("BarePost", web.bare, users, seconds, results)["Aggregated"].rate
        app = locust("FinalSend", web.app, users, seconds, results, BENCH_SEND_FILE=str(sends))
        if app["app POST send"].requests >= drafts:
            print(f"# note: all {drafts} drafts were sent before the time was up; the rate is over the time they took")
    return bare, app["app POST send"].rate


def main(argv: list[str] | None = None, results: Path | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--drafts", type=int, default=4000)
    args = parser.parse_args(argv)
    results = results or Path(tempfile.mkdtemp(prefix="bench-send-"))
    figures = {}
    backends = [("SQLite", None)] + ([("PostgreSQL", os.environ["BENCH_DATABASE_URL"])] if os.environ.get("BENCH_DATABASE_URL") else [])
    for name, server in backends:
        if server is None:
            folder = tempfile.mkdtemp(prefix="bench-send-db-")
            database_url = f"sqlite:///{folder}/send.db"
            bare, app = measure(database_url, results / name, args.seconds, args.users, args.drafts)
        else:
            with scratch_database() as database_url:
                bare, app = measure(database_url, results / name, args.seconds, args.users, args.drafts)
        print(f"# final Send on {name}: gunicorn 2 workers x 4 threads each, {args.users} locust users")
        print_figure(f"bare validated insert, {name} (baseline, per s)", bare, "-")
        print_figure(f"Send (CSRF, draft, validation, 3 rows), {name} (per s)", app, "-")
        print_figure(f"Send / bare validated insert, {name}", app / bare, ">= 0.6")
        figures[name] = app / bare
    if len(backends) == 1:
        print("# PostgreSQL skipped: set BENCH_DATABASE_URL=postgresql://... to measure it")
    return figures


if __name__ == "__main__":
    main()
