"""`flask triage …`: jobs for the triage queue that run on a schedule."""

from __future__ import annotations

import click
from flask import Flask

from services.escalation import escalate_overdue_items
from services.types import utcnow


def register_triage_cli(app: Flask) -> None:
    @app.cli.group("triage")
    def triage() -> None:
        """The force contact triage queue."""

    @triage.command("escalate")
    def escalate() -> None:
        """Mark open items past their target as escalated, for supervisors (run every minute or so)."""
        count = escalate_overdue_items(utcnow())
        click.echo(f"Escalated {count} item(s).")
