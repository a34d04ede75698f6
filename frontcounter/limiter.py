"""Flask-Limiter, with its settings kept per app.

Flask-Limiter keeps its storage, strategy, key prefix and on/off switch on the Limiter
object itself. With one unbound Limiter (frontcounter.extensions) bound to several apps in
one process, as the test suite does, the last app initialised would silently rule them all:
its storage, its key prefix, its "disabled". Here those settings live in each app's
`extensions` and are looked up through the app being served, so each app keeps its own.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, current_app, has_app_context, request
from flask_limiter import Limiter

STATE = "frontcounter.limiter"

# Every attribute Flask-Limiter sets from an app's configuration, or changes while serving one.
PER_APP = frozenset({
    "enabled", "initialized", "_storage", "_limiter", "_strategy", "_storage_uri", "_storage_options",
    "_key_prefix", "_headers_enabled", "_header_mapping", "_retry_after", "_swallow_errors",
    "_fail_on_first_breach", "_storage_dead", "_fallback_limiter", "_fallback_storage", "_in_memory_fallback",
    "_in_memory_fallback_enabled", "_request_identifier", "_on_breach", "_on_meta_breach", "_meta_limits",
    "_default_limits_per_method", "_default_limits_exempt_when", "_default_limits_deduct_when", "_default_limits_cost",
    "_application_limits_per_method", "_application_limits_exempt_when", "_application_limits_deduct_when",
    "_application_limits_cost",
})


def client_ip() -> str:
    """The address limits count by: the client's, once ProxyFix has read X-Forwarded-For."""
    return request.remote_addr or "unknown"


class PerAppLimiter(Limiter):
    """A Limiter whose per-app settings live in `app.extensions`, not on the object."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        object.__setattr__(self, "_unbound_settings", {})
        super().__init__(*args, **kwargs)
        # Flask-Limiter's own INFO line on every limit hit names the key it counted by (an IP
        # address). Our security event replaces it; its warnings and errors still get through.
        self.logger = logging.getLogger("frontcounter.rate_limits.flask_limiter")
        self.logger.setLevel(logging.WARNING)

    def _settings(self) -> dict[str, Any]:
        if has_app_context():
            settings = current_app.extensions.get(STATE)
            if settings is not None:
                return settings  # type: ignore[no-any-return]
        return object.__getattribute__(self, "_unbound_settings")  # type: ignore[no-any-return]

    def __getattr__(self, name: str) -> Any:
        # Only called when ordinary lookup fails, which it always does for PER_APP names.
        if name in PER_APP:
            settings = self._settings()
            if name in settings:
                return settings[name]
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in PER_APP:
            self._settings()[name] = value
        else:
            object.__setattr__(self, name, value)

    def init_app(self, app: Flask) -> None:
        defaults = object.__getattribute__(self, "_unbound_settings")
        app.extensions[STATE] = {
            key: value.copy() if isinstance(value, (dict, list)) else value for key, value in defaults.items()
        }
        # Inside the app's context, everything init_app sets lands in that app's settings.
        with app.app_context():
            super().init_app(app)
