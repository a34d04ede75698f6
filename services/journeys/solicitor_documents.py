"""Ask for documents as a solicitor: the pages, the schema and the canonical payload.

The requester is the solicitor (platform role `requester`, firm named with them); the
client is recorded in the answers and the summary, never as the reporter.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from services.enums import ContactMethod, ReporterRole, ServiceKind
from services.enums.solicitor import AuthorityType, CaseType, DocumentType
from services.journeys import Journey, Page, PayloadContext
from services.journeys.common import ReporterFields, choice, reporter_payload, text
from services.journeys.payloads import submission, vulnerability_only

SLUG = "solicitor-request-for-documents"
CATEGORY = "solicitor_request_for_documents"
# An SRA ID as stored: the digits only, no leading zero, at most 6 of them.
SRA_NUMBER = re.compile(r"^[1-9][0-9]{0,5}$")
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/ -]{0,31}$")
NEEDED_WITHIN = timedelta(days=365 * 2)

PAGES = (
    Page("firm-details"),
    Page("office-address"),
    Page("contact"),
    Page("client"),
    Page("case"),
    Page("documents"),
    Page("authority"),
    Page("date-needed"),
)

# The summary is read by force staff, who work in English; the person's own-language
# questions and answers travel alongside it in `answers`.
CASE_TYPES = {
    CaseType.CRIMINAL_DEFENCE: "Criminal defence",
    CaseType.CIVIL_CLAIM: "Civil claim",
    CaseType.FAMILY: "Family",
    CaseType.INQUEST: "Inquest",
    CaseType.OTHER: "Other",
}
DOCUMENTS = {
    DocumentType.CUSTODY_RECORD: "Custody record",
    DocumentType.INTERVIEW_RECORDING: "Interview recording",
    DocumentType.STATEMENTS: "Statements",
    DocumentType.CRIME_REPORT: "Crime report",
    DocumentType.INCIDENT_LOG: "Incident log",
    DocumentType.BODY_WORN_VIDEO: "Body-worn video",
    DocumentType.OTHER: "Other",
}
AUTHORITIES = {
    AuthorityType.CLIENT_AUTHORITY: "Signed client authority",
    AuthorityType.COURT_ORDER: "Court order",
}

Errors = dict[str, list[str]]


class SolicitorRequestSchema(ReporterFields):
    """The whole request, as the web journey and the intake API both submit it."""

    sra_number = fields.String(required=True, validate=validate.Regexp(SRA_NUMBER, error="SRA number must be 1 to 6 digits"))
    client_name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    client_date_of_birth = fields.Date(required=True)
    case_type = choice(CaseType, required=True)
    case_type_other = text(200)
    police_reference = fields.String(
        validate=validate.Regexp(REFERENCE, error="Enter a reference of up to 32 letters, numbers, spaces, hyphens or slashes")
    )
    documents_requested = fields.List(choice(DocumentType), required=True, validate=validate.Length(min=1, max=len(DocumentType)))
    documents_other = text(1000)
    documents_details = text(2000)
    authority = choice(AuthorityType, required=True)
    court_order_details = text(500)
    needed_by = fields.Date()
    needed_by_reason = text(500)

    def __init__(self, *, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._today = today

    @validates_schema
    def check_request(self, data: dict[str, Any], **_: Any) -> None:
        today = self._today or date.today()
        errors: Errors = {}
        for name, message in (
            ("full_name", "Enter your full name"),
            ("organisation_name", "Enter the name of your firm"),
            ("address_line_1", "Enter address line 1, typically the building and street"),
            ("address_town", "Enter town or city"),
            ("address_postcode", "Enter postcode"),
            ("email", "Enter your work email address"),
            ("phone", "Enter your work phone number"),
        ):
            if not data.get(name):
                errors[name] = [message]
        born = data.get("client_date_of_birth")
        if born is not None and (born > today or born < today - timedelta(days=365 * 130)):
            errors["client_date_of_birth"] = ["Client's date of birth must be a real date in the past"]
        documents = data.get("documents_requested") or []
        if len(set(documents)) != len(documents):
            errors["documents_requested"] = ["Select each document only once"]
        for name, chosen, message in (
            ("case_type_other", data.get("case_type") == CaseType.OTHER, "Enter the type of case"),
            ("documents_other", DocumentType.OTHER in documents, "Describe the other documents you want"),
            ("court_order_details", data.get("authority") == AuthorityType.COURT_ORDER, "Enter which court order you have"),
        ):
            _revealed(data, errors, name, chosen, message)
        needed = data.get("needed_by")
        if needed is not None and not today <= needed <= today + NEEDED_WITHIN:
            errors["needed_by"] = ["The date you need them by must be between today and 2 years from now"]
        if data.get("needed_by_reason") and needed is None:
            errors["needed_by_reason"] = ["Give a reason only with the date you need them by"]
        if errors:
            raise ValidationError(errors)
        self.check_reporter(data, today)


def _revealed(data: dict[str, Any], errors: Errors, name: str, chosen: bool, message: str) -> None:
    """A follow-up answer is needed with the choice that asks for it, and only with it."""
    if chosen and not data.get(name):
        errors[name] = [message]
    elif data.get(name) and not chosen:
        errors[name] = ["Give this only with the choice that asks for it"]


def summary(data: dict[str, Any]) -> str:
    """A plain account of the request for the contact team."""
    case = CASE_TYPES[CaseType(data["case_type"])]
    if data.get("case_type_other"):
        case = f"{case}: {data['case_type_other']}"
    documents = [DOCUMENTS[DocumentType(value)] for value in data["documents_requested"]]
    if data.get("documents_other"):
        documents = [d for d in documents if d != DOCUMENTS[DocumentType.OTHER]] + [f"Other: {data['documents_other']}"]
    authority = AUTHORITIES[AuthorityType(data["authority"])]
    if data.get("court_order_details"):
        authority = f"{authority}: {data['court_order_details']}"
    lines = [
        f"Request for documents from {data['full_name']} of {data['organisation_name']} "
        f"(SRA number {data['sra_number']}), for their client {data['client_name']}, "
        f"born {data['client_date_of_birth'].strftime('%d %B %Y').lstrip('0')}.",
        f"Case type: {case}.",
        f"Force reference or crime number: {data.get('police_reference') or 'not given'}.",
        "Documents wanted: " + "; ".join(documents) + ".",
        f"Authority held: {authority}.",
    ]
    if data.get("documents_details"):
        lines.append(f"To help find them: {data['documents_details']}")
    if data.get("needed_by"):
        needed = f"Needed by {data['needed_by'].strftime('%d %B %Y').lstrip('0')}"
        lines.append(f"{needed}: {data['needed_by_reason']}" if data.get("needed_by_reason") else f"{needed}.")
    return "\n".join(lines)


def build_payload(data: dict[str, Any], context: PayloadContext) -> dict[str, Any]:
    reporter = reporter_payload({**data, "preferred_contact": ContactMethod.EMAIL.value}, ReporterRole.REQUESTER)
    return submission(
        context,
        service=SLUG,
        kind=ServiceKind.INFORMATION_REQUEST,
        reporter=reporter,
        summary=summary(data)[:20_000],
        category=CATEGORY,
        flags={**vulnerability_only(data, context), "safe_to_contact": True},
    )


SOLICITOR_DOCUMENTS_JOURNEY = Journey(
    slug=SLUG,
    kind=ServiceKind.INFORMATION_REQUEST,
    pages=PAGES,
    schema=SolicitorRequestSchema,
    build_payload=build_payload,
)
