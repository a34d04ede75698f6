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


def test_development_defaults(tmp_path: Path) -> None:
    config = load_config({"APP_ENV": "development"}, tmp_path)
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'frontcounter.db'}"
    assert config["FORCE_CODE"] == "WMP" and config["PORT"] == 5000
    assert len(config["SECRET_KEY"]) >= 32
    assert load_config({"APP_ENV": "development"}, tmp_path)["SECRET_KEY"] == config["SECRET_KEY"]
    assert config["SESSION_COOKIE_SECURE"] is False


def test_environment_replaces_defaults(tmp_path: Path) -> None:
    config = load_config(
        {
            "SECRET_KEY": "s" * 40,
            "DATABASE_URL": "postgres://user@db/frontcounter",
            "FORCE_CODE": "GMP",
            "FORCE_NAME": "Greater Manchester Police",
            "PORT": "8080",
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
