"""Vehicles as any journey records them: UK registration numbers and a vehicle's description.

The registration rule is the same as the web form's (`forms/registration.py`), applied again
here because this is what the server trusts, whichever channel the answers came from. Both the
road traffic incident and reporting a stolen or abandoned vehicle (`spaces_only=True`) use it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from marshmallow import Schema, ValidationError, fields, validates_schema

from services.enums.road_traffic import REGISTRATION_UNKNOWN
from services.journeys.common import text

_FORMATS = (
    re.compile(r"^([A-Z]{2}[0-9]{2})([A-Z]{3})$"),  # current, since 2001: AB12 CDE
    re.compile(r"^([A-Z][0-9]{1,3})([A-Z]{3})$"),  # prefix, 1983 to 2001: A123 BCD
    re.compile(r"^([A-Z]{3})([0-9]{1,3}[A-Z])$"),  # suffix, 1963 to 1983: ABC 123D
    re.compile(r"^([A-Z]{1,3})([0-9]{1,4})$"),  # dateless, and Northern Ireland: ABC 1234
    re.compile(r"^([0-9]{1,4})([A-Z]{1,3})$"),  # dateless, numbers first: 1234 AB
)
_SEPARATORS = re.compile(r"[\s\-.]+")
_SPACES = re.compile(r"\s+")
MAX_VEHICLES = 10


def compact_registration(value: str, *, spaces_only: bool = False) -> str:
    """Upper case, without the spaces (and, unless `spaces_only`, the dashes and dots) people type."""
    return (_SPACES if spaces_only else _SEPARATORS).sub("", value).upper()


def normalise_registration(value: str, *, spaces_only: bool = False) -> str | None:
    """The number with the DVLA's spacing, or None if it is not a UK registration number."""
    compact = compact_registration(value, spaces_only=spaces_only)
    for pattern in _FORMATS:
        match = pattern.match(compact)
        if match:
            return f"{match.group(1)} {match.group(2)}"
    return None


def is_uk_registration(value: str, *, spaces_only: bool = False) -> bool:
    return normalise_registration(value, spaces_only=spaces_only) is not None


def vehicle_key(number: int, vehicle: Mapping[str, Any]) -> str:
    """How a later answer points at one vehicle ("the one I was driving").

    The key carries the registration as well as the position, so if the list changes
    after the answer was given, the answer stops matching and is asked again rather than
    silently pointing at a different vehicle.
    """
    registration = vehicle.get("registration")
    return f"{number}-{compact_registration(registration) if registration else REGISTRATION_UNKNOWN}"


def vehicle_keys(vehicles: Sequence[Mapping[str, Any]]) -> list[str]:
    return [vehicle_key(number, vehicle) for number, vehicle in enumerate(vehicles, start=1)]


class VehicleSchema(Schema):
    """One vehicle: its registration number, or an explicit "not known" and something else to go on."""

    registration = text(10)
    registration_unknown = fields.Boolean(load_default=False)
    make = text(50)
    model = text(50)
    colour = text(30)
    details = text(500)

    @validates_schema
    def check_vehicle(self, data: dict[str, Any], **_: Any) -> None:
        registration = data.get("registration")
        if registration and data.get("registration_unknown"):
            raise ValidationError("Enter the registration number, or say it is not known, but not both", "registration")
        if registration:
            if not is_uk_registration(registration):
                raise ValidationError("Enter a real registration number, like AB12 CDE", "registration")
        elif not data.get("registration_unknown"):
            raise ValidationError("Enter the registration number, or say it is not known", "registration")
        elif not any(data.get(name) for name in ("make", "model", "colour", "details")):
            raise ValidationError("Describe a vehicle whose registration number is not known", "make")


def check_vehicle_list(vehicles: Sequence[Mapping[str, Any]]) -> str | None:
    """A problem with the list as a whole, or None: between one and ten, no number twice."""
    if not vehicles:
        return "Add at least one vehicle"
    if len(vehicles) > MAX_VEHICLES:
        return f"Add no more than {MAX_VEHICLES} vehicles"
    seen = [compact_registration(v["registration"]) for v in vehicles if v.get("registration")]
    if len(seen) != len(set(seen)):
        return "Each vehicle must have a different registration number"
    return None
