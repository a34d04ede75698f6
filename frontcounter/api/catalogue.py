"""`GET /api/v1/services`: every service and the questions it asks, in English or Welsh
(`?lang=cy`), so another channel can ask the same questions the web pages ask."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response, current_app, jsonify, request
from flask_babel import get_locale
from wtforms import Field, FieldList

from forms.fields import GovCheckboxesField, GovDateField, GovRadioField
from frontcounter.api import api
from frontcounter.api.answers import page_forms, question_fields
from frontcounter.catalogue import SERVICES, WebService
from frontcounter.problems import problem

LANGUAGES = ("en", "cy")


def _kind_of(field: Field) -> str:
    if isinstance(field, GovRadioField):
        return "choice"
    if isinstance(field, GovCheckboxesField):
        return "choices"
    if isinstance(field, GovDateField):
        return "date"
    if isinstance(field, FieldList):
        return "list"
    return "text"


def describe_question(field: Field, schema_fields: dict[str, Any]) -> dict[str, Any]:
    question: dict[str, Any] = {"name": field.name, "label": str(field.label.text), "type": _kind_of(field)}
    declared = schema_fields.get(field.name)
    question["required"] = bool(declared is not None and declared.required)
    if isinstance(field, (GovRadioField, GovCheckboxesField)):
        question["choices"] = [{"value": str(value), "label": str(label)} for value, label in field.choices]
    if hasattr(field, "max_length") and field.max_length:
        question["max_length"] = field.max_length
    return question


def describe_service(service: WebService) -> dict[str, Any]:
    schema_fields = service.journey.schema().fields
    forms = page_forms(service)
    return {
        "slug": service.slug,
        "title": str(service.title),
        "summary": str(service.summary),
        "group": service.group.value,
        "kind": service.journey.kind.value,
        "pages": [
            {"id": page.id, "questions": [describe_question(f, schema_fields) for f in question_fields(forms[page.id])]}
            for page in service.journey.pages
        ],
    }


@api.get("/services")
def list_services() -> Response:
    # Another language would silently come back in English: say so instead.
    if request.args.get("lang", "en") not in LANGUAGES:
        return problem(400, "lang must be en or cy.")
    # Building every page's form of every service is costly and the answer changes only
    # with the language (and, for questions that quote a date, the day).
    cache: dict[tuple[str, date], list[dict[str, Any]]] = current_app.extensions.setdefault("frontcounter.services_catalogue", {})
    key = (str(get_locale()), date.today())
    if key not in cache:
        for stale in [k for k in cache if k[1] != key[1]]:
            del cache[stale]
        cache[key] = [describe_service(service) for service in SERVICES.values()]
    return jsonify(services=cache[key])
