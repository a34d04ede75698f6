"""The request guard decodes form bodies strictly, as Werkzeug does not."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from forms.validators import BEYOND_ANY_RANGE, whole_number
from frontcounter.api.parsing import BodyProblem, parse_json_object
from frontcounter.input_guard import BadInput, check_text, check_urlencoded


def test_any_unicode_text_passes() -> None:
    text = "O'Brien 👩🏽‍🚒 e\u0301 ﷽ Llanfair­pwll <b>&amp; ; DROP TABLE x; --\ttab\r\nline"
    check_urlencoded(urlencode({"name": text, "other": ""}).encode(), max_fields=10)


@pytest.mark.parametrize(
    "body",
    [b"name=%FF%FE", b"name=%C3", b"na%80me=x", b"name=a%00b", b"name=%1B[31m", b"name=%7F", b"name=%C2%85"],
)
def test_bad_bytes_and_control_characters_are_refused(body: bytes) -> None:
    with pytest.raises(BadInput):
        check_urlencoded(body, max_fields=10)


def test_field_count_is_limited() -> None:
    check_urlencoded(b"&".join([b"a=1"] * 10), max_fields=10)
    with pytest.raises(BadInput, match="too many fields"):
        check_urlencoded(b"&".join([b"a=1"] * 11), max_fields=10)


def test_control_characters_in_plain_text() -> None:
    check_text("line one\nline two\ttabbed")
    with pytest.raises(BadInput):
        check_text("bell\x07")


def test_lone_surrogates_are_refused_as_text() -> None:
    # Only a JSON "\ud800" escape can make one; it cannot be encoded, so stored or sent it would crash.
    with pytest.raises(BadInput, match="lone surrogate"):
        check_text("a\ud800b")
    check_text("👩🏽\u200d⚕️")  # a real pair, decoded, is one character and fine


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"a": 1' + b"9" * 5000 + b"}", "not valid JSON"),  # int() refuses more than 4,300 digits
        (b'{"a": "x\\ud800"}', "lone surrogate"),
        (b'{"a": "x\\u0000"}', "control character"),
    ],
)
def test_json_bodies_that_would_crash_later_are_refused(body: bytes, reason: str) -> None:
    with pytest.raises(BodyProblem, match=reason):
        parse_json_object(body)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("7", 7), ("007", 7), ("٣", 3), ("", None), ("²", None), ("①", None), ("-1", None), ("1.5", None),
     ("9" * 5000, BEYOND_ANY_RANGE), ("0" * 5000 + "12", 12)],
)
def test_whole_numbers_never_reach_an_int_that_would_fail(text: str, expected: int | None) -> None:
    assert whole_number(text) == expected
