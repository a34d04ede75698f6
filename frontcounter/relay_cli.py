"""`flask relay …`: run, drain and inspect the relay that delivers the outbox.

The web layer composes the relay from configuration; the relay itself lives in
integrations/ and knows nothing of Flask beyond the database session it is given.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
from datetime import timedelta
from pathlib import Path
from types import FrameType

import click
from flask import Flask, current_app

from frontcounter.catalogue import service_names
from integrations.national_platform import NationalPlatformClient
from integrations.notify import ConfirmationEmailSender, EmailSettings
from integrations.relay import Relay, RelayPolicy
from services.outbox_admin import count_messages_by_status, list_dead_messages, requeue_dead_messages
from services.references import normalise_reference


def worker_name() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


def build_relay(app: Flask, worker: str | None = None) -> Relay:
    config = app.config
    policy = RelayPolicy(
        batch_size=config["RELAY_BATCH_SIZE"],
        lease_seconds=config["RELAY_LEASE_SECONDS"],
        max_attempts=config["RELAY_MAX_ATTEMPTS"],
        max_age=timedelta(hours=config["RELAY_MAX_AGE_HOURS"]),
        backoff_base=config["RELAY_BACKOFF_BASE_SECONDS"],
        backoff_cap=config["RELAY_BACKOFF_CAP_SECONDS"],
        outage_base=config["RELAY_BACKOFF_BASE_SECONDS"],
        outage_cap=config["RELAY_OUTAGE_CAP_SECONDS"],
        concurrency=config["RELAY_CONCURRENCY"],
        poll_interval=config["RELAY_POLL_SECONDS"],
    )
    platform = NationalPlatformClient(
        config["NATIONAL_PLATFORM_URL"],
        config["NATIONAL_PLATFORM_CLIENT_ID"],
        config["NATIONAL_PLATFORM_CLIENT_SECRET"],
        connect_timeout=config["NATIONAL_PLATFORM_CONNECT_TIMEOUT"],
        read_timeout=config["NATIONAL_PLATFORM_READ_TIMEOUT"],
        pool_size=policy.concurrency,
    )
    email = ConfirmationEmailSender(
        EmailSettings(
            api_key=config["NOTIFY_API_KEY"],
            base_url=config["NOTIFY_BASE_URL"],
            templates=config["NOTIFY_CONFIRMATION_TEMPLATES"],
            force_name=config["FORCE_NAME"],
            force_phone=config["FORCE_PHONE"],
            message_templates={k: v for k, v in config["NOTIFY_MESSAGE_TEMPLATES"].items() if v},
        ),
        service_names(tuple(config["LANGUAGES"])),
    )
    return Relay(
        platform=platform, email=email, worker=worker or worker_name(), policy=policy, evidence_folder=Path(config["EVIDENCE_DIR"])
    )


def register_relay_cli(app: Flask) -> None:
    @app.cli.group("relay")
    def relay() -> None:
        """Deliver the outbox to the national platform and GOV.UK Notify."""

    @relay.command("run")
    def run() -> None:
        """Work until SIGTERM or Ctrl-C; a batch in flight is finished and recorded first."""
        stop = threading.Event()

        def request_stop(signum: int, frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
        worker = build_relay(current_app)
        click.echo(f"Relay {worker.worker} run {worker.run_id} delivering to {current_app.config['NATIONAL_PLATFORM_URL']}", err=True)
        try:
            summary = worker.run(stop)
        finally:
            worker.close()
        click.echo(f"Relay {worker.worker} stopped: {summary.describe()}", err=True)

    @relay.command("drain")
    def drain() -> None:
        """Send everything due now, then exit with a summary."""
        worker = build_relay(current_app)
        try:
            summary = worker.drain()
        finally:
            worker.close()
        click.echo(f"Drained: {summary.describe()}")

    @relay.command("dead")
    def dead() -> None:
        """List messages that will not be tried again (newest first)."""
        rows = list_dead_messages()
        if not rows:
            click.echo("No dead messages.")
            return
        for row in rows:
            when = row.dead_at.isoformat(timespec="seconds") if row.dead_at else "-"
            click.echo(f"{row.reference}  {row.topic}  attempts={row.attempts}  status={row.last_status_code or '-'}  "
                       f"dead_at={when}  error={row.last_error or '-'}")

    @relay.command("requeue")
    @click.argument("reference")
    def requeue(reference: str) -> None:
        """Try a submission's dead messages again from the start."""
        count = requeue_dead_messages(normalise_reference(reference))
        if count == 0:
            raise click.ClickException(f"No dead messages for {reference}.")
        click.echo(f"Requeued {count} message(s) for {normalise_reference(reference)}.")

    @relay.command("status")
    def status() -> None:
        """Count outbox messages by state."""
        counts = count_messages_by_status()
        click.echo(", ".join(f"{state}={count}" for state, count in sorted(counts.items())) or "The outbox is empty.")
