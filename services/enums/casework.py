"""Plain enumerations for the staff workspace: roles, grading, outcomes, audit actions."""

from __future__ import annotations

from enum import StrEnum


class StaffRole(StrEnum):
    """Least privilege: each role can do what the one before it can, and more."""

    CALL_HANDLER = "call_handler"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class ThriveArea(StrEnum):
    """The six parts of a THRIVE assessment, in the order they are assessed."""

    THREAT = "threat"
    HARM = "harm"
    RISK = "risk"
    INVESTIGATION = "investigation"
    VULNERABILITY = "vulnerability"
    ENGAGEMENT = "engagement"


class ThriveRating(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Outcome(StrEnum):
    """Why an item was closed."""

    ADVICE_GIVEN = "advice_given"
    CRIME_RECORDED = "crime_recorded"
    REFERRED_TO_PARTNER = "referred_to_partner"
    NO_FURTHER_ACTION = "no_further_action"
    DUPLICATE = "duplicate"


class MessageDirection(StrEnum):
    TO_REPORTER = "to_reporter"
    FROM_REPORTER = "from_reporter"


class AuditAction(StrEnum):
    """Everything done to or with an item that the audit trail records."""

    VIEWED = "viewed"
    DOWNLOADED_ATTACHMENT = "downloaded_attachment"
    CLAIMED = "claimed"
    RELEASED = "released"
    ASSIGNED = "assigned"
    GRADED = "graded"
    REGRADED = "regraded"
    ALLOCATED = "allocated"
    NOTED = "noted"
    MESSAGED = "messaged"
    ASKED_FOR_MORE = "asked_for_more"
    CLOSED = "closed"
    ESCALATED = "escalated"
    REQUEUED = "requeued"
    STAFF_CREATED = "staff_created"
    STAFF_DISABLED = "staff_disabled"
    STAFF_ENABLED = "staff_enabled"
    STAFF_ROLE_CHANGED = "staff_role_changed"
    STAFF_TWO_FACTOR_RESET = "staff_two_factor_reset"
