"""The web layer's side of the triage rules: check the configured file at start-up, and
hand the rules in force to the use cases that need them."""

from __future__ import annotations

from flask import Flask, current_app

from frontcounter.config import ConfigError
from services.db import db
from services.rules import Rules, RulesError, Vocabulary, load_rules_file
from services.rules.store import RulesCache

EXTENSION = "triage_rules"
# Names rules may test besides the answers (see services.rules.engine.Facts).
PSEUDO_FIELDS = frozenset({"service", "kind"})


def rules_vocabulary() -> Vocabulary:
    """The services and answer fields there are, so a misspelt one in the rules is refused."""
    from frontcounter.catalogue import SERVICES

    names: set[str] = set(PSEUDO_FIELDS)
    for service in SERVICES.values():
        names.update(service.journey.schema().fields)
    return Vocabulary(services=frozenset(SERVICES), fields=frozenset(names))


def init_triage_rules(app: Flask) -> None:
    """Refuse to start with a rules file that is not valid, saying where and why."""
    vocabulary = rules_vocabulary()
    try:
        rules = load_rules_file(app.config["TRIAGE_RULES_FILE"], vocabulary)
    except RulesError as error:
        raise ConfigError(f"Front Counter cannot start (TRIAGE_RULES_FILE): {error}") from error
    app.extensions[EXTENSION] = RulesCache(fallback=rules, vocabulary=vocabulary)


def current_rules() -> Rules:
    """The rules in force: the newest published version, or the configured file before any."""
    cache: RulesCache = current_app.extensions[EXTENSION]
    return cache.current(db.session)
