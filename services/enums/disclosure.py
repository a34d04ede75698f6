"""Plain choices for the disclosure schemes (Clare's Law and Sarah's Law). No behaviour lives here."""

from __future__ import annotations

from enum import StrEnum


class AskingFor(StrEnum):
    """Clare's Law "right to ask": a person may ask about their own partner or for someone else."""

    SELF = "self"
    SOMEONE_ELSE = "someone_else"


class RelationshipStatus(StrEnum):
    CURRENT = "current"
    ENDED = "ended"


class RelationshipLength(StrEnum):
    UNDER_6_MONTHS = "under_6_months"
    SIX_MONTHS_TO_2_YEARS = "6_months_to_2_years"
    TWO_TO_5_YEARS = "2_to_5_years"
    OVER_5_YEARS = "over_5_years"
    # Only someone asking for another person may not know.
    UNKNOWN = "unknown"


class SafeContactMethod(StrEnum):
    """Ways it is safe to contact the person; NONE means they will contact the police instead."""

    PHONE_CALL = "phone_call"
    TEXT_MESSAGE = "text_message"
    EMAIL = "email"
    LETTER = "letter"
    NONE = "none"


class ChildRelationship(StrEnum):
    PARENT = "parent"
    GUARDIAN = "guardian"
    CARER = "carer"
    OTHER = "other"
