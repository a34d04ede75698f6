"""The rules on a real database: applied to each triage item as a report is sent (through the
web journey and the intake API), and published by `flask rules reload` to every process."""

from __future__ import annotations

import os
import subprocess  # nosec B404: runs the project's own CLI in a second process
import sys
from datetime import timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from frontcounter.triage_rules import current_rules
from services.db import db
from services.models import Submission, TriageItem
from services.rules import DEFAULT_RULES_PATH
from services.rules.store import TriageRuleSet
from tests.conftest import TEST_SECRET, make_test_app
from tests.journeys import CRIME, crime_pages, send, walk
from tests.pages import PageClient
from tests.test_api import api_key, crime_answers, post  # noqa: F401 (api_key is a fixture)

PROJECT = Path(__file__).resolve().parent.parent


def item_for(app: Flask, reference: str) -> TriageItem:
    with app.app_context():
        item = db.session.scalars(
            select(TriageItem).join(Submission).where(Submission.reference == reference)
        ).one()
        db.session.expunge(item)
        return item


def test_a_welsh_report_mentioning_a_knife_is_flagged_explained_allocated_and_classified(
    app: Flask, welsh_client: PageClient
) -> None:
    account = "Daeth dyn ata i gyda chyllell a chipio fy ffôn o fy llaw. Mae PC Jones yn gwybod amdano fe."
    walk(welsh_client, CRIME, crime_pages(description=account))
    item = item_for(app, send(welsh_client, CRIME))

    assert item.vulnerability == ["weapon"]
    assert item.flag_reasons == [{"flag": "weapon", "rule": "words_weapon", "reason": "free text mentions a weapon"}]
    assert item.urgency == 45
    assert item.target_at - item.created_at == timedelta(hours=4)
    assert (item.suggested_incident_category, item.suggested_crime_class) == ("Crime - Theft", "Theft from the person")
    assert item.suggested_unit == item.unit == "force_contact"
    assert item.quality_flags == [{"flag": "officer_named", "reason": "mentions a police officer"}]
    # No property was described: the question for the reporter is in Welsh, as they wrote.
    assert item.completeness_issues == [{
        "check": "theft_no_property",
        "reason": "no stolen property described",
        "question": "Beth gafodd ei gymryd? Disgrifiwch bob eitem, gydag unrhyw rifau cyfresol a'i gwerth.",
    }]


def test_an_ordinary_report_is_not_flagged_and_gets_the_untriaged_target(app: Flask, client: PageClient) -> None:
    walk(client, CRIME, crime_pages())
    item = item_for(app, send(client, CRIME))
    assert (item.vulnerability, item.flag_reasons, item.urgency) == ([], [], 0)
    assert item.target_at - item.created_at == timedelta(hours=24)
    assert item.suggested_crime_class == "Bicycle theft" and item.unit == "force_contact"


def test_a_report_through_the_intake_api_is_triaged_by_the_rules_too(app: Flask, api_key: str) -> None:  # noqa: F811
    answers = crime_answers(category="hate", hostility=["race"], property_involved=None,
                            description="They shouted racist abuse and had a knife.")
    response = post(app.test_client(), {"service": "report-a-crime", "language": "en", "answers": answers}, api_key)
    assert response.status_code == 201, response.get_json()
    item = item_for(app, response.get_json()["reference"])
    assert set(item.vulnerability) == {"hate_crime", "weapon"}
    assert {reason["rule"] for reason in item.flag_reasons} == {"hate_category", "hostility_given", "words_hate", "words_weapon"}
    assert item.urgency == 30 + 45
    assert item.unit == "hate_crime_unit"
    assert item.suggested_crime_class == "Racially/religiously aggravated public fear, alarm or distress"


def force_rules(tmp_path: Path) -> Path:
    """The default rules with one change a force might make: bicycle theft to neighbourhood policing."""
    text = DEFAULT_RULES_PATH.read_text(encoding="utf-8").replace(
        "allocation:\n",
        "allocation:\n  - id: bikes_to_neighbourhood\n    unit: neighbourhood_policing\n"
        "    match: {flags: [], services: [report-a-crime]}\n",
        1,
    )
    path = tmp_path / "force-rules.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def unit_of_a_new_report(app: Flask) -> str | None:
    client = PageClient(app)
    walk(client, CRIME, crime_pages())
    return item_for(app, send(client, CRIME)).unit


def test_an_invalid_file_is_not_published_and_the_rules_in_force_stay(app: Flask, tmp_path: Path) -> None:
    path = force_rules(tmp_path)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["rules", "reload", str(path)])
    assert result.exit_code == 1
    assert "signals[0]" not in result.output and "match.flags: Shorter than minimum length 1." in result.output
    assert "Nothing was changed" in result.output
    with app.app_context():
        assert db.session.scalars(select(TriageRuleSet)).all() == []


def test_reload_in_one_app_changes_the_rules_of_another_on_the_same_database(
    app: Flask, database_url: str, tmp_path: Path
) -> None:
    other = make_test_app(database_url)  # a second web process, with its own rules cache
    path = tmp_path / "force-rules.yaml"
    path.write_text(force_rules(tmp_path).read_text(encoding="utf-8").replace("match: {flags: [], services:", "match: {services:"),
                    encoding="utf-8")
    assert unit_of_a_new_report(other) == "force_contact"

    result = app.test_cli_runner().invoke(args=["rules", "reload", str(path)])
    assert result.exit_code == 0, result.output
    assert "Published force-rules.yaml as version" in result.output

    assert unit_of_a_new_report(other) == "neighbourhood_policing"
    with other.app_context():
        assert current_rules().unit_label("neighbourhood_policing", "cy") == "Plismona Bro"
    again = app.test_cli_runner().invoke(args=["rules", "reload", str(path)])
    assert "already in force" in again.output
    status = other.test_cli_runner().invoke(args=["rules", "status"])
    assert "in force, from force-rules.yaml" in status.output
    assert "differs from it" in status.output  # the configured file is still the default

    # Publishing the default again puts it back in force everywhere.
    back = app.test_cli_runner().invoke(args=["rules", "reload"])
    assert back.exit_code == 0, back.output
    assert unit_of_a_new_report(other) == "force_contact"


def test_reload_from_a_separate_process_reaches_a_running_app(app: Flask, database_url: str, tmp_path: Path) -> None:
    path = tmp_path / "force-rules.yaml"
    path.write_text(force_rules(tmp_path).read_text(encoding="utf-8").replace("match: {flags: [], services:", "match: {services:"),
                    encoding="utf-8")
    assert unit_of_a_new_report(app) == "force_contact"
    env = {**os.environ, "APP_ENV": "test", "DATABASE_URL": database_url, "SECRET_KEY": TEST_SECRET,
           "EVIDENCE_DIR": str(tmp_path / "evidence"), "LOG_LEVEL": "WARNING"}
    done = subprocess.run(  # nosec B603: fixed arguments, no shell
        [sys.executable, "-m", "flask", "--app", "wsgi", "rules", "reload", str(path)],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Published force-rules.yaml" in done.stdout
    assert unit_of_a_new_report(app) == "neighbourhood_policing"


def test_a_published_version_this_process_cannot_use_leaves_the_rules_in_use(app: Flask, tmp_path: Path) -> None:
    from datetime import UTC, datetime

    with app.app_context():
        before = current_rules()
        # As a newer release might publish: a key this release does not know.
        db.session.add(TriageRuleSet(sha256="0" * 64, source="newer.yaml", published_at=datetime.now(UTC),
                                     document=DEFAULT_RULES_PATH.read_text(encoding="utf-8") + "\nnew_section: {}\n"))
        db.session.commit()
        assert current_rules() is before
        assert current_rules() is before  # refused once, not parsed again on every call
    result = app.test_cli_runner().invoke(args=["rules", "reload"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert current_rules() is not before
        assert current_rules().sha256 == before.sha256
