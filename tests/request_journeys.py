"""Answers that complete each information-request journey, page by page, for every branch."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import func, select

from services.db import db
from services.models import OutboxMessage, Submission, TriageItem

FOI = "/request-information-foi"
SAR = "/request-your-personal-information"
COLLISION = "/request-a-collision-report"

Pages = list[tuple[str, dict[str, Any]]]

FOI_WORDS = "How many officers were assaulted on duty in each year from 2021 to 2025, broken down by station."
SAR_WORDS = "The report of the burglary at my flat in March 2025, reference 20/1234/25, and the call I made about it."
ADDRESS = {"address_line_1": "1 High Street", "address_town": "Birmingham", "address_postcode": "b4 6nq"}


def period(known: str = "yes") -> Pages:
    if known == "no":
        return [("period", {"period_known": "no"})]
    return [
        ("period", {"period_known": "yes"}),
        ("period-dates", {
            "period_from-day": "1", "period_from-month": "1", "period_from-year": "2025",
            "period_to-day": "31", "period_to-month": "3", "period_to-year": "2025",
        }),
    ]


def foi_pages(preferred_format: str = "email", period_known: str = "yes", **changes: Any) -> Pages:
    pages: Pages = [("information", {"information_wanted": changes.get("information_wanted", FOI_WORDS)})]
    pages += period(period_known)
    pages.append(("format", {"preferred_format": preferred_format}))
    pages.append(("your-name", {"full_name": "Fran Requester", "organisation_name": changes.get("organisation_name", "")}))
    if preferred_format == "printed":
        pages.append(("address", ADDRESS))
    else:
        pages.append(("email", {"email": "fran@example.com"}))
    return pages


def sar_pages(requesting_for: str = "myself", authority: str = "written_permission", period_known: str = "yes", **changes: Any) -> Pages:
    pages: Pages = [("who-for", {"requesting_for": requesting_for})]
    if requesting_for == "someone_else":
        pages.append(("authority", {"authority": authority}))
        born = changes.get("subject_born", ("14", "6", "2012"))
        pages.append(("their-details", {
            "subject_full_name": "Sam Subject", "subject_previous_names": "Sam Jones",
            "subject_date_of_birth-day": born[0], "subject_date_of_birth-month": born[1], "subject_date_of_birth-year": born[2],
        }))
    else:
        pages.append(("your-details", {
            "full_name": "Pat Person", "previous_names": "Pat Smith",
            "date_of_birth-day": "14", "date_of_birth-month": "2", "date_of_birth-year": "1980",
        }))
    pages.append(("information-types", {"information_types": changes.get("information_types", ["crime_reports", "calls"])}))
    pages.append(("information-details", {"information_details": changes.get("information_details", SAR_WORDS)}))
    pages += period(period_known)
    if requesting_for == "someone_else":
        pages.append(("their-address", {
            "subject_address_line_1": "2 Low Road", "subject_address_town": "Walsall", "subject_address_postcode": "WS1 1AA",
            "subject_previous_addresses": "",
        }))
    else:
        pages.append(("address", {**ADDRESS, "previous_addresses": "9 Old Lane, Dudley DY1 1AB"}))
    pages.append(("identity", changes.get("identity", {"photo_id": "passport", "address_proof": "utility_bill"})))
    if requesting_for == "someone_else":
        pages.append(("about-you", {"full_name": "Parent Person", "organisation_name": ""}))
        pages.append(("your-address", ADDRESS))
    pages.append(("contact", {"email": "pat@example.com", "phone": "07700 900982"}))
    pages.append(("contact-preference", {"preferred_contact": "email", "safe_to_contact": changes.get("safe_to_contact", "yes")}))
    return pages


def collision_pages(requester_type: str = "driver", **changes: Any) -> Pages:
    connection: dict[str, Any] = {"requester_type": requester_type}
    if requester_type == "other":
        connection["requester_reason"] = "I own the van that was hit but was not driving it."
    pages: Pages = [("connection", connection)]
    if requester_type in ("insurer", "solicitor"):
        pages.append(("organisation", {
            "full_name": "Ines Handler", "organisation_name": "Acme Insurance",
            "organisation_reference": "CLM-88812", "acting_for": "Dee Driver",
        }))
    else:
        pages.append(("your-name", {"full_name": "Dee Driver"}))
    pages.append(("collision-date", {"collision_date-day": "3", "collision_date-month": "11", "collision_date-year": "2026"}))
    pages.append(("collision-location", {
        "collision_location": "A38 Bristol Road at the junction with Priory Road, Edgbaston", "collision_postcode": "b5 7su",
    }))
    pages.append(("find-report", {
        "police_reference": changes.get("police_reference", "20/123456/26"),
        "vehicle_registrations": changes.get("vehicle_registrations", "ab12 cde; XY65ZZZ"),
    }))
    pages.append(("documents", {"documents_wanted": changes.get("documents_wanted", ["abstract", "photographs"])}))
    pages.append(("address", ADDRESS))
    pages.append(("contact", {"email": "dee@example.com", "phone": ""}))
    return pages


def counts(app: Flask) -> tuple[int, int, int]:
    """Submissions, platform outbox messages and triage items stored."""
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


def triage_item(app: Flask) -> TriageItem:
    with app.app_context():
        item = db.session.scalars(select(TriageItem)).one()
        db.session.expunge(item)
        return item
