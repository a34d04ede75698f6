"""Report anti-social behaviour end to end: routing, payload, flags, and every rule in English and Welsh."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from babel.support import Translations
from flask import Flask
from sqlalchemy import func, select

from forms import asb as asb_forms
from services.db import db
from services.journeys.asb import ASB_JOURNEY, AsbReportSchema
from services.models import Draft, OutboxMessage, Submission, TriageItem
from services.references import is_valid_reference
from tests.contract import contract_errors
from tests.journeys import CONTACT, answer, send, walk
from tests.pages import PageClient

ASB = "/report-anti-social-behaviour"
TRANSLATIONS = Translations.load(str(Path(__file__).resolve().parent.parent / "translations"), ["cy"])
ACCOUNT = "Every night a group gathers outside the shops, shouting, drinking and throwing bottles."


def asb_pages(
    asb_type: str = "nuisance",
    target: str = "you",
    frequency: str = "weekly",
    responsible: str = "no",
    reported_before: str = "no",
    **changes: Any,
) -> list[tuple[str, dict[str, Any]]]:
    """The pages someone reporting this kind of anti-social behaviour sees, with answers that pass."""
    pages: list[tuple[str, dict[str, Any]]] = [
        ("happening-now", {"happening_now": "no"}),
        ("asb-type", {"asb_type": asb_type}),
    ]
    if asb_type == "personal":
        pages.append(("aimed-at", {"asb_target": target}))
        pages.append(("hostility", {"hostility": changes.get("hostility", ["none"])}))
    pages.append(("behaviour", {"behaviours": changes.get("behaviours", ["rowdy", "noise"]), "behaviour_other": changes.get("behaviour_other", "")}))
    pages.append(("description", {"description": changes.get("description", ACCOUNT)}))
    pages.append(("still-happening", {"ongoing": "yes"}))
    pages.append(("how-often", {"frequency": frequency}))
    if frequency == "once":
        pages.append(("when-once", changes.get("when_once", {"occurred_on-day": "3", "occurred_on-month": "11", "occurred_on-year": "2026", "occurred_time": "22:15"})))
    else:
        pages.append(("when-started", {
            "started_on-day": "1", "started_on-month": "9", "started_on-year": "2026",
            "last_occurred_on-day": "20", "last_occurred_on-month": "11", "last_occurred_on-year": "2026",
        }))
    pages.append(("where", {"postcode": "b4 6nq", "location_description": "Outside the shops on High Street"}))
    pages.append(("who-affected", {"affected": ["you", "neighbours"]}))
    pages.append(("impact", {"impact": changes.get("impact", ["sleep", "feel_unsafe"]), "impact_details": ""}))
    pages.append(("responsible", {"responsible_known": responsible}))
    if responsible != "no":
        pages.append(("responsible-details", {"responsible_name": "The people at number 12", "responsible_description": ""}))
    pages.append(("reported-before", {"reported_before": reported_before, "previous_reference": "WMP-1234-ABCD" if reported_before == "yes" else ""}))
    pages.append(("evidence", {}))
    if asb_type == "personal":
        pages.append(("risk", {"risk_factors": changes.get("risk_factors", ["none"])}))
    if asb_type == "personal" and target == "you":
        pages.append(("your-details", {"full_name": "Ann Example", "date_of_birth-day": "14", "date_of_birth-month": "2", "date_of_birth-year": "1990"}))
    else:
        pages.append(("your-name", {"full_name": "Wil Witness"}))
    pages.extend(CONTACT)
    return pages


def counts(app: Flask) -> tuple[int, int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count()).select_from(Submission)),
            db.session.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.topic == "platform.submission")),
            db.session.scalar(select(func.count()).select_from(TriageItem)),
        )


def stored(app: Flask, reference: str) -> tuple[dict[str, Any], TriageItem]:
    with app.app_context():
        submission = db.session.scalars(select(Submission).where(Submission.reference == reference)).one()
        item = db.session.scalars(select(TriageItem).where(TriageItem.submission_id == submission.id)).one()
        db.session.expunge(item)
        return submission.payload, item


# ---- End to end -----------------------------------------------------------------------------

@pytest.mark.parametrize(("asb_type", "target", "role"), [
    ("personal", "you", "victim"),
    ("personal", "someone_else", "witness"),
    ("nuisance", "you", "witness"),
    ("environmental", "you", "witness"),
])
@pytest.mark.parametrize("language", ["en", "cy"])
def test_each_kind_completes_the_journey(app: Flask, language: str, asb_type: str, target: str, role: str) -> None:
    client = PageClient(app, language=language)
    check = walk(client, ASB, asb_pages(asb_type=asb_type, target=target))
    assert ACCOUNT in check.summary_rows().values()
    reference = send(client, ASB)

    assert is_valid_reference(reference, "WMP")
    assert counts(app) == (1, 1, 1)
    payload, _item = stored(app, reference)
    assert payload["service"] == "report-anti-social-behaviour" and payload["kind"] == "incident"
    assert payload["category"] == f"asb-{asb_type}"
    assert payload["reporter"]["role"] == role
    assert payload["language"] == language
    assert contract_errors("Submission", payload) == []
    if language == "cy":
        questions = {row["question_id"]: row["question"] for row in payload["answers"]}
        assert questions["asb-type.asb_type"] != "What kind of anti-social behaviour is it?"
    confirmation = client.get(f"{ASB}/confirmation")
    assert reference in confirmation.text
    next_steps = "If it happens again, report each time it happens and keep a note of dates and times. Give us your reference number so we can link your reports."
    assert (TRANSLATIONS.gettext(next_steps) if language == "cy" else next_steps) in confirmation.text


def test_payload_maps_the_answers_onto_the_contract(app: Flask, client: PageClient) -> None:
    pages = asb_pages(behaviours=["intimidation", "other"], behaviour_other="Setting fires in bins", responsible="known", reported_before="yes")
    walk(client, ASB, pages)
    payload, item = stored(app, send(client, ASB))

    assert payload["summary"] == ACCOUNT
    assert payload["location"] == {"postcode": "B4 6NQ", "description": "Outside the shops on High Street"}
    assert payload["occurred"] == {"from": "2026-09-01T00:00:00+01:00", "to": "2026-11-20T23:59:59+00:00", "approximate": True}
    assert payload["reporter"] == {
        "role": "witness", "name": "Wil Witness", "email": "ann@example.com", "phone": "07700 900982",
        "preferred_contact": "email", "address": {"lines": ["1 High Street"], "town": "Birmingham", "postcode": "B4 6NQ"},
    }
    answers = {row["question_id"]: row["answer"] for row in payload["answers"]}
    assert answers["behaviour.behaviours"] == "Intimidating or threatening behaviour, Something else"
    assert answers["behaviour.behaviour_other"] == "Setting fires in bins"
    assert answers["responsible-details.responsible_name"] == "The people at number 12"
    assert answers["reported-before.previous_reference"] == "WMP-1234-ABCD"
    assert answers["how-often.frequency"] == "Every week"
    assert payload["flags"] == {"vulnerability": [], "safe_to_contact": True}
    # Reported before: the force's triage rules flag a repeat victim on the queue only.
    assert item.vulnerability == ["repeat_victim"]
    assert item.target_at - item.created_at == timedelta(hours=4)
    assert contract_errors("Submission", payload) == []


def test_a_single_incident_with_a_time_is_exact_and_without_one_is_the_whole_day(app: Flask, client: PageClient) -> None:
    walk(client, ASB, asb_pages(frequency="once"))
    payload, _ = stored(app, send(client, ASB))
    assert payload["occurred"] == {"from": "2026-11-03T22:15:00+00:00", "approximate": False}

    other = PageClient(app)
    no_time = {"occurred_on-day": "3", "occurred_on-month": "11", "occurred_on-year": "2026", "occurred_time": ""}
    walk(other, ASB, asb_pages(frequency="once", when_once=no_time))
    payload, _ = stored(app, send(other, ASB))
    assert payload["occurred"] == {"from": "2026-11-03T00:00:00+00:00", "to": "2026-11-03T23:59:59+00:00", "approximate": True}


def test_repeated_personal_abuse_with_hostility_is_flagged_for_triage(app: Flask, client: PageClient) -> None:
    walk(client, ASB, asb_pages(asb_type="personal", frequency="daily", hostility=["race"], risk_factors=["disability"]))
    payload, item = stored(app, send(client, ASB))
    assert set(payload["flags"]["vulnerability"]) == {"hate_crime", "disability", "repeat_victim"}
    assert set(item.vulnerability) == {"hate_crime", "disability", "repeat_victim"}
    assert item.urgency > 0 and item.target_at - item.created_at == timedelta(hours=4)
    assert payload["reporter"]["date_of_birth"] == "1990-02-14"


@pytest.mark.parametrize(("frequency", "reported_before", "repeat"), [
    ("once", "no", False),
    ("once", "yes", True),
    ("a_few_times", "no", True),
])
def test_repeat_victimisation_is_raised_only_when_it_is_repeated(app: Flask, client: PageClient, frequency: str, reported_before: str, repeat: bool) -> None:
    walk(client, ASB, asb_pages(asb_type="personal", frequency=frequency, reported_before=reported_before))
    payload, _ = stored(app, send(client, ASB))
    assert ("repeat_victim" in payload["flags"]["vulnerability"]) is repeat


def test_nuisance_that_keeps_happening_is_not_repeat_victimisation(app: Flask, client: PageClient) -> None:
    walk(client, ASB, asb_pages(asb_type="nuisance", frequency="more_than_daily", reported_before="yes"))
    payload, _ = stored(app, send(client, ASB))
    assert payload["flags"]["vulnerability"] == []


# ---- Routing ---------------------------------------------------------------------------------

def as_page_data(answers: dict[str, str]) -> dict[str, dict[str, str]]:
    """Answers filed under the page that asks each one, as a draft holds them."""
    data: dict[str, dict[str, str]] = {}
    for name, value in answers.items():
        page_id = next(page for page, form in asb_forms.PAGE_FORMS.items() if hasattr(form, name))
        data.setdefault(page_id, {})[name] = value
    return data


@pytest.mark.parametrize(("answers", "asked", "skipped"), [
    ({"asb_type": "personal", "asb_target": "you"}, {"aimed-at", "hostility", "risk", "your-details"}, {"your-name"}),
    ({"asb_type": "personal", "asb_target": "someone_else"}, {"aimed-at", "hostility", "risk", "your-name"}, {"your-details"}),
    ({"asb_type": "nuisance"}, {"your-name"}, {"aimed-at", "hostility", "risk", "your-details"}),
    ({"asb_type": "environmental"}, {"your-name"}, {"aimed-at", "hostility", "risk", "your-details"}),
    ({"frequency": "once"}, {"when-once"}, {"when-started"}),
    ({"frequency": "daily"}, {"when-started"}, {"when-once"}),
    ({}, set(), {"when-once", "when-started"}),
    ({"responsible_known": "known"}, {"responsible-details"}, set()),
    ({"responsible_known": "can_describe"}, {"responsible-details"}, set()),
    ({"responsible_known": "no"}, set(), {"responsible-details"}),
])
def test_each_branch_asks_only_the_pages_that_fit(answers: dict[str, str], asked: set[str], skipped: set[str]) -> None:
    pages = set(ASB_JOURNEY.applicable_pages(as_page_data(answers)))
    assert asked <= pages
    assert not skipped & pages


def test_happening_now_stores_nothing_and_says_call_999(app: Flask, client: PageClient) -> None:
    client.get(ASB)
    page = client.post(f"{ASB}/happening-now", {"happening_now": "yes"}, expected=302)
    assert page.response.headers["Location"].endswith(f"{ASB}/call-999")
    assert client.get(f"{ASB}/call-999").h1 == "Call 999 now"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def test_changing_to_personal_asks_the_new_questions_and_makes_them_the_victim(app: Flask, client: PageClient) -> None:
    walk(client, ASB, asb_pages(asb_type="nuisance"))
    location = answer(client, ASB, "asb-type", {"asb_type": "personal"}, change=True)
    assert location.endswith(f"{ASB}/aimed-at?change=1")
    location = answer(client, ASB, "aimed-at", {"asb_target": "you"}, change=True)
    assert location.endswith(f"{ASB}/hostility?change=1")
    location = answer(client, ASB, "hostility", {"hostility": ["none"]}, change=True)
    assert location.endswith(f"{ASB}/risk?change=1")
    location = answer(client, ASB, "risk", {"risk_factors": ["none"]}, change=True)
    assert location.endswith(f"{ASB}/your-details?change=1")
    details = {"full_name": "Ann Example", "date_of_birth-day": "1", "date_of_birth-month": "1", "date_of_birth-year": "1940"}
    assert answer(client, ASB, "your-details", details, change=True).endswith(f"{ASB}/check-your-answers")
    payload, _ = stored(app, send(client, ASB))
    assert payload["reporter"]["role"] == "victim" and payload["category"] == "asb-personal"
    assert "elderly" in payload["flags"]["vulnerability"] and "repeat_victim" in payload["flags"]["vulnerability"]


def test_pages_cannot_be_skipped(client: PageClient) -> None:
    assert client.get(f"{ASB}/where", expected=302).response.headers["Location"].endswith(ASB)
    answer(client, ASB, "happening-now", {"happening_now": "no"})
    assert client.get(f"{ASB}/where", expected=302).response.headers["Location"].endswith(f"{ASB}/asb-type")


def test_a_description_under_an_unticked_box_is_not_kept(app: Flask, client: PageClient) -> None:
    walk(client, ASB, asb_pages(behaviours=["graffiti"], behaviour_other="typed, then the box was unticked"))
    payload, _ = stored(app, send(client, ASB))
    assert "behaviour.behaviour_other" not in {row["question_id"] for row in payload["answers"]}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_catalogue_lists_the_service_under_report(app: Flask, language: str) -> None:
    home = PageClient(app, language=language).get("/")
    link = home.soup.find("a", href=ASB)
    assert link is not None
    assert " ".join(link.get_text().split()) == (TRANSLATIONS.gettext("Report anti-social behaviour") if language == "cy" else "Report anti-social behaviour")


def test_the_start_page_is_honest_about_councils_and_gives_other_ways_to_report(client: PageClient) -> None:
    page = client.get(ASB)
    assert page.h1 == "Report anti-social behaviour"
    assert "999" in page.text and "0800 555 111" in page.text and "18001 101" in page.text
    assert page.soup.find("a", href="https://www.gov.uk/find-local-council") is not None
    assert "community trigger" in page.text


# ---- Every rule, in English and Welsh ---------------------------------------------------------

# (page, journey settings, posted data, [(message msgid, link, date name or None)])
CASES: list[tuple[str, dict[str, str], dict[str, Any], list[tuple[str, str, str | None]]]] = [
    ("happening-now", {}, {}, [("Select yes if it is happening now and anyone is in danger", "#happening_now", None)]),
    ("asb-type", {}, {"asb_type": "loud"}, [("Select what kind of anti-social behaviour it is", "#asb_type", None)]),
    ("aimed-at", {"asb_type": "personal"}, {}, [("Select who it is aimed at", "#asb_target", None)]),
    ("hostility", {"asb_type": "personal"}, {}, [("Select what you think the hostility or prejudice is towards, or select no", "#hostility", None)]),
    ("hostility", {"asb_type": "personal"}, {"hostility": ["race", "none"]}, [("Select what the hostility or prejudice is towards, or select no, but not both", "#hostility", None)]),
    ("behaviour", {}, {}, [("Select what is happening", "#behaviours", None)]),
    ("behaviour", {}, {"behaviours": ["other"]}, [("Describe what else is happening", "#behaviour_other", None)]),
    ("behaviour", {}, {"behaviours": ["other"], "behaviour_other": "x" * 501}, [("What else is happening must be 500 characters or fewer", "#behaviour_other", None)]),
    ("description", {}, {"description": "  "}, [("Enter what is happening", "#description", None)]),
    ("description", {}, {"description": "x" * 20_001}, [("What is happening must be 20,000 characters or fewer", "#description", None)]),
    ("still-happening", {}, {"ongoing": "maybe"}, [("Select yes if it is still going on", "#ongoing", None)]),
    ("how-often", {}, {}, [("Select how often it has happened", "#frequency", None)]),
    ("when-once", {"frequency": "once"}, {"occurred_on-day": "", "occurred_on-month": "", "occurred_on-year": ""}, [("Enter the date it happened", "#occurred_on-day", None)]),
    ("when-once", {"frequency": "once"}, {"occurred_on-day": "3", "occurred_on-month": "", "occurred_on-year": "2026"}, [("%(name)s must include a month", "#occurred_on-month", "The date it happened")]),
    ("when-once", {"frequency": "once"}, {"occurred_on-day": "31", "occurred_on-month": "9", "occurred_on-year": "2026"}, [("%(name)s must be a real date", "#occurred_on-day", "The date it happened")]),
    ("when-once", {"frequency": "once"}, {"occurred_on-day": "1", "occurred_on-month": "1", "occurred_on-year": "2999"}, [("%(name)s must be today or in the past", "#occurred_on-day", "The date it happened")]),
    ("when-once", {"frequency": "once"}, {"occurred_on-day": "1", "occurred_on-month": "1", "occurred_on-year": "1900"}, [("%(name)s must be a real date", "#occurred_on-day", "The date it happened")]),
    ("when-once", {"frequency": "once"}, {"occurred_on-day": "1", "occurred_on-month": "1", "occurred_on-year": "2026", "occurred_time": "late"}, [("Enter a real time, like 14:30 or 09:05", "#occurred_time", None)]),
    ("when-started", {}, {}, [("Enter the date it started", "#started_on-day", None), ("Enter the date it last happened", "#last_occurred_on-day", None)]),
    ("when-started", {}, {"started_on-day": "1", "started_on-month": "1", "started_on-year": "2999", "last_occurred_on-day": "1", "last_occurred_on-month": "1", "last_occurred_on-year": ""}, [
        ("%(name)s must be today or in the past", "#started_on-day", "The date it started"),
        ("%(name)s must include a year", "#last_occurred_on-year", "The date it last happened"),
    ]),
    ("when-started", {}, {"started_on-day": "10", "started_on-month": "11", "started_on-year": "2026", "last_occurred_on-day": "1", "last_occurred_on-month": "11", "last_occurred_on-year": "2026"}, [
        ("The date it last happened must be the same as or after the date it started", "#last_occurred_on-day", None),
    ]),
    ("where", {}, {}, [("Enter a postcode or describe where it is happening", "#postcode", None)]),
    ("where", {}, {"postcode": "NOWHERE"}, [("Enter a real postcode, like B4 6NQ", "#postcode", None)]),
    ("where", {}, {"location_description": "x" * 1001}, [("Description of the place must be 1,000 characters or fewer", "#location_description", None)]),
    ("who-affected", {}, {}, [("Select who it is affecting", "#affected", None)]),
    ("impact", {}, {}, [("Select what it has caused, or select no", "#impact", None)]),
    ("impact", {}, {"impact": ["sleep", "none"]}, [("Select what it has caused, or select no, but not both", "#impact", None)]),
    ("impact", {}, {"impact": ["sleep"], "impact_details": "x" * 5001}, [("How it is affecting people must be 5,000 characters or fewer", "#impact_details", None)]),
    ("responsible", {}, {}, [("Select yes if you know who is responsible or can describe them", "#responsible_known", None)]),
    ("responsible-details", {"responsible": "known"}, {}, [("Enter their names or where they live, or describe them", "#responsible_name", None)]),
    ("responsible-details", {"responsible": "known"}, {"responsible_name": "x" * 501, "responsible_description": "x" * 5001}, [
        ("Names or where they live must be 500 characters or fewer", "#responsible_name", None),
        ("Description of the people responsible must be 5,000 characters or fewer", "#responsible_description", None),
    ]),
    ("reported-before", {}, {}, [("Select yes if you have reported this before", "#reported_before", None)]),
    ("reported-before", {}, {"reported_before": "yes", "previous_reference": "x" * 65}, [("Reference number must be 64 characters or fewer", "#previous_reference", None)]),
    ("risk", {"asb_type": "personal"}, {}, [("Select anything that makes them more at risk, or select no", "#risk_factors", None)]),
    ("risk", {"asb_type": "personal"}, {"risk_factors": ["under_18", "none"]}, [("Select what makes them more at risk, or select no, but not both", "#risk_factors", None)]),
    ("your-details", {"asb_type": "personal"}, {}, [("Enter your full name", "#full_name", None), ("Enter your date of birth", "#date_of_birth-day", None)]),
    ("your-name", {}, {"full_name": "x" * 201}, [("Full name must be 200 characters or fewer", "#full_name", None)]),
    ("address", {}, {"address_postcode": "B4"}, [
        ("Enter address line 1, typically the building and street", "#address_line_1", None),
        ("Enter town or city", "#address_town", None),
        ("Enter a real postcode, like B4 6NQ", "#address_postcode", None),
    ]),
    ("contact", {}, {}, [("Enter an email address or a phone number", "#email", None)]),
    ("contact-preference", {}, {"preferred_contact": "phone", "safe_to_contact": "yes"}, [
        ("You have not given a phone number. Choose another way, or go back and add one", "#preferred_contact", None),
    ]),
    ("support-needs", {}, {"interpreter_needed": "yes"}, [("Enter the language you need an interpreter for", "#interpreter_language", None)]),
]


def expected_message(message: str, name: str | None, language: str) -> str:
    if language == "cy":
        welsh = TRANSLATIONS.gettext(message)
        assert welsh != message, f"no Welsh for {message!r}"
        message = welsh
    if name is not None:
        message = message % {"name": TRANSLATIONS.gettext(name) if language == "cy" else name}
    return message


def reach(client: PageClient, page_id: str, settings: dict[str, str]) -> None:
    """Answer every page before `page_id`, on the way the settings lead."""
    client.get(ASB)
    for current, data in asb_pages(**settings):
        if current == page_id:
            return
        if current == "contact" and page_id == "contact-preference":
            data = {"email": "ann@example.com"}  # no phone, so choosing phone must be refused
        answer(client, ASB, current, data)
    raise AssertionError(f"{page_id} is not on the journey for {settings}")


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(("page_id", "settings", "data", "errors"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_rule_gives_its_message(app: Flask, language: str, page_id: str, settings: dict[str, str], data: dict[str, Any], errors: list[tuple[str, str, str | None]]) -> None:
    client = PageClient(app, language=language)
    reach(client, page_id, settings)
    page = client.post(f"{ASB}/{page_id}", data, expected=400)
    expected = [(expected_message(message, name, language), link) for message, link, name in errors]
    assert page.error_summary() == expected
    for _message, link in expected:
        assert page.soup.find(id=link[1:]) is not None, f"error link {link} goes nowhere"


# ---- The schema every channel is validated with ---------------------------------------------------

TODAY = date(2026, 11, 25)
VALID: dict[str, Any] = {
    "happening_now": "no", "asb_type": "personal", "asb_target": "you", "hostility": [], "behaviours": ["noise"],
    "description": ACCOUNT, "ongoing": "yes", "frequency": "weekly", "started_on": "2026-09-01", "last_occurred_on": "2026-11-20",
    "postcode": "B4 6NQ", "affected": ["you"], "impact": [], "responsible_known": "no", "reported_before": "no",
    "risk_factors": [], "full_name": "Ann Example", "email": "ann@example.com",
}


def schema_errors(**changes: Any) -> dict[str, Any]:
    data = {key: value for key, value in {**VALID, **changes}.items() if value is not None}
    try:
        AsbReportSchema(today=TODAY).load(data)
    except Exception as error:  # marshmallow.ValidationError
        return error.normalized_messages()  # type: ignore[attr-defined,no-any-return]
    return {}


def test_the_schema_accepts_a_whole_report_and_marks_repeat_targeting() -> None:
    assert schema_errors() == {}
    loaded = AsbReportSchema(today=TODAY).load(VALID)
    assert loaded["risk_factors"] == ["repeat_victim"]


@pytest.mark.parametrize(("changes", "field"), [
    ({"happening_now": "yes"}, "happening_now"),
    ({"asb_type": None}, "asb_type"),
    ({"asb_type": "loud"}, "asb_type"),
    ({"asb_target": None}, "asb_target"),
    ({"behaviours": []}, "behaviours"),
    ({"behaviours": ["other"]}, "behaviour_other"),
    ({"behaviours": ["other"], "behaviour_other": "x" * 501}, "behaviour_other"),
    ({"description": ""}, "description"),
    ({"description": "x" * 20_001}, "description"),
    ({"ongoing": None}, "ongoing"),
    ({"frequency": None}, "frequency"),
    ({"frequency": "once"}, "occurred_on"),
    ({"frequency": "once", "occurred_on": "2026-12-01"}, "occurred_on"),
    ({"frequency": "once", "occurred_on": "2026-11-01", "occurred_time": "25:00"}, "occurred_time"),
    ({"started_on": None}, "started_on"),
    ({"started_on": "2027-01-01"}, "started_on"),
    ({"last_occurred_on": None}, "last_occurred_on"),
    ({"last_occurred_on": "2026-08-01"}, "last_occurred_on"),
    ({"last_occurred_on": "1900-01-01", "started_on": "1899-01-01"}, "started_on"),
    ({"postcode": None}, "postcode"),
    ({"postcode": "NOWHERE"}, "postcode"),
    ({"location_description": "x" * 1001}, "location_description"),
    ({"affected": []}, "affected"),
    ({"impact": ["bored"]}, "impact"),
    ({"impact_details": "x" * 5001}, "impact_details"),
    ({"responsible_known": None}, "responsible_known"),
    ({"responsible_known": "known"}, "responsible_name"),
    ({"responsible_known": "known", "responsible_name": "x" * 501}, "responsible_name"),
    ({"reported_before": None}, "reported_before"),
    ({"reported_before": "yes", "previous_reference": "x" * 65}, "previous_reference"),
    ({"risk_factors": ["tall"]}, "risk_factors"),
    ({"full_name": None}, "full_name"),
    ({"email": None}, "email"),
    ({"phone": "call me"}, "phone"),
    ({"preferred_contact": "phone"}, "phone"),
    ({"interpreter_needed": "yes"}, "interpreter_language"),
    ({"date_of_birth": "2030-01-01"}, "date_of_birth"),
])
def test_the_schema_refuses_what_the_pages_refuse(changes: dict[str, Any], field: str) -> None:
    assert field in schema_errors(**changes)
