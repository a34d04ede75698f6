"""Plain enumerations shared with the forms layer. No behaviour lives here."""

from __future__ import annotations

from enum import StrEnum


class ServiceKind(StrEnum):
    CRIME = "crime"
    INCIDENT = "incident"
    APPLICATION = "application"
    INFORMATION_REQUEST = "information_request"


class Channel(StrEnum):
    WEB = "web"
    API = "api"
    VOICE = "voice"
    CHAT = "chat"


class ReporterRole(StrEnum):
    """The national platform's reporter roles."""

    VICTIM = "victim"
    WITNESS = "witness"
    THIRD_PARTY = "third_party"
    ORGANISATION = "organisation"
    APPLICANT = "applicant"
    REQUESTER = "requester"
    ANONYMOUS = "anonymous"


class CrimeCategory(StrEnum):
    THEFT = "theft"
    BURGLARY = "burglary"
    CRIMINAL_DAMAGE = "criminal_damage"
    ASSAULT = "assault"
    HARASSMENT = "harassment"
    HATE = "hate"
    VEHICLE = "vehicle"
    OTHER = "other"


class HostilityMotivation(StrEnum):
    RACE = "race"
    RELIGION = "religion"
    SEXUAL_ORIENTATION = "sexual_orientation"
    DISABILITY = "disability"
    TRANSGENDER = "transgender"


class RiskFactor(StrEnum):
    UNDER_18 = "under_18"
    DISABILITY = "disability"
    MENTAL_HEALTH = "mental_health"
    REPEAT_VICTIM = "repeat_victim"
    DOMESTIC_ABUSE = "domestic_abuse"


class SuspectKnowledge(StrEnum):
    KNOWN = "known"
    CAN_DESCRIBE = "can_describe"
    NO = "no"


class ContactMethod(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    POST = "post"
    NONE = "none"


class YesNo(StrEnum):
    YES = "yes"
    NO = "no"


class YesNoUnknown(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class VulnerabilityFlag(StrEnum):
    """The national platform's vulnerability vocabulary."""

    UNDER_18 = "under_18"
    DOMESTIC_ABUSE = "domestic_abuse"
    HATE_CRIME = "hate_crime"
    REPEAT_VICTIM = "repeat_victim"
    MENTAL_HEALTH = "mental_health"
    DISABILITY = "disability"
    SELF_HARM_RISK = "self_harm_risk"
    ELDERLY = "elderly"
    LANGUAGE_BARRIER = "language_barrier"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    DEAD = "dead"
    # Recorded instead of sent when the channel has no credentials (email without a
    # Notify key): not a failure, and not retried.
    NOT_CONFIGURED = "not_configured"


class OutboxTopic(StrEnum):
    PLATFORM_SUBMISSION = "platform.submission"
    CONFIRMATION_EMAIL = "email.confirmation"
    # A message from staff to the person who reported (its words are on the tracking page too).
    MESSAGE_EMAIL = "email.message"


class AttemptOutcome(StrEnum):
    """What one delivery attempt came to, as recorded in the attempt log."""

    SENT = "sent"
    RETRY = "retry"
    DEAD = "dead"
    NOT_CONFIGURED = "not_configured"
    # The worker's lease had passed to another worker: its result was not recorded.
    STALE = "stale"


class PlatformStatus(StrEnum):
    """The national platform's status vocabulary for a submission."""

    RECEIVED = "received"
    IN_REVIEW = "in_review"
    CRIME_RECORDED = "crime_recorded"
    REFERRED = "referred"
    OFFICER_ASSIGNED = "officer_assigned"
    CLOSED = "closed"
    REJECTED = "rejected"


class TriageStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    # Waiting for the reporter to answer a request for more information.
    AWAITING_REPORTER = "awaiting_reporter"
    CLOSED = "closed"


class Grade(StrEnum):
    EMERGENCY = "emergency"
    PRIORITY = "priority"
    SCHEDULED = "scheduled"
    RESOLUTION_WITHOUT_DEPLOYMENT = "resolution_without_deployment"


class EvidenceProblem(StrEnum):
    """Why an evidence file was refused."""

    EMPTY = "empty"
    WRONG_TYPE = "wrong_type"
    TOO_LARGE = "too_large"
    TOO_MANY = "too_many"
