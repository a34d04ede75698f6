"""Configuration is read from the environment and checked at start-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontcounter.config import ConfigError, database_url, load_config


def test_production_refuses_to_start_without_a_secret(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY must be set"):
        load_config({}, tmp_path)
    with pytest.raises(ConfigError, match="at least 32 characters"):
        load_config({"SECRET_KEY": "short"}, tmp_path)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load_config({"APP_ENV": "staging", "FORCE_CODE": "wmp", "PORT": "eighty"}, tmp_path)
    message = str(error.value)
    for expected in ("APP_ENV must be one of", "FORCE_CODE must be 2 to 5 capital letters", "PORT must be a whole number"):
        assert expected in message


PLATFORM = {
    "NATIONAL_PLATFORM_URL": "https://platform.example.gov.uk",
    "NATIONAL_PLATFORM_CLIENT_ID": "wmp",
    "NATIONAL_PLATFORM_CLIENT_SECRET": "c" * 40,
    "NATIONAL_PLATFORM_WEBHOOK_SECRET": "w" * 40,
    # Not the platform's, but required in production like its credentials.
    "DATA_ENCRYPTION_KEYS": "oV5tw0vG1-8p3lbcqkQh0mRQH2N4PDJtZdlgH9JgQ7k=",
}


def test_production_needs_every_platform_credential_and_https(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load_config({"SECRET_KEY": "s" * 40}, tmp_path)
    for name in PLATFORM:
        assert f"{name} must be set in production" in str(error.value)
    with pytest.raises(ConfigError, match="must use https"):
        load_config({"SECRET_KEY": "s" * 40, **PLATFORM, "NATIONAL_PLATFORM_URL": "http://platform"}, tmp_path)
    with pytest.raises(ConfigError, match="WEBHOOK_SECRET must be at least 32"):
        load_config({"SECRET_KEY": "s" * 40, **PLATFORM, "NATIONAL_PLATFORM_WEBHOOK_SECRET": "short"}, tmp_path)


def test_notify_key_needs_both_templates_and_relay_settings_are_checked(tmp_path: Path) -> None:
    key = "frontcounter-" + "11111111-2222-3333-4444-555555555555" + "-" + "66666666-7777-8888-9999-000000000000"
    with pytest.raises(ConfigError) as error:
        load_config({"APP_ENV": "development", "NOTIFY_API_KEY": key, "RELAY_BATCH_SIZE": "0", "RELAY_LEASE_SECONDS": "5"}, tmp_path)
    message = str(error.value)
    assert "NOTIFY_CONFIRMATION_TEMPLATE_EN must be the Notify template id" in message
    assert "NOTIFY_CONFIRMATION_TEMPLATE_CY must be the Notify template id" in message
    assert "RELAY_BATCH_SIZE must be at least 1" in message
    assert "RELAY_LEASE_SECONDS (5) must be at least" in message
    config = load_config(
        {
            "APP_ENV": "development",
            "NOTIFY_API_KEY": key,
            "NOTIFY_CONFIRMATION_TEMPLATE_EN": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            "NOTIFY_CONFIRMATION_TEMPLATE_CY": "ffffffff-bbbb-cccc-dddd-eeeeeeeeeeee",
        },
        tmp_path,
    )
    assert config["NOTIFY_CONFIRMATION_TEMPLATES"]["cy"] == "ffffffff-bbbb-cccc-dddd-eeeeeeeeeeee"


def test_development_defaults(tmp_path: Path) -> None:
    config = load_config({"APP_ENV": "development"}, tmp_path)
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'frontcounter.db'}"
    assert config["FORCE_CODE"] == "WMP" and config["PORT"] == 5000
    assert len(config["SECRET_KEY"]) >= 32
    assert load_config({"APP_ENV": "development"}, tmp_path)["SECRET_KEY"] == config["SECRET_KEY"]
    assert config["SESSION_COOKIE_SECURE"] is False
    # The embedded simulator that `make run` starts, and email recorded as not configured.
    assert config["NATIONAL_PLATFORM_URL"] == "http://127.0.0.1:8900"
    assert config["NOTIFY_API_KEY"] is None


def test_environment_replaces_defaults(tmp_path: Path) -> None:
    config = load_config(
        {
            "SECRET_KEY": "s" * 40,
            "DATABASE_URL": "postgres://user@db/frontcounter",
            "FORCE_CODE": "GMP",
            "FORCE_NAME": "Greater Manchester Police",
            "PORT": "8080",
            **PLATFORM,
        },
        tmp_path,
    )
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://user@db/frontcounter"
    assert (config["FORCE_CODE"], config["FORCE_NAME"], config["PORT"]) == ("GMP", "Greater Manchester Police", 8080)
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_NAME"] == "__Host-session"


def test_database_url_spellings() -> None:
    assert database_url("postgresql://a@b/c") == "postgresql+psycopg://a@b/c"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"
