"""Plain enumerations for reporting a road traffic incident. No behaviour lives here."""

from __future__ import annotations

from enum import StrEnum


class IncidentType(StrEnum):
    COLLISION = "collision"
    # Dangerous or careless driving where nothing was hit (often seen on a dashcam).
    DANGEROUS_DRIVING = "dangerous_driving"
    # A collision where a driver drove off or would not give their details.
    FAIL_TO_STOP = "fail_to_stop"


class Involvement(StrEnum):
    """How the person was involved; the journey maps each onto a platform reporter role."""

    DRIVER = "driver"
    PASSENGER = "passenger"
    # Their vehicle was hit while nobody was in it, typically while parked.
    KEEPER = "keeper"
    RIDER = "rider"
    PEDESTRIAN = "pedestrian"
    WITNESS = "witness"
    ORGANISATION = "organisation"


class InjurySeverity(StrEnum):
    NONE = "none"
    MINOR = "minor"
    HOSPITAL = "hospital"
    SERIOUS = "serious"


class DetailsExchanged(StrEnum):
    YES = "yes"
    NO = "no"
    REFUSED = "refused"
    UNKNOWN = "unknown"


class FootageSource(StrEnum):
    DASHCAM = "dashcam"
    HELMET_CAMERA = "helmet_camera"
    PHONE = "phone"
    CCTV = "cctv"
    OTHER = "other"


# The value the "I do not know the registration number" box posts.
REGISTRATION_UNKNOWN = "unknown"
# The "none of these vehicles" answer an organisation may give.
NO_OWN_VEHICLE = "none"
