"""`flask rules …`: check a triage rules file, publish it to every process, see what is in force."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import timedelta
from pathlib import Path

import click
from flask import Flask, current_app

from frontcounter.triage_rules import current_rules, rules_vocabulary
from services.rules import Rules, RulesError, evaluate, facts_for, load_rules_text
from services.rules.store import publish_rules, published_version
from services.types import utcnow


def _read(file: str | None) -> tuple[bytes, str]:
    path = Path(file or current_app.config["TRIAGE_RULES_FILE"])
    try:
        return path.read_bytes(), path.name
    except OSError as error:
        raise click.ClickException(f"Cannot read {path.name}: {error.strerror}.") from error


def _duration(value: timedelta) -> str:
    minutes = int(value.total_seconds() // 60)
    return f"{minutes // 60}h{minutes % 60:02d}m" if minutes >= 60 else f"{minutes}m"


def _summary(rules: Rules) -> list[str]:
    by_flag = Counter(signal.flag for signal in rules.signals)
    lines = [
        f"sha256 {rules.sha256}",
        f"{len(rules.flags)} flags, {len(rules.signals)} signals, {len(rules.quality)} quality checks, "
        f"{len(rules.classification)} classification rules, {len(rules.allocation)} allocation rules, "
        f"{len(rules.completeness)} completeness checks, {len(rules.units)} units (default {rules.default_unit})",
        "signals by flag: " + ", ".join(f"{flag} {count}" for flag, count in sorted(by_flag.items())),
        "targets: " + ", ".join(
            f"{key} {_duration(target.target)} (warn {_duration(target.warn_before)} before)"
            for key, target in rules.targets.items()
        ),
    ]
    return lines


def register_rules_cli(app: Flask) -> None:
    @app.cli.group("rules")
    def rules_group() -> None:
        """The force's triage rules (docs/triage-rules.md)."""

    @rules_group.command("check")
    @click.argument("file", required=False)
    @click.option("--text", help="Also show what these words would raise (nothing is stored).")
    @click.option("--service", default="report-a-crime", show_default=True, help="The service --text is for.")
    def check(file: str | None, text: str | None, service: str) -> None:
        """Check FILE (default: TRIAGE_RULES_FILE) and summarise it."""
        raw, name = _read(file)
        try:
            rules = load_rules_text(raw, source=name, vocabulary=rules_vocabulary())
        except RulesError as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"{name} is valid.")
        for line in _summary(rules):
            click.echo("  " + line)
        if text is not None:
            from frontcounter.catalogue import SERVICES

            if service not in SERVICES:
                raise click.ClickException(f"There is no service called {service}.")
            facts = facts_for(rules, service=service, kind=SERVICES[service].journey.kind.value,
                              data={"description": text}, today=utcnow().date())
            outcome = evaluate(rules, facts, language="en")
            for signal in outcome.signals:
                click.echo(f"  signal {signal.rule}: {signal.flag} +{signal.weight} ({signal.reason})")
            for flag in outcome.quality_flags:
                click.echo(f"  quality {flag['flag']}: {flag['reason']}")
            if not outcome.signals and not outcome.quality_flags:
                click.echo("  the text raises nothing")

    @rules_group.command("reload")
    @click.argument("file", required=False)
    def reload(file: str | None) -> None:
        """Check FILE (default: TRIAGE_RULES_FILE) and put it in force in every process."""
        raw, name = _read(file)
        try:
            version, created = publish_rules(raw, source=name, vocabulary=rules_vocabulary(), now=utcnow())
        except RulesError as error:
            raise click.ClickException(f"{error}\nNothing was changed: the rules in force stay as they were.") from error
        if created:
            click.echo(f"Published {name} as version {version.id} (sha256 {version.sha256[:12]}): "
                       "every process uses it from its next submission.")
        else:
            click.echo(f"{name} is already in force as version {version.id}; nothing changed.")

    @rules_group.command("status")
    def status() -> None:
        """Which rules are in force, and whether the configured file matches them."""
        version = published_version()
        raw, name = _read(None)
        digest = hashlib.sha256(raw).hexdigest()
        if version is None:
            click.echo(f"No version published: every process uses its own {name} (sha256 {digest[:12]}).")
        else:
            click.echo(f"Version {version.id} in force, from {version.source}, published "
                       f"{version.published_at:%Y-%m-%d %H:%M} UTC (sha256 {version.sha256[:12]}).")
            if version.sha256 != digest:
                click.echo(f"The configured {name} differs from it: run `flask rules reload` to publish it.")
        for line in _summary(current_rules()):
            click.echo("  " + line)
