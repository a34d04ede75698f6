"""A public form page GET against a bare Flask app rendering the same GOV.UK page.

Both served by gunicorn with the same configuration (2 workers × 4 threads), driven by
the same locust users in turn, twice each; the figure is the ratio of the mean rates.

    python -m bench.page_render [--seconds 15] [--users 16]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from statistics import mean

from bench.common import print_figure
from bench.load.runner import locust
from bench.web import servers


def measure(results: Path, seconds: float, users: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder, servers(f"sqlite:///{folder}/page.db", results) as web:
        bare, app = [], []
        for _ in range(2):
            bare.append(locust("BareGet", web.bare, users, seconds, results)["Aggregated"].rate)
            app.append(locust("FormPageGet", web.app, users, seconds, results)["Aggregated"].rate)
    return mean(bare), mean(app)


def main(argv: list[str] | None = None, results: Path | None = None) -> float:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--users", type=int, default=16)
    args = parser.parse_args(argv)
    results = results or Path(tempfile.mkdtemp(prefix="bench-page-"))
    bare, app = measure(results, args.seconds, args.users)
    print(f"# form page GET: gunicorn 2 workers x 4 threads each, {args.users} locust users, {args.seconds:.0f} s x 2 rounds")
    print_figure("bare Flask GOV.UK page GET (baseline, per s)", bare, "-")
    print_figure("Front Counter form page GET (per s)", app, "-")
    print_figure("form page GET / bare page GET", app / bare, ">= 0.8")
    return app / bare


if __name__ == "__main__":
    main()
