"""The force's triage rules: a file the force edits without code changes, checked when it
is loaded, and applied to every submission when its triage item is made.

docs/triage-rules.md describes the file; services/rules/default_rules.yaml is the default.
"""

from services.rules.engine import Facts, FiredSignal, RulesOutcome, evaluate, facts_for, urgency_score
from services.rules.loading import DEFAULT_RULES_PATH, RulesError, load_rules_file, load_rules_text
from services.rules.model import Rules, Words
from services.rules.schema import Vocabulary
from services.rules.targets import TargetState, target_for, target_state, warning_window

__all__ = [
    "DEFAULT_RULES_PATH",
    "Facts",
    "FiredSignal",
    "Rules",
    "RulesError",
    "RulesOutcome",
    "TargetState",
    "Vocabulary",
    "Words",
    "evaluate",
    "facts_for",
    "load_rules_file",
    "load_rules_text",
    "target_for",
    "target_state",
    "urgency_score",
    "warning_window",
]
