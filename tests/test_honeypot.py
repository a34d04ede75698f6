"""The honeypot: on every public form, hidden from people; filled in, nothing is stored."""

from __future__ import annotations

import logging

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from sqlalchemy import func, select

from frontcounter.honeypot import HONEYPOT_FIELD
from frontcounter.logs import JsonFormatter
from services.db import db
from services.drafts import page_answers
from services.models import Draft, Submission
from tests.journeys import CRIME, crime_pages, send, walk
from tests.pages import PageClient
from tests.test_api import crime_answers
from tests.test_api import post as api_post

BOT_VALUE = "http://cheap-watches.example"
REFUSED = {"en": "Sorry, we could not read what you sent", "cy": "Mae’n ddrwg gennym, nid oeddem yn gallu darllen yr hyn a anfonoch chi"}


def check_honeypot(soup: BeautifulSoup, where: str) -> None:
    """Exactly one honeypot per form, inside a hidden wrapper, out of the tab order, not autofilled."""
    forms = soup.select("main form")
    assert forms, f"{where}: no form"
    for form in forms:
        [trap] = form.find_all("input", attrs={"name": HONEYPOT_FIELD})
        wrapper = trap.find_parent("div")
        assert wrapper is not None and wrapper.has_attr("hidden") and wrapper.get("aria-hidden") == "true", where
        assert "fc-honeypot" in wrapper.get("class", []), where
        assert trap.get("type") == "text" and trap.get("value") == "", where
        assert trap.get("autocomplete") == "off" and trap.get("tabindex") == "-1", where
        label = wrapper.find("label")
        assert label is not None and label.get("for") == trap.get("id"), where


def drafts(app: Flask) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(Draft)) or 0)


def submissions(app: Flask) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(Submission)) or 0)


def test_every_crime_page_and_check_answers_carries_the_honeypot(app: Flask, client: PageClient) -> None:
    pages = crime_pages(property_involved="yes")
    client.get(CRIME)
    for page_id, data in pages:
        page = client.get(f"{CRIME}/{page_id}")
        check_honeypot(page.soup, page_id)
        client.post(f"{CRIME}/{page_id}", data, expected=302)
    check_honeypot(client.get(f"{CRIME}/check-your-answers").soup, "check answers")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_filled_honeypot_on_the_first_page_stores_nothing(
    app: Flask, language: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = PageClient(app, language=language)
    page = client.post(f"{CRIME}/happening-now", {"happening_now": "no", HONEYPOT_FIELD: BOT_VALUE}, expected=400)
    assert page.soup.find("html").get("lang") == language
    assert page.h1 == REFUSED[language]
    assert drafts(app) == 0
    events = [r for r in caplog.records if getattr(r, "event", None) == "honeypot_filled"]
    assert len(events) == 1 and events[0].status == 400  # type: ignore[attr-defined]
    assert BOT_VALUE not in "\n".join(JsonFormatter().format(record) for record in caplog.records)


def test_a_filled_honeypot_mid_journey_changes_no_saved_answer(app: Flask, client: PageClient) -> None:
    pages = crime_pages()
    walk(client, CRIME, pages)
    with app.app_context():
        [draft] = db.session.scalars(select(Draft)).all()
        before = {page_id: (saved.raw, saved.data) for page_id, saved in page_answers(draft).items()}
        saved_at = draft.updated_at
    client.post(f"{CRIME}/reporter-role", {"reporter_role": "witness", HONEYPOT_FIELD: BOT_VALUE}, expected=400)
    with app.app_context():
        [draft] = db.session.scalars(select(Draft)).all()
        after = {page_id: (saved.raw, saved.data) for page_id, saved in page_answers(draft).items()}
        assert after == before and draft.updated_at == saved_at
    # Sending with it filled stores no submission; the person's own send still works.
    client.post(f"{CRIME}/check-your-answers", {HONEYPOT_FIELD: BOT_VALUE}, expected=400)
    assert submissions(app) == 0
    send(client, CRIME)
    assert submissions(app) == 1


def test_an_empty_honeypot_works_as_before(app: Flask, client: PageClient) -> None:
    client.post(f"{CRIME}/happening-now", {"happening_now": "no", HONEYPOT_FIELD: ""}, expected=302)
    client.post(f"{CRIME}/reporter-role", {"reporter_role": "victim", HONEYPOT_FIELD: "  "}, expected=302)
    assert drafts(app) == 1


def test_the_api_ignores_the_honeypot(app: Flask) -> None:
    from services.api_keys import create_api_key
    from services.enums import Channel

    with app.app_context():
        key = create_api_key("101 voice assistant", Channel.VOICE)[1]
    body = {"service": "report-a-crime", "answers": crime_answers(), HONEYPOT_FIELD: BOT_VALUE}
    response = api_post(app.test_client(), body, key)
    assert response.status_code == 201, response.get_data(as_text=True)
    assert submissions(app) == 1


def test_the_tracking_page_carries_the_honeypot_and_refuses_it_filled(app: Flask, client: PageClient) -> None:
    check_honeypot(client.get("/check-a-report").soup, "check a report")
    guess = {"reference": "WMP-AAAA-BBBB", "contact": "someone@example.com"}
    page = client.post("/check-a-report", {**guess, HONEYPOT_FIELD: BOT_VALUE}, expected=400)
    assert page.h1 == REFUSED["en"]
