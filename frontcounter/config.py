"""Configuration from environment variables, checked once at start-up.

Anything set in the environment wins over the default it would replace. Outside
development a missing secret is an error, never a silent default.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from frontcounter.config_integrations import integration_config, read_int
from frontcounter.config_limits import rate_limit_config
from frontcounter.config_protection import protection_config
from services.rules import DEFAULT_RULES_PATH

ENVIRONMENTS = ("development", "test", "production")


class ConfigError(Exception):
    """The service cannot start with this configuration; the message says what to fix."""


def database_url(raw: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs however they are spelt."""
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix):]
    return raw


def _development_secret(instance_path: Path) -> str:
    """A stable key for local development, so sessions survive a restart and are shared
    between the web app and its helpers; never used in production."""
    path = instance_path / "development-secret-key"
    if path.exists():
        return path.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    return key


def load_config(environ: Mapping[str, str], instance_path: Path) -> dict[str, Any]:
    """Build the Flask configuration from the environment, raising ConfigError on any problem."""
    problems: list[str] = []
    env = environ.get("APP_ENV", "production")
    if env not in ENVIRONMENTS:
        problems.append(f"APP_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}")
    production = env == "production"

    secret = environ.get("SECRET_KEY", "")
    if not secret:
        if production:
            problems.append("SECRET_KEY must be set in production (a long random string)")
        else:
            secret = _development_secret(instance_path)
    elif production and len(secret) < 32:
        problems.append("SECRET_KEY must be at least 32 characters in production")

    force_code = environ.get("FORCE_CODE", "WMP")
    if not re.fullmatch(r"[A-Z]{2,5}", force_code):
        problems.append("FORCE_CODE must be 2 to 5 capital letters, like WMP")

    default_db = "sqlite:///" + str(instance_path / "frontcounter.db")
    config: dict[str, Any] = {
        "APP_ENV": env,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": database_url(environ.get("DATABASE_URL") or default_db),
        # hide_parameters keeps what people typed out of database error messages and logs.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "hide_parameters": True},
        "FORCE_CODE": force_code,
        "FORCE_NAME": environ.get("FORCE_NAME", "West Midlands Police"),
        "FORCE_PHONE": environ.get("FORCE_PHONE", "101"),
        "FORCE_EMAIL": environ.get("FORCE_EMAIL", "contact@example.police.uk"),
        "PORT": read_int(environ, "PORT", 5000, problems),
        "DRAFT_TIMEOUT_MINUTES": read_int(environ, "DRAFT_TIMEOUT_MINUTES", 60, problems),
        "TIMEOUT_WARNING_MINUTES": read_int(environ, "TIMEOUT_WARNING_MINUTES", 5, problems),
        # Large enough for a 20,000-character account in Welsh (up to 4 bytes a character)
        # and every other field; evidence uploads set their own, larger limit per route.
        "MAX_CONTENT_LENGTH": read_int(environ, "MAX_CONTENT_LENGTH", 512 * 1024, problems),
        "MAX_FORM_FIELDS": read_int(environ, "MAX_FORM_FIELDS", 300, problems),
        # Staff sessions end after this long without a request, and this long after sign-in whatever happens.
        "STAFF_IDLE_MINUTES": read_int(environ, "STAFF_IDLE_MINUTES", 30, problems),
        "STAFF_SESSION_HOURS": read_int(environ, "STAFF_SESSION_HOURS", 12, problems),
        "EXIT_PAGE_URL": environ.get("EXIT_PAGE_URL", "https://www.bbc.co.uk/weather"),
        "BABEL_DEFAULT_LOCALE": "en",
        "LANGUAGES": ("en", "cy"),
        "WTF_CSRF_TIME_LIMIT": None,  # the draft's own timeout governs; a stale token must not lose answers
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "SESSION_COOKIE_NAME": "__Host-session" if production else "session",
        "PREFERRED_URL_SCHEME": "https" if production else "http",
    }
    # Evidence files: a folder outside anything the web server serves. Several machines
    # need it shared (a network volume), as they share the database.
    config["EVIDENCE_DIR"] = environ.get("EVIDENCE_DIR") or str(instance_path / "evidence")
    # The force's triage rules (checked when the app is made, in frontcounter.triage_rules).
    config["TRIAGE_RULES_FILE"] = environ.get("TRIAGE_RULES_FILE") or str(DEFAULT_RULES_PATH)
    config["LOG_LEVEL"] = environ.get("LOG_LEVEL", "INFO").upper()
    if config["LOG_LEVEL"] not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        problems.append("LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR")
    # One JSON object a line for log collectors; plain text on a developer's terminal.
    config["LOG_FORMAT"] = environ.get("LOG_FORMAT", "text" if env == "development" else "json").lower()
    if config["LOG_FORMAT"] not in ("json", "text"):
        problems.append("LOG_FORMAT must be json or text")
    config.update(integration_config(environ, production, problems))
    config.update(rate_limit_config(environ, problems))
    config.update(protection_config(environ, production, instance_path, problems))
    if problems:
        raise ConfigError("Front Counter cannot start:\n  - " + "\n  - ".join(problems))
    return config
