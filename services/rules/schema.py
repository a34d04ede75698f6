"""The shape of the rules file, as marshmallow schemas: every key, type and limit, and the
cross-references between sections (flags, units, rule ids, services and answer fields)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.enums import Grade, VulnerabilityFlag

RULES_FORMAT = 1
IDENTIFIER = validate.Regexp(r"^[a-z][a-z0-9_]{0,63}$", error="Use lower-case letters, digits and _ (up to 64), starting with a letter.")
FIELD_PATH = validate.Regexp(
    r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$", error="Name an answer field, like description or property_items.description."
)
DURATION = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$")
TARGET_KEYS = ("untriaged", "untriaged_vulnerable", *(grade.value for grade in Grade))
# Columns the suggestions are stored in are 64 characters wide.
LABEL = validate.Length(min=1, max=64)


@dataclass(frozen=True)
class Vocabulary:
    """What rules may name, when the caller knows it: service slugs and answer fields."""

    services: frozenset[str]
    fields: frozenset[str]


def _check_word(word: str) -> None:
    stem = word[:-1] if word.endswith("*") else word
    if "*" in stem:
        raise ValidationError("A * may only end a word.")
    if not stem.strip() or not re.search(r"\w", stem):
        raise ValidationError("A word must have letters in it.")
    if word.endswith("*") and not re.search(r"\w{3}$", stem):
        raise ValidationError("A * needs at least 3 letters right before it.")


def _check_duration(value: str) -> None:
    found = DURATION.match(value or "")
    if not value or not found or not any(found.groups()):
        raise ValidationError("Give a duration like 15m, 4h, 2d or 1h30m.")


class WordsSchema(Schema):
    en = fields.String(required=True, validate=validate.Length(min=1, max=300))
    cy = fields.String(required=True, validate=validate.Length(min=1, max=300))


class WordListSchema(Schema):
    en = fields.List(fields.String(validate=_check_word), load_default=list)
    cy = fields.List(fields.String(validate=_check_word), load_default=list)

    @validates_schema
    def some_words(self, data: dict[str, Any], **_: Any) -> None:
        if not data.get("en") and not data.get("cy"):
            raise ValidationError("List at least one word under en or cy.", "en")


OPERATORS = ("any_of", "none_of", "missing", "at_least", "below", "age_at_least", "age_below")


class ConditionSchema(Schema):
    field = fields.String(required=True, validate=FIELD_PATH)
    any_of = fields.List(fields.String(), validate=validate.Length(min=1))
    none_of = fields.List(fields.String(), validate=validate.Length(min=1))
    missing = fields.Boolean()
    at_least = fields.Float()
    below = fields.Float()
    age_at_least = fields.Integer(validate=validate.Range(min=0, max=130))
    age_below = fields.Integer(validate=validate.Range(min=0, max=130))

    @validates_schema
    def one_operator(self, data: dict[str, Any], **_: Any) -> None:
        given = [name for name in OPERATORS if name in data]
        if len(given) != 1:
            raise ValidationError("Give exactly one of " + ", ".join(OPERATORS) + ".", "field")


class MatchSchema(Schema):
    services = fields.List(fields.String(), validate=validate.Length(min=1))
    not_services = fields.List(fields.String(), validate=validate.Length(min=1))
    answers = fields.List(fields.Nested(ConditionSchema), validate=validate.Length(min=1))
    flags = fields.List(fields.String(validate=IDENTIFIER), validate=validate.Length(min=1))
    words = fields.Nested(WordListSchema)


class FlagSchema(Schema):
    weight = fields.Integer(required=True, validate=validate.Range(min=0, max=1000))
    label = fields.Nested(WordsSchema, required=True)


class RuleSchema(Schema):
    id = fields.String(required=True, validate=IDENTIFIER)
    match = fields.Nested(MatchSchema, required=True)


class SignalSchema(RuleSchema):
    flag = fields.String(required=True, validate=IDENTIFIER)
    # Without a weight, the flag's own weight is used.
    weight = fields.Integer(validate=validate.Range(min=0, max=1000))
    reason = fields.Nested(WordsSchema, required=True)


class QualitySchema(RuleSchema):
    reason = fields.Nested(WordsSchema, required=True)


class ClassificationSchema(RuleSchema):
    incident_category = fields.String(required=True, validate=LABEL)
    crime_class = fields.String(allow_none=True, load_default=None, validate=LABEL)


class AllocationSchema(RuleSchema):
    unit = fields.String(required=True, validate=IDENTIFIER)


class CompletenessSchema(RuleSchema):
    reason = fields.Nested(WordsSchema, required=True)
    question = fields.Nested(WordsSchema, required=True)


class TargetSchema(Schema):
    target = fields.String(required=True, validate=_check_duration)
    warn_before = fields.String(required=True, validate=_check_duration)


TargetsSchema = Schema.from_dict({key: fields.Nested(TargetSchema, required=True) for key in TARGET_KEYS}, name="TargetsSchema")


class RulesDocumentSchema(Schema):
    format = fields.Integer(required=True, validate=validate.Equal(RULES_FORMAT, error="This version reads format {other}."))
    text_fields = fields.List(fields.String(validate=FIELD_PATH), required=True, validate=validate.Length(min=1))
    flags = fields.Dict(keys=fields.String(validate=IDENTIFIER), values=fields.Nested(FlagSchema), required=True)
    units = fields.Dict(keys=fields.String(validate=IDENTIFIER), values=fields.Nested(WordsSchema), required=True)
    default_unit = fields.String(required=True, validate=IDENTIFIER)
    targets = fields.Nested(TargetsSchema, required=True)
    signals = fields.List(fields.Nested(SignalSchema), load_default=list)
    quality = fields.List(fields.Nested(QualitySchema), load_default=list)
    classification = fields.List(fields.Nested(ClassificationSchema), load_default=list)
    allocation = fields.List(fields.Nested(AllocationSchema), load_default=list)
    completeness = fields.List(fields.Nested(CompletenessSchema), load_default=list)

    def __init__(self, *, vocabulary: Vocabulary | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.vocabulary = vocabulary

    @validates_schema
    def cross_references(self, data: dict[str, Any], **_: Any) -> None:
        errors: dict[str, Any] = {}

        def problem(path: tuple[Any, ...], message: str) -> None:
            node = errors
            for part in path[:-1]:
                node = node.setdefault(part, {})
            node.setdefault(path[-1], []).append(message)

        flags, units = data["flags"], data["units"]
        for flag in VulnerabilityFlag:
            if flag.value not in flags:
                problem(("flags",), f"Give a weight and label for the platform's flag {flag.value}.")
        if data["default_unit"] not in units:
            problem(("default_unit",), f"Unit {data['default_unit']} is not listed under units.")
        for key in TARGET_KEYS:
            target = data["targets"][key]
            if duration_minutes(target["warn_before"]) >= duration_minutes(target["target"]):
                problem(("targets", key, "warn_before"), "The warning must come before the target: make it shorter.")
        seen: set[str] = set()
        for section in ("signals", "quality", "classification", "allocation", "completeness"):
            for index, rule in enumerate(data[section]):
                if rule["id"] in seen:
                    problem((section, index, "id"), f"Rule id {rule['id']} is used twice: ids must be unique.")
                seen.add(rule["id"])
                if section == "signals" and rule["flag"] not in flags:
                    problem((section, index, "flag"), f"Flag {rule['flag']} is not listed under flags.")
                if section == "allocation" and rule["unit"] not in units:
                    problem((section, index, "unit"), f"Unit {rule['unit']} is not listed under units.")
                self._check_match(rule["match"], (section, index, "match"), flags, problem,
                                  needs_test=section in ("signals", "quality", "completeness"))
        if self.vocabulary is not None:
            for index, name in enumerate(data["text_fields"]):
                if name.split(".")[0] not in self.vocabulary.fields:
                    problem(("text_fields", index), f"No service asks a question called {name.split('.')[0]}.")
        if errors:
            raise ValidationError(errors)

    def _check_match(self, match: dict[str, Any], path: tuple[Any, ...], flags: dict[str, Any], problem: Any,
                     *, needs_test: bool) -> None:
        if needs_test and not (match.get("answers") or match.get("words") or match.get("flags")):
            problem(path, "Say when this rule fires: give answers, words or flags.")
        for index, flag in enumerate(match.get("flags") or ()):
            if flag not in flags:
                problem((*path, "flags", index), f"Flag {flag} is not listed under flags.")
        if self.vocabulary is None:
            return
        for key in ("services", "not_services"):
            for index, slug in enumerate(match.get(key) or ()):
                if slug not in self.vocabulary.services:
                    problem((*path, key, index), f"There is no service called {slug}.")
        for index, condition in enumerate(match.get("answers") or ()):
            name = condition["field"].split(".")[0]
            if name not in self.vocabulary.fields:
                problem((*path, "answers", index, "field"), f"No service asks a question called {name}.")


def duration_minutes(value: str) -> int:
    found = DURATION.match(value)
    if found is None:
        raise ValueError(value)
    days, hours, minutes = (int(part or 0) for part in found.groups())
    return (days * 24 + hours) * 60 + minutes
