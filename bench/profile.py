"""In-process CPU profiles of the hot paths, to find what to make faster.

Runs Front Counter through Flask's test client (no HTTP, no load generator), measures the
CPU each operation costs (`time.process_time`), and prints cProfile's top functions:

- `page`: a GET of the first crime question;
- `journey`: a whole crime journey, every page's GET and POST, ending on check answers;
- `send`: the final Send, each for a fresh copy of a complete draft;
- `bare`: the bare app's GET and validated insert, for comparison.

    python -m bench.profile page [--count 300] [--top 30] [--sort tottime]
    BENCH_DATABASE_URL=postgresql://... python -m bench.profile send
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from bench.common import BENCH_DATA_KEY, BENCH_SECRET, scratch_database

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _app(database_url: str) -> Flask:
    from frontcounter import create_app
    from services.db import db

    app = create_app({
        "APP_ENV": "test", "DATABASE_URL": database_url, "SECRET_KEY": BENCH_SECRET,
        "DATA_ENCRYPTION_KEYS": BENCH_DATA_KEY, "RATE_LIMITS_ENABLED": "false", "LOG_LEVEL": "WARNING",
        "NATIONAL_PLATFORM_URL": "http://127.0.0.1:9",
    })
    with app.app_context():
        db.create_all()
    return app


def _token(client: FlaskClient, url: str) -> str:
    match = CSRF.search(client.get(url).get_data(as_text=True))
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def _walk_crime(client: FlaskClient) -> None:
    from tests.journeys import CRIME, crime_pages

    client.get(f"{CRIME}")
    for page_id, data in crime_pages(role="victim", category="theft", property_involved="yes"):
        token = _token(client, f"{CRIME}/{page_id}")
        response = client.post(f"{CRIME}/{page_id}", data={**data, "csrf_token": token})
        assert response.status_code == 302, f"{page_id}: {response.status_code}"
    assert client.get(f"{CRIME}/check-your-answers").status_code == 200


def _copy_draft(app: Flask, client: FlaskClient) -> Callable[[], None]:
    """Returns a function that points the client's session at a fresh copy of its draft."""
    from services.db import db
    from services.models import Draft

    with client.session_transaction() as session:
        draft_id = session["drafts"]["report-a-crime"]
    with app.app_context():
        template = db.session.get(Draft, draft_id)
        assert template is not None
        columns = {key: getattr(template, key) for key in ("service", "language", "answers", "created_at", "updated_at", "expires_at")}
    counter = iter(range(10**9))

    def fresh() -> None:
        new_id = f"profile-{next(counter)}-{draft_id[:20]}"
        with app.app_context():
            db.session.add(Draft(id=new_id, **columns))
            db.session.commit()
        with client.session_transaction() as session:
            session["drafts"] = {"report-a-crime": new_id}

    return fresh


class _Meter:
    """CPU time spent in the operations only (not in their set-up), profiled or not."""

    def __init__(self, profile: bool) -> None:
        self.profile = cProfile.Profile(time.process_time) if profile else None
        self.spent = 0.0

    def run(self, count: int, before: Callable[[], Any], operation: Callable[[], Any]) -> None:
        for _ in range(count):
            before()
            started = time.process_time()
            if self.profile:
                self.profile.enable()
            operation()
            if self.profile:
                self.profile.disable()
            self.spent += time.process_time() - started


@contextmanager
def _profiled(label: str, count: int, args: argparse.Namespace) -> Iterator[_Meter]:
    meter = _Meter(profile=not args.plain)
    yield meter
    note = "profiler included" if meter.profile else "no profiler"
    print(f"# {label}: {count} in {meter.spent:.2f} s of CPU, {1000 * meter.spent / count:.2f} ms each ({note})")
    if meter.profile:
        pstats.Stats(meter.profile).sort_stats(args.sort).print_stats(args.top)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["page", "journey", "send", "bare"])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--plain", action="store_true", help="measure the CPU time only, without the profiler")
    args = parser.parse_args(argv)
    with scratch_database() as database_url:
        if args.what == "bare":
            import os

            from bench.bare_app import create_bare_app

            with tempfile.TemporaryDirectory() as folder:
                os.environ["BARE_DATABASE_URL"] = f"sqlite:///{folder}/bare.db"
                bare = create_bare_app()
                client = bare.test_client()
                token = _token(client, "/question")
                body = {"csrf_token": token, "happening_now": "no", "description": "My bike was taken from the rack."}
                with _profiled("bare GET", args.count, args) as meter:
                    meter.run(args.count, lambda: None, lambda: client.get("/question"))
                with _profiled("bare validated insert", args.count, args) as meter:
                    meter.run(args.count, lambda: None, lambda: client.post("/question", data=body))
            return
        app = _app(database_url)
        client = app.test_client()
        if args.what == "page":
            client.get("/report-a-crime/happening-now")
            with _profiled("form page GET", args.count, args) as meter:
                meter.run(args.count, lambda: None, lambda: client.get("/report-a-crime/happening-now"))
        elif args.what == "journey":
            count = max(1, args.count // 30)
            _walk_crime(app.test_client())  # templates compiled, caches warm: what a running server has
            with _profiled("crime journey", count, args) as meter:
                meter.run(count, client.cookie_jar.clear if hasattr(client, "cookie_jar") else (lambda: None),
                     lambda: _walk_crime(app.test_client()))
        else:
            _walk_crime(client)
            fresh = _copy_draft(app, client)
            token = _token(client, "/report-a-crime/check-your-answers")

            def send() -> None:
                response = client.post("/report-a-crime/check-your-answers", data={"csrf_token": token})
                assert response.status_code == 302 and response.headers["Location"].endswith("/confirmation"), response.status_code

            with _profiled("final Send", args.count, args) as meter:
                meter.run(args.count, fresh, send)


if __name__ == "__main__":
    main()
