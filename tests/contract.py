"""Validation against the project's copy of the national platform contract."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker

CONTRACT = Path(__file__).resolve().parent.parent / "integrations" / "contracts" / "national-platform.openapi.yaml"


@lru_cache(maxsize=1)
def contract() -> dict[str, Any]:
    return yaml.safe_load(CONTRACT.read_text())


def schema_validator(name: str) -> Draft202012Validator:
    document = dict(contract())
    document["$ref"] = f"#/components/schemas/{name}"
    return Draft202012Validator(document, format_checker=FormatChecker())


def contract_errors(name: str, instance: Any) -> list[str]:
    return [f"{'/'.join(map(str, error.path))}: {error.message}" for error in schema_validator(name).iter_errors(instance)]
