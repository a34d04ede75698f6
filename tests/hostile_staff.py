"""The hostile-input corpus against the tracking pages and every page of the staff workspace.

Each function sends one area's cases through the shared `Corpus` (so they count in its
summary) and then checks that text typed with emoji and combining marks was stored exactly.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from services.db import db
from services.enums import TriageStatus
from services.enums.casework import StaffRole
from services.models import Assessment, CaseNote, ReporterMessage, StaffUser, TriageItem
from tests.casework_helpers import make_item, reference_of
from tests.hostile import NAME, Corpus, urlencoded
from tests.hostile_forms import FORM, FormTarget, attack_form, attack_junk_ids, attack_query
from tests.pages import Page
from tests.staff_auth_helpers import make_account
from tests.staff_helpers import make_staff, sign_in_as

AREAS = ("threat", "harm", "risk", "investigation", "vulnerability", "engagement")
GRADE_FORM = {
    **{f"{area}_rating": "high" for area in AREAS},
    **{f"{area}_words": f"Words on {area}" for area in AREAS},
    "grade": "priority",
    "rationale": "A knife was mentioned",
}
REPORTER_EMAIL = "ann@example.com"


def token_of(http: FlaskClient) -> Callable[[], str]:
    """The client's CSRF token, read from a page each time (signing in and out replaces it)."""
    return lambda: Page(http.get("/report-a-crime/happening-now")).csrf_token()


def signed_in(app: Flask, role: StaffRole, user_id: int | None = None) -> tuple[FlaskClient, int, Callable[[], None]]:
    """A client signed in as a new (or the given) account, and a way to sign it back in
    with the same CSRF token after a case has signed it out."""
    user = user_id if user_id is not None else make_staff(app, role)
    http = app.test_client()
    sign_in_as(app, http, user)
    Page(http.get("/report-a-crime/happening-now")).csrf_token()
    with http.session_transaction() as cookie:
        raw_token = cookie["csrf_token"]

    def again() -> None:
        sign_in_as(app, http, user)
        with http.session_transaction() as cookie:
            cookie["csrf_token"] = raw_token

    return http, user, again


def _newest(app: Flask, query: object) -> object:
    with app.app_context():
        value = db.session.scalars(query).first()  # type: ignore[call-overload]
        db.session.rollback()
        return value


def attack_tracking(app: Flask, corpus: Corpus) -> None:
    item = make_item(app, email=REPORTER_EMAIL)
    reference = reference_of(app, item)
    lookup = {"reference": reference, "contact": REPORTER_EMAIL}

    http = app.test_client()
    attack_form(app, corpus, http, FormTarget("/check-a-report", lookup, get_allowed=(200,)), token_of(http))
    attack_query(app, corpus, http, "/check-a-report")

    http = app.test_client()
    token = token_of(http)
    proved = http.post("/check-a-report", data=urlencoded([("csrf_token", token()), *lookup.items()]), content_type=FORM)
    assert proved.status_code == 302 and proved.headers["Location"].endswith("/check-a-report/your-report")
    attack_form(app, corpus, http, FormTarget("/check-a-report/your-report", {"message": "Thank you"}, text=("message",),
                                              stores=True, get_allowed=(200,)), token)
    attack_query(app, corpus, http, "/check-a-report/your-report")
    assert _newest(app, select(ReporterMessage.body).order_by(ReporterMessage.id.desc())) == NAME
    attack_form(app, corpus, http, FormTarget("/check-a-report/finish", {}), token)


def _pending(http: FlaskClient, user_id: int, step: str) -> None:
    with http.session_transaction() as cookie:
        cookie["staff_sign_in"] = {"user": user_id, "step": step, "next": None, "until": time.time() + 600}


def attack_sign_in(app: Flask, corpus: Corpus) -> None:
    enrolled = make_account(app, StaffRole.CALL_HANDLER)
    new = make_account(app, StaffRole.CALL_HANDLER, enrolled=False)
    throttled = (400, 429)

    http = app.test_client()
    token = token_of(http)
    attack_form(app, corpus, http, FormTarget("/staff/sign-in", {"email": enrolled.email, "password": "not the password"},
                                              refused=throttled, get_allowed=(200,)), token)
    attack_form(app, corpus, http, FormTarget("/staff/sign-in?next=/staff/items/1", {"email": "x@example.police.uk",
                                              "password": "not the password"}, refused=throttled, get_allowed=(200,)), token)
    attack_query(app, corpus, http, "/staff/sign-in")
    for url, user, step, code in (
        ("/staff/sign-in/code", enrolled.id, "code", "000000"),
        ("/staff/sign-in/recovery-code", enrolled.id, "code", "abcde-fghij"),
        ("/staff/sign-in/set-up", new.id, "enrol", "000000"),
    ):
        http = app.test_client()
        token = token_of(http)
        token()
        _pending(http, user, step)
        # Never right, so never signed in: a restarted sign-in (302) only if the step is over.
        attack_form(app, corpus, http, FormTarget(url, {"code": code}, refused=throttled, get_allowed=(200,)), token)
        attack_query(app, corpus, http, url, allowed=(200, 302, 400))


def attack_account(app: Flask, corpus: Corpus) -> None:
    account = make_account(app, StaffRole.CALL_HANDLER)
    http, _user, again = signed_in(app, StaffRole.CALL_HANDLER, account.id)
    token = token_of(http)
    attack_form(app, corpus, http, FormTarget("/staff/account/password", {
        "current_password": "not the password", "new_password": "a new password that is long enough"},
        refused=(400, 429)), token)
    attack_form(app, corpus, http, FormTarget("/staff/account/recovery-codes", {}, ok=(200,), stores=True), token)
    attack_query(app, corpus, http, "/staff/account")
    attack_form(app, corpus, http, FormTarget("/staff/sign-out", {}, after_ok=again), token)


def attack_staff_accounts(app: Flask, corpus: Corpus) -> None:
    http, _admin, _again = signed_in(app, StaffRole.ADMIN)
    token = token_of(http)
    other = make_staff(app, StaffRole.CALL_HANDLER)
    attack_form(app, corpus, http, FormTarget(
        "/staff/users/new", {"email": "new.person@example.police.uk", "display_name": "New Person", "role": "call_handler"},
        text=("display_name",), ok=(200,), stores=True, get_allowed=(200,), unique="email"), token)
    assert _newest(app, select(StaffUser.display_name).order_by(StaffUser.id.desc())) == NAME
    attack_form(app, corpus, http, FormTarget(f"/staff/users/{other}/role", {"role": "supervisor"}, stores=True), token)
    for action in ("disable", "enable", "reset-two-factor"):
        attack_form(app, corpus, http, FormTarget(f"/staff/users/{other}/{action}", {}, refused=(400, 403), stores=True), token)
    for url in ("/staff/users", "/staff/users/new", f"/staff/users/{other}"):
        attack_query(app, corpus, http, url)
    attack_junk_ids(app, corpus, http, "/staff/users/{}", post=False)
    for action in ("role", "disable", "enable", "reset-two-factor"):
        attack_junk_ids(app, corpus, http, "/staff/users/{}/" + action, post=True, token=token)


def _reopen(app: Flask, item_id: int, owner_id: int, details: list[str | None]) -> Callable[[], None]:
    """After a close: keep what the close stored, then open the item again for its owner."""

    def reopen() -> None:
        with app.app_context():
            item = db.session.get(TriageItem, item_id)
            assert item is not None and item.status == TriageStatus.CLOSED.value
            details.append(item.outcome_detail)
            item.status, item.owner_id, item.closed_at = TriageStatus.IN_PROGRESS.value, owner_id, None
            item.outcome, item.outcome_detail = None, None
            db.session.commit()

    return reopen


def attack_items(app: Flask, corpus: Corpus) -> None:
    http, handler, _again = signed_in(app, StaffRole.CALL_HANDLER)
    boss, _boss_id, _boss_again = signed_in(app, StaffRole.SUPERVISOR)
    token, boss_token = token_of(http), token_of(boss)
    mine = make_item(app, email=REPORTER_EMAIL, owner_id=handler, status=TriageStatus.IN_PROGRESS.value)
    loose = make_item(app)
    refused = (400, 409)

    attack_form(app, corpus, http, FormTarget(f"/staff/items/{loose}/claim", {}, refused=refused, stores=True), token)
    attack_form(app, corpus, http, FormTarget(f"/staff/items/{loose}/release", {}, refused=refused, stores=True), token)
    attack_form(app, corpus, boss, FormTarget(f"/staff/items/{loose}/assign", {"assignee": str(handler)}, refused=refused,
                                              stores=True, get_allowed=(200,)), boss_token)
    texts = (*(name for name in GRADE_FORM if name.endswith("_words")), "rationale")
    actions = {
        "grade": (GRADE_FORM, texts),
        "allocate": ({"unit": "force_contact"}, ()),
        "note": ({"text": "Called the shop"}, ("text",)),
        "message": ({"body": "We are looking at it"}, ("body",)),
        "ask-for-more": ({"body": "When was this?"}, ("body",)),
    }
    for action, (valid, text) in actions.items():
        attack_form(app, corpus, http, FormTarget(f"/staff/items/{mine}/{action}", valid, text=text, refused=refused,
                                                  stores=True, get_allowed=(200,)), token)
        stored = {
            "grade": select(Assessment.rationale).order_by(Assessment.id.desc()),
            "note": select(CaseNote.text).order_by(CaseNote.id.desc()),
            "message": select(ReporterMessage.body).order_by(ReporterMessage.id.desc()),
            "ask-for-more": select(ReporterMessage.body).order_by(ReporterMessage.id.desc()),
        }.get(action)
        if stored is not None:
            assert _newest(app, stored) == NAME, f"{action}: text with emoji and combining marks was not kept exactly"
    ratings = _newest(app, select(Assessment.ratings).order_by(Assessment.id.desc()))
    assert {area: value["words"] for area, value in ratings.items()} == dict.fromkeys(AREAS, NAME)  # type: ignore[attr-defined]
    close = {"outcome": "referred_to_partner", "partner": "Victim Support", "crime_number": "", "duplicate_of": ""}
    partners: list[str | None] = []
    attack_form(app, corpus, http, FormTarget(f"/staff/items/{mine}/close", close, text=("partner",), refused=refused,
                                              stores=True, get_allowed=(200,), after_ok=_reopen(app, mine, handler, partners)),
                token)
    assert partners[-1] == NAME, "a partner's name with emoji and combining marks was not kept exactly"

    attack_query(app, corpus, http, f"/staff/items/{mine}")
    attack_junk_ids(app, corpus, http, "/staff/items/{}", post=False)
    attack_junk_ids(app, corpus, http, f"/staff/items/{mine}/files/{{}}", post=False)
    attack_junk_ids(app, corpus, http, "/staff/items/{}/files/1", post=False)
    for action in ("claim", "release", "grade", "allocate", "note", "message", "ask-for-more", "close"):
        attack_junk_ids(app, corpus, http, "/staff/items/{}/" + action, post=True, token=token)
    attack_junk_ids(app, corpus, boss, "/staff/items/{}/assign", post=True, token=boss_token)


def attack_queue_and_dashboard(app: Flask, corpus: Corpus) -> None:
    http, _boss, _again = signed_in(app, StaffRole.SUPERVISOR)
    token = token_of(http)
    make_item(app)
    for url in ("/staff/", "/staff/escalated", "/staff/dashboard", "/staff/dashboard/past-target", "/staff/relay"):
        attack_query(app, corpus, http, url)
    filters = {
        "XSS in every filter": ("?" + "&".join(f"{name}=%3Cscript%3E" for name in ("service", "category", "grade", "status",
                                                                                   "unit", "only")), (400,)),
        "SQL injection filter": ("?category=" + urlencoded([("", "x' OR '1'='1")])[1:].decode(), (400,)),
        "duplicate filters": ("?grade=priority&grade=%3Cb%3E&only=mine&only=mine", (200, 400)),
        "emoji filter": ("?unit=" + urlencoded([("", NAME)])[1:].decode(), (400,)),
        "huge page number": ("?page=" + "9" * 5000, (400,)),
        "page past the end": ("?page=999999", (404,)),
        "look-alike digit page": ("?page=%C2%B2", (400,)),
        "negative page": ("?page=-1", (400,)),
        "page zero": ("?page=0", (200, 400, 404)),
    }
    for case, (query, allowed) in filters.items():
        for url in ("/staff/", "/staff/escalated"):
            corpus.send(app, lambda url=url, query=query: http.get(url + query), case=case, method="GET", url=url,
                        allowed=allowed)
    # Requeueing a message that is not failed for good changes nothing and says so.
    attack_form(app, corpus, http, FormTarget("/staff/relay/requeue", {"message_id": "1"}), token)


# The areas, each run as its own test (by name) in tests/test_hostile_input.py.
STAFF_AND_TRACKING: dict[str, Callable[[Flask, Corpus], None]] = {
    "check a report": attack_tracking,
    "staff sign-in": attack_sign_in,
    "staff account": attack_account,
    "staff accounts (admin)": attack_staff_accounts,
    "item actions": attack_items,
    "queue, dashboard and relay": attack_queue_and_dashboard,
}
