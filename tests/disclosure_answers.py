"""Answers that complete the request-information journeys of Clare's Law, Sarah's Law and
the solicitor's request for documents, page by page (for tests/journeys.py's `walk`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import func, select

from services.db import db
from services.models import OutboxMessage, Submission, TriageItem

CLARES = "/clares-law-right-to-ask"
SARAHS = "/sarahs-law-disclosure-request"
SOLICITOR = "/solicitor-request-for-documents"

Pages = list[tuple[str, dict[str, Any]]]
# A date the documents are needed by must not be past: keep it a month ahead of the run.
NEEDED_BY = date.today() + timedelta(days=30)


def date_parts(name: str, day: date) -> dict[str, str]:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}

YOUR_DETAILS = (
    "your-details",
    {"full_name": "Ann Example", "date_of_birth-day": "14", "date_of_birth-month": "2", "date_of_birth-year": "1990"},
)
SAFE_ADDRESS = {"address_line_1": "Flat 2, 5 Safe Street", "address_town": "Birmingham", "address_postcode": "b4 6nq"}
SUPPORT = ("support-needs", {"interpreter_needed": "no"})


def safe_contact_pages(methods: Sequence[str], best: str | None = None) -> Pages:
    """The safe-contact pages a person choosing `methods` sees."""
    pages: Pages = [("safe-contact", {"safe_contact_methods": list(methods)})]
    if "phone_call" in methods or "text_message" in methods:
        pages.append(("safe-phone", {"phone": "07700 900982"}))
    if "phone_call" in methods:
        pages.append(("safe-calls", {"safe_call_times": "Weekdays 10am to 2pm", "voicemail_safe": "no"}))
    if "email" in methods:
        pages.append(("safe-email", {"email": "safe@example.com"}))
    if "letter" in methods:
        pages.append(("safe-address", dict(SAFE_ADDRESS)))
    real = [method for method in methods if method != "none"]
    if len(real) > 1:
        pages.append(("best-contact", {"best_contact_method": best or real[0]}))
    return pages


def clares_pages(asking_for: str = "self", methods: Sequence[str] = ("phone_call", "email"), **changes: Any) -> Pages:
    pages: Pages = [
        ("immediate-danger", {"immediate_danger": "no"}),
        ("asking-for", {"asking_for": asking_for}),
    ]
    if asking_for == "someone_else":
        pages.append(("person-at-risk", {"at_risk_name": "Sara Example", "at_risk_relationship": "I am her sister", "at_risk_aware": "no"}))
    pages.append(("partner-details", changes.get("partner", {
        "subject_name": "Pat Partner",
        "subject_other_names": "Paddy",
        "subject_date_of_birth-day": "3",
        "subject_date_of_birth-month": "4",
        "subject_date_of_birth-year": "1988",
        "subject_age": "",
        "subject_address": "",
        "subject_description": "Tall, with a tattoo on his left arm",
    })))
    if asking_for == "self":
        pages.append(("relationship", {
            "relationship_status": "current", "relationship_length": "2_to_5_years",
            "living_together": "yes", "children_together": "no",
        }))
    else:
        pages.append(("their-relationship", {
            "relationship_status": "current", "relationship_length": "unknown",
            "living_together": "unknown", "children_together": "yes",
        }))
    pages.append(("reason", {"reason": changes.get("reason", "He checks my phone and has threatened me when I see friends.")}))
    pages.append(YOUR_DETAILS)
    pages.extend(safe_contact_pages(methods, changes.get("best")))
    pages.append(changes.get("support", SUPPORT))
    return pages


def sarahs_pages(methods: Sequence[str] = ("text_message",), relationship: str = "parent", **changes: Any) -> Pages:
    pages: Pages = [
        ("immediate-danger", {"immediate_danger": "no"}),
        ("children", changes.get("children", {"children-0-first_name": "Amy", "children-0-age": "7"})),
    ]
    if relationship == "other":
        pages.append(("your-relationship", {"relationship_to_child": "other", "relationship_other": "Grandmother"}))
    else:
        pages.append(("your-relationship", {"relationship_to_child": relationship}))
    pages.append(("person-details", {
        "subject_name": "Sam Someone",
        "subject_other_names": "",
        "subject_date_of_birth-day": "",
        "subject_date_of_birth-month": "",
        "subject_date_of_birth-year": "",
        "subject_age": "45",
        "subject_address": "Near the park on Elm Road",
        "subject_contact": "My ex-partner's new boyfriend. He looks after Amy at weekends.",
    }))
    pages.append(("concern", {"concern": changes.get("concern", "Amy says he tells her to keep secrets from me.")}))
    pages.append(YOUR_DETAILS)
    pages.extend(safe_contact_pages(methods, changes.get("best")))
    pages.append(SUPPORT)
    return pages


def solicitor_pages(case_type: str = "criminal_defence", authority: str = "client_authority", **changes: Any) -> Pages:
    case: dict[str, Any] = {"case_type": case_type, "police_reference": changes.get("police_reference", "20/123456/26")}
    if case_type == "other":
        case["case_type_other"] = "Employment tribunal"
    documents: dict[str, Any] = {
        "documents_requested": changes.get("documents", ["custody_record", "interview_recording"]),
        "documents_details": "Arrested 3 November 2026 at 14:30, taken to Perry Barr custody suite",
    }
    if "other" in documents["documents_requested"]:
        documents["documents_other"] = "Photographs of the scene"
    authority_answers: dict[str, Any] = {"authority": authority}
    if authority == "court_order":
        authority_answers["court_order_details"] = "Birmingham County Court, 1 November 2026, case B12CD345"
    return [
        ("firm-details", {
            "full_name": "Sol Icitor", "role_in_organisation": "Solicitor",
            "organisation_name": "Icitor & Co LLP", "sra_number": changes.get("sra_number", "612345"),
        }),
        ("office-address", {"address_line_1": "1 Colmore Row", "address_town": "Birmingham", "address_postcode": "B3 2BJ"}),
        ("contact", {"email": "sol@icitor.example", "phone": "0121 496 0000"}),
        ("client", {"client_name": "Chris Client", "client_date_of_birth-day": "9", "client_date_of_birth-month": "9", "client_date_of_birth-year": "1999"}),
        ("case", case),
        ("documents", documents),
        ("authority", authority_answers),
        ("date-needed", changes.get("date_needed", {**date_parts("needed_by", NEEDED_BY), "needed_by_reason": "Plea hearing"})),
    ]


def counts(app: Flask) -> tuple[int, int, int, int]:
    """Submissions, platform messages, triage items and confirmation emails stored."""
    with app.app_context():
        def count(query: Any) -> int:
            return int(db.session.scalar(query) or 0)

        return (
            count(select(func.count()).select_from(Submission)),
            count(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.topic == "platform.submission")),
            count(select(func.count()).select_from(TriageItem)),
            count(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.topic == "email.confirmation")),
        )


def stored(app: Flask, reference: str) -> Submission:
    with app.app_context():
        submission = db.session.scalars(select(Submission).where(Submission.reference == reference)).one()
        db.session.expunge(submission)
        return submission


def triage(app: Flask) -> TriageItem:
    with app.app_context():
        item = db.session.scalars(select(TriageItem)).one()
        db.session.expunge(item)
        return item
