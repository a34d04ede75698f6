"""Nothing is lost and nothing is half-stored: failures, CSRF and expired drafts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

import services.submissions
from services.db import db
from services.drafts import purge_expired_drafts
from services.models import Draft, OutboxMessage, Submission, TriageItem
from services.types import utcnow
from tests.conftest import make_test_app
from tests.journeys import CRIME, answer, crime_pages, send, walk
from tests.pages import PageClient


def row_counts(app: Flask) -> dict[str, int]:
    with app.app_context():
        return {
            model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Submission, OutboxMessage, TriageItem, Draft)
        }


def test_a_failure_writing_the_triage_item_stores_nothing_and_keeps_the_draft(
    app: Flask, client: PageClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    walk(client, CRIME, crime_pages())

    def broken_triage(*args: object, **kwargs: object) -> None:
        raise RuntimeError("triage table unavailable")

    monkeypatch.setattr(services.submissions, "add_triage_item", broken_triage)
    page = client.post(f"{CRIME}/check-your-answers", {}, expected=500)
    assert page.h1 == "Sorry, there is a problem with the service"
    assert "still there" in page.text
    assert row_counts(app) == {"submissions": 0, "outbox_messages": 0, "triage_items": 0, "drafts": 1}

    monkeypatch.undo()
    check = client.get(f"{CRIME}/check-your-answers")
    assert check.summary_rows()["Tell us what happened, in your own words"] == "My bike was taken from the rack."
    send(client, CRIME)
    # One message for the national platform, one for the confirmation email.
    assert row_counts(app) == {"submissions": 1, "outbox_messages": 2, "triage_items": 1, "drafts": 1}


def test_a_post_without_a_csrf_token_is_refused_and_the_draft_kept(app: Flask, client: PageClient) -> None:
    answer(client, CRIME, "happening-now", {"happening_now": "no"})
    answer(client, CRIME, "reporter-role", {"reporter_role": "witness"})
    page = client.post(f"{CRIME}/category", {"category": "theft"}, expected=400, csrf=False)
    assert page.h1 == "Your page was out of date"
    assert page.soup.find("a", string=lambda s: s and "Return to the page" in s)["href"] == f"{CRIME}/category"
    bad_token = client.post(f"{CRIME}/category", {"category": "theft", "csrf_token": "forged"}, expected=400, csrf=False)
    assert bad_token.h1 == "Your page was out of date"
    back = client.get(f"{CRIME}/reporter-role")
    assert back.checked("reporter_role") == ["witness"]
    assert row_counts(app)["drafts"] == 1


def test_sending_without_a_csrf_token_stores_nothing(app: Flask, client: PageClient) -> None:
    walk(client, CRIME, crime_pages())
    client.post(f"{CRIME}/check-your-answers", {}, expected=400, csrf=False)
    assert row_counts(app)["submissions"] == 0


def test_an_expired_draft_is_explained_and_purged(app: Flask, client: PageClient) -> None:
    answer(client, CRIME, "happening-now", {"happening_now": "no"})
    with app.app_context():
        draft = db.session.scalars(select(Draft)).one()
        draft.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    page = client.get(f"{CRIME}/reporter-role", expected=302)
    assert page.response.headers["Location"].endswith(f"{CRIME}/answers-deleted")
    deleted = client.get(f"{CRIME}/answers-deleted")
    assert deleted.h1 == "Your answers have been deleted"
    result = app.test_cli_runner().invoke(args=["drafts", "purge"])
    assert result.exit_code == 0 and "Removed 1 expired draft" in result.output
    assert row_counts(app)["drafts"] == 0


def test_keep_alive_extends_a_live_draft(app: Flask, client: PageClient) -> None:
    answer(client, CRIME, "happening-now", {"happening_now": "no"})
    with app.app_context():
        draft = db.session.scalars(select(Draft)).one()
        draft.expires_at = utcnow() + timedelta(minutes=2)
        db.session.commit()
    response = client.http.post(f"{CRIME}/keep-alive", headers={"X-CSRFToken": client.token()})
    assert response.status_code == 200 and response.json["status"] == "ok"
    with app.app_context():
        assert db.session.scalars(select(Draft)).one().expires_at > utcnow() + timedelta(minutes=55)


def test_purge_keeps_live_drafts(app: Flask, client: PageClient) -> None:
    answer(client, CRIME, "happening-now", {"happening_now": "no"})
    with app.app_context():
        assert purge_expired_drafts() == 0
    assert row_counts(app)["drafts"] == 1


def test_a_submitted_draft_starts_a_new_report_next_time(app: Flask, client: PageClient) -> None:
    walk(client, CRIME, crime_pages())
    first = send(client, CRIME)
    start = client.get(f"{CRIME}/happening-now")
    assert start.checked("happening_now") == []
    walk(client, CRIME, crime_pages(role="witness"))
    assert send(client, CRIME) != first
    assert row_counts(app)["submissions"] == 2


def test_readiness_fails_when_the_database_is_unreachable() -> None:
    broken = make_test_app("postgresql+psycopg://nobody@127.0.0.1:1/none")
    response = broken.test_client().get("/readyz")
    assert response.status_code == 503 and response.json["database"] == "unreachable"
    assert broken.test_client().get("/healthz").status_code == 200


def test_a_server_error_logs_no_personal_data(
    app: Flask, client: PageClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    walk(client, CRIME, crime_pages(description="Secret account by Zebedee Quux"))

    def broken_triage(*args: object, **kwargs: object) -> None:
        raise RuntimeError("failed while storing 'Secret account by Zebedee Quux' for ann@example.com")

    monkeypatch.setattr(services.submissions, "add_triage_item", broken_triage)
    with caplog.at_level("DEBUG"):
        client.post(f"{CRIME}/check-your-answers", {}, expected=500)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "RuntimeError" in logged
    for personal in ("Zebedee", "ann@example.com", "Ann Example", "B4 6NQ"):
        assert personal not in logged
