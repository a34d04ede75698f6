"""Plain choices for reporting a stolen or an abandoned vehicle (shared by its forms and its journey)."""

from __future__ import annotations

from enum import StrEnum


class VehicleReport(StrEnum):
    STOLEN = "stolen"
    ABANDONED = "abandoned"


class AbandonedConcern(StrEnum):
    """Why the police, rather than the council, should deal with an abandoned vehicle."""

    DANGER = "danger"
    SUSPICIOUS = "suspicious"


class VehicleType(StrEnum):
    CAR = "car"
    VAN = "van"
    MOTORCYCLE = "motorcycle"
    LORRY = "lorry"
    MOTORHOME = "motorhome"
    CARAVAN = "caravan"
    QUAD_BIKE = "quad_bike"
    OTHER = "other"


class KeysStatus(StrEnum):
    TAKEN = "taken"
    KEYLESS = "keyless"
    KEPT = "kept"
    UNKNOWN = "unknown"


class RegisteredKeeper(StrEnum):
    YOU = "you"
    SOMEONE_ELSE = "someone_else"


class TimeThere(StrEnum):
    LESS_THAN_A_WEEK = "less_than_a_week"
    ONE_TO_FOUR_WEEKS = "one_to_four_weeks"
    ONE_TO_THREE_MONTHS = "one_to_three_months"
    MORE_THAN_THREE_MONTHS = "more_than_three_months"
    UNKNOWN = "unknown"


class VehicleCondition(StrEnum):
    BURNT_OUT = "burnt_out"
    DAMAGED = "damaged"
    PLATES_MISSING = "plates_missing"
    WHEELS = "wheels"
    DANGEROUS = "dangerous"
