"""Validation and payload pieces that every service shares: people, places, dates."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from marshmallow import Schema, ValidationError, fields, validate

from services.enums import ContactMethod, ReporterRole, YesNo

UK_TIME = ZoneInfo("Europe/London")

# The contract's own postcode pattern, applied after normalising spacing and case.
POSTCODE_PATTERN = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
PHONE_PATTERN = re.compile(r"^\+?[0-9 ]{7,20}$")
TIME_PATTERN = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")


def normalise_postcode(value: str) -> str:
    compact = re.sub(r"\s+", "", value.upper())
    if len(compact) > 3:
        return f"{compact[:-3]} {compact[-3:]}"
    return compact


def is_uk_postcode(value: str) -> bool:
    return bool(POSTCODE_PATTERN.match(normalise_postcode(value)))


def normalise_phone(value: str) -> str:
    """Keep digits, spaces and a leading plus; drop the brackets and dashes people type."""
    stripped = value.strip()
    plus = "+" if stripped.startswith("+") else ""
    digits = re.sub(r"[^0-9 ]", "", stripped)
    return plus + re.sub(r"\s+", " ", digits).strip()


def is_phone_number(value: str) -> bool:
    normalised = normalise_phone(value)
    return bool(PHONE_PATTERN.match(normalised)) and sum(c.isdigit() for c in normalised) >= 7


def choice(enum: type, **kwargs: Any) -> fields.String:
    return fields.String(validate=validate.OneOf([member.value for member in enum]), **kwargs)


def text(max_length: int, **kwargs: Any) -> fields.String:
    kwargs.setdefault("validate", validate.Length(max=max_length))
    return fields.String(**kwargs)


def parse_time(value: str | None) -> time | None:
    if not value:
        return None
    match = TIME_PATTERN.match(value.strip())
    if not match:
        return None
    return time(int(match.group(1)), int(match.group(2)))


def local_iso(day: date, at: time) -> str:
    """An ISO 8601 instant with the UK offset in force on that day."""
    return datetime.combine(day, at, tzinfo=UK_TIME).isoformat()


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class ReporterFields(Schema):
    """The person's details as every service collects them (flat, as the forms post them)."""

    full_name = text(200)
    date_of_birth = fields.Date()
    organisation_name = text(200)
    role_in_organisation = text(200)
    address_line_1 = text(200)
    address_line_2 = text(200)
    address_town = text(100)
    address_postcode = text(10)
    email = fields.Email(validate=validate.Length(max=254))
    phone = text(30)
    preferred_contact = choice(ContactMethod)
    safe_to_contact = choice(YesNo)
    interpreter_needed = choice(YesNo)
    interpreter_language = text(64)
    communication_needs = text(1000)

    def check_reporter(self, data: dict[str, Any], today: date) -> None:
        errors: dict[str, list[str]] = {}
        if data.get("date_of_birth") is not None:
            born = data["date_of_birth"]
            if born > today or born < today - timedelta(days=365 * 130):
                errors["date_of_birth"] = ["Date of birth must be a real date in the past"]
        if data.get("address_postcode") and not is_uk_postcode(data["address_postcode"]):
            errors["address_postcode"] = ["Enter a real postcode"]
        if data.get("phone") and not is_phone_number(data["phone"]):
            errors["phone"] = ["Enter a phone number, like 01632 960 001 or 07700 900 982"]
        if data.get("preferred_contact") == ContactMethod.EMAIL and not data.get("email"):
            errors["email"] = ["Enter an email address, or choose another way to contact you"]
        if data.get("preferred_contact") == ContactMethod.PHONE and not data.get("phone"):
            errors["phone"] = ["Enter a phone number, or choose another way to contact you"]
        if data.get("interpreter_needed") == YesNo.YES and not data.get("interpreter_language"):
            errors["interpreter_language"] = ["Enter the language you need an interpreter for"]
        if errors:
            raise ValidationError(errors)


def reporter_payload(data: dict[str, Any], role: ReporterRole | str) -> dict[str, Any]:
    """Map the flat reporter fields onto the contract's Reporter object, omitting blanks."""
    reporter: dict[str, Any] = {"role": str(role)}
    name = data.get("full_name")
    if data.get("organisation_name"):
        name = f"{name} ({data['organisation_name']})" if name else data["organisation_name"]
    if name:
        reporter["name"] = name[:200]
    if data.get("date_of_birth"):
        reporter["date_of_birth"] = data["date_of_birth"].isoformat()
    if data.get("email"):
        reporter["email"] = data["email"]
    if data.get("phone"):
        reporter["phone"] = normalise_phone(data["phone"])
    if data.get("preferred_contact"):
        reporter["preferred_contact"] = data["preferred_contact"]
    lines = [line for line in (data.get("address_line_1"), data.get("address_line_2")) if line]
    address: dict[str, Any] = {}
    if lines:
        address["lines"] = lines
    if data.get("address_town"):
        address["town"] = data["address_town"]
    if data.get("address_postcode"):
        address["postcode"] = normalise_postcode(data["address_postcode"])
    if address:
        reporter["address"] = address
    needs: dict[str, str] = {}
    if data.get("interpreter_needed") == YesNo.YES and data.get("interpreter_language"):
        needs["interpreter_language"] = data["interpreter_language"]
    if data.get("communication_needs"):
        needs["communication"] = data["communication_needs"]
    if needs:
        reporter["needs"] = needs
    return reporter
