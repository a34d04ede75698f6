"""Plain enumerations for the information-request services: Freedom of Information,
subject access and collision reports. No behaviour lives here."""

from __future__ import annotations

from enum import StrEnum


class InformationFormat(StrEnum):
    """How a Freedom of Information requester would like the information (FOIA s.11 and s.11A)."""

    EMAIL = "email"
    SPREADSHEET = "spreadsheet"
    PRINTED = "printed"


class RequestingFor(StrEnum):
    MYSELF = "myself"
    SOMEONE_ELSE = "someone_else"


class Authority(StrEnum):
    """What lets someone ask for another person's information."""

    WRITTEN_PERMISSION = "written_permission"
    PARENT = "parent"
    LEGAL_REPRESENTATIVE = "legal_representative"


class PersonalInformationType(StrEnum):
    CRIME_REPORTS = "crime_reports"
    CUSTODY_RECORDS = "custody_records"
    CALLS = "calls"
    BODY_WORN_VIDEO = "body_worn_video"
    OTHER = "other"


class PhotoId(StrEnum):
    PASSPORT = "passport"
    DRIVING_LICENCE = "driving_licence"
    OTHER = "other"
    NONE = "none"


class AddressProof(StrEnum):
    UTILITY_BILL = "utility_bill"
    BANK_STATEMENT = "bank_statement"
    COUNCIL_TAX = "council_tax"
    BENEFITS_LETTER = "benefits_letter"
    OTHER = "other"


class CollisionRequester(StrEnum):
    DRIVER = "driver"
    PASSENGER = "passenger"
    PEDESTRIAN = "pedestrian"
    INSURER = "insurer"
    SOLICITOR = "solicitor"
    OTHER = "other"


class CollisionDocument(StrEnum):
    FULL_REPORT = "full_report"
    ABSTRACT = "abstract"
    WITNESS_STATEMENTS = "witness_statements"
    PHOTOGRAPHS = "photographs"
    SKETCH_PLAN = "sketch_plan"
