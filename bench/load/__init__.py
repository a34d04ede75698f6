"""Load tests with locust: user classes, load shapes and a harness that starts the production shape.

    python -m bench.load                  # the spike, then the nothing-lost check (make load)
    python -m bench.load --shape steady   # or soak
    python -m bench.load --smoke          # at most a minute, SQLite, a few users (make test)

See docs/performance.md.
"""
