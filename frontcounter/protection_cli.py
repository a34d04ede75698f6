"""Data protection commands: `flask keys generate|rotate` and `flask retention run`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app

from services.crypto import generate_key
from services.key_rotation import RotationCount, rotate_columns, rotate_evidence_files
from services.retention import RetentionReport, dispose_expired_drafts, run_retention


def _report(count: RotationCount) -> None:
    click.echo(f"{count.place}: {count.rotated} re-encrypted, {count.current} already under the newest key")


def _summary(report: RetentionReport) -> None:
    verb = "Due" if report.dry_run else "Disposed of"
    click.echo(f"Retention run {report.run_id}{' (dry run: nothing changed)' if report.dry_run else ''}")
    for rule, count in report.counts.items():
        click.echo(f"  {verb}: {rule}: {count}")


def purge_drafts() -> RetentionReport:
    """`flask drafts purge`: the expired-drafts rule of retention on its own."""
    config = current_app.config
    return run_retention(
        config["RETENTION_POLICY"], evidence_folder=Path(config["EVIDENCE_DIR"]),
        batch_size=config["RETENTION_BATCH_SIZE"], rules=(dispose_expired_drafts,),
    )


def register_protection_cli(app: Flask) -> None:
    @app.cli.group("retention")
    def retention() -> None:
        """Deleting and anonymising personal data whose retention period has passed."""

    @retention.command("run")
    @click.option("--dry-run", is_flag=True, help="Count what is due; change nothing.")
    @click.option("--batch-size", type=click.IntRange(1, 10_000), default=None, help="Rows a transaction (RETENTION_BATCH_SIZE).")
    def run(dry_run: bool, batch_size: int | None) -> None:
        """Apply every retention rule (run it daily from cron; several at once are safe)."""
        config = current_app.config
        report = run_retention(
            config["RETENTION_POLICY"], evidence_folder=Path(config["EVIDENCE_DIR"]), dry_run=dry_run,
            batch_size=batch_size or config["RETENTION_BATCH_SIZE"],
        )
        _summary(report)

    @app.cli.group("keys")
    def keys() -> None:
        """Data encryption keys (DATA_ENCRYPTION_KEYS)."""

    @keys.command("generate")
    def generate() -> None:
        """Print a new key. Put it first in DATA_ENCRYPTION_KEYS, keeping the old keys after it."""
        click.echo(generate_key())

    @keys.command("rotate")
    @click.option("--batch-size", type=click.IntRange(1, 10_000), default=200, show_default=True)
    def rotate(batch_size: int) -> None:
        """Re-encrypt every stored value and evidence file under the first key. Safe to run
        again (what is already current is skipped); afterwards the older keys can go."""
        for count in rotate_columns(batch_size):
            _report(count)
        _report(rotate_evidence_files(Path(current_app.config["EVIDENCE_DIR"])))
