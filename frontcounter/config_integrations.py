"""Settings for the partner systems (national platform, GOV.UK Notify) and the relay.

In development and tests the defaults point at the local national-platform simulator that
`make run` starts, with development-only credentials. In production every credential must
be set: a missing one stops start-up rather than silently talking to the wrong place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Development-only credentials for the local simulator; production refuses to start without its own.
DEVELOPMENT_PLATFORM = {
    "NATIONAL_PLATFORM_URL": "http://127.0.0.1:8900",
    "NATIONAL_PLATFORM_CLIENT_ID": "frontcounter-development",
    "NATIONAL_PLATFORM_CLIENT_SECRET": "development-only-client-secret",  # nosec B105
    "NATIONAL_PLATFORM_WEBHOOK_SECRET": "development-only-webhook-secret",  # nosec B105
}
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def read_number(environ: Mapping[str, str], name: str, default: float, problems: list[str], minimum: float = 0.001) -> float:
    """The variable as a number, or the default when unset; a problem is noted when it is bad."""
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        problems.append(f"{name} must be a number, not {raw!r}")
        return default
    if value < minimum:
        problems.append(f"{name} must be at least {minimum:g}")
        return default
    return value


def read_int(environ: Mapping[str, str], name: str, default: int, problems: list[str], minimum: int = 1) -> int:
    raw = environ.get(name)
    if raw is not None and raw.strip() and not raw.strip().isdigit():
        problems.append(f"{name} must be a whole number, not {raw!r}")
        return default
    return int(read_number(environ, name, default, problems, minimum=minimum))


def integration_config(environ: Mapping[str, str], production: bool, problems: list[str]) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for name, default in DEVELOPMENT_PLATFORM.items():
        value = environ.get(name, "")
        if not value and production:
            problems.append(f"{name} must be set in production")
        config[name] = value or default
    if not re.match(r"https?://", config["NATIONAL_PLATFORM_URL"]):
        problems.append("NATIONAL_PLATFORM_URL must start with http:// or https://")
    if production and not config["NATIONAL_PLATFORM_URL"].startswith("https://"):
        problems.append("NATIONAL_PLATFORM_URL must use https in production")
    if production and len(config["NATIONAL_PLATFORM_WEBHOOK_SECRET"]) < 32:
        problems.append("NATIONAL_PLATFORM_WEBHOOK_SECRET must be at least 32 characters in production")
    config["NATIONAL_PLATFORM_CONNECT_TIMEOUT"] = read_number(environ, "NATIONAL_PLATFORM_CONNECT_TIMEOUT", 3.05, problems)
    config["NATIONAL_PLATFORM_READ_TIMEOUT"] = read_number(environ, "NATIONAL_PLATFORM_READ_TIMEOUT", 10.0, problems)
    config["NATIONAL_PLATFORM_WEBHOOK_TOLERANCE_SECONDS"] = read_int(environ, "NATIONAL_PLATFORM_WEBHOOK_TOLERANCE_SECONDS", 300, problems)

    key = environ.get("NOTIFY_API_KEY", "")
    config["NOTIFY_API_KEY"] = key or None
    config["NOTIFY_BASE_URL"] = environ.get("NOTIFY_BASE_URL") or "https://api.notifications.service.gov.uk"
    templates = {}
    for language in ("en", "cy"):
        name = f"NOTIFY_CONFIRMATION_TEMPLATE_{language.upper()}"
        template = environ.get(name, "")
        if key and not _UUID.fullmatch(template):
            problems.append(f"{name} must be the Notify template id (a UUID) when NOTIFY_API_KEY is set")
        templates[language] = template
    config["NOTIFY_CONFIRMATION_TEMPLATES"] = templates
    # Messages from staff to reporters: optional; without them such emails are recorded as
    # not configured and the message is on the tracking page only.
    message_templates = {}
    for language in ("en", "cy"):
        name = f"NOTIFY_MESSAGE_TEMPLATE_{language.upper()}"
        template = environ.get(name, "")
        if template and not _UUID.fullmatch(template):
            problems.append(f"{name} must be the Notify template id (a UUID)")
        message_templates[language] = template
    config["NOTIFY_MESSAGE_TEMPLATES"] = message_templates
    if key and len(key) < 74:
        problems.append("NOTIFY_API_KEY does not look like a Notify API key (name-serviceid-secret)")

    config["RELAY_BATCH_SIZE"] = read_int(environ, "RELAY_BATCH_SIZE", 20, problems)
    config["RELAY_CONCURRENCY"] = read_int(environ, "RELAY_CONCURRENCY", 4, problems)
    config["RELAY_LEASE_SECONDS"] = read_int(environ, "RELAY_LEASE_SECONDS", 300, problems)
    config["RELAY_MAX_ATTEMPTS"] = read_int(environ, "RELAY_MAX_ATTEMPTS", 15, problems)
    config["RELAY_MAX_AGE_HOURS"] = read_number(environ, "RELAY_MAX_AGE_HOURS", 24.0, problems)
    config["RELAY_BACKOFF_BASE_SECONDS"] = read_number(environ, "RELAY_BACKOFF_BASE_SECONDS", 2.0, problems)
    config["RELAY_BACKOFF_CAP_SECONDS"] = read_number(environ, "RELAY_BACKOFF_CAP_SECONDS", 900.0, problems)
    config["RELAY_OUTAGE_CAP_SECONDS"] = read_number(environ, "RELAY_OUTAGE_CAP_SECONDS", 120.0, problems)
    config["RELAY_POLL_SECONDS"] = read_number(environ, "RELAY_POLL_SECONDS", 1.0, problems)
    # A lease must outlast the slowest batch, or a second worker could start the same
    # message while the first is still waiting on it (harmless, thanks to the idempotency
    # key, but wasteful). Each message makes at most three calls (lookup, upload, send).
    rounds = -(-config["RELAY_BATCH_SIZE"] // config["RELAY_CONCURRENCY"])
    slowest = rounds * 3 * (config["NATIONAL_PLATFORM_CONNECT_TIMEOUT"] + config["NATIONAL_PLATFORM_READ_TIMEOUT"])
    if config["RELAY_LEASE_SECONDS"] < slowest:
        problems.append(
            f"RELAY_LEASE_SECONDS ({config['RELAY_LEASE_SECONDS']}) must be at least {slowest:.0f}: the longest a batch of "
            "RELAY_BATCH_SIZE messages can take at RELAY_CONCURRENCY with the platform timeouts"
        )
    return config
