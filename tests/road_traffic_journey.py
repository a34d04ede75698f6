"""Answers that complete the road traffic incident journey, page by page, for each branch."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.journeys import CONTACT, answer
from tests.pages import PageClient

RTI = "/report-a-road-traffic-incident"

REPORTER_DETAILS: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "victim": [
        ("your-details", {"full_name": "Dee Driver", "date_of_birth-day": "14", "date_of_birth-month": "2", "date_of_birth-year": "1990"}),
    ],
    "witness": [("your-name", {"full_name": "Wil Witness"})],
    "organisation": [("organisation-details", {"full_name": "Fay Fleet", "organisation_name": "Midland Vans Ltd", "role_in_organisation": "Fleet manager"})],
}
ROLE_OF = {
    "driver": "victim", "passenger": "victim", "keeper": "victim", "rider": "victim", "pedestrian": "victim",
    "witness": "witness", "organisation": "organisation",
}
HAS_OWN_VEHICLE = {"driver", "passenger", "keeper", "organisation"}

TWO_VEHICLES = {
    "vehicles-0-registration": "ab12cde",
    "vehicles-0-make": "Ford",
    "vehicles-0-model": "Focus",
    "vehicles-0-colour": "Blue",
    "vehicles-1-registration_unknown": "unknown",
    "vehicles-1-make": "Vauxhall",
    "vehicles-1-colour": "Red",
    "vehicles-1-details": "Dent in the driver’s door, plate started WX",
}


def date_parts(day: date, name: str = "occurred_on") -> dict[str, str]:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def rti_pages(
    involvement: str = "driver",
    incident_type: str = "collision",
    *,
    days_ago: int = 2,
    occurred_time: str = "08:15",
    vehicles: dict[str, str] | None = None,
    own_vehicle: str = "1-AB12CDE",
    injury_severity: str = "none",
    details_exchanged: str = "no",
    has_footage: str = "no",
    account: str = "The red car pulled out of the junction without looking and hit my front wing.",
) -> list[tuple[str, dict[str, Any]]]:
    """The pages a person sees for these answers, with answers that pass, in order."""
    occurred = date.today() - timedelta(days=days_ago)
    pages: list[tuple[str, dict[str, Any]]] = [
        ("happening-now", {"happening_now": "no"}),
        ("incident-type", {"incident_type": incident_type}),
        ("involvement", {"involvement": involvement}),
        ("when", {**date_parts(occurred), "occurred_time": occurred_time}),
    ]
    if incident_type == "dangerous_driving" and days_ago > 7:
        pages.append(("reporting-late", {}))
    pages.append(("where", {"location_road": "Bristol Road", "location_town": "Birmingham", "postcode": "b29 6bd", "location_description": "At the junction with Priory Road"}))
    pages.append(("vehicles", vehicles if vehicles is not None else TWO_VEHICLES))
    if involvement in HAS_OWN_VEHICLE:
        pages.append(("your-vehicle", {"own_vehicle": own_vehicle}))
    pages.append(("injuries", {"injury_severity": injury_severity}))
    if injury_severity != "none":
        pages.append(("injury-details", {"injury_details": "My neck hurt; I was checked at A&E and sent home."}))
    if incident_type in ("collision", "fail_to_stop"):
        exchanged: dict[str, Any] = {"details_exchanged": details_exchanged}
        if details_exchanged == "yes":
            exchanged["other_insurance"] = "Admiral, policy P123456"
        pages.append(("details-exchanged", exchanged))
    pages.append(("footage", {"has_footage": has_footage}))
    if has_footage == "yes":
        pages.append(("footage-details", {
            "footage_source": ["dashcam"],
            "footage_description": "The red car pulling out and the collision",
            "footage_length": "About 2 minutes",
        }))
    pages.append(("evidence", {}))
    pages.append(("account", {"account": account}))
    pages.extend(REPORTER_DETAILS[ROLE_OF[involvement]])
    pages.extend(CONTACT)
    return pages


def reach(client: PageClient, pages: list[tuple[str, dict[str, Any]]], page_id: str) -> None:
    """Answer every page before `page_id`, starting from the start page."""
    client.get(RTI)
    for current, data in pages:
        if current == page_id:
            return
        answer(client, RTI, current, data)
    raise AssertionError(f"{page_id} is not on this journey")
