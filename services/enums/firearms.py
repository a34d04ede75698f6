"""Plain enumerations for the firearm and shotgun certificate application. No behaviour lives here."""

from __future__ import annotations

from enum import StrEnum


class CertificateType(StrEnum):
    FIREARM = "firearm"
    SHOTGUN = "shotgun"
    # A firearm and a shotgun certificate granted together, to run to the same expiry date.
    BOTH = "both"


class ApplicationType(StrEnum):
    GRANT = "grant"
    RENEWAL = "renewal"


class MedicalCondition(StrEnum):
    """The relevant medical conditions listed on the Home Office's form 201."""

    ACUTE_STRESS = "acute_stress"
    SELF_HARM = "self_harm"
    DEPRESSION_OR_ANXIETY = "depression_or_anxiety"
    DEMENTIA = "dementia"
    MANIA_BIPOLAR_OR_PSYCHOSIS = "mania_bipolar_or_psychosis"
    PERSONALITY_DISORDER = "personality_disorder"
    NEUROLOGICAL = "neurological"
    NEURODEVELOPMENTAL = "neurodevelopmental"
    ALCOHOL_OR_DRUGS = "alcohol_or_drugs"
    OTHER = "other"


class FirearmReason(StrEnum):
    """The 'good reason' for a firearm."""

    TARGET_SHOOTING = "target_shooting"
    DEER_STALKING = "deer_stalking"
    PEST_CONTROL = "pest_control"
    COLLECTING = "collecting"
    OTHER = "other"


class StorageType(StrEnum):
    CABINET_BS7558 = "cabinet_bs7558"
    CABINET_OTHER = "cabinet_other"
    GUN_ROOM = "gun_room"
    OTHER = "other"


class HistoryProblem(StrEnum):
    """What is wrong with an address history, so the page can say it in the person's language."""

    FUTURE_DATE = "future_date"
    MOVED_OUT_BEFORE_IN = "moved_out_before_in"
    # More than a month between leaving one address and moving in to the next.
    GAP = "gap"
    # The addresses do not go back five years.
    TOO_SHORT = "too_short"
