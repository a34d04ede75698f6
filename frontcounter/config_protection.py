"""Settings for data protection: the data encryption keys and the retention periods."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from frontcounter.config_integrations import read_int
from services.crypto import Keyring, KeyringError, generate_key, parse_keys
from services.retention_policy import RetentionPolicy, parse_closed_days


def _development_data_key(instance_path: Path) -> str:
    """A stable data key for local development, made once; never used in production,
    where losing the key would mean losing the data."""
    path = instance_path / "development-data-key"
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        try:
            # Exclusive create: two processes starting at once end up with the same key.
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "w") as out:
                out.write(generate_key())
    return path.read_text().strip()


def _read_days(environ: Mapping[str, str], name: str, default: int, problems: list[str]) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        problems.append(f"{name} must be a whole number of days (0 or more)")
        return default
    return int(raw)


def protection_config(
    environ: Mapping[str, str], production: bool, instance_path: Path, problems: list[str]
) -> dict[str, Any]:
    keys = parse_keys(environ.get("DATA_ENCRYPTION_KEYS", ""))
    if not keys:
        if production:
            problems.append(
                "DATA_ENCRYPTION_KEYS must be set in production (comma-separated Fernet keys; "
                "`flask keys generate` makes one)"
            )
        else:
            keys = [_development_data_key(instance_path)]
    if keys:
        try:
            Keyring(keys)
        except KeyringError:
            problems.append("DATA_ENCRYPTION_KEYS must be Fernet keys (32 url-safe base64-encoded bytes each)")
    policy = RetentionPolicy(
        closed_days=parse_closed_days(environ.get("RETENTION_CLOSED_DAYS", ""), problems),
        attachment_days=_read_days(environ, "RETENTION_ATTACHMENT_DAYS", 30, problems),
        draft_days=_read_days(environ, "RETENTION_DRAFT_DAYS", 0, problems),
        outbox_days=_read_days(environ, "RETENTION_OUTBOX_DAYS", 90, problems),
        staff_session_days=_read_days(environ, "RETENTION_STAFF_SESSION_DAYS", 30, problems),
    )
    return {
        "DATA_ENCRYPTION_KEYS": tuple(keys),
        "RETENTION_POLICY": policy,
        "RETENTION_BATCH_SIZE": read_int(environ, "RETENTION_BATCH_SIZE", 200, problems),
    }
