"""Operator commands, run as `flask --app wsgi <group> <command>`."""

from __future__ import annotations

import click
from flask import Flask

from frontcounter.protection_cli import purge_drafts
from services.api_keys import create_api_key, list_api_keys, revoke_api_key
from services.enums import Channel


def register_cli(app: Flask) -> None:
    @app.cli.group("drafts")
    def drafts() -> None:
        """Manage answers in progress."""

    @drafts.command("purge")
    def purge() -> None:
        """Delete drafts whose idle timeout (and RETENTION_DRAFT_DAYS) has passed, and their files."""
        removed = purge_drafts().counts.get("expired_drafts", 0)
        click.echo(f"Removed {removed} expired draft(s).")

    @app.cli.group("api-keys")
    def api_keys() -> None:
        """Keys for the intake API, one per partner channel."""

    @api_keys.command("create")
    @click.argument("name")
    @click.option("--channel", type=click.Choice([c.value for c in Channel if c is not Channel.WEB]), required=True,
                  help="The channel whose submissions this key lodges.")
    def create(name: str, channel: str) -> None:
        """Create a key; it is shown once and only its hash is kept."""
        summary, key = create_api_key(name, Channel(channel))
        click.echo(f"Created key {summary.prefix} for {summary.name} ({summary.channel}). Store it now; it will not be shown again:")
        click.echo(key)

    @api_keys.command("list")
    def list_keys() -> None:
        """Every key, with when it was created and revoked (never the key itself)."""
        for summary in list_api_keys():
            state = f"revoked {summary.revoked_at:%Y-%m-%d %H:%M}" if summary.revoked_at else "live"
            click.echo(f"{summary.prefix}  {summary.channel:<6} {state:<24} {summary.name}")

    @api_keys.command("revoke")
    @click.argument("prefix")
    def revoke(prefix: str) -> None:
        """Stop a key working at once."""
        if not revoke_api_key(prefix):
            raise click.ClickException(f"No live key with prefix {prefix}.")
        click.echo(f"Revoked key {prefix}.")
