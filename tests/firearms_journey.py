"""Answers that complete the firearm and shotgun certificate journey, page by page."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from services.journeys.firearms import five_years_before

FIREARMS = "/apply-for-a-firearm-or-shotgun-certificate"
TODAY = date.today()
FIVE_YEARS_AGO = five_years_before(TODAY)

Pages = list[tuple[str, dict[str, Any]]]


def date_parts(name: str, day: date) -> dict[str, str]:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def previous_address(index: int, line_1: str, moved_in: date, moved_out: date, postcode: str = "SY1 1AA") -> dict[str, str]:
    prefix = f"previous_addresses-{index}"
    return {
        f"{prefix}-line_1": line_1,
        f"{prefix}-town": "Shrewsbury",
        f"{prefix}-postcode": postcode,
        **date_parts(f"{prefix}-moved_in", moved_in),
        **date_parts(f"{prefix}-moved_out", moved_out),
    }


def referee(prefix: str, name: str, email: str, years: str = "6") -> dict[str, Any]:
    return {
        f"{prefix}-name": name,
        f"{prefix}-occupation": "Veterinary surgeon",
        f"{prefix}-address_line_1": "3 Broad Street",
        f"{prefix}-town": "Ludlow",
        f"{prefix}-postcode": "SY8 1NG",
        f"{prefix}-phone": "01632 960 123",
        f"{prefix}-email": email,
        f"{prefix}-years_known": years,
        f"{prefix}-confirmed": ["confirmed"],
    }


FIRST_REFEREE = referee("first_referee", "Sam Jones", "sam@example.com")
SECOND_REFEREE = referee("second_referee", "Priya Patel", "priya@example.com", years="12")

FIREARM_FOR = {
    "target_shooting": (".22 bolt-action rifle", ".22 LR"),
    "deer_stalking": ("Bolt-action rifle", ".243"),
    "pest_control": ("Air rifle, specially dangerous", ".177"),
    "collecting": ("Percussion revolver", ".36"),
    "other": ("Humane killer", ".32"),
}

EXTRA_FOR = {
    "target-club": {"target_club": "Ludlow Rifle and Pistol Club, Ludlow"},
    "shooting-land": {"shooting_land": "Oakwood Estate, Clee Hill, with the permission of the estate manager. Roe deer and foxes."},
    "other-reasons": {"other_reasons": "I collect Victorian percussion revolvers and will not fire them."},
}


def firearms_pages(
    certificate: str = "both",
    application: str = "grant",
    *,
    born: date = date(1980, 5, 17),
    moved_in: date | None = None,
    previous: list[dict[str, str]] | None = None,
    conditions: tuple[str, ...] = ("none",),
    convicted: str = "no",
    reasons: tuple[str, ...] = ("target_shooting",),
    stored_at_home: str = "yes",
) -> Pages:
    """The pages an applicant sees, with answers that pass. By default they moved home two
    years ago, so they are asked for one previous address, which covers the rest."""
    moved_in = moved_in or TODAY - timedelta(days=730)
    pages: Pages = [("certificate-type", {"certificate_type": certificate})]
    renewal = {"current_certificate_number": "FAC 12/3456"} if application == "renewal" else {}
    pages.append(("application-type", {"application_type": application, **renewal}))
    pages.append(("personal-details", {
        "full_name": "Alex Example", "previous_names": "Alex Sample", "place_of_birth": "Hereford",
        "nationality": "British", **date_parts("date_of_birth", born),
    }))
    pages.append(("home-address", {
        "address_line_1": "2 Mill Lane", "address_town": "Ludlow", "address_postcode": "sy8 1aa",
        **date_parts("moved_in", moved_in),
    }))
    if moved_in > FIVE_YEARS_AGO:
        if previous is None:
            previous = [previous_address(0, "14 Castle Street", FIVE_YEARS_AGO - timedelta(days=400), moved_in - timedelta(days=10))]
        pages.append(("previous-addresses", {key: value for entry in previous for key, value in entry.items()}))
    pages.append(("gp-consent", {"gp_consent": "yes"}))
    pages.append(("gp-details", {
        "gp_practice_name": "Portcullis Surgery", "gp_address_line_1": "Portcullis Lane", "gp_town": "Ludlow",
        "gp_postcode": "SY8 1GT", "gp_phone": "01632 960 456",
    }))
    pages.append(("medical-conditions", {"medical_conditions": list(conditions)}))
    if conditions != ("none",):
        pages.append(("medical-details", {"medical_details": "Treated for anxiety in 2015. No treatment since 2016."}))
    conviction = {"conviction_details": "Speeding, 2019, fixed fine and 3 points."} if convicted == "yes" else {}
    pages.append(("convictions", {"convicted": convicted, **conviction}))
    pages.append(("first-referee", FIRST_REFEREE))
    pages.append(("second-referee", SECOND_REFEREE))
    if certificate in ("firearm", "both"):
        firearms: dict[str, str] = {}
        for index, reason in enumerate(reasons):
            description, calibre = FIREARM_FOR[reason]
            firearms |= {f"firearms-{index}-description": description, f"firearms-{index}-calibre": calibre, f"firearms-{index}-reason": reason}
        pages.append(("firearms", firearms))
        if "target_shooting" in reasons:
            pages.append(("target-club", EXTRA_FOR["target-club"]))
        if {"deer_stalking", "pest_control"} & set(reasons):
            pages.append(("shooting-land", EXTRA_FOR["shooting-land"]))
        if {"collecting", "other"} & set(reasons):
            pages.append(("other-reasons", EXTRA_FOR["other-reasons"]))
    if certificate in ("shotgun", "both"):
        pages.append(("shotgun-use", {"shotgun_use": "Clay pigeon shooting at Ludlow Clay Club, and pigeons on Oakwood Farm."}))
    other_place = {"storage_address": "Oakwood Farm, Clee Hill, SY8 3QB"} if stored_at_home == "no" else {}
    pages.append(("storage-address", {"stored_at_home": stored_at_home, **other_place}))
    pages.append(("storage", {
        "storage_type": "cabinet_bs7558",
        "storage_description": "Cabinet bolted to the wall and floor of the back bedroom. Keys in a key safe.",
    }))
    pages.append(("contact", {"email": "alex@example.com", "phone": "07700 900 123"}))
    pages.append(("contact-preference", {"preferred_contact": "email"}))
    return pages


def upto(pages: Pages, page_id: str) -> Pages:
    """The pages answered before `page_id`."""
    return pages[: [current for current, _ in pages].index(page_id)]
