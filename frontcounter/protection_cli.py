"""Data protection commands: `flask keys generate|rotate` and `flask retention run`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app

from services.crypto import generate_key
from services.key_rotation import RotationCount, rotate_columns, rotate_evidence_files


def _report(count: RotationCount) -> None:
    click.echo(f"{count.place}: {count.rotated} re-encrypted, {count.current} already under the newest key")


def register_protection_cli(app: Flask) -> None:
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
