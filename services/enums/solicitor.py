"""Plain choices for a solicitor's request for documents. No behaviour lives here."""

from __future__ import annotations

from enum import StrEnum


class CaseType(StrEnum):
    CRIMINAL_DEFENCE = "criminal_defence"
    CIVIL_CLAIM = "civil_claim"
    FAMILY = "family"
    INQUEST = "inquest"
    OTHER = "other"


class DocumentType(StrEnum):
    CUSTODY_RECORD = "custody_record"
    INTERVIEW_RECORDING = "interview_recording"
    STATEMENTS = "statements"
    CRIME_REPORT = "crime_report"
    INCIDENT_LOG = "incident_log"
    BODY_WORN_VIDEO = "body_worn_video"
    OTHER = "other"


class AuthorityType(StrEnum):
    CLIENT_AUTHORITY = "client_authority"
    COURT_ORDER = "court_order"
