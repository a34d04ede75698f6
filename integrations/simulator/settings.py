"""How one simulator instance behaves: credentials, limits and the demo's automatic status change."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class SimulatorSettings:
    """Fixed for the life of an app; faults that change while it runs live in its state instead."""

    client_id: str = "frontcounter"
    # A local test double's well-known default, not a credential for anything real.
    client_secret: str = "simulator-secret"  # noqa: S105
    webhook_secret: str = "simulator-webhook-secret"  # noqa: S105
    callback_url: str | None = None
    token_ttl_seconds: int = 3600
    max_submission_bytes: int = MIB
    max_attachment_bytes: int = 25 * MIB
    auto_status_after_seconds: float = 0
    webhook_timeout_seconds: float = 10

    def __post_init__(self) -> None:
        # Fail at start-up rather than on the first request that would trip over a bad value.
        if self.token_ttl_seconds < 1:
            raise ValueError("token_ttl_seconds must be at least 1")
        if self.max_submission_bytes < 1 or self.max_attachment_bytes < 1:
            raise ValueError("size limits must be positive")
        if self.auto_status_after_seconds < 0:
            raise ValueError("auto_status_after_seconds must not be negative")
        if self.webhook_timeout_seconds <= 0:
            raise ValueError("webhook_timeout_seconds must be positive")


def settings_from_env(environ: Mapping[str, str] | None = None) -> SimulatorSettings:
    """Read the SIMULATOR_* variables `make run` may set; anything unset keeps the dataclass default."""
    env = os.environ if environ is None else environ
    defaults = SimulatorSettings()

    def number(name: str, default: float, kind: type[int] | type[float]) -> float:
        raw = env.get(name, "").strip()
        if not raw:
            return default
        try:
            return kind(raw)
        except ValueError:
            raise ValueError(f"{name} must be a number, not {raw!r}") from None

    return SimulatorSettings(
        client_id=env.get("SIMULATOR_CLIENT_ID") or defaults.client_id,
        client_secret=env.get("SIMULATOR_CLIENT_SECRET") or defaults.client_secret,
        webhook_secret=env.get("SIMULATOR_WEBHOOK_SECRET") or defaults.webhook_secret,
        callback_url=env.get("SIMULATOR_CALLBACK_URL") or None,
        token_ttl_seconds=int(number("SIMULATOR_TOKEN_TTL_SECONDS", defaults.token_ttl_seconds, int)),
        auto_status_after_seconds=float(number("SIMULATOR_AUTO_STATUS_SECONDS", defaults.auto_status_after_seconds, float)),
    )
