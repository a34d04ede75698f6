"""A rules file that is not valid is refused, at start-up and by `flask rules check`, with
the line and key of each problem; the default file is valid and reads every free-text answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from marshmallow import fields

from frontcounter.catalogue import SERVICES
from frontcounter.config import ConfigError
from frontcounter.triage_rules import rules_vocabulary
from services.rules import DEFAULT_RULES_PATH, RulesError, load_rules_file, load_rules_text
from tests.conftest import make_test_app

FLAGS = "\n".join(
    f"  {flag}: {{weight: 10, label: {{en: {flag}, cy: {flag}}}}}"
    for flag in ("under_18", "domestic_abuse", "hate_crime", "repeat_victim", "mental_health", "disability",
                 "self_harm_risk", "elderly", "language_barrier", "weapon")
)
TARGETS = "\n".join(
    f"  {key}: {{target: 4h, warn_before: 1h}}"
    for key in ("untriaged", "untriaged_vulnerable", "emergency", "priority", "scheduled", "resolution_without_deployment")
)
VALID = f"""format: 1
text_fields: [description]
flags:
{FLAGS}
units:
  force_contact: {{en: Force Contact, cy: Cyswllt yr Heddlu}}
default_unit: force_contact
targets:
{TARGETS}
signals:
  - id: words_weapon
    flag: weapon
    reason: {{en: free text mentions a weapon, cy: mae'r testun yn sôn am arf}}
    match:
      words: {{en: [knife], cy: [cyllell]}}
"""


def problems(text: str, vocabulary: bool = False) -> list[str]:
    with pytest.raises(RulesError) as raised:
        load_rules_text(text, source="force.yaml", vocabulary=rules_vocabulary() if vocabulary else None)
    assert str(raised.value).startswith("The triage rules in force.yaml are not valid:")
    return raised.value.problems


def test_the_minimal_document_used_below_is_valid() -> None:
    rules = load_rules_text(VALID, source="force.yaml", vocabulary=rules_vocabulary())
    assert [signal.id for signal in rules.signals] == ["words_weapon"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # YAML that does not parse: the line is named.
        (lambda t: t.replace("default_unit: force_contact", "default_unit: [force_contact"), "not valid YAML"),
        # A key given twice would otherwise be silently replaced.
        (lambda t: t.replace("text_fields: [description]", "text_fields: [description]\ntext_fields: [account]"),
         "line 3: not valid YAML (the key 'text_fields' is given twice)"),
        # Both languages are required for every reason.
        (lambda t: t.replace("reason: {en: free text mentions a weapon, cy: mae'r testun yn sôn am arf}",
                             "reason: {en: free text mentions a weapon}"),
         "line 27, signals[0].reason.cy: Missing data for required field."),
        # A misspelt key.
        (lambda t: t.replace("    reason:", "    reasn:"), "line 27, signals[0].reasn: Unknown field."),
        # A flag nobody declared.
        (lambda t: t.replace("flag: weapon", "flag: wepon"), "line 26, signals[0].flag: Flag wepon is not listed under flags."),
        # A unit nobody declared.
        (lambda t: t.replace("default_unit: force_contact", "default_unit: hate_unit"),
         "default_unit: Unit hate_unit is not listed under units."),
        (lambda t: t.replace("untriaged: {target: 4h", "untriaged: {target: 4 hours"),
         "targets.untriaged.target: Give a duration like 15m, 4h, 2d or 1h30m."),
        (lambda t: t.replace("emergency: {target: 4h, warn_before: 1h}", "emergency: {target: 15m, warn_before: 30m}"),
         "targets.emergency.warn_before: The warning must come before the target"),
        (lambda t: t.replace("en: [knife]", "en: [kn*fe]"), "signals[0].match.words.en[0]: A * may only end a word."),
        (lambda t: t.replace("en: [knife]", "en: [kn*]"), "A * needs at least 3 letters right before it."),
        (lambda t: t.replace("en: [knife]", "en: [death *]"), "A * needs at least 3 letters right before it."),
        (lambda t: t.replace("  language_barrier: {weight: 10, label: {en: language_barrier, cy: language_barrier}}\n", ""),
         "flags: Give a weight and label for the platform's flag language_barrier."),
        (lambda t: t.replace("format: 1", "format: 2"), "line 1, format: This version reads format 1."),
        (lambda t: t + "  - id: words_weapon\n    flag: weapon\n    reason: {en: a, cy: b}\n    match: {flags: [weapon]}\n",
         "line 30, signals[1].id: Rule id words_weapon is used twice"),
        (lambda t: t + "  - id: two_tests\n    flag: weapon\n    reason: {en: a, cy: b}\n"
                       "    match: {answers: [{field: category, any_of: [theft], missing: true}]}\n",
         "signals[1].match.answers[0].field: Give exactly one of any_of"),
        (lambda t: t + "  - id: fires_always\n    flag: weapon\n    reason: {en: a, cy: b}\n    match: {services: [report-a-crime]}\n",
         "signals[1].match: Say when this rule fires"),
        (lambda t: t + "classification:\n  - id: too_long\n    incident_category: Crime - Theft\n"
                       f"    crime_class: {'x' * 65}\n    match: {{services: [report-a-crime]}}\n",
         "classification[0].crime_class: Length must be between 1 and 64."),
    ],
)
def test_a_malformed_file_is_refused_naming_the_line_and_key(change, expected: str) -> None:  # type: ignore[no-untyped-def]
    found = problems(change(VALID))
    assert any(expected in problem for problem in found), found
    assert all(problem.startswith("line ") for problem in found), found


def test_services_and_answer_fields_that_do_not_exist_are_refused() -> None:
    text = VALID + ("  - id: typo\n    flag: weapon\n    reason: {en: a, cy: b}\n"
                    "    match: {services: [report-a-crme], answers: [{field: categroy, any_of: [theft]}]}\n")
    found = problems(text, vocabulary=True)
    assert "line 33, signals[1].match.services[0]: There is no service called report-a-crme." in found
    assert "line 33, signals[1].match.answers[0].field: No service asks a question called categroy." in found


def test_files_that_are_not_rules_at_all_are_refused() -> None:
    assert problems("just words") == ["line 1: the file must be a YAML mapping (keys and values)"]
    assert problems("") == ["line 1: the file must be a YAML mapping (keys and values)"]
    with pytest.raises(RulesError, match="not UTF-8"):
        load_rules_text(b"\xff\xfe", source="force.yaml")
    with pytest.raises(RulesError, match="cannot be read"):
        load_rules_file("/nonexistent/rules.yaml")


def test_yes_and_no_stay_words_so_answers_can_be_matched(tmp_path: Path) -> None:
    text = VALID + "  - id: yes_no\n    flag: weapon\n    reason: {en: a, cy: b}\n    match: {answers: [{field: x, any_of: [yes, no]}]}\n"
    rules = load_rules_text(text, source="force.yaml")
    assert rules.signals[1].match.answers[0].any_of == frozenset({"yes", "no"})


def test_the_default_rules_read_every_long_free_text_answer() -> None:
    """A new free-text question must be added to text_fields (or here, saying why not)."""
    # Names, addresses and the procedural details of applications and requests: not accounts.
    not_read = {"previous_names", "subject_previous_names", "subject_other_names", "responsible_name",
                "previous_addresses", "subject_previous_addresses", "subject_address", "shooting_land", "other_reasons",
                "shotgun_use", "storage_description", "storage_address", "court_order_details", "needed_by_reason",
                "other_insurance", "collision_location", "documents_other", "footage_access", "registration_unknown_reason"}
    rules = load_rules_file(DEFAULT_RULES_PATH, rules_vocabulary())
    read = {name.split(".")[0] for name in rules.text_fields}
    long_text = {
        name
        for service in SERVICES.values()
        for name, field in service.journey.schema().fields.items()
        if type(field) is fields.String and any(getattr(v, "max", 0) and v.max >= 500 for v in field.validators)
    }
    assert long_text - read - not_read == set()


def test_the_app_does_not_start_with_a_rules_file_that_is_not_valid(database_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "force-rules.yaml"
    bad.write_text(VALID.replace("flag: weapon", "flag: wepon"), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        make_test_app(database_url, TRIAGE_RULES_FILE=str(bad))
    message = str(raised.value)
    assert "TRIAGE_RULES_FILE" in message and "force-rules.yaml" in message
    assert "line 26, signals[0].flag: Flag wepon is not listed under flags." in message


def test_the_app_starts_with_a_valid_file_of_the_forces_own(database_url: str, tmp_path: Path) -> None:
    good = tmp_path / "force-rules.yaml"
    good.write_text(VALID, encoding="utf-8")
    app = make_test_app(database_url, TRIAGE_RULES_FILE=str(good))
    assert app.config["TRIAGE_RULES_FILE"] == str(good)


def test_flask_rules_check_summarises_a_valid_file_and_refuses_a_bad_one(app: Flask, tmp_path: Path) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["rules", "check"])
    assert result.exit_code == 0, result.output
    assert "default_rules.yaml is valid." in result.output
    assert "signals by flag:" in result.output and "weapon" in result.output
    assert "untriaged_vulnerable 4h00m (warn 1h00m before)" in result.output

    tried = runner.invoke(args=["rules", "check", "--text", "Roedd ganddo gyllell"])
    assert "signal words_weapon: weapon +45 (free text mentions a weapon)" in tried.output

    bad = tmp_path / "bad.yaml"
    bad.write_text(VALID.replace("cy: [cyllell]", "cy: [cyll*ell]"), encoding="utf-8")
    refused = runner.invoke(args=["rules", "check", str(bad)])
    assert refused.exit_code == 1
    assert "The triage rules in bad.yaml are not valid" in refused.output
    assert "signals[0].match.words.cy[0]: A * may only end a word." in refused.output
