"""Apply for a firearm or shotgun certificate, end to end through the test client, on every backend."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from services.db import db
from services.models import Draft, OutboxMessage, Submission, TriageItem
from services.references import is_valid_reference
from tests.contract import contract_errors
from tests.firearms_journey import (
    FIREARMS,
    FIVE_YEARS_AGO,
    TODAY,
    date_parts,
    firearms_pages,
    previous_address,
    upto,
)
from tests.journeys import answer, send, walk
from tests.pages import PageClient


def counts(app: Flask) -> tuple[int, int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count()).select_from(Submission)),
            db.session.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.topic == "platform.submission")),
            db.session.scalar(select(func.count()).select_from(TriageItem)),
        )


def stored(app: Flask, reference: str) -> Submission:
    with app.app_context():
        submission = db.session.scalars(select(Submission).where(Submission.reference == reference)).one()
        db.session.expunge(submission)
        return submission


def reach(client: PageClient, pages: list[tuple[str, dict]], page_id: str) -> None:
    client.get(FIREARMS)
    for current, data in upto(pages, page_id):
        answer(client, FIREARMS, current, data)


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(("certificate", "application"), [("firearm", "grant"), ("shotgun", "renewal"), ("both", "grant")])
def test_each_kind_of_application_completes_in_english_and_welsh(app: Flask, language: str, certificate: str, application: str) -> None:
    client = PageClient(app, language=language)
    walk(client, FIREARMS, firearms_pages(certificate, application))
    reference = send(client, FIREARMS)
    confirmation = client.get(f"{FIREARMS}/confirmation")
    assert reference in confirmation.text
    if language == "en":
        assert confirmation.h1 == "Application sent" and "photos of yourself" in confirmation.text
        assert "We will also ask your doctor" in confirmation.text

    assert is_valid_reference(reference, "WMP")
    assert counts(app) == (1, 1, 1)
    payload = stored(app, reference).payload
    assert contract_errors("Submission", payload) == []
    assert payload["service"] == FIREARMS[1:] and payload["kind"] == "application" and payload["language"] == language
    assert payload["reporter"]["role"] == "applicant"
    assert payload["category"] == f"firearms_{certificate}_{application}"
    with app.app_context():
        outbox = db.session.scalars(select(OutboxMessage).where(OutboxMessage.topic == "platform.submission")).one()
        assert outbox.status == "pending"
        assert db.session.scalars(select(TriageItem)).one().summary.startswith(("Grant of", "Renewal of"))


def test_the_payload_carries_the_application(app: Flask, client: PageClient) -> None:
    pages = firearms_pages("both", "renewal", reasons=("target_shooting", "deer_stalking", "collecting"), convicted="yes")
    check = walk(client, FIREARMS, pages)
    rows = check.summary_rows()
    assert rows["Home address"] == "2 Mill Lane Ludlow SY8 1AA"
    assert rows["Practice address"] == "Portcullis Lane Ludlow SY8 1GT"
    assert rows["Current certificate number"] == "FAC 12/3456"
    payload = stored(app, send(client, FIREARMS)).payload

    assert payload["summary"].splitlines() == [
        "Renewal of a firearm certificate and a shotgun certificate, to expire together (coterminous).",
        "Current certificate number: FAC 12/3456.",
        "Firearms and the reason for each:",
        "- .22 bolt-action rifle, .22 LR: target shooting",
        "- Bolt-action rifle, .243: deer stalking",
        "- Percussion revolver, .36: collecting",
        "Target shooting club: Ludlow Rifle and Pistol Club, Ludlow.",
        "Land with permission to shoot: Oakwood Estate, Clee Hill, with the permission of the estate manager. Roe deer and foxes.",
        "Other reasons: I collect Victorian percussion revolvers and will not fire them.",
        "Shotgun use: Clay pigeon shooting at Ludlow Clay Club, and pigeons on Oakwood Farm.",
    ]
    reporter = payload["reporter"]
    assert reporter["name"] == "Alex Example" and reporter["date_of_birth"] == "1980-05-17"
    assert reporter["address"] == {"lines": ["2 Mill Lane"], "town": "Ludlow", "postcode": "SY8 1AA"}
    assert reporter["email"] == "alex@example.com" and reporter["preferred_contact"] == "email"
    assert payload["location"]["postcode"] == "SY8 1AA"
    assert payload["flags"] == {"vulnerability": []}
    answers = {row["question_id"]: row["answer"] for row in payload["answers"]}
    assert answers["home-address.address"] == "2 Mill Lane\nLudlow\nSY8 1AA"
    assert answers["previous-addresses.previous_addresses"].startswith("14 Castle Street, Shrewsbury, SY1 1AA, from ")
    assert answers["first-referee.first_referee"].splitlines()[0] == "Sam Jones"
    assert answers["convictions.conviction_details"] == "Speeding, 2019, fixed fine and 3 points."
    assert next(iter(answers)) == "certificate-type.certificate_type"
    assert contract_errors("Submission", payload) == []


def test_keeping_guns_away_from_home_says_where(app: Flask, client: PageClient) -> None:
    walk(client, FIREARMS, firearms_pages("shotgun", stored_at_home="no"))
    payload = stored(app, send(client, FIREARMS)).payload
    assert payload["location"] == {"description": "Guns and ammunition to be kept at: Oakwood Farm, Clee Hill, SY8 3QB"}


def pages_seen(pages: list[tuple[str, dict]]) -> list[str]:
    return [page_id for page_id, _ in pages]


@pytest.mark.parametrize(
    ("certificate", "reasons", "asked", "skipped"),
    [
        ("firearm", ("target_shooting",), {"firearms", "target-club"}, {"shooting-land", "other-reasons", "shotgun-use"}),
        ("firearm", ("deer_stalking",), {"firearms", "shooting-land"}, {"target-club", "other-reasons", "shotgun-use"}),
        ("firearm", ("pest_control",), {"firearms", "shooting-land"}, {"target-club", "other-reasons", "shotgun-use"}),
        ("firearm", ("collecting",), {"firearms", "other-reasons"}, {"target-club", "shooting-land", "shotgun-use"}),
        ("firearm", ("other",), {"firearms", "other-reasons"}, {"target-club", "shooting-land", "shotgun-use"}),
        ("shotgun", (), {"shotgun-use"}, {"firearms", "target-club", "shooting-land", "other-reasons"}),
        ("both", ("target_shooting", "pest_control"), {"firearms", "target-club", "shooting-land", "shotgun-use"}, {"other-reasons"}),
    ],
)
def test_the_reasons_asked_follow_the_certificate_and_the_firearms(
    client: PageClient, certificate: str, reasons: tuple[str, ...], asked: set[str], skipped: set[str]
) -> None:
    pages = firearms_pages(certificate, reasons=reasons)
    assert asked <= set(pages_seen(pages)) and not skipped & set(pages_seen(pages))
    walk(client, FIREARMS, pages)  # walk checks each page leads to exactly the next one


def test_living_at_home_for_exactly_five_years_skips_previous_addresses(client: PageClient) -> None:
    pages = firearms_pages(moved_in=FIVE_YEARS_AGO)
    assert "previous-addresses" not in pages_seen(pages)
    walk(client, FIREARMS, pages)


def test_a_day_less_than_five_years_asks_for_previous_addresses(client: PageClient) -> None:
    moved_in = FIVE_YEARS_AGO + timedelta(days=1)
    previous = [previous_address(0, "14 Castle Street", FIVE_YEARS_AGO - timedelta(days=300), moved_in)]
    pages = firearms_pages(moved_in=moved_in, previous=previous)
    assert "previous-addresses" in pages_seen(pages)
    walk(client, FIREARMS, pages)


def test_medical_details_are_asked_only_when_a_condition_is_ticked(client: PageClient) -> None:
    assert "medical-details" not in pages_seen(firearms_pages(conditions=("none",)))
    pages = firearms_pages(conditions=("depression_or_anxiety", "neurological"))
    assert "medical-details" in pages_seen(pages)
    check = walk(client, FIREARMS, pages)
    assert check.summary_rows()["Have you ever been diagnosed with or treated for any of these?"] == (
        "Depression or anxiety, A neurological condition, for example multiple sclerosis, Parkinson’s disease or epilepsy"
    )


def test_saying_no_to_contacting_the_doctor_stores_nothing_and_explains(app: Flask, client: PageClient) -> None:
    pages = firearms_pages()
    reach(client, pages, "gp-consent")
    page = client.post(f"{FIREARMS}/gp-consent", {"gp_consent": "no"}, expected=302)
    assert page.response.headers["Location"].endswith(f"{FIREARMS}/doctor-permission-needed")
    explained = client.get(f"{FIREARMS}/doctor-permission-needed")
    assert explained.h1 == "We need your permission to contact your doctor"
    assert explained.soup.find("a", string="Go back and change your answer")["href"] == f"{FIREARMS}/gp-consent"
    with app.app_context():
        draft = db.session.scalars(select(Draft)).one()
        assert "gp-consent" not in draft.answers
    assert answer(client, FIREARMS, "gp-consent", {"gp_consent": "yes"}).endswith(f"{FIREARMS}/gp-details")


def test_changing_to_a_shotgun_only_drops_the_firearm_questions(app: Flask, client: PageClient) -> None:
    walk(client, FIREARMS, firearms_pages("both"))
    location = answer(client, FIREARMS, "certificate-type", {"certificate_type": "shotgun"}, change=True)
    assert location.endswith(f"{FIREARMS}/check-your-answers")
    rows = client.get(f"{FIREARMS}/check-your-answers").summary_rows()
    assert "Firearms" not in rows and "What is the name of your target shooting club?" not in rows
    payload = stored(app, send(client, FIREARMS)).payload
    assert payload["category"] == "firearms_shotgun_grant" and "Firearms and the reason" not in payload["summary"]


def test_changing_to_a_firearm_asks_for_the_firearms(client: PageClient) -> None:
    walk(client, FIREARMS, firearms_pages("shotgun"))
    location = answer(client, FIREARMS, "certificate-type", {"certificate_type": "firearm"}, change=True)
    assert location.endswith(f"{FIREARMS}/firearms?change=1")


def test_moving_the_home_date_later_asks_again_for_enough_previous_addresses(client: PageClient) -> None:
    moved_in = TODAY - timedelta(days=730)
    walk(client, FIREARMS, firearms_pages(moved_in=moved_in))
    later = TODAY - timedelta(days=100)
    answer(client, FIREARMS, "home-address", {
        "address_line_1": "2 Mill Lane", "address_town": "Ludlow", "address_postcode": "SY8 1AA", **date_parts("moved_in", later),
    }, change=True)
    # The previous address now stops 630 days short of the new move: check answers sends the person back to it.
    page = client.get(f"{FIREARMS}/check-your-answers", expected=302)
    assert page.response.headers["Location"].endswith(f"{FIREARMS}/previous-addresses")


def test_moving_the_home_date_back_five_years_drops_the_previous_addresses(app: Flask, client: PageClient) -> None:
    walk(client, FIREARMS, firearms_pages())
    location = answer(client, FIREARMS, "home-address", {
        "address_line_1": "2 Mill Lane", "address_town": "Ludlow", "address_postcode": "SY8 1AA", **date_parts("moved_in", FIVE_YEARS_AGO),
    }, change=True)
    assert location.endswith(f"{FIREARMS}/check-your-answers")
    assert "Previous addresses" not in client.get(location).summary_rows()
    answers = {row["question_id"] for row in stored(app, send(client, FIREARMS)).payload["answers"]}
    assert "previous-addresses.previous_addresses" not in answers


def test_previous_addresses_can_be_added_and_removed_without_javascript(client: PageClient) -> None:
    moved_in = TODAY - timedelta(days=400)
    pages = firearms_pages(moved_in=moved_in)
    reach(client, pages, "previous-addresses")
    url = f"{FIREARMS}/previous-addresses"
    second_home = date(TODAY.year - 3, 2, 1)
    first = previous_address(0, "14 Castle Street", second_home, moved_in - timedelta(days=5))
    added = client.post(url, {**first, "action": "add"}, expected=200)
    assert added.input_value("previous_addresses-1-line_1") == ""
    assert added.soup.find("legend", string=lambda s: s and "Previous address 2" in s)
    # The second address's date is only half typed: removing the first keeps what was typed.
    second = {"previous_addresses-1-line_1": "Flat 2, 9 Quarry Road", "previous_addresses-1-town": "Hereford",
              "previous_addresses-1-moved_in-day": "1", "previous_addresses-1-moved_in-month": "", "previous_addresses-1-moved_in-year": "2019"}
    removed = client.post(url, {**first, **second, "action": "remove-0"}, expected=200)
    assert removed.input_value("previous_addresses-0-line_1") == "Flat 2, 9 Quarry Road"
    assert removed.input_value("previous_addresses-0-moved_in-year") == "2019"
    assert removed.input_value("previous_addresses-1-line_1") is None
    kept = client.get(url)  # the draft kept the change
    assert kept.input_value("previous_addresses-0-line_1") == "Flat 2, 9 Quarry Road"
    both = {**first, **previous_address(1, "Flat 2, 9 Quarry Road", FIVE_YEARS_AGO - timedelta(days=30), second_home)}
    assert answer(client, FIREARMS, "previous-addresses", both).endswith(f"{FIREARMS}/gp-consent")


def test_firearms_can_be_added_and_removed(client: PageClient) -> None:
    pages = firearms_pages("firearm")
    reach(client, pages, "firearms")
    url = f"{FIREARMS}/firearms"
    one = {"firearms-0-description": "Rifle", "firearms-0-calibre": ".22 LR", "firearms-0-reason": "target_shooting"}
    added = client.post(url, {**one, "action": "add"}, expected=200)
    assert added.checked("firearms-0-reason") == ["target_shooting"] and added.input_value("firearms-1-calibre") == ""
    two = {**one, "firearms-1-description": "Rifle", "firearms-1-calibre": ".243", "firearms-1-reason": "deer_stalking"}
    removed = client.post(url, {**two, "action": "remove-1"}, expected=200)
    assert removed.input_value("firearms-1-calibre") is None and removed.checked("firearms-0-reason") == ["target_shooting"]
    assert answer(client, FIREARMS, "firearms", two).endswith(f"{FIREARMS}/target-club")
    assert answer(client, FIREARMS, "target-club", {"target_club": "Ludlow Rifle Club"}).endswith(f"{FIREARMS}/shooting-land")


@pytest.mark.parametrize(
    ("certificate", "application", "age", "allowed"),
    [
        ("firearm", "grant", 17, False),
        ("both", "grant", 17, False),
        ("firearm", "grant", 18, True),
        ("shotgun", "grant", 12, True),
        ("firearm", "renewal", 17, True),
    ],
)
def test_only_adults_can_apply_for_a_new_firearm_certificate(client: PageClient, certificate: str, application: str, age: int, allowed: bool) -> None:
    born = TODAY.replace(year=TODAY.year - age) if not (TODAY.month == 2 and TODAY.day == 29) else date(TODAY.year - age, 3, 1)
    pages = firearms_pages(certificate, application, born=born)
    reach(client, pages, "personal-details")
    data = dict(pages[2][1])
    if allowed:
        assert answer(client, FIREARMS, "personal-details", data).endswith(f"{FIREARMS}/home-address")
    else:
        page = client.post(f"{FIREARMS}/personal-details", data, expected=400)
        assert page.error_summary() == [("You must be 18 or over to apply for a new firearm certificate", "#date_of_birth-day")]


def test_a_young_shotgun_applicant_is_flagged_as_under_18(app: Flask, client: PageClient) -> None:
    walk(client, FIREARMS, firearms_pages("shotgun", born=date(TODAY.year - 14, 1, 1)))
    payload = stored(app, send(client, FIREARMS)).payload
    assert payload["flags"]["vulnerability"] == ["under_18"]
    assert contract_errors("Submission", payload) == []


def test_pages_cannot_be_skipped(client: PageClient) -> None:
    page = client.get(f"{FIREARMS}/storage", expected=302)
    assert page.response.headers["Location"].endswith(FIREARMS)
    answer(client, FIREARMS, "certificate-type", {"certificate_type": "shotgun"})
    page = client.get(f"{FIREARMS}/firearms", expected=302)  # not on a shotgun application at all
    assert page.response.headers["Location"].endswith(f"{FIREARMS}/application-type")


def test_the_start_page_says_what_happens_after_the_form(client: PageClient, welsh_client: PageClient) -> None:
    page = client.get(FIREARMS)
    assert page.h1 == "Apply for a firearm or shotgun certificate"
    assert "This online form starts your application" in page.text and "photos" in page.text and "fee" in page.text
    assert page.soup.find("a", class_="govuk-button--start")["href"] == f"{FIREARMS}/certificate-type"
    welsh_client.get(FIREARMS)  # the page checks fail on any English left on the Welsh page
