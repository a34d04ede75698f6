"""`flask triage …`: jobs for the triage queue that run on a schedule."""

from __future__ import annotations

import signal
import threading
from types import FrameType

import click
from flask import Flask

from services.escalation import escalate_overdue_items
from services.types import utcnow


def register_triage_cli(app: Flask) -> None:
    @app.cli.group("triage")
    def triage() -> None:
        """The force contact triage queue."""

    @triage.command("escalate")
    @click.option("--every", type=click.IntRange(min=5), default=None,
                  help="Keep running, escalating every this many seconds (otherwise run once, as from cron).")
    def escalate(every: int | None) -> None:
        """Mark open items past their target as escalated, for supervisors (run every minute or so)."""
        if every is None:
            click.echo(f"Escalated {escalate_overdue_items(utcnow())} item(s).")
            return
        stop = threading.Event()

        def finish(signum: int, frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, finish)
        signal.signal(signal.SIGINT, finish)
        # Every process may run this: escalating is idempotent (an item is escalated once).
        while not stop.is_set():
            count = escalate_overdue_items(utcnow())
            if count:
                click.echo(f"Escalated {count} item(s).")
            stop.wait(every)
