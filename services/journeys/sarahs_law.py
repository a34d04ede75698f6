"""Ask about a child's safety (Sarah's Law, the Child Sex Offender Disclosure Scheme): the
pages, the routing between them, and the canonical payload.

Every request is about children under 18, so it always carries the `under_18` flag.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from services.enums import RiskFactor, ServiceKind, YesNo
from services.enums.disclosure import ChildRelationship
from services.journeys import Exit, Journey, Page, PayloadContext, answer_is
from services.journeys.common import choice, text
from services.journeys.disclosure import SAFE_CONTACT_PAGES, DisclosureFields, Errors, disclosure_payload

SLUG = "sarahs-law-disclosure-request"
CATEGORY = "csods_disclosure_request"
MAX_CHILDREN = 10
MINIMUM_SUBJECT_AGE = 10


PAGES = (
    Page("immediate-danger"),
    Page("children"),
    Page("your-relationship"),
    Page("person-details"),
    Page("concern"),
    Page("your-details"),
    *SAFE_CONTACT_PAGES,
    Page("support-needs"),
)


class Child(Schema):
    first_name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    age = fields.Integer(required=True, strict=False, validate=validate.Range(min=0, max=17))


class SarahsLawSchema(DisclosureFields):
    """The whole request, as the web journey and the intake API both submit it."""

    immediate_danger = choice(YesNo, required=True)
    children = fields.List(fields.Nested(Child), required=True, validate=validate.Length(min=1, max=MAX_CHILDREN))
    relationship_to_child = choice(ChildRelationship, required=True)
    relationship_other = text(200)
    subject_contact = fields.String(required=True, validate=validate.Length(min=1, max=1000))
    concern = fields.String(required=True, validate=validate.Length(min=1, max=5000))

    @validates_schema
    def check_request(self, data: dict[str, Any], **_: Any) -> None:
        errors: Errors = {}
        if data.get("immediate_danger") == YesNo.YES:
            errors["immediate_danger"] = ["If a child is in immediate danger, call 999"]
        other = data.get("relationship_to_child") == ChildRelationship.OTHER
        if other and not data.get("relationship_other"):
            errors["relationship_other"] = ["Enter your relationship to the child or children"]
        elif data.get("relationship_other") and not other:
            errors["relationship_other"] = ["Give your relationship only when you select other"]
        self.check_subject(data, errors, minimum_age=MINIMUM_SUBJECT_AGE)
        self.check_requester(data, errors)
        self.check_safe_contact(data, errors)
        if errors:
            raise ValidationError(errors)
        self.check_reporter(data, self.today())

    @post_load
    def mark_children(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        # The children are all under 18 (the schema checks it): flag it as a risk factor so
        # the triage queue and the payload's flags agree (services/vulnerability.py).
        data["risk_factors"] = [RiskFactor.UNDER_18.value]
        return data


def build_payload(data: dict[str, Any], context: PayloadContext) -> dict[str, Any]:
    return disclosure_payload(data, context, service=SLUG, category=CATEGORY, summary=data["concern"])


SARAHS_LAW_JOURNEY = Journey(
    slug=SLUG,
    kind=ServiceKind.INFORMATION_REQUEST,
    pages=PAGES,
    schema=SarahsLawSchema,
    build_payload=build_payload,
    exits=(Exit(page="immediate-danger", when=answer_is("immediate_danger", YesNo.YES), to="call-999"),),
)
