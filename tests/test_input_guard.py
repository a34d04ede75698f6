"""The request guard decodes form bodies strictly, as Werkzeug does not."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

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
