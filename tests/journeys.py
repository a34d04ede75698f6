"""Answers that complete each journey, page by page, and helpers to walk them."""

from __future__ import annotations

import re
from typing import Any

from tests.pages import Page, PageClient

CRIME = "/report-a-crime"

COMMON_START: list[tuple[str, dict[str, Any]]] = [
    ("happening-now", {"happening_now": "no"}),
]

REPORTER_DETAILS: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "victim": [
        ("your-details", {"full_name": "Ann Example", "date_of_birth-day": "14", "date_of_birth-month": "2", "date_of_birth-year": "1990"}),
    ],
    "witness": [("your-name", {"full_name": "Wil Witness"})],
    "third_party": [("your-name", {"full_name": "Thea Thirdparty"})],
    "organisation": [("organisation-details", {"full_name": "Olu Manager", "organisation_name": "Corner Shop Ltd", "role_in_organisation": "Manager"})],
}

CONTACT = [
    ("address", {"address_line_1": "1 High Street", "address_town": "Birmingham", "address_postcode": "b4 6nq"}),
    ("contact", {"email": "ann@example.com", "phone": "07700 900982"}),
    ("contact-preference", {"preferred_contact": "email", "safe_to_contact": "yes"}),
    ("support-needs", {"interpreter_needed": "no"}),
]


def crime_pages(role: str = "victim", category: str = "theft", **changes: Any) -> list[tuple[str, dict[str, Any]]]:
    """The pages a person in `role` reporting `category` sees, with answers that pass."""
    pages: list[tuple[str, dict[str, Any]]] = list(COMMON_START)
    pages.append(("reporter-role", {"reporter_role": role}))
    pages.append(("category", {"category": category}))
    if category != "vehicle":
        pages.append(("hostility", {"hostility": changes.get("hostility", ["none"])}))
    if changes.get("date_known", "yes") == "yes":
        pages.append(("when", {"date_known": "yes"}))
        pages.append(("when-date", {"occurred_on-day": "3", "occurred_on-month": "11", "occurred_on-year": "2026", "occurred_time": "14:30"}))
    else:
        pages.append(("when", {"date_known": "no"}))
        pages.append(("when-range", {
            "occurred_from-day": "1", "occurred_from-month": "10", "occurred_from-year": "2026",
            "occurred_to-day": "20", "occurred_to-month": "10", "occurred_to-year": "2026",
        }))
    pages.append(("where", {"postcode": "B4 6NQ", "location_description": "Outside the library"}))
    pages.append(("description", {"description": changes.get("description", "My bike was taken from the rack.")}))
    suspect = changes.get("suspect_known", "no")
    pages.append(("suspect", {"suspect_known": suspect}))
    if suspect != "no":
        pages.append(("suspect-details", {"suspect_name": "", "suspect_description": "Tall, red coat"}))
    if category in {"theft", "burglary", "criminal_damage", "vehicle", "other"}:
        involved = changes.get("property_involved", "no")
        pages.append(("property", {"property_involved": involved}))
        if involved == "yes":
            pages.append(("property-items", {
                "property_items-0-description": "Black mountain bike",
                "property_items-0-value": "450",
            }))
    pages.append(("evidence", {}))
    if role != "organisation":
        pages.append(("injuries", {"anyone_hurt": "no"}))
    if role in {"victim", "third_party"}:
        pages.append(("risk", {"risk_factors": changes.get("risk_factors", ["none"])}))
    pages.extend(REPORTER_DETAILS[role])
    pages.extend(CONTACT)
    return pages


def answer(client: PageClient, slug: str, page_id: str, data: dict[str, Any], change: bool = False) -> str:
    """Open a question page, answer it, and return where the service sent us next."""
    url = f"{slug}/{page_id}" + ("?change=1" if change else "")
    client.get(url)
    response = client.post(url, data, expected=302)
    return response.response.headers["Location"]


def walk(client: PageClient, slug: str, pages: list[tuple[str, dict[str, Any]]]) -> Page:
    """Answer every page in order, checking each one leads to the next; ends on check answers."""
    client.get(slug)
    for index, (page_id, data) in enumerate(pages):
        location = answer(client, slug, page_id, data)
        expected = pages[index + 1][0] if index + 1 < len(pages) else "check-your-answers"
        assert location.endswith(f"{slug}/{expected}"), f"after {page_id}: went to {location}, expected {expected}"
    return client.get(f"{slug}/check-your-answers")


def send(client: PageClient, slug: str) -> str:
    """Accept and send from check answers; return the reference shown on the confirmation."""
    response = client.post(f"{slug}/check-your-answers", {}, expected=302)
    assert response.response.headers["Location"].endswith(f"{slug}/confirmation")
    confirmation = client.get(f"{slug}/confirmation")
    match = re.search(r"\b[A-Z]{2,5}-[0-9A-Z]{4}-[0-9A-Z]{4}\b", confirmation.text)
    assert match, "confirmation shows no reference"
    return match.group(0)
