"""Reading a JSON request body strictly: one meaning for every body, or a clear refusal.

Python's json module would keep the last of two duplicate keys, accept NaN and Infinity,
and pass NUL, other control characters and lone surrogates (`"\\ud800"`) through; any of
those would store something other than what the caller meant, so each is refused. An
integer of more than 4,300 digits, which it refuses with a ValueError, is refused here too.
"""

from __future__ import annotations

import json
from typing import Any

from frontcounter.input_guard import BadInput, check_text

MAX_DEPTH = 20


class BodyProblem(Exception):
    """Why a body was refused; the reason quotes nothing from the body."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise BodyProblem(f"the key {key[:40]!r} appears more than once")
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise BodyProblem(f"{name} is not a number JSON allows")


def _check(value: Any, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise BodyProblem("the body is nested too deeply")
    try:
        if isinstance(value, str):
            check_text(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                check_text(key)
                _check(item, depth + 1)
        elif isinstance(value, list):
            for item in value:
                _check(item, depth + 1)
    except BadInput as error:
        raise BodyProblem(f"the body contains a {error}") from None


def parse_json_object(body: bytes) -> dict[str, Any]:
    try:
        text = body.decode("utf-8")
        document = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant)
    except UnicodeDecodeError:
        raise BodyProblem("the body is not UTF-8") from None
    except (ValueError, RecursionError):
        # ValueError covers JSONDecodeError and an integer of more than 4,300 digits.
        raise BodyProblem("the body is not valid JSON") from None
    if not isinstance(document, dict):
        raise BodyProblem("the body must be a JSON object")
    _check(document)
    return document
