"""Operator commands, run as `flask --app wsgi <group> <command>`."""

from __future__ import annotations

import click
from flask import Flask

from services.drafts import purge_expired_drafts


def register_cli(app: Flask) -> None:
    @app.cli.group("drafts")
    def drafts() -> None:
        """Manage answers in progress."""

    @drafts.command("purge")
    def purge() -> None:
        """Delete drafts whose idle timeout has passed."""
        removed = purge_expired_drafts()
        click.echo(f"Removed {removed} expired draft(s).")
