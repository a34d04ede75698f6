"""Ask about a partner's history of abuse (Clare's Law, the Domestic Violence Disclosure
Scheme's "right to ask"): the pages, the routing between them, and the canonical payload.

Anyone may ask: about their own partner or ex-partner, or about the partner of someone
they are worried about. Whoever asks, the request is about domestic abuse, so it always
carries the `domestic_abuse` flag: that puts it first on the triage queue and stops any
confirmation email (see services/notifications.py).
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, post_load, validate, validates_schema

from services.enums import RiskFactor, ServiceKind, YesNo, YesNoUnknown
from services.enums.disclosure import AskingFor, RelationshipLength, RelationshipStatus
from services.journeys import Exit, Journey, Page, PayloadContext, answer_is
from services.journeys.common import choice, text
from services.journeys.disclosure import SAFE_CONTACT_PAGES, DisclosureFields, Errors, disclosure_payload

SLUG = "clares-law-right-to-ask"
CATEGORY = "dvds_right_to_ask"
MINIMUM_PARTNER_AGE = 16  # the scheme covers relationships from 16
AT_RISK_FIELDS = ("at_risk_name", "at_risk_relationship", "at_risk_aware")
IDENTIFIERS = ("subject_date_of_birth", "subject_age", "subject_address", "subject_description")


PAGES = (
    Page("immediate-danger"),
    Page("asking-for"),
    Page("person-at-risk", applies=answer_is("asking_for", AskingFor.SOMEONE_ELSE)),
    Page("partner-details"),
    Page("relationship", applies=answer_is("asking_for", AskingFor.SELF)),
    Page("their-relationship", applies=answer_is("asking_for", AskingFor.SOMEONE_ELSE)),
    Page("reason"),
    Page("your-details"),
    *SAFE_CONTACT_PAGES,
    Page("support-needs"),
)


class ClaresLawSchema(DisclosureFields):
    """The whole request, as the web journey and the intake API both submit it."""

    immediate_danger = choice(YesNo, required=True)
    asking_for = choice(AskingFor, required=True)
    at_risk_name = text(200)
    at_risk_relationship = text(200)
    at_risk_aware = choice(YesNoUnknown)
    subject_description = text(1000)
    relationship_status = choice(RelationshipStatus, required=True)
    relationship_length = choice(RelationshipLength, required=True)
    living_together = choice(YesNoUnknown, required=True)
    children_together = choice(YesNoUnknown, required=True)
    reason = fields.String(required=True, validate=validate.Length(min=1, max=5000))

    @validates_schema
    def check_request(self, data: dict[str, Any], **_: Any) -> None:
        errors: Errors = {}
        if data.get("immediate_danger") == YesNo.YES:
            errors["immediate_danger"] = ["If anyone is in immediate danger, call 999"]
        for_someone_else = data.get("asking_for") == AskingFor.SOMEONE_ELSE
        for name in AT_RISK_FIELDS:
            if for_someone_else and not data.get(name):
                errors[name] = ["Tell us about the person you are worried about"]
            elif data.get(name) and not for_someone_else:
                errors[name] = ["Give this only when asking for someone else"]
        if data.get("asking_for") == AskingFor.SELF:
            # Someone asking about their own relationship knows these; "unknown" is for others.
            for name in ("relationship_length", "living_together", "children_together"):
                if data.get(name) == "unknown":
                    errors[name] = ["Answer yes or no about your own relationship"]
        if not any(data.get(name) not in (None, "") for name in IDENTIFIERS):
            errors["subject_date_of_birth"] = [
                "Enter the partner's date of birth, approximate age, address or what they look like"
            ]
        self.check_subject(data, errors, minimum_age=MINIMUM_PARTNER_AGE)
        self.check_requester(data, errors)
        self.check_safe_contact(data, errors)
        if errors:
            raise ValidationError(errors)
        self.check_reporter(data, self.today())

    @post_load
    def mark_domestic_abuse(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        # Raised from the answers like any other risk factor, so the triage queue and the
        # payload's flags agree (services/vulnerability.py reads `risk_factors`).
        data["risk_factors"] = [RiskFactor.DOMESTIC_ABUSE.value]
        return data


def build_payload(data: dict[str, Any], context: PayloadContext) -> dict[str, Any]:
    return disclosure_payload(data, context, service=SLUG, category=CATEGORY, summary=data["reason"])


CLARES_LAW_JOURNEY = Journey(
    slug=SLUG,
    kind=ServiceKind.INFORMATION_REQUEST,
    pages=PAGES,
    schema=ClaresLawSchema,
    build_payload=build_payload,
    exits=(Exit(page="immediate-danger", when=answer_is("immediate_danger", YesNo.YES), to="call-999"),),
)
