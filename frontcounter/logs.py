"""Logging to standard error, one line per event, for the process manager to collect.

Nothing here logs request bodies or answers: modules log identifiers, counts, statuses and
error classes only.
"""

from __future__ import annotations

import logging
import sys

FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def configure_logging(level: str) -> None:
    """Send our loggers to standard error once, whichever entry point (web, CLI) starts first."""
    root = logging.getLogger("frontcounter")
    if any(getattr(handler, "_frontcounter", False) for handler in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._frontcounter = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
