"""The parts of the OpenAPI contract the simulator enforces, read and compiled once.

Everything the simulator checks (patterns, enums, body schemas) comes from the contract
file itself, so the double cannot drift from the document both sides build to.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

CONTRACT_PATH = Path(__file__).resolve().parent.parent / "contracts" / "national-platform.openapi.yaml"
_BASE_URI = "urn:national-platform:contract"
_MAX_REPORTED_ERRORS = 100

# Messages are built from the schema alone: jsonschema's own messages quote the offending
# value, and a submission's values are personal data that a client may well log.
_MESSAGES = {
    "type": "must be of type {}",
    "pattern": "must match the pattern {}",
    "minLength": "must be at least {} characters long",
    "maxLength": "must be at most {} characters long",
    "minItems": "must have at least {} items",
    "maxItems": "must have at most {} items",
    "minimum": "must be at least {}",
    "maximum": "must be at most {}",
    "format": "must be a valid {}",
    "uniqueItems": "must not repeat an item",
    "const": "must be {}",
    "enum": "must be one of: {}",
}


@dataclass(frozen=True)
class Contract:
    submission: Draft202012Validator
    status_event: Draft202012Validator
    idempotency_key: re.Pattern[str]
    idempotency_key_max: int
    force_reference: re.Pattern[str]
    platform_id: re.Pattern[str]
    sha256: re.Pattern[str]
    statuses: tuple[str, ...]
    attachment_types: frozenset[str]

    def submission_errors(self, body: Any) -> list[dict[str, str]]:
        """Every way the body breaks the Submission schema, as RFC 9457 `errors` entries."""
        found: list[dict[str, str]] = []
        for error in self.submission.iter_errors(body):
            found.extend(describe(error))
            if len(found) >= _MAX_REPORTED_ERRORS:
                break
        return sorted(found, key=lambda item: (item["pointer"], item["message"]))[:_MAX_REPORTED_ERRORS]

    def status_event_errors(self, event: Any) -> list[dict[str, str]]:
        return sorted((entry for error in self.status_event.iter_errors(event) for entry in describe(error)), key=lambda e: e["pointer"])


def pointer(path: Any) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def describe(error: ValidationError) -> list[dict[str, str]]:
    """Turn one schema error into pointer/message pairs that name the field, never its value."""
    where = list(error.absolute_path)
    keyword = str(error.validator)
    value = error.validator_value
    instance = error.instance
    if keyword == "required" and isinstance(instance, dict):
        return [{"pointer": pointer([*where, name]), "message": "is required"} for name in value if name not in instance]
    if keyword == "additionalProperties" and isinstance(instance, dict):
        known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        return [{"pointer": pointer([*where, name]), "message": "is not allowed here"} for name in instance if name not in known]
    template = _MESSAGES.get(keyword)
    if template is None:
        return [{"pointer": pointer(where), "message": f"breaks the '{keyword}' rule"}]
    if keyword == "const":
        shown = json.dumps(value)
    elif keyword == "enum":
        shown = ", ".join(str(item) for item in value)
    else:
        shown = str(value)
    return [{"pointer": pointer(where), "message": template.format(shown)}]


def _validator(registry: Registry[Any], name: str) -> Draft202012Validator:
    schema = {"$ref": f"{_BASE_URI}#/components/schemas/{name}"}
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def _anchored(pattern: str) -> re.Pattern[str]:
    # The contract's patterns are ECMA-262 with ^...$; fullmatch stops a trailing newline slipping past "$".
    return re.compile(pattern.removeprefix("^").removesuffix("$"))


@lru_cache(maxsize=4)
def load_contract(path: Path = CONTRACT_PATH) -> Contract:
    """Parse and compile once per process; a Contract is immutable, so apps may share it."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    registry: Registry[Any] = Registry().with_resource(_BASE_URI, Resource.from_contents(document, default_specification=DRAFT202012))
    components = document["components"]
    schemas = components["schemas"]
    key_schema = components["parameters"]["IdempotencyKey"]["schema"]
    paths = document["paths"]
    upload = paths["/v1/attachments/{sha256}"]["put"]
    sha_schema = next(p for p in upload["parameters"] if p.get("name") == "sha256")["schema"]
    platform_schema = paths["/v1/submissions/{platform_id}"]["get"]["parameters"][0]["schema"]
    contract = Contract(
        submission=_validator(registry, "Submission"),
        status_event=_validator(registry, "StatusEvent"),
        idempotency_key=_anchored(key_schema["pattern"]),
        idempotency_key_max=int(key_schema["maxLength"]),
        force_reference=_anchored(schemas["ForceReference"]["pattern"]),
        platform_id=_anchored(platform_schema["pattern"]),
        sha256=_anchored(sha_schema["pattern"]),
        statuses=tuple(schemas["Status"]["enum"]),
        attachment_types=frozenset(upload["requestBody"]["content"]),
    )
    # Compile the $ref chains now so the first real request does not pay for it.
    contract.submission.is_valid({})
    contract.status_event.is_valid({})
    return contract
